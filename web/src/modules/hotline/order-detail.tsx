import {
  type AppealType,
  appealTypeLabels,
  emergencyTypeLabels,
  type HotlineChannel,
  hotlineActionLabels,
  hotlineChannelLabels,
  hotlineStatusLabels,
  type InvalidReason,
  invalidReasonLabels,
  satisfactionLabels,
} from '@cityloop/contracts/hotline';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Grid,
  Result,
  Skeleton,
  Space,
  Timeline,
  Typography,
} from 'antd';
import { ApiError, errorText } from '../../platform/http';
import { formatTime } from '../../platform/time';
import { useNow } from '../cases/case-hooks';
import type { OrderDetail, OrderLogEntry } from './hotline-api';
import { useOrderDetail } from './hotline-hooks';
import { OrderActions } from './order-actions';
import { callerText, DeadlineText, OrderFlags, OrderStatusTag } from './order-tags';

/** The order in a side drawer (a full-width sheet on a phone), with its log and allowed actions. */
export function OrderDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const screens = Grid.useBreakpoint();
  const detail = useOrderDetail(id ?? undefined);
  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      size={screens.md ? 760 : '100%'}
      title={detail.data ? `工单 ${detail.data.orderNo}` : '工单详情'}
      destroyOnHidden
      data-testid="order-drawer"
    >
      {detail.isPending ? (
        <Skeleton active />
      ) : detail.error ? (
        detail.error instanceof ApiError && detail.error.status === 404 ? (
          <Result
            status="404"
            title="工单不存在或您无权查看"
            extra={<Button onClick={onClose}>关闭</Button>}
          />
        ) : (
          <Alert type="error" showIcon title={errorText(detail.error)} />
        )
      ) : (
        <OrderDetailView
          detail={detail.data}
          onMoved={(hidden) => {
            // A unit that returned an order no longer sees it.
            if (hidden) onClose();
          }}
        />
      )}
    </Drawer>
  );
}

