import { Alert, Button, Card, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { OrderFilter, OrderListItem } from '../../modules/hotline/hotline-api';
import { useOrderList } from '../../modules/hotline/hotline-hooks';
import { OrderActionModal } from '../../modules/hotline/order-actions';
import { OrderDrawer } from '../../modules/hotline/order-detail';
import { OrderFilters } from '../../modules/hotline/order-filters';
import { OrderTable } from '../../modules/hotline/order-table';
import type { CurrentUser } from '../../modules/session/session-api';
import { errorText } from '../../platform/http';

/** 回访: orders answered directly or replied by a unit, waiting for the caller's judgement. */
export default function HotlineCallbacksPage({ user }: { user: CurrentUser }) {
  const [params, setParams] = useSearchParams();
  const [mine, setMine] = useState(user.role === 'hotline_agent');
  const [filter, setFilter] = useState<OrderFilter>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [calling, setCalling] = useState<OrderListItem | null>(null);
  const openId = params.get('order');
  const list = useOrderList(
    { queue: 'to_callback', mine, ...filter, ...paging },
    { refetchInterval: 60_000 },
  );

  const setOpen = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('order', id);
    else next.delete('order');
    setParams(next);
  };

  return (
    <div className="page">
      <Card
        title={
          <Space wrap>
            <span data-testid="page-title">回访</span>
            <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
              已直接答复或承办单位已办结的工单：回访来电人，记录满意度后归档；不满意的退回重办
            </Typography.Text>
          </Space>
        }
        extra={
          <Switch
            checked={mine}
            onChange={(v) => {
              setMine(v);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            checkedChildren="我受理的"
            unCheckedChildren="全部坐席"
          />
        }
      >
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <OrderFilters
            byPhone
            statuses={['answered', 'replied']}
            onChange={(next) => {
              setFilter(next);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
          />
          {list.error ? <Alert type="error" showIcon title={errorText(list.error)} /> : null}
          <OrderTable
            data={list.data}
            loading={list.isFetching && !list.data}
            onPage={(page, pageSize) => setPaging({ page, pageSize })}
            onOpen={(item) => setOpen(item.id)}
            emptyText="没有待回访的工单"
            action={{
              title: '回访',
              render: (item) => (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => setCalling(item)}
                  data-testid="callback-button"
                >
                  回访
                </Button>
              ),
            }}
          />
        </Space>
      </Card>
      {calling ? (
        <OrderActionModal
          action="callback"
          order={calling}
          onClose={() => setCalling(null)}
          onDone={() => setCalling(null)}
        />
      ) : null}
      <OrderDrawer id={openId} onClose={() => setOpen(null)} />
    </div>
  );
}
