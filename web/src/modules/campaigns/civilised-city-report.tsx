import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Empty, Modal, Select, Space, Statistic, Table } from 'antd';
import { useState } from 'react';
import { errorText } from '../../platform/http';
import { cityTime, dayjs } from '../../platform/time';
import { useCategories } from '../reference/reference-api';
import { campaignsApi } from './campaigns-api';

const DEFAULT_TAG = '文明城市测评';

/**
 * 文明城市测评: the cases of the categories carrying a tag (e.g. 占道经营, 乱停放, 暴露垃圾),
 * counted by district over a date range and exported; admins choose the tag's categories.
 */
export function CivilisedCityReport({ isAdmin }: { isAdmin: boolean }) {
  const tags = useQuery({ queryKey: ['category-tags'], queryFn: () => campaignsApi.tags() });
  const [chosen, setChosen] = useState<string | undefined>();
  const [range, setRange] = useState<[string, string]>(() => {
    const month = cityTime(new Date()).subtract(1, 'month');
    return [month.startOf('month').format('YYYY-MM-DD'), month.endOf('month').format('YYYY-MM-DD')];
  });
  const [editing, setEditing] = useState(false);
  const items = tags.data?.items ?? [];
  const tag = chosen ?? items.find((t) => t.tag === DEFAULT_TAG)?.tag ?? items[0]?.tag;
  const counts = useQuery({
    queryKey: ['category-tags', tag, 'cases', range],
    queryFn: () => campaignsApi.tagCounts(tag as string, range[0], range[1]),
    enabled: Boolean(tag),
  });

  return (
    <Card
      title="文明城市测评"
      extra={
        <Space wrap>
          <Select
            style={{ width: 160 }}
            placeholder="类别标签"
            aria-label="类别标签"
            value={tag}
            options={items.map((t) => ({ value: t.tag, label: t.tag }))}
            onChange={setChosen}
          />
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(range[0]), dayjs(range[1])]}
            onChange={(r) =>
              r?.[0] && r[1] && setRange([r[0].format('YYYY-MM-DD'), r[1].format('YYYY-MM-DD')])
            }
          />
          <Button
            icon={<DownloadOutlined />}
            disabled={!tag || !counts.data?.total}
            href={tag ? campaignsApi.tagExportUrl(tag, range[0], range[1]) : undefined}
          >
            导出案件
          </Button>
          {isAdmin ? <Button onClick={() => setEditing(true)}>设置类别</Button> : null}
        </Space>
      }
    >
      {tags.error ? <Alert type="error" showIcon title={errorText(tags.error)} /> : null}
      {counts.error ? <Alert type="error" showIcon title={errorText(counts.error)} /> : null}
      {!tags.isPending && items.length === 0 ? (
        <Empty
          description={
            isAdmin ? '尚未设置测评类别：点击“设置类别”选择纳入测评的案件类别' : '管理员尚未设置测评类别'
          }
        />
      ) : (
        <>
          <Space size="large" style={{ marginBottom: 12 }}>
            <Statistic
              title="案件数"
              value={counts.data?.total ?? 0}
              suffix="件"
              loading={counts.isFetching}
            />
            <Statistic
              title="已结案"
              value={counts.data?.closed ?? 0}
              suffix="件"
              loading={counts.isFetching}
            />
          </Space>
          <Table
            size="small"
            rowKey={(r) => r.districtId ?? 'none'}
            loading={counts.isFetching}
            pagination={false}
            dataSource={counts.data?.districts ?? []}
            locale={{ emptyText: '该期间没有相关案件' }}
            columns={[
              { title: '区县', dataIndex: 'districtName', render: (v: string) => v || '未定位' },
              { title: '案件数', dataIndex: 'count', align: 'right' },
            ]}
          />
          <div style={{ marginTop: 12, color: '#8c8c8c', fontSize: 12 }}>
            纳入类别：
            {items
              .find((t) => t.tag === tag)
              ?.categories.map((c) => c.name)
              .join('、') || '—'}
          </div>
        </>
      )}
      {editing ? <TagModal tag={tag ?? DEFAULT_TAG} onClose={() => setEditing(false)} /> : null}
    </Card>
  );
}

function TagModal({ tag, onClose }: { tag: string; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const categories = useCategories();
  const tags = useQuery({ queryKey: ['category-tags'], queryFn: () => campaignsApi.tags() });
  const current = tags.data?.items.find((t) => t.tag === tag)?.categories.map((c) => c.id);
  const [picked, setPicked] = useState<string[] | undefined>();
  const save = useMutation({
    mutationFn: () => {
      const byId = new Map((categories.data?.items ?? []).map((c) => [c.id, c]));
      return campaignsApi.setTag(
        tag,
        (picked ?? current ?? []).flatMap((id) => {
          const c = byId.get(id);
          return c ? [{ kind: c.kind, code: c.code }] : [];
        }),
      );
    },
    onSuccess: async () => {
      message.success('已保存测评类别');
      await client.invalidateQueries({ queryKey: ['category-tags'] });
      onClose();
    },
    onError: (err) => message.error(errorText(err)),
  });
  return (
    <Modal
      open
      title={`设置“${tag}”包含的案件类别`}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => save.mutate()}
      confirmLoading={save.isPending}
    >
      <Select
        mode="multiple"
        style={{ width: '100%' }}
        placeholder="选择事件、部件小类"
        showSearch={{ optionFilterProp: 'label' }}
        value={picked ?? current ?? []}
        onChange={setPicked}
        options={(categories.data?.items ?? []).map((c) => ({
          value: c.id,
          label: `${c.kind === 'event' ? '事件' : '部件'} ${c.code} ${c.name}`,
        }))}
      />
    </Modal>
  );
}
