import { type AppealType, appealTypeLabels } from '@cityloop/contracts/hotline';
import { Typography } from 'antd';
import type { TimeLimit } from './hotline-api';
import { useTimeLimits } from './hotline-hooks';

const unitWords: Record<TimeLimit['unit'], string> = {
  minute: '分钟',
  hour: '个工作小时',
  day: '个工作日',
  same_day: '当日办结',
};

function limitText(limit: TimeLimit): string {
  return limit.unit === 'same_day' ? unitWords.same_day : `${limit.amount} ${unitWords[limit.unit]}`;
}

/** The 办理时限 a transfer will set: the city's limit for the appeal type (突发事件: the same day). */
export function TimeLimitHint({ appealType, emergency }: { appealType?: AppealType; emergency?: boolean }) {
  const limits = useTimeLimits();
  const key = emergency ? 'emergency' : appealType;
  const limit = key ? limits.data?.find((l) => l.appealType === key) : undefined;
  if (!key || !limit) return null;
  return (
    <Typography.Paragraph type="secondary" data-testid="time-limit-hint">
      办理时限：{emergency ? '突发事件' : appealTypeLabels[appealType as AppealType]}类诉求 {limitText(limit)}
      （自转办时起按工作时间计算）
    </Typography.Paragraph>
  );
}
