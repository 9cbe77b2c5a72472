import {
  type AppealType,
  appealTypeLabels,
  appealTypeSchema,
  type UnitGroup,
} from '@cityloop/contracts/hotline';

/**
 * 热线统计口径 — the hotline's monthly figures, defined once and computed from facts that the
 * repository reads off the order log as of an instant (default: the month's end), so a bulletin
 * regenerated later prints the same numbers. Pure; every rate is a fraction (0.7759), printing
 * is the reader's job.
 *
 * The month's orders are those received (受理) in it, in Asia/Shanghai time; a duplicate merged
 * into another order (并单) by the as-of instant is not counted at all, so a matter counts once.
 *
 * - 受理 received = the month's orders; 有效 valid + 无效 invalid = 受理.
 * - 直接答复 directReply = orders answered directly by an agent (a log row `answer`);
 *   directReplyShare = directReply / 受理 (the seed: 1,618 / 3,706 = 43.7 %).
 * - 转办 transferred = orders transferred to a unit (a log row `transfer`).
 *   An order first answered directly whose callback found the matter unresolved is transferred
 *   afterwards and counts in both (the seed prints 1,618 + 1,245 = 2,863 > 2,828 valid: 35
 *   such orders reconcile the two printed numbers). Orders converted into 数字城管 cases are
 *   handled by the case loop and counted as convertedToCase, not as 转办.
 * - 办结 completed = transferred orders that stand replied (办结) or archived at the as-of
 *   instant; one reopened (重办) and not yet replied again is in progress.
 *   办结率 completionRate = 办结 / 转办.
 * - byType: valid orders per appeal type, share over 有效 (the seed's 932 / 2,828 = 33 %).
 * - bySubjectGroup: valid orders per subject group, share over 受理 (the seed's 城乡建设 1,109
 *   is "29.92 %" = 1,109 / 3,706).
 * - satisfaction: over the callbacks (回访) made in the month: 满意 + 基本满意 over the
 *   callbacks that judged the unit (unit) or the agent (agent); calledBack = callbacks made.
 * - byUnit (the board, 联动单位办理情况): 本月接件 received = the month's transferred orders whose
 *   last lead unit (主办) by the as-of instant is the unit — an order counts at one unit only,
 *   so the rows add up to 转办; 已办件 done = of those, 办结 as above; 在办件 inProgress = the
 *   rest; 本月办结率 rate = done / received.
 */

export interface OrderFact {
  valid: boolean;
  appealType: string | null;
  subjectGroup: string | null;
  answered: boolean;
  transferred: boolean;
  lastLeadUnitId: string | null;
  statusAtAsOf: string;
  convertedToCase?: boolean;
  /** How many orders these facts stand for (the repository groups orders with equal facts). */
  orders: number;
}

export interface CallbackFact {
  unitSatisfaction: string | null;
  agentSatisfaction: string | null;
  /** How many callbacks gave these two judgements. */
  callbacks: number;
}

export interface UnitInfo {
  id: string;
  name: string;
  kind: 'district_government' | 'city_department' | 'enterprise';
}

export interface UnitBoardRow {
  unitId: string;
  unit: string;
  group: UnitGroup;
  received: number;
  done: number;
  inProgress: number;
  rate: number;
}

export interface MonthlyFigures {
  received: number;
  valid: number;
  invalid: number;
  directReply: number;
  directReplyShare: number;
  transferred: number;
  completed: number;
  completionRate: number;
  convertedToCase: number;
  byType: { type: AppealType; label: string; count: number; share: number }[];
  bySubjectGroup: { group: string; count: number; share: number }[];
  satisfaction: { unit: number; agent: number; calledBack: number };
  byUnit: UnitBoardRow[];
}

const DONE_STATES = new Set(['replied', 'archived']);
const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
const satisfied = (s: string | null) => s === 'satisfied' || s === 'basically';

export const groupOfKind: Record<UnitInfo['kind'], UnitGroup> = {
  district_government: 'district',
  city_department: 'department',
  enterprise: 'enterprise',
};
const groupOrder: readonly UnitGroup[] = ['district', 'department', 'enterprise'];
const collator = new Intl.Collator('zh-CN');

/** Whether a transferred order counts as 办结 (replied or archived at the as-of instant). */
export const isCompleted = (fact: OrderFact) => fact.transferred && DONE_STATES.has(fact.statusAtAsOf);

