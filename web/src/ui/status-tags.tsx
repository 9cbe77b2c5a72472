import { type CaseStatus, caseStatusLabels } from '@cityloop/contracts/cases';
import { Tag } from 'antd';

const statusColors: Record<CaseStatus, string> = {
  reported: 'blue',
  verifying: 'geekblue',
  accepted: 'cyan',
  filed: 'purple',
  dispatched: 'orange',
  disposed: 'gold',
  checking: 'lime',
  checked: 'green',
  check_failed: 'magenta',
  closed: 'success',
  parked: 'default',
  voided: 'default',
};

export function StatusTag({ status }: { status: string }) {
  const known = status in caseStatusLabels ? (status as CaseStatus) : undefined;
  return (
    <Tag color={known ? statusColors[known] : 'default'}>{known ? caseStatusLabels[known] : status}</Tag>
  );
}

export type Light = 'green' | 'yellow' | 'red' | 'none';

const lightLabels: Record<Light, { text: string; color: string }> = {
  green: { text: '绿灯', color: '#52c41a' },
  yellow: { text: '黄灯', color: '#faad14' },
  red: { text: '红灯', color: '#f5222d' },
  none: { text: '—', color: '#bfbfbf' },
};

/** 绿灯 on time, 黄灯 warning, 红灯 overdue: the traffic light of the current stage. */
export function LightDot({ light }: { light: string }) {
  const l = lightLabels[(light in lightLabels ? light : 'none') as Light];
  return (
    <span className="light-dot" title={l.text}>
      <span className="light-dot__bulb" style={{ background: l.color }} />
      {l.text}
    </span>
  );
}

export const statusPalette: Record<string, string> = {
  reported: '#1677ff',
  verifying: '#2f54eb',
  accepted: '#13c2c2',
  filed: '#722ed1',
  dispatched: '#fa8c16',
  disposed: '#d4b106',
  checking: '#7cb305',
  checked: '#389e0d',
  check_failed: '#eb2f96',
  parked: '#8c8c8c',
};
