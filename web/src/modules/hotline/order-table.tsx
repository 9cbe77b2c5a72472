import { type AppealType, appealTypeLabels } from '@cityloop/contracts/hotline';
import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { formatTime } from '../../platform/time';
import { useNow } from '../cases/case-hooks';
import type { OrderListItem, Page } from './hotline-api';
import { callerText, DeadlineText, OrderFlags, OrderStatusTag } from './order-tags';

interface OrderTableProps {
  data: Page<OrderListItem> | undefined;
  loading: boolean;
  /** Without it the table shows one page and no pager. */
  onPage?: (page: number, pageSize: number) => void;
  onOpen: (item: OrderListItem) => void;
  /** An extra last column (e.g. the 回访 button). */
  action?: { title: string; render: (item: OrderListItem) => ReactNode };
  emptyText?: string;
}

/** Work orders, one server page at a time. */
export function OrderTable({ data, loading, onPage, onOpen, action, emptyText }: OrderTableProps) {
  const now = useNow(30_000);
  const columns: ColumnsType<OrderListItem> = [
    {
      title: '工单号',
      dataIndex: 'orderNo',
      width: 160,
      fixed: 'left',
      render: (orderNo: string, row) => (
        <Typography.Link onClick={() => onOpen(row)} data-testid="order-link">
          {orderNo}
        </Typography.Link>
      ),
    },
    { title: '受理时间', dataIndex: 'receivedAt', width: 140, render: (at: string) => formatTime(at) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 150,
      render: (_, row) => (
        <>
          <OrderStatusTag status={row.status} />
          <OrderFlags order={row} />
        </>
      ),
    },
    {
      title: '诉求类型 / 事项',
      key: 'type',
      width: 150,
      render: (_, row) =>
        row.valid ? (
          <span>
            {row.appealType ? appealTypeLabels[row.appealType as AppealType] : '—'}
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.subjectName ?? ''}
            </Typography.Text>
          </span>
        ) : (
          <Typography.Text type="secondary">无效来电</Typography.Text>
        ),
    },
    { title: '诉求内容', dataIndex: 'content', width: 240, ellipsis: true },
    { title: '来电人', key: 'caller', width: 160, render: (_, row) => callerText(row) },
    {
      title: '承办单位',
      dataIndex: 'leadUnitName',
      width: 150,
      ellipsis: true,
      render: (v: string | null, row) => v ?? (row.caseNo ? `案件 ${row.caseNo}` : '—'),
    },
    {
      title: '办理时限',
      dataIndex: 'deadlineAt',
      width: 140,
      render: (_, row) => <DeadlineText order={row} now={now} />,
    },
  ];
  if (action) {
    columns.push({
      title: action.title,
      key: 'action',
      width: 100,
      fixed: 'right',
      render: (_, row) => action.render(row),
    });
  }

  return (
    <Table<OrderListItem>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      pagination={
        onPage
          ? {
              current: data?.page ?? 1,
              pageSize: data?.pageSize ?? 20,
              total: data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => `共 ${total} 件`,
              onChange: onPage,
            }
          : false
      }
      scroll={{ x: action ? 1410 : 1310 }}
      locale={{ emptyText: emptyText ?? '暂无工单' }}
      onRow={(row) => ({ onDoubleClick: () => onOpen(row) })}
      data-testid="order-table"
    />
  );
}
