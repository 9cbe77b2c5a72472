import { Alert, App, Button, Popconfirm, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { errorText } from '../../platform/http';
import { formatTime } from '../../platform/time';
import {
  type Attempt,
  type Delivery,
  type DeliveryStatus,
  useDeliveries,
  useReplay,
} from './integration-api';
import { deliveryStatusLabels, eventTypeLabels } from './labels';

/**
 * 投递记录: one row per event and subscription, paged on the server; a row opens to its attempt
 * log. With `replay` (the dead-letter view) each row can be sent again (重发).
 */
export function DeliveryTable({ status, replay = false }: { status?: DeliveryStatus; replay?: boolean }) {
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const deliveries = useDeliveries({ ...paging, status });
  const replayMutation = useReplay();
  const { message } = App.useApp();

  const columns: ColumnsType<Delivery> = [
    {
      title: '事件',
      dataIndex: 'eventType',
      width: 130,
      render: (t: Delivery['eventType']) => eventTypeLabels[t] ?? t,
    },
    {
      title: '案卷号',
      key: 'caseNo',
      width: 160,
      render: (_, row) => row.payload?.data?.caseNo ?? '—',
    },
    {
      title: '订阅',
      key: 'subscription',
      render: (_, row) => (
        <>
          <div>{row.subscriptionName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
            {row.url}
          </Typography.Text>
        </>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: DeliveryStatus) => (
        <Tag color={deliveryStatusLabels[s].color}>{deliveryStatusLabels[s].text}</Tag>
      ),
    },
    { title: '尝试次数', dataIndex: 'attempts', width: 90, align: 'right' },
    {
      title: '最近错误',
      dataIndex: 'lastError',
      render: (e: string | null) =>
        e ? (
          <Typography.Text type="danger" style={{ wordBreak: 'break-all' }}>
            {e}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: status === 'delivered' ? '送达时间' : '下次尝试',
      key: 'when',
      width: 150,
      render: (_, row) =>
        row.status === 'delivered'
          ? formatTime(row.deliveredAt)
          : row.status === 'pending'
            ? formatTime(row.nextAttemptAt)
            : '—',
    },
    { title: '产生时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
  ];
  if (replay) {
    columns.push({
      title: '操作',
      key: 'op',
      width: 90,
      fixed: 'right',
      render: (_, row) => (
        <Popconfirm
          title="重发这条死信？"
          description="将重新开始投递（最多 6 次，按退避间隔重试）"
          okText="重发"
          cancelText="取消"
          onConfirm={() =>
            replayMutation.mutateAsync(row.id).then(
              () => {
                message.success('已重新加入投递队列');
              },
              (error) => {
                message.error(errorText(error));
              },
            )
          }
        >
          <Button size="small" type="primary" ghost data-testid={`replay-${row.id}`}>
            重发
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <>
      {deliveries.error ? (
        <Alert type="error" showIcon title={errorText(deliveries.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Table<Delivery>
        rowKey="id"
        size="middle"
        loading={deliveries.isPending}
        dataSource={deliveries.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1100 }}
        locale={{ emptyText: replay ? '没有死信' : '暂无投递记录' }}
        expandable={{
          expandedRowRender: (row) => <AttemptLog attempts={row.attemptLog} />,
          rowExpandable: (row) => row.attemptLog.length > 0,
        }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: deliveries.data?.total ?? 0,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
    </>
  );
}

function AttemptLog({ attempts }: { attempts: Attempt[] }) {
  return (
    <Table<Attempt>
      rowKey="attemptNo"
      size="small"
      pagination={false}
      dataSource={attempts}
      columns={[
        { title: '次序', dataIndex: 'attemptNo', width: 70, render: (n: number) => `第 ${n} 次` },
        {
          title: '时间',
          dataIndex: 'at',
          width: 160,
          render: (v: string) => formatTime(v, 'YYYY-MM-DD HH:mm:ss'),
        },
        { title: 'HTTP 状态', dataIndex: 'httpStatus', width: 100, render: (s: number | null) => s ?? '—' },
        { title: '错误', dataIndex: 'error', render: (e: string | null) => e ?? '—' },
        { title: '耗时', dataIndex: 'durationMs', width: 90, render: (ms: number) => `${ms} ms` },
      ]}
    />
  );
}
