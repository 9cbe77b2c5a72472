import { shanghaiDate } from '../../platform/time.js';

// 核查回复率 = 回复数 / 派发数 and 核查及时回复率 = 及时回复次数 / 回复数 (the seed's contractor
// indicator, ≥ 85%), per collector and month, from 核实/核查 tasks and their answers.

export interface TaskOutcome {
  assigneeId: string | null;
  sentAt: Date;
  deadlineAt: Date | null;
  repliedAt: Date | null;
}

export interface ReplyRates {
  assigneeId: string;
  /** YYYY-MM (Shanghai) of the task being sent */
  month: string;
  sent: number;
  replied: number;
  /** replied no later than the task's deadline (a task without a deadline counts as on time) */
  onTime: number;
  /** replied / sent, 0..1 (null when nothing was sent) */
  replyRate: number | null;
  /** onTime / replied, 0..1 (null when nothing was replied) */
  onTimeRate: number | null;
}

/** Groups tasks by collector and month; answers after `asOf` do not count yet. */
export function replyRates(tasks: readonly TaskOutcome[], asOf: Date): ReplyRates[] {
  const groups = new Map<string, ReplyRates>();
  for (const task of tasks) {
    if (!task.assigneeId) continue;
    const month = shanghaiDate(task.sentAt).slice(0, 7);
    const key = `${task.assigneeId}|${month}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        assigneeId: task.assigneeId,
        month,
        sent: 0,
        replied: 0,
        onTime: 0,
        replyRate: null,
        onTimeRate: null,
      };
      groups.set(key, g);
    }
    g.sent++;
    if (task.repliedAt && task.repliedAt <= asOf) {
      g.replied++;
      if (!task.deadlineAt || task.repliedAt <= task.deadlineAt) g.onTime++;
    }
  }
  return [...groups.values()]
    .map((g) => ({
      ...g,
      replyRate: g.sent > 0 ? g.replied / g.sent : null,
      onTimeRate: g.replied > 0 ? g.onTime / g.replied : null,
    }))
    .sort((a, b) => a.month.localeCompare(b.month) || a.assigneeId.localeCompare(b.assigneeId));
}
