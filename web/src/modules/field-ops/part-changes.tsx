import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Select, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { errorText } from '../../platform/http';
import { formatTime } from '../../platform/time';
import { fieldApi, type PartChange } from './field-api';
import { changeKindLabels, changeStatusLabels } from './labels';

// 部件变更: collectors report new, moved or removed parts; each must be reported within
// 1 working day of being found (上报时效) and be in the database within 3 (入库时效).

function ReportTimeliness({ change }: { change: PartChange }) {
  return (
    <Tooltip title={`时限 ${formatTime(change.reportDueAt)}`}>
      {change.reportedOnTime ? <Tag color="success">按时</Tag> : <Tag color="error">超时</Tag>}
    </Tooltip>
  );
}

function ApplyTimeliness({ change }: { change: PartChange }) {
  const due = `时限 ${formatTime(change.applyDueAt)}`;
  if (change.appliedOnTime === true)
    return (
      <Tooltip title={due}>
        <Tag color="success">按时入库</Tag>
      </Tooltip>
    );
  if (change.appliedOnTime === false)
    return (
      <Tooltip title={due}>
        <Tag color="error">超时</Tag>
      </Tooltip>
    );
  if (change.status === 'rejected') return <Tag>—</Tag>;
  return <Tag color="processing">{`${formatTime(change.applyDueAt, 'MM-DD HH:mm')} 前`}</Tag>;
}

export function PartChanges() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [status, setStatus] = useState<PartChange['status'] | undefined>('pending');
  const changes = useQuery({
    queryKey: ['field', 'part-changes', paging, status],
    queryFn: () => fieldApi.partChanges({ ...paging, status }),
    placeholderData: (p) => p,
  });
  const decide = useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'apply' | 'reject' }) =>
      fieldApi.decidePartChange(id, decision),
    onSuccess: async (_, { decision }) => {
      message.success(decision === 'apply' ? '已入库' : '已驳回');
      await client.invalidateQueries({ queryKey: ['field'] });
    },
    onError: (err) => message.error(errorText(err)),
  });
  return (
    <Card
      title="部件变更申请"
      extra={
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 120 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={(Object.keys(changeStatusLabels) as PartChange['status'][]).map((s) => ({
            value: s,
            label: changeStatusLabels[s],
          }))}
        />
      }
    >
      {changes.error ? <Alert type="error" showIcon title={errorText(changes.error)} /> : null}
      <Table<PartChange>
        rowKey="id"
        size="small"
        scroll={{ x: 980 }}
        loading={changes.isPending}
        dataSource={changes.data?.items ?? []}
        locale={{ emptyText: '暂无部件变更申请' }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: changes.data?.total ?? 0,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        columns={[
          { title: '上报时间', dataIndex: 'reportedAt', width: 140, render: (v: string) => formatTime(v) },
          {
            title: '变更',
            dataIndex: 'kind',
            width: 70,
            render: (k: PartChange['kind']) => changeKindLabels[k],
          },
          {
            title: '部件',
            key: 'part',
            render: (_, c) =>
              c.partCode ?? (c.categoryName ? `新增：${c.categoryCode} ${c.categoryName}` : '—'),
          },
          { title: '上报人', dataIndex: 'reporterName', width: 90, render: (n: string | null) => n ?? '—' },
          { title: '发现时间', dataIndex: 'observedAt', width: 140, render: (v: string) => formatTime(v) },
          {
            title: '上报时效（1个工作日）',
            key: 'reported',
            width: 120,
            render: (_, c) => <ReportTimeliness change={c} />,
          },
          {
            title: '入库时效（3个工作日）',
            key: 'applied',
            width: 140,
            render: (_, c) => <ApplyTimeliness change={c} />,
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: 80,
            render: (s: PartChange['status']) => changeStatusLabels[s],
          },
          { title: '说明', dataIndex: 'note', ellipsis: true, render: (n: string | null) => n ?? '—' },
          {
            title: '操作',
            key: 'op',
            width: 130,
            fixed: 'right',
            render: (_, c) =>
              c.status === 'pending' ? (
                <Space size={4}>
                  <Popconfirm
                    title="将该变更写入部件库？"
                    onConfirm={() => decide.mutate({ id: c.id, decision: 'apply' })}
                  >
                    <Button size="small" type="link">
                      入库
                    </Button>
                  </Popconfirm>
                  <Popconfirm
                    title="驳回该变更？"
                    onConfirm={() => decide.mutate({ id: c.id, decision: 'reject' })}
                  >
                    <Button size="small" type="link" danger>
                      驳回
                    </Button>
                  </Popconfirm>
                </Space>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
