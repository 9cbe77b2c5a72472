import { type HotlineStatus, hotlineStatusLabels } from '@cityloop/contracts/hotline';
import { Tag } from 'antd';
import { countdownText, formatTime } from '../../platform/time';
import type { OrderListItem } from './hotline-api';

const statusColors: Record<HotlineStatus, string> = {
  received: 'blue',
  answered: 'cyan',
  transferred: 'orange',
  signed: 'gold',
  replied: 'green',
  archived: 'success',
  converted: 'purple',
  invalid: 'default',
  merged: 'default',
};

export function OrderStatusTag({ status }: { status: HotlineStatus }) {
  return (
    <Tag color={statusColors[status] ?? 'default'} data-status={status}>
      {hotlineStatusLabels[status] ?? status}
    </Tag>
  );
}

export const supervisionLabels = { normal: '普通督办', yellow: '黄牌督办', red: '红牌督办' } as const;

/** The flags that matter at a glance: 超期, 延期待批, 加急/突发, 督办, 保密. */
export function OrderFlags({ order }: { order: OrderListItem }) {
  return (
    <>
      {order.overdue ? <Tag color="red">超期</Tag> : null}
      {order.pendingExtensionUntil ? <Tag color="warning">延期待批</Tag> : null}
      {order.emergency ? (
        <Tag color="magenta">突发事件</Tag>
      ) : order.urgent ? (
        <Tag color="red">加急</Tag>
      ) : null}
      {order.supervision ? (
        <Tag color={order.supervision === 'red' ? 'red' : order.supervision === 'yellow' ? 'gold' : 'blue'}>
          {supervisionLabels[order.supervision]}
        </Tag>
      ) : null}
      {order.confidential ? <Tag>保密</Tag> : null}
    </>
  );
}

/** 办理时限: a countdown while the order is with a unit, the date otherwise. */
export function DeadlineText({ order, now }: { order: OrderListItem; now: number }) {
  if (!order.deadlineAt) return <>—</>;
  const atUnit = order.status === 'transferred' || order.status === 'signed';
  if (!atUnit) return <>{formatTime(order.deadlineAt)}</>;
  return (
    <span className={order.overdue ? 'text-red' : undefined}>{countdownText(order.deadlineAt, now)}</span>
  );
}

/** 来电人 as this user may see it (the server has already masked or withheld it). */
export function callerText(order: Pick<OrderListItem, 'callerName' | 'callerPhone' | 'contactMasked'>) {
  const parts = [order.callerName, order.callerPhone].filter(Boolean);
  if (parts.length === 0) return order.contactMasked ? '（保密）' : '匿名';
  return parts.join(' ');
}
