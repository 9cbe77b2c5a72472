import { DownloadOutlined, PictureOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Image,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Tag,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { errorText } from '../../platform/http';
import { dayjs, formatTime } from '../../platform/time';
import { useDistricts } from '../reference/reference-api';
import {
  type CampaignDetail,
  type CampaignEntry,
  campaignState,
  campaignStateLabels,
  campaignsApi,
  type EntryFilter,
  useCampaignEntries,
} from './campaigns-api';

/** A stored value as people read it (Beijing time, 是/否). */
function display(value: unknown, type: string): string {
  if (value === undefined || value === null || value === '') return '—';
  if (type === 'datetime') return formatTime(String(value));
  if (type === 'boolean') return value ? '是' : '否';
  return String(value);
}

/** One campaign: period, counts by district, the entry list (server-paged, filtered), export, 典型. */
export function CampaignEntries({ campaign, canManage }: { campaign: CampaignDetail; canManage: boolean }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const districts = useDistricts();
  const [filter, setFilter] = useState<EntryFilter>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [photos, setPhotos] = useState<CampaignEntry | null>(null);
  const entries = useCampaignEntries(campaign.id, { ...filter, ...paging });
  const state = campaignStateLabels[campaignState(campaign)];
  const changeFilter = (next: EntryFilter) => {
    setFilter(next);
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const feature = useMutation({
    mutationFn: ({ entry, featured }: { entry: CampaignEntry; featured: boolean }) =>
      campaignsApi.setFeatured(campaign.id, entry.id, featured),
    onSuccess: async (entry) => {
      message.success(entry.featured ? '已标为典型，将列入月度通报' : '已取消典型');
      await client.invalidateQueries({ queryKey: ['campaign', campaign.id, 'entries'] });
    },
    onError: (err) => message.error(errorText(err)),
  });

  const columns: ColumnsType<CampaignEntry> = [
    ...campaign.fields.map((f) => ({
      title: f.label,
      key: `data.${f.key}`,
      render: (_: unknown, row: CampaignEntry) => display(row.data[f.key], f.type),
    })),
    { title: '区县', dataIndex: 'districtName', width: 90 },
    { title: '采集时间', dataIndex: 'observedAt', width: 150, render: (v: string) => formatTime(v) },
    {
      title: '照片',
      key: 'photos',
      width: 80,
      render: (_, row) =>
        row.photos.length > 0 ? (
          <Button size="small" type="link" icon={<PictureOutlined />} onClick={() => setPhotos(row)}>
            {row.photos.length}
          </Button>
        ) : (
          '—'
        ),
    },
    {
      title: '典型',
      key: 'featured',
      width: 70,
      render: (_, row) =>
        canManage ? (
          <Switch
            size="small"
            checked={row.featured}
            loading={feature.isPending && feature.variables?.entry.id === row.id}
            aria-label="标为典型"
            onChange={(featured) => feature.mutate({ entry: row, featured })}
          />
        ) : row.featured ? (
          <Tag color="orange">典型</Tag>
        ) : null,
    },
  ];

  return (
    <Card
      title={
        <Space>
          {campaign.name}
          <Tag color={state.color}>{state.label}</Tag>
        </Space>
      }
      extra={
        <Button
          icon={<DownloadOutlined />}
          href={campaignsApi.exportUrl(campaign.id, filter)}
          data-testid="campaign-export"
        >
          导出 Excel
        </Button>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="行动期间">
          {campaign.startsOn} 至 {campaign.endsOn}
        </Descriptions.Item>
        <Descriptions.Item label="采集字段">
          {campaign.fields.map((f) => f.label).join('、')}
        </Descriptions.Item>
        <Descriptions.Item label="通报栏目">
          {campaign.bulletinTitle ?? `${campaign.name}曝光`}
        </Descriptions.Item>
      </Descriptions>
      <Space wrap size="large" style={{ marginBottom: 12 }} data-testid="campaign-district-counts">
        <Statistic title="采集总数" value={campaign.entries} suffix="件" />
        {campaign.districts.map((d) => (
          <Statistic key={d.districtId} title={d.districtName} value={d.count} suffix="件" />
        ))}
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="全部区县"
          style={{ width: 140 }}
          aria-label="按区县筛选"
          value={filter.districtId}
          options={(districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
          onChange={(districtId) => changeFilter({ ...filter, districtId })}
        />
        <DatePicker.RangePicker
          aria-label="按日期筛选"
          value={filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null}
          onChange={(range) =>
            changeFilter({
              ...filter,
              from: range?.[0]?.format('YYYY-MM-DD'),
              to: range?.[1]?.format('YYYY-MM-DD'),
            })
          }
        />
        <Checkbox
          checked={filter.featured === 'true'}
          onChange={(e) => changeFilter({ ...filter, featured: e.target.checked ? 'true' : undefined })}
        >
          只看典型
        </Checkbox>
      </Space>
      {entries.error ? <Alert type="error" showIcon title={errorText(entries.error)} /> : null}
      <Table<CampaignEntry>
        rowKey="id"
        size="small"
        scroll={{ x: 'max-content' }}
        loading={entries.isFetching}
        dataSource={entries.data?.items ?? []}
        columns={columns}
        locale={{ emptyText: '暂无采集记录' }}
        data-testid="campaign-entries"
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: entries.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 条`,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
      {photos ? (
        <Image.PreviewGroup
          preview={{ open: true, onOpenChange: (open) => (open ? undefined : setPhotos(null)) }}
          items={photos.photos.map((sha) => campaignsApi.photoUrl(campaign.id, photos.id, sha))}
        />
      ) : null}
    </Card>
  );
}
