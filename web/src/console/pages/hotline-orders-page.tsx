import type { HotlineStatus } from '@cityloop/contracts/hotline';
import { Alert, Button, Card, Segmented, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { OrderFilter, OrderQueue } from '../../modules/hotline/hotline-api';
import { useOrderList } from '../../modules/hotline/hotline-hooks';
import { OrderDrawer } from '../../modules/hotline/order-detail';
import { OrderFilters } from '../../modules/hotline/order-filters';
import { OrderTable } from '../../modules/hotline/order-table';
import type { CurrentUser } from '../../modules/session/session-api';
import { errorText } from '../../platform/http';

const queueLabels: Record<OrderQueue, string> = {
  open: '未办结',
  at_unit: '承办中',
  overdue: '超期',
  to_callback: '待回访',
  all: '全部',
};
const queues = Object.keys(queueLabels) as OrderQueue[];

/** 我的工单 (agents: the orders they received, or the whole desk's) and 转办工单 (units: theirs). */
export default function HotlineOrdersPage({ user }: { user: CurrentUser }) {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const isUnit = user.role === 'unit_staff';
  const queue = (
    queues.includes(params.get('queue') as OrderQueue) ? params.get('queue') : 'all'
  ) as OrderQueue;
  const status = (params.get('status') as HotlineStatus | null) ?? undefined;
  const [mine, setMine] = useState(user.role === 'hotline_agent' && params.get('mine') !== 'false');
  const [filter, setFilter] = useState<OrderFilter>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const openId = params.get('order');
  const list = useOrderList({ queue, status, mine, ...filter, ...paging }, { refetchInterval: 60_000 });

  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(key);
    else next.set(key, value);
    setParams(next);
  };

  return (
    <div className="page">
      <Card
        title={
          <Space wrap>
            <span data-testid="page-title">{isUnit ? '热线转办工单' : '我的工单'}</span>
            <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
              {isUnit
                ? '转办给本单位的12345工单：签收、办理、办结回复'
                : '受理的工单及其办理进展；点击工单号查看详情和流转记录'}
            </Typography.Text>
          </Space>
        }
        extra={
          isUnit ? null : (
            <Space wrap>
              <Switch
                checked={mine}
                onChange={(v) => {
                  setMine(v);
                  setPaging((p) => ({ ...p, page: 1 }));
                }}
                checkedChildren="我受理的"
                unCheckedChildren="全部坐席"
                data-testid="mine-switch"
              />
              <Button type="primary" onClick={() => navigate('/hotline/new')}>
                新来电
              </Button>
            </Space>
          )
        }
      >
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Segmented
            value={queue}
            onChange={(v) => {
              const next = new URLSearchParams(params);
              next.set('queue', String(v));
              next.delete('status');
              setParams(next);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            options={queues.map((q) => ({ value: q, label: queueLabels[q] }))}
            data-testid="queue-switch"
          />
          <OrderFilters
            byPhone={!isUnit}
            onChange={(next) => {
              setFilter(next);
              if (status) setParam('status', null);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
          />
          {list.error ? <Alert type="error" showIcon title={errorText(list.error)} /> : null}
          <OrderTable
            data={list.data}
            loading={list.isFetching && !list.data}
            onPage={(page, pageSize) => setPaging({ page, pageSize })}
            onOpen={(item) => setParam('order', item.id)}
            emptyText={isUnit ? '暂无转办给本单位的工单' : '暂无工单'}
          />
        </Space>
      </Card>
      <OrderDrawer id={openId} onClose={() => setParam('order', null)} />
    </div>
  );
}