/**
 * The unit board: units with orders, grouped 区县 / 市级部门 / 企事业单位 and, within a group,
 * by 办结率 descending, then 本月接件 descending, then name (the seed's own order of equal rows
 * is not derivable from the table, e.g. 0 % rows of 1, 4, 1 orders).
 */
export function unitBoard(facts: readonly OrderFact[], units: readonly UnitInfo[]): UnitBoardRow[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const counts = new Map<string, { received: number; done: number }>();
  for (const fact of facts) {
    if (!fact.transferred || !fact.lastLeadUnitId) continue;
    const entry = counts.get(fact.lastLeadUnitId) ?? { received: 0, done: 0 };
    entry.received += fact.orders;
    if (isCompleted(fact)) entry.done += fact.orders;
    counts.set(fact.lastLeadUnitId, entry);
  }
  const rows: UnitBoardRow[] = [];
  for (const [unitId, c] of counts) {
    const unit = byId.get(unitId);
    if (!unit) continue;
    rows.push({
      unitId,
      unit: unit.name,
      group: groupOfKind[unit.kind],
      received: c.received,
      done: c.done,
      inProgress: c.received - c.done,
      rate: ratio(c.done, c.received),
    });
  }
  return rows.sort(
    (a, b) =>
      groupOrder.indexOf(a.group) - groupOrder.indexOf(b.group) ||
      b.rate - a.rate ||
      b.received - a.received ||
      collator.compare(a.unit, b.unit),
  );
}

/** The 共计 row of the board. */
export function boardTotal(rows: readonly UnitBoardRow[]) {
  const received = rows.reduce((s, r) => s + r.received, 0);
  const done = rows.reduce((s, r) => s + r.done, 0);
  return { received, done, inProgress: received - done, rate: ratio(done, received) };
}

export function monthlyFigures(
  facts: readonly OrderFact[],
  callbacks: readonly CallbackFact[],
  units: readonly UnitInfo[],
  subjectGroups: readonly string[],
): MonthlyFigures {
  const orders = (which: (f: OrderFact) => boolean | undefined) =>
    facts.reduce((n, f) => (which(f) ? n + f.orders : n), 0);
  const received = orders(() => true);
  const valid = orders((f) => f.valid);
  const directReply = orders((f) => f.answered);
  const transferred = orders((f) => f.transferred);
  const completed = orders(isCompleted);

  const typeCounts = new Map<string, number>();
  const groupCounts = new Map<string, number>();
  for (const f of facts) {
    if (!f.valid) continue;
    if (f.appealType) typeCounts.set(f.appealType, (typeCounts.get(f.appealType) ?? 0) + f.orders);
    const group = f.subjectGroup ?? '其他';
    groupCounts.set(group, (groupCounts.get(group) ?? 0) + f.orders);
  }
  const groups = [...subjectGroups, ...[...groupCounts.keys()].filter((g) => !subjectGroups.includes(g))];

  const calls = (which: (c: CallbackFact) => boolean) =>
    callbacks.reduce((n, c) => (which(c) ? n + c.callbacks : n), 0);
  const unitJudged = calls((c) => c.unitSatisfaction !== null);
  const agentJudged = calls((c) => c.agentSatisfaction !== null);
  return {
    received,
    valid,
    invalid: received - valid,
    directReply,
    directReplyShare: ratio(directReply, received),
    transferred,
    completed,
    completionRate: ratio(completed, transferred),
    convertedToCase: orders((f) => f.convertedToCase),
    byType: appealTypeSchema.options.map((type) => ({
      type,
      label: appealTypeLabels[type],
      count: typeCounts.get(type) ?? 0,
      share: ratio(typeCounts.get(type) ?? 0, valid),
    })),
    bySubjectGroup: groups.map((group) => ({
      group,
      count: groupCounts.get(group) ?? 0,
      share: ratio(groupCounts.get(group) ?? 0, received),
    })),
    satisfaction: {
      unit: ratio(
        calls((c) => satisfied(c.unitSatisfaction)),
        unitJudged,
      ),
      agent: ratio(
        calls((c) => satisfied(c.agentSatisfaction)),
        agentJudged,
      ),
      calledBack: calls(() => true),
    },
    byUnit: unitBoard(facts, units),
  };
}

/** The month [start, end) in Asia/Shanghai time. */
export function monthRange(month: string): { start: Date; end: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { start: new Date(`${month}-01T00:00:00+08:00`), end: new Date(`${next}-01T00:00:00+08:00`) };
}
