import { useQuery } from '@tanstack/react-query';
import { Alert, Card, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { fieldApi, type IntakeFilter, type IntakeRow } from '../../modules/field-ops/field-api';
import { machineDeviceLabels, machineSourceLabels } from '../../modules/field-ops/labels';
import { errorText } from '../../platform/http';
import { dayjs, formatTime } from '../../platform/time';
import { StatusTag } from '../../ui/status-tags';

/** 视频/无人机: machine detections, their camera or flight, and the case each became or repeats. */
export default function FieldIntakesPage() {
  const [filter, setFilter] = useState<IntakeFilter>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const intakes = useQuery({
    queryKey: ['field', 'intakes', filter, paging],
    queryFn: () => fieldApi.intakes({ ...filter, ...paging }),
    placeholderData: (p) => p,
  });
  const change = (patch: Partial<IntakeFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  return (
    <div className="page">
      <Card
        title="视频/无人机发现"
        extra={
          <Space wrap>
            <Select
              allowClear
              placeholder="来源"
              style={{ width: 110 }}
              value={filter.source}
              onChange={(v) => change({ source: v })}
              options={[
                { value: 'video', label: machineSourceLabels.video },
                { value: 'drone', label: machineSourceLabels.drone },
              ]}
            />
            <Select
              allowClear
              placeholder="处理结果"
              style={{ width: 120 }}
              value={filter.duplicate}
              onChange={(v) => change({ duplicate: v })}
              options={[
                { value: 'false', label: '已立卷' },
                { value: 'true', label: '疑似重复' },
              ]}
            />
            <Input.Search
              allowClear
              placeholder="摄像头/航班编号"
              style={{ width: 170 }}
              onSearch={(v) => change({ deviceId: v.trim() || undefined })}
            />
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              value={[filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null]}
              onChange={(v) =>
                change({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })
              }
            />
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          视频监控和无人机识别的问题进入受理队列；与同类未结案件距离和时间相近的识别结果标为疑似重复，不重复立卷。
        </Typography.Paragraph>
        {intakes.error ? <Alert type="error" showIcon title={errorText(intakes.error)} /> : null}
        <Table<IntakeRow>
          data-testid="intakes-table"
          rowKey="id"
          size="small"
          scroll={{ x: 900 }}
          loading={intakes.isPending}
          dataSource={intakes.data?.items ?? []}
          locale={{ emptyText: '暂无视频/无人机接入记录' }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: intakes.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
          columns={[
            { title: '拍摄时间', dataIndex: 'capturedAt', width: 140, render: (v: string) => formatTime(v) },
            {
              title: '来源',
              dataIndex: 'source',
              width: 90,
              render: (s: IntakeRow['source']) => (
                <Tag color={s === 'video' ? 'blue' : 'purple'}>{machineSourceLabels[s]}</Tag>
              ),
            },
            {
              title: '摄像头/航班',
              key: 'device',
              width: 200,
              render: (_, r) => `${machineDeviceLabels[r.source]} ${r.deviceId}`,
            },
            { title: '类别', key: 'category', render: (_, r) => r.category.name },
            { title: '区县', dataIndex: 'districtName', width: 80, render: (d: string | null) => d ?? '—' },
            {
              title: '处理结果',
              key: 'case',
              width: 280,
              render: (_, r) => (
                <Space size={4} wrap>
                  {r.duplicate ? <Tag color="warning">疑似重复</Tag> : <Tag color="success">已立卷</Tag>}
                  {r.duplicate ? '重复于' : null}
                  <Link to={`/cases/${r.case.id}`}>{r.case.caseNo ?? '案卷'}</Link>
                  {r.case.status ? <StatusTag status={r.case.status} /> : null}
                </Space>
              ),
            },
            {
              title: '接入方式',
              dataIndex: 'via',
              width: 130,
              render: (v: string | null) => v ?? '值班人员录入',
            },
          ]}
        />
      </Card>
    </div>
  );
}