function OrderDetailView({ detail, onMoved }: { detail: OrderDetail; onMoved?: (hidden: boolean) => void }) {
  const now = useNow(30_000);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <OrderStatusTag status={detail.status} />
        <OrderFlags order={detail} />
      </Space>
      <div data-testid="order-actions">
        <OrderActions detail={detail} onDone={onMoved} />
      </div>
      <Card size="small" title="来电信息">
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label="来电人">
            {callerText(detail)}
            {detail.contactMasked ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                （已脱敏）
              </Typography.Text>
            ) : null}
          </Descriptions.Item>
          <Descriptions.Item label="渠道">
            {hotlineChannelLabels[detail.channel as HotlineChannel] ?? detail.channel}
          </Descriptions.Item>
          <Descriptions.Item label="受理时间">{formatTime(detail.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label="首接坐席">{detail.ownerName ?? '—'}</Descriptions.Item>
          {detail.valid ? (
            <>
              <Descriptions.Item label="诉求类型">
                {detail.appealType ? appealTypeLabels[detail.appealType as AppealType] : '—'}
              </Descriptions.Item>
              <Descriptions.Item label="诉求事项">
                {detail.subjectName ? `${detail.subjectGroup ?? ''} / ${detail.subjectName}` : '—'}
              </Descriptions.Item>
            </>
          ) : (
            <Descriptions.Item label="无效原因">
              {detail.invalidReason ? invalidReasonLabels[detail.invalidReason as InvalidReason] : '—'}
            </Descriptions.Item>
          )}
          {detail.emergency ? (
            <Descriptions.Item label="突发事件">{emergencyTypeLabels[detail.emergency]}</Descriptions.Item>
          ) : null}
          <Descriptions.Item label="地址" span={2}>
            {detail.address ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label="诉求内容" span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }} data-testid="order-content">
              {detail.content || '—'}
            </span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="办理情况">
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label="主办单位">{detail.leadUnitName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="协办单位">
            {detail.coUnits.length ? detail.coUnits.map((u) => u.name).join('、') : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="办理时限">
            {detail.deadlineAt ? (
              <span>
                {formatTime(detail.deadlineAt)}
                {detail.status === 'transferred' || detail.status === 'signed' ? (
                  <>
                    （<DeadlineText order={detail} now={now} />）
                  </>
                ) : null}
              </span>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          {detail.pendingExtensionUntil ? (
            <Descriptions.Item label="延期申请">
              至 {formatTime(detail.pendingExtensionUntil)}（待审批）
            </Descriptions.Item>
          ) : null}
          {detail.caseNo ? <Descriptions.Item label="数字城管案件">{detail.caseNo}</Descriptions.Item> : null}
          <Descriptions.Item label="催办 / 退单 / 重办 / 延期">
            {detail.urgeCount} / {detail.returnCount} / {detail.reopenCount} / {detail.extensionCount} 次
          </Descriptions.Item>
          {detail.answerText ? (
            <Descriptions.Item label="直接答复" span={2}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{detail.answerText}</span>
            </Descriptions.Item>
          ) : null}
          {detail.replyText ? (
            <Descriptions.Item label="办结回复" span={2}>
              <span style={{ whiteSpace: 'pre-wrap' }} data-testid="order-reply">
                {detail.replyText}
              </span>
            </Descriptions.Item>
          ) : null}
          {detail.calledBackAt ? (
            <Descriptions.Item label="回访" span={2}>
              {formatTime(detail.calledBackAt)}
              {detail.unitSatisfaction ? ` · 对单位：${satisfactionLabels[detail.unitSatisfaction]}` : ''}
              {detail.agentSatisfaction ? ` · 对坐席：${satisfactionLabels[detail.agentSatisfaction]}` : ''}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card size="small" title="流转记录">
        <Timeline items={detail.log.map(logItem)} data-testid="order-timeline" />
      </Card>
    </Space>
  );
}

function logItem(entry: OrderLogEntry) {
  const red = entry.action === 'return' || Boolean(entry.data?.reopen) || entry.action === 'deny_extension';
  const green =
    entry.toStatus === 'archived' || entry.toStatus === 'replied' || entry.toStatus === 'answered';
  const moved = entry.fromStatus !== null && entry.fromStatus !== entry.toStatus;
  return {
    key: entry.seq,
    color: red ? 'red' : green ? 'green' : 'blue',
    content: (
      <div className="timeline-entry">
        <span className="timeline-entry__at">{formatTime(entry.at, 'YYYY-MM-DD HH:mm:ss')}</span>
        <Typography.Text strong>
          {entry.action === 'progress_call'
            ? '进展回复'
            : (hotlineActionLabels[entry.action] ?? entry.action)}
          {entry.data?.reopen ? '（不满意，重办）' : ''}
        </Typography.Text>
        <span className="timeline-entry__who">
          {entry.actorName ?? '系统'}
          {entry.unitName ? ` · ${entry.unitName}` : ''}
        </span>
        {moved || entry.fromStatus === null ? (
          <span className="timeline-entry__state">
            {entry.fromStatus ? `${hotlineStatusLabels[entry.fromStatus]} → ` : ''}
            {hotlineStatusLabels[entry.toStatus]}
          </span>
        ) : null}
        {entry.deadlineAt ? (
          <span className="timeline-entry__due">时限 {formatTime(entry.deadlineAt)}</span>
        ) : null}
        {entry.action === 'callback' ? (
          <span className="timeline-entry__who">
            {entry.unitSatisfaction ? `对单位：${satisfactionLabels[entry.unitSatisfaction]} ` : ''}
            {entry.agentSatisfaction ? `对坐席：${satisfactionLabels[entry.agentSatisfaction]}` : ''}
          </span>
        ) : null}
        {typeof entry.data?.caseNo === 'string' ? (
          <span className="timeline-entry__who">案件 {entry.data.caseNo}</span>
        ) : null}
        {entry.note ? <div className="timeline-entry__note">{entry.note}</div> : null}
      </div>
    ),
  };
}
