// The 口径 (definitions) of the monthly figures, as a pure fold over one case's transition log.
// This file is the reference: statistics.repository.ts computes the same numbers in SQL for
// speed, and the integration tests check the two agree on generated months.
//
// Every figure is "as of" an instant: log rows after it are ignored, so a bulletin generated
// again later shows the same numbers.

export interface LogRow {
  seq: number;
  action: string;
  toStatus: string;
  at: Date;
  /** The unit concerned: the new unit for dispatch/rework, else the case's current unit. */
  unitId: string | null;
  /** The deadline the row set (dispatch, rework, approve_extension). */
  deadlineAt: Date | null;
}

export interface UnitFacts {
  /** 派遣/返工 to the unit by as-of: the case is in the unit's 应处置数 when it is due. */
  sent: boolean;
  /** 处置: a dispose row of the unit. */
  disposed: boolean;
  /** The unit's last disposal was before the deadline in force (按期处置). */
  disposedOnTime: boolean;
  /** 结案 while the case was with the unit. */
  closed: boolean;
  /** 按期结案: closed, and the unit's last disposal was on time. */
  closedOnTime: boolean;
  /** 返工: a rework ordered after the unit's disposal. */
  reworked: boolean;
  /** 延期: an approved extension for the unit. */
  extended: boolean;
  /** 超期未处置: at as-of the case is with the unit, undisposed, past its deadline. */
  overdueOpen: boolean;
}

export interface CaseFacts {
  /** 立案: a file or self_dispose row. */
  filed: boolean;
  selfDisposed: boolean;
  /** 作废 after filing. */
  voidedAfterFiling: boolean;
  /** 挂账 at as-of: the last park is not followed by an unpark. */
  parked: boolean;
  /** 应处置: filed, not voided, not parked. */
  due: boolean;
  /** 处置: due and a dispose or self_dispose row. */
  disposed: boolean;
  /** 按期处置: disposed, the last disposal before the deadline in force (self-disposal: on time). */
  disposedOnTime: boolean;
  /** 结案: due and a close or self_dispose row. */
  closed: boolean;
  /** Per unit the case was sent to (only units with `sent`). */
  units: Map<string, UnitFacts>;
}

/** Actions that set the disposal deadline; the last one before a row is the deadline in force. */
export const DEADLINE_SETTERS = new Set(['dispatch', 'rework', 'approve_extension']);

const emptyUnit = (): UnitFacts => ({
  sent: false,
  disposed: false,
  disposedOnTime: false,
  closed: false,
  closedOnTime: false,
  reworked: false,
  extended: false,
  overdueOpen: false,
});

/**
 * On time = at or before the deadline in force. An unknown deadline (imported history without
 * one) is no evidence of lateness, so it counts as on time.
 */
export function onTime(at: Date, deadline: Date | null): boolean {
  return deadline === null || at.getTime() <= deadline.getTime();
}

