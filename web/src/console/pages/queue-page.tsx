import type { Queue } from '@cityloop/contracts/cases';
import { Alert, Button, Card, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { BulkDispatch } from '../../modules/cases/bulk-dispatch';
import { CaseFilters } from '../../modules/cases/case-filters';
import { useCaseList, useQueueCounts } from '../../modules/cases/case-hooks';
import { CaseTable } from '../../modules/cases/case-table';
import type { CaseFilter, CaseListItem } from '../../modules/cases/cases-api';
import type { CurrentUser } from '../../modules/session/session-api';
import { errorText } from '../../platform/http';
import { queueDefs } from '../navigation';

export default function QueuePage({ user }: { user: CurrentUser }) {
  const { queue } = useParams();
  if (!queue || !(queue in queueDefs)) return <Result status="404" title="没有这个队列" />;
  return (
    <div className="page">
      <QueueView key={queue} queue={queue as Queue} user={user} />
    </div>
  );
}

/** One queue: filters, a server-paginated table, and bulk dispatch where it applies. */
export function QueueView({ queue, user }: { queue: Queue; user: CurrentUser }) {
  const navigate = useNavigate();
  const [filter, setFilter] = useState<CaseFilter>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [selected, setSelected] = useState<CaseListItem[]>([]);
  const list = useCaseList({ queue, ...filter, ...paging }, { refetchInterval: 60_000 });
  const def = queueDefs[queue];
  const canBulkDispatch =
    queue === 'to_dispatch' && (user.role === 'dispatcher' || user.role === 'shift_lead');
  const counts = useQueueCounts();
  const pending = counts.data?.pending_extension;
  // 延期申请 are approved from 处置中; the filter also helps in 全部案卷.
  const extensionFilter =
    (queue === 'disposing' || queue === 'all') && user.role !== 'collector'
      ? { pending: pending?.count, value: filter.extension }
      : undefined;

  return (
    <Card
      title={
        <Space>
          <span data-testid="queue-title">{def.label}</span>
          <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
            {def.hint}
          </Typography.Text>
        </Space>
      }
      extra={canBulkDispatch ? <BulkDispatch rows={selected} onFinished={() => setSelected([])} /> : null}
    >
      <CaseFilters
        extension={extensionFilter}
        onChange={(next) => {
          setFilter(next);
          setPaging((p) => ({ ...p, page: 1 }));
        }}
      />
      {list.error ? (
        <Alert type="error" showIcon title={errorText(list.error)} style={{ margin: '12px 0' }} />
      ) : null}
      {queue === 'disposing' && (pending?.count ?? 0) > 0 && user.role !== 'unit_staff' ? (
        <Alert
          type="warning"
          showIcon
          style={{ margin: '12px 0' }}
          data-testid="pending-extension-alert"
          title={`有 ${pending?.count} 件延期申请待审批${pending?.overdue ? `，其中 ${pending.overdue} 件已超期` : ''}（标“延期待批”）`}
          action={
            filter.extension === 'pending' ? null : (
              <Button
                size="small"
                onClick={() => {
                  setFilter((f) => ({ ...f, extension: 'pending' }));
                  setPaging((p) => ({ ...p, page: 1 }));
                }}
              >
                只看待审批延期
              </Button>
            )
          }
        />
      ) : null}
      <div style={{ marginTop: 12 }}>
        <CaseTable
          data={list.data}
          loading={list.isFetching && !list.data}
          onPage={(page, pageSize) => setPaging({ page, pageSize })}
          onOpen={(item) => navigate(`/cases/${item.id}`)}
          countdown={user.role === 'unit_staff' || queue === 'disposing'}
          selectedIds={canBulkDispatch ? selected.map((s) => s.id) : undefined}
          onSelect={canBulkDispatch ? (_, rows) => setSelected(rows) : undefined}
        />
      </div>
    </Card>
  );
}
