import type { CaseSource } from '@cityloop/contracts/cases';
import { Table, Tag, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import { countdownText, formatTime } from '../../platform/time';
import { LightDot, StatusTag } from '../../ui/status-tags';
import { useNow } from './case-hooks';
import type { CaseListItem, Page } from './cases-api';
import { sourceLabels, supervisionLabels } from './labels';

export interface CaseTableProps {
  data: Page<CaseListItem> | undefined;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
  onOpen: (item: CaseListItem) => void;
  selectedIds?: string[];
  onSelect?: (ids: string[], rows: CaseListItem[]) => void;
  /** Show the stage countdown (处置单位: live). */
  countdown?: boolean;
}

export function CaseTable({
  data,
  loading,
  onPage,
  onOpen,
  selectedIds,
  onSelect,
  countdown,
}: CaseTableProps) {
  const now = useNow(30_000);
  const columns: ColumnsType<CaseListItem> = [
    {
      title: '灯',
      dataIndex: 'light',
      width: 72,
      fixed: 'left',
      render: (light: string) => <LightDot light={light} />,
    },
    {
      title: '案卷号',
      dataIndex: 'caseNo',
      width: 150,
      fixed: 'left',
      render: (caseNo: string, row) => (
        <Typography.Link onClick={() => onOpen(row)} data-testid="case-link">
          {caseNo}
        </Typography.Link>
      ),
    },
    {
      title: countdown ? '剩余时间' : '环节时限',
      dataIndex: 'stageDeadlineAt',
      width: 150,
      render: (at: string | null, row) =>
        at ? (
          <span
            className={row.light === 'red' ? 'text-red' : row.light === 'yellow' ? 'text-yellow' : undefined}
          >
            {countdown ? countdownText(at, now) : formatTime(at)}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: '类别',
      key: 'category',
      width: 130,
      render: (_, row) => (
        <span>
          {row.categoryName}
          {row.urgent ? (
            <Tag color="red" style={{ marginLeft: 4 }}>
              加急
            </Tag>
          ) : null}
          {row.supervision ? (
            <Tag color={row.supervision === 'red' ? 'red' : row.supervision === 'yellow' ? 'gold' : 'blue'}>
              {supervisionLabels[row.supervision]}
            </Tag>
          ) : null}
        </span>
      ),
    },
    { title: '问题描述', dataIndex: 'description', width: 220, ellipsis: true },
    {
      title: '区域 / 网格',
      key: 'where',
      width: 170,
      render: (_, row) => (
        <span>
          {row.districtName ?? '—'}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.gridCode ?? ''}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: '来源',
      dataIndex: 'source',
      width: 100,
      render: (source: CaseSource) => sourceLabels[source] ?? source,
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 100,
      render: (status: string, row) => (
        <>
          <StatusTag status={status} />
          {row.pendingExtensionUntil ? <Tag color="warning">延期待批</Tag> : null}
        </>
      ),
    },
    {
      title: '处置单位',
      dataIndex: 'unitName',
      width: 140,
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    { title: '上报时间', dataIndex: 'reportedAt', width: 140, render: (at: string) => formatTime(at) },
  ];

  const pagination: TablePaginationConfig = {
    current: data?.page ?? 1,
    pageSize: data?.pageSize ?? 20,
    total: data?.total ?? 0,
    showSizeChanger: true,
    showTotal: (total) => `共 ${total} 件`,
    onChange: onPage,
  };

  return (
    <Table<CaseListItem>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      pagination={pagination}
      scroll={{ x: 1420 }}
      locale={{ emptyText: '暂无案卷' }}
      onRow={(row) => ({ onDoubleClick: () => onOpen(row) })}
      rowSelection={
        onSelect
          ? { selectedRowKeys: selectedIds ?? [], onChange: (keys, rows) => onSelect(keys as string[], rows) }
          : undefined
      }
    />
  );
}