export function caseFacts(log: readonly LogRow[], asOf: Date): CaseFacts {
  const rows = log.filter((r) => r.at.getTime() <= asOf.getTime()).sort((a, b) => a.seq - b.seq);
  const has = (...actions: string[]) => rows.some((r) => actions.includes(r.action));
  const filed = has('file', 'self_dispose');
  const selfDisposed = has('self_dispose');
  const voidedAfterFiling = filed && has('void');
  const lastSeq = (action: string) =>
    Math.max(0, ...rows.filter((r) => r.action === action).map((r) => r.seq));
  const parked = lastSeq('park') > lastSeq('unpark');
  const due = filed && !voidedAfterFiling && !parked;

  const units = new Map<string, UnitFacts>();
  const unit = (id: string) => {
    let facts = units.get(id);
    if (!facts) {
      facts = emptyUnit();
      units.set(id, facts);
    }
    return facts;
  };
  let deadline: Date | null = null;
  let lastDisposalOnTime: boolean | null = null;
  let previous: LogRow | null = null;
  for (const row of rows) {
    if (DEADLINE_SETTERS.has(row.action)) deadline = row.deadlineAt;
    if (row.action === 'self_dispose') lastDisposalOnTime = true;
    if (row.unitId) {
      const u = unit(row.unitId);
      if (row.action === 'dispatch' || row.action === 'rework') u.sent = true;
      if (row.action === 'dispose') {
        u.disposed = true;
        u.disposedOnTime = onTime(row.at, deadline);
      }
      if (row.action === 'close') u.closed = true;
      if (row.action === 'approve_extension') u.extended = true;
    }
    if (row.action === 'dispose') lastDisposalOnTime = onTime(row.at, deadline);
    if (row.action === 'rework' && previous?.unitId) unit(previous.unitId).reworked = true;
    previous = row;
  }
  const last = rows[rows.length - 1];
  if (last?.unitId && last.toStatus === 'dispatched' && deadline && deadline.getTime() < asOf.getTime()) {
    unit(last.unitId).overdueOpen = true;
  }
  for (const [id, facts] of units) {
    if (!facts.sent) units.delete(id);
    facts.closedOnTime = facts.closed && facts.disposed && facts.disposedOnTime;
  }

  const disposed = due && has('dispose', 'self_dispose');
  return {
    filed,
    selfDisposed,
    voidedAfterFiling,
    parked,
    due,
    disposed,
    disposedOnTime: disposed && lastDisposalOnTime === true,
    closed: due && has('close', 'self_dispose'),
    units,
  };
}

export interface HeadlineCounts {
  received: number;
  filed: number;
  dueForDisposal: number;
  disposed: number;
  disposedOnTime: number;
  selfDisposed: number;
  closed: number;
}

export interface UnitCounts {
  unitId: string;
  due: number;
  disposed: number;
  disposedOnTime: number;
  closed: number;
  closedOnTime: number;
  reworked: number;
  extended: number;
  overdueOpen: number;
}

/**
 * The month's headline and per-unit counts from the facts of every case received in it
 * (reported in the month, at or before as-of). Per unit, only due cases count, so a case
 * re-routed from unit A to unit B counts for both, and unit rows may sum to more than the
 * headline 应处置数.
 */
export function tallyCases(facts: readonly CaseFacts[]): { headline: HeadlineCounts; units: UnitCounts[] } {
  const headline: HeadlineCounts = {
    received: facts.length,
    filed: 0,
    dueForDisposal: 0,
    disposed: 0,
    disposedOnTime: 0,
    selfDisposed: 0,
    closed: 0,
  };
  const byUnit = new Map<string, UnitCounts>();
  for (const f of facts) {
    if (f.filed) headline.filed++;
    if (f.selfDisposed) headline.selfDisposed++;
    if (!f.due) continue;
    headline.dueForDisposal++;
    if (f.disposed) headline.disposed++;
    if (f.disposedOnTime) headline.disposedOnTime++;
    if (f.closed) headline.closed++;
    for (const [unitId, u] of f.units) {
      let c = byUnit.get(unitId);
      if (!c) {
        c = {
          unitId,
          due: 0,
          disposed: 0,
          disposedOnTime: 0,
          closed: 0,
          closedOnTime: 0,
          reworked: 0,
          extended: 0,
          overdueOpen: 0,
        };
        byUnit.set(unitId, c);
      }
      c.due++;
      if (u.disposed) c.disposed++;
      if (u.disposed && u.disposedOnTime) c.disposedOnTime++;
      if (u.closed) c.closed++;
      if (u.closedOnTime) c.closedOnTime++;
      if (u.reworked) c.reworked++;
      if (u.extended) c.extended++;
      if (u.overdueOpen) c.overdueOpen++;
    }
  }
  return { headline, units: [...byUnit.values()].sort((a, b) => a.unitId.localeCompare(b.unitId)) };
}
