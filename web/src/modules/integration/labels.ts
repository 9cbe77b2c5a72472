import type { WebhookEventType } from '@cityloop/contracts/open311';
import type { DeliveryStatus, ExchangeRun } from './integration-api';

export const eventTypeLabels: Record<WebhookEventType, string> = {
  'case.filed': '立案',
  'case.dispatched': '派遣（含返工）',
  'case.disposed': '处置反馈',
  'case.closed': '结案',
  'case.overdue': '超期',
};

export const deliveryStatusLabels: Record<DeliveryStatus, { text: string; color: string }> = {
  pending: { text: '待投递', color: 'processing' },
  delivered: { text: '已送达', color: 'success' },
  dead: { text: '死信', color: 'error' },
};

export const runStatusLabels: Record<ExchangeRun['status'], { text: string; color: string }> = {
  running: { text: '进行中', color: 'processing' },
  delivered: { text: '已送达', color: 'success' },
  failed: { text: '失败', color: 'error' },
};

export const runTriggerLabels: Record<ExchangeRun['trigger'], string> = {
  schedule: '定时',
  manual: '手动',
};

export function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
