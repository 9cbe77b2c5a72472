import type { Db } from '../../platform/db/database.js';
import { invalid } from '../../platform/http/errors.js';
import { startOfShanghaiDay } from '../../platform/time.js';
import { verificationTasks } from '../cases/index.js';
import { listCollectors } from './collectors.service.js';
import { type ReplyRates, replyRates } from './verification-rates.js';

export interface CollectorReplyRates extends ReplyRates {
  login: string;
  displayName: string;
  company: string;
  contractPackage: string;
}

/** The month's [start, end) in Shanghai time. */
export function monthRange(month: string): { from: Date; to: Date } {
  if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(month))
    throw invalid('月份格式应为 YYYY-MM', 'month must be YYYY-MM');
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: startOfShanghaiDay(`${month}-01`), to: startOfShanghaiDay(`${next}-01`) };
}

/**
 * 核查回复率 and 核查及时回复率 of the month's 核实/核查 tasks per collector, with the
 * collector's company and contract package so the vendors assessment can sum per contractor.
 */
export async function verificationReplyRates(
  db: Db,
  cityCode: string,
  month: string,
  asOf: Date,
): Promise<CollectorReplyRates[]> {
  const { from, to } = monthRange(month);
  const [tasks, collectors] = await Promise.all([
    verificationTasks(db, cityCode, from, to),
    listCollectors(db, cityCode, {}),
  ]);
  const byId = new Map(collectors.map((c) => [c.userId, c]));
  return replyRates(tasks, asOf).map((r) => {
    const c = byId.get(r.assigneeId);
    return {
      ...r,
      login: c?.login ?? '',
      displayName: c?.displayName ?? '',
      company: c?.company ?? '',
      contractPackage: c?.contractPackage ?? '',
    };
  });
}
