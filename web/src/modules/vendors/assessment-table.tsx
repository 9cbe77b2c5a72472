import { Button, Table, Tag, Tooltip, Typography } from 'antd';
import {
  type AssessedRow,
  entryKinds,
  type Indicator,
  type Inspection,
  indicatorValue,
  money,
} from './vendors-api';

/** The month's checklist: every indicator with its value, result and deduction as the server assessed it. */
export function AssessmentTable({
  rows,
  indicators,
  inspections,
  canInspect,
  loading,
  onEnter,
}: {
  rows: AssessedRow[];
  indicators: Indicator[];
  inspections: Inspection[];
  canInspect: boolean;
  loading: boolean;
  onEnter: (row: AssessedRow) => void;
}) {
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  return (
    <Table<AssessedRow>
      size="small"
      rowKey="code"
      loading={loading}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 960 }}
      locale={{ emptyText: '该合同没有启用的考核指标' }}
      columns={[
        { title: '序号', dataIndex: 'seq', width: 56, align: 'center' },
        {
          title: '考核指标',
          key: 'name',
          width: 180,
          render: (_, row) => (
            <>
              {row.groupLabel ? (
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  {row.groupLabel}
                </Typography.Text>
              ) : null}
              <Tooltip title={row.definition}>
                <span>{row.name}</span>
              </Tooltip>
            </>
          ),
        },
        {
          title: '考核标准',
          dataIndex: 'ruleText',
          render: (text: string) => (
            <Typography.Paragraph ellipsis={{ rows: 2, tooltip: text }} style={{ margin: 0, fontSize: 12 }}>
              {text}
            </Typography.Paragraph>
          ),
        },
        {
          title: '方式',
          key: 'kind',
          width: 96,
          render: (_, row) => {
            const kinds = entryKinds(byCode.get(row.code), row, inspections);
            if (kinds.computed) return <Tag color="blue">系统计算</Tag>;
            return kinds.measured ? <Tag color="purple">抽查测量</Tag> : <Tag>检查录入</Tag>;
          },
        },
        {
          title: '指标值',
          key: 'value',
          width: 100,
          align: 'right',
          render: (_, row) => indicatorValue(byCode.get(row.code), row.value),
        },
        {
          title: '考核结果',
          dataIndex: 'result',
          width: 240,
          render: (text: string, row) => (
            <span data-testid={`result-${row.code}`}>
              {text}
              {row.entries ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {' '}
                  （{row.entries}条记录）
                </Typography.Text>
              ) : null}
            </span>
          ),
        },
        {
          title: '扣款',
          dataIndex: 'deduction',
          width: 96,
          align: 'right',
          render: (amount: number, row) => (
            <span data-testid={`deduction-${row.code}`} style={amount > 0 ? { color: '#cf1322' } : undefined}>
              {amount > 0 ? money(amount) : '—'}
            </span>
          ),
        },
        ...(canInspect
          ? [
              {
                title: '操作',
                key: 'op',
                width: 76,
                fixed: 'right' as const,
                render: (_: unknown, row: AssessedRow) =>
                  entryKinds(byCode.get(row.code), row, inspections).editable ? (
                    <Button size="small" onClick={() => onEnter(row)} data-testid={`enter-${row.code}`}>
                      录入
                    </Button>
                  ) : (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      只读
                    </Typography.Text>
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}
