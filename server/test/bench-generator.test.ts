import type { CaseAction, CaseStatus } from '@cityloop/contracts/cases';
import type { HotlineAction } from '@cityloop/contracts/hotline';
import type { Role } from '@cityloop/contracts/roles';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareBenchCity } from '../../bench/generator/city.js';
import { type GenerateResult, generateBenchCity } from '../../bench/generator/generate.js';
import {
  orderCount,
  orderOutcomeCounts,
  type PlannedOrder,
  planOrders,
} from '../../bench/generator/orders.js';
import {
  categoryCounts,
  julyMix,
  outcomeCounts,
  type PlannedCase,
  type PlanOptions,
  planCases,
} from '../../bench/generator/plan.js';
import { decideTransition, type WorkflowCase } from '../src/modules/cases/case-workflow.js';
import { hotlineMonthlyFigures } from '../src/modules/hotline/index.js';
import {
  decideOrderAction,
  type OrderActionFacts,
  type WorkflowOrder,
} from '../src/modules/hotline/order-workflow.js';
import type { OpenDatabase } from '../src/platform/db/database.js';
import { openTestDatabase } from './support/test-db.js';

// The benchmark generator at a small size: what it writes is what it planned, in the July 2019
// mix, and every generated life passes the same workflow table as live cases — and every
// generated 12345 work order the hotline's.

const CITY = '510400';
const OPTIONS: PlanOptions = { cases: 2000, months: 2, seed: 7, lastMonth: '2019-07' };
let database: OpenDatabase;
let result: GenerateResult;

beforeAll(async () => {
  database = await openTestDatabase('seeded');
  result = await generateBenchCity(database, OPTIONS);
});
afterAll(() => database.close());

const db = () => database.db;

interface StoredStep {
  seq: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
}

/**
 * Walks one record's stored log through its workflow's decision: counts the rows the decision
 * refuses or contradicts (another target, another starting state) and returns the state the
 * log leaves the record in. Extension requests are tracked as the live row tracks them.
 */
function walkLog<R extends StoredStep>(
  rows: readonly R[],
  decide: (
    current: { status: string; pendingExtension: boolean },
    row: R,
  ) => { ok: true; to: string } | { ok: false },
): { illegal: number; status: string } {
  rows.forEach((r, i) => {
    expect(r.seq).toBe(i + 1);
  });
  expect(rows[0]?.fromStatus).toBeNull();
  let status = rows[0]?.toStatus as string;
  let pendingExtension = false;
  let illegal = 0;
  for (const r of rows.slice(1)) {
    const decision = decide({ status, pendingExtension }, r);
    if (!decision.ok || decision.to !== r.toStatus || r.fromStatus !== status) illegal++;
    if (r.action === 'request_extension') pendingExtension = true;
    if (r.action === 'approve_extension' || r.action === 'deny_extension') pendingExtension = false;
    status = r.toStatus;
  }
  return { illegal, status };
}

/** The city's records of a table per status. */
async function countByStatus(table: string): Promise<Record<string, number>> {
  const { rows } = await sql<{ status: string; n: number }>`
    select status, count(*)::int as n from ${sql.table(table)} where city_code = ${CITY} group by status
  `.execute(db());
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Records and distinct numbers per Shanghai day of `at`, and the day counters' last numbers. */
async function numbersPerDay(table: string, at: string, numberColumn: string, counterTable: string) {
  const days = await sql<{ day: string; n: number; numbers: number }>`
    select to_char(${sql.ref(at)} at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day,
      count(*)::int as n, count(distinct ${sql.ref(numberColumn)})::int as numbers
    from ${sql.table(table)} where city_code = ${CITY} group by 1
  `.execute(db());
  const counters = await sql<{ day: string; lastSeq: number }>`
    select day::text as day, last_seq as "lastSeq" from ${sql.table(counterTable)} where city_code = ${CITY}
  `.execute(db());
  return { days: days.rows, counters: new Map(counters.rows.map((c) => [c.day, c.lastSeq])) };
}

describe('bench generator', () => {
  it('writes exactly the planned number of cases per category, in the July 2019 mix', async () => {
    const rows = await db()
      .selectFrom('cases')
      .innerJoin('categories', 'categories.id', 'cases.categoryId')
      .select([
        sql<string>`case when categories.kind = 'event' then 'E' else 'C' end || categories.code`.as('key'),
        sql<number>`count(*)::int`.as('n'),
      ])
      .where('cases.cityCode', '=', CITY)
      .groupBy(['categories.kind', 'categories.code'])
      .execute();
    const stored = Object.fromEntries(rows.map((r) => [r.key, r.n]));
    expect(result.summary.cases).toBe(OPTIONS.cases);
    expect(stored).toEqual(result.summary.byCategory);
    const planned = Object.fromEntries(
      Object.entries(categoryCounts(OPTIONS.cases, new Set(Object.keys(julyMix())))).filter(([, n]) => n > 0),
    );
    expect(stored).toEqual(planned);
    const share = (key: string) => (stored[key] ?? 0) / OPTIONS.cases;
    expect(share('E0102')).toBeCloseTo(0.218, 2); // 暴露垃圾
    expect(share('E0511')).toBeCloseTo(0.096, 2); // 沿街晾挂
    expect(share('E0505')).toBeCloseTo(0.091, 2); // 机动车乱停放
    expect(share('E0504')).toBeCloseTo(0.081, 2); // 店外经营
    const events = Object.entries(stored)
      .filter(([k]) => k.startsWith('E'))
      .reduce((s, [, n]) => s + n, 0);
    expect(events / OPTIONS.cases).toBeCloseTo(0.9, 1);
  });

  it('stores the planned states and lifecycles: most closed, some open, overdue, parked, voided', async () => {
    const byStatus = await countByStatus('cases');
    expect(byStatus).toEqual(result.summary.byStatus);
    expect(result.summary.byOutcome).toEqual(outcomeCounts(OPTIONS.cases));
    expect((byStatus.closed ?? 0) / OPTIONS.cases).toBeGreaterThan(0.8);
    for (const status of ['dispatched', 'voided', 'parked'] as CaseStatus[]) {
      expect(byStatus[status] ?? 0).toBeGreaterThan(0);
    }
    const end = new Date('2019-08-01T00:00:00+08:00');
    const overdue = await db()
      .selectFrom('cases')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('cityCode', '=', CITY)
      .where('status', 'not in', ['closed', 'voided', 'parked'])
      .where('stageDeadlineAt', '<', end)
      .executeTakeFirstOrThrow();
    expect(overdue.n).toBeGreaterThan(0);
  });

  it('every generated log replays legally through the workflow table; version = log length', async () => {
    const log = await db()
      .selectFrom('caseTransitions')
      .select(['caseId', 'seq', 'action', 'fromStatus', 'toStatus', 'actorRole', 'note', 'data'])
      .where('cityCode', '=', CITY)
      .orderBy('caseId')
      .orderBy('seq')
      .execute();
    const cases = new Map(
      (
        await db()
          .selectFrom('cases')
          .select(['id', 'status', 'version'])
          .where('cityCode', '=', CITY)
          .execute()
      ).map((c) => [c.id, c]),
    );
    expect(log.length).toBe(result.summary.transitions);
    const byCase = new Map<string, typeof log>();
    for (const row of log) byCase.set(row.caseId, [...(byCase.get(row.caseId) ?? []), row]);
    expect(byCase.size).toBe(OPTIONS.cases);
    let illegal = 0;
    for (const [caseId, rows] of byCase) {
      expect(['report', 'self_dispose']).toContain(rows[0]?.action);
      const walked = walkLog(rows, (current, r) => {
        const data = r.data as { extendTo?: string; confirmed?: boolean; supervision?: string };
        const facts = {
          note: r.note ?? undefined,
          extendTo: data.extendTo,
          confirmed: data.confirmed,
          supervision: data.supervision,
        };
        return decideTransition(current as WorkflowCase, r.action as CaseAction, r.actorRole as Role, facts);
      });
      illegal += walked.illegal;
      const stored = cases.get(caseId);
      expect(stored?.status).toBe(walked.status);
      expect(stored?.version).toBe(rows.length);
    }
    expect(illegal).toBe(0);
  });

  it('numbers cases per day and reserves the day counters, so live reports continue after them', async () => {
    const { days, counters } = await numbersPerDay('cases', 'reported_at', 'case_no', 'case_number_counters');
    expect(days.length).toBe(61);
    for (const r of days) {
      expect(r.numbers).toBe(r.n);
      expect(counters.get(r.day)).toBeGreaterThanOrEqual(r.n);
    }
  });

  it('is deterministic: the same seed plans the same cases and orders, ids included; another seed differs', async () => {
    const city = await prepareBenchCity(db(), OPTIONS.cases / OPTIONS.months);
    const firstCases = (seed: number) => planCases(city, { ...OPTIONS, seed }).next().value as PlannedCase[];
    const firstOrders = (seed: number) =>
      planOrders(city, { ...OPTIONS, seed }).next().value as PlannedOrder[];
    for (const firstDay of [firstCases, firstOrders] as ((seed: number) => unknown[])[]) {
      const a = firstDay(OPTIONS.seed);
      expect(a.length).toBeGreaterThan(0);
      expect(firstDay(OPTIONS.seed)).toEqual(a);
      expect(firstDay(OPTIONS.seed + 1)).not.toEqual(a);
    }
    const caseIds = firstCases(OPTIONS.seed).map((c) => c.history.case.id);
    const orderIds = firstOrders(OPTIONS.seed).map((o) => o.history.order.id);
    const [cases, orders] = await Promise.all([
      db().selectFrom('cases').select('id').where('id', 'in', caseIds).execute(),
      db().selectFrom('hotlineOrders').select('id').where('id', 'in', orderIds).execute(),
    ]);
    expect(cases.length).toBe(caseIds.length);
    expect(orders.length).toBe(orderIds.length);
  });

  it('writes the planned 12345 orders, ~14% of the cases, in the planned states and kinds of handling', async () => {
    const byStatus = await countByStatus('hotline_orders');
    const planned = orderCount(OPTIONS);
    expect(planned).toBe(Math.round((OPTIONS.cases * 3706) / 26380));
    expect(result.orders.orders).toBe(planned);
    expect(byStatus).toEqual(result.orders.byStatus);
    expect(result.orders.byOutcome).toEqual(
      Object.fromEntries(Object.entries(orderOutcomeCounts(planned)).filter(([, n]) => n > 0)),
    );
    expect((byStatus.archived ?? 0) / planned).toBeGreaterThan(0.6);
    for (const status of ['invalid', 'transferred', 'signed'] as const) {
      expect(byStatus[status] ?? 0).toBeGreaterThan(0);
    }
    const end = new Date('2019-08-01T00:00:00+08:00');
    const marks = await db()
      .selectFrom('hotlineOrders')
      .select([
        sql<number>`count(*) filter (where status in ('transferred', 'signed') and deadline_at < ${end})::int`.as(
          'overdue',
        ),
        sql<number>`count(*) filter (where return_count > 0)::int`.as('returned'),
        sql<number>`count(*) filter (where reopen_count > 0)::int`.as('reopened'),
        sql<number>`count(*) filter (where extension_count > 0)::int`.as('extended'),
      ])
      .where('cityCode', '=', CITY)
      .executeTakeFirstOrThrow();
    for (const [mark, n] of Object.entries(marks)) expect(n, mark).toBeGreaterThan(0);
  });

  it("every generated order's log replays legally through the hotline workflow; version = log length", async () => {
    const log = await db()
      .selectFrom('hotlineOrderLog')
      .select([
        'orderId',
        'seq',
        'action',
        'fromStatus',
        'toStatus',
        'actorRole',
        'note',
        'unitSatisfaction',
        'agentSatisfaction',
        'data',
      ])
      .where('cityCode', '=', CITY)
      .orderBy('orderId')
      .orderBy('seq')
      .execute();
    const orders = new Map(
      (
        await db()
          .selectFrom('hotlineOrders')
          .select(['id', 'status', 'version', 'leadUnitId', 'replyText', 'answerText'])
          .where('cityCode', '=', CITY)
          .execute()
      ).map((o) => [o.id, o]),
    );
    expect(log.length).toBe(result.orders.logRows);
    const byOrder = new Map<string, typeof log>();
    for (const row of log) byOrder.set(row.orderId, [...(byOrder.get(row.orderId) ?? []), row]);
    expect(byOrder.size).toBe(result.orders.orders);
    let illegal = 0;
    for (const [orderId, rows] of byOrder) {
      expect(['receive', 'receive_invalid']).toContain(rows[0]?.action);
      const walked = walkLog(rows, (current, r) => {
        const data = r.data as { extendTo?: string; resolved?: boolean; supervision?: string };
        // The log keeps no reply texts or lead unit ids in data: their presence is what is checked.
        const facts: OrderActionFacts = {
          note: r.note ?? undefined,
          replyText: r.action === 'answer' || r.action === 'reply' ? 'text' : undefined,
          leadUnitId: r.action === 'transfer' ? 'unit' : undefined,
          extendTo: data.extendTo,
          agentSatisfaction: r.agentSatisfaction ?? undefined,
          unitSatisfaction: r.unitSatisfaction ?? undefined,
          resolved: data.resolved,
          supervision: data.supervision,
        };
        return decideOrderAction(
          current as WorkflowOrder,
          r.action as HotlineAction,
          r.actorRole as Role,
          facts,
        );
      });
      illegal += walked.illegal;
      const stored = orders.get(orderId);
      expect(stored?.status).toBe(walked.status);
      expect(stored?.version).toBe(rows.length);
      if (walked.status === 'transferred' || walked.status === 'signed')
        expect(stored?.leadUnitId).not.toBeNull();
    }
    expect(illegal).toBe(0);
  });

  it('numbers orders per Shanghai day (RX + date + 5 digits), unique, and reserves the day counters', async () => {
    const { days, counters } = await numbersPerDay(
      'hotline_orders',
      'received_at',
      'order_no',
      'hotline_order_counters',
    );
    expect(days.reduce((s, r) => s + r.n, 0)).toBe(result.orders.orders);
    for (const r of days) {
      expect(r.numbers).toBe(r.n);
      expect(counters.get(r.day)).toBeGreaterThanOrEqual(r.n);
    }
    const misnumbered = await sql<{ n: number }>`
      select count(*)::int as n from hotline_orders
      where city_code = ${CITY}
        and order_no not like 'RX' || to_char(received_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || '_____'
    `.execute(db());
    expect(misnumbered.rows[0]?.n).toBe(0);
  });

  it("the hotline's monthly figures count the generated orders of each month", async () => {
    for (const month of ['2019-06', '2019-07']) {
      const figures = await hotlineMonthlyFigures(db(), CITY, month);
      expect(figures.received).toBe(result.orders.byMonth[month]);
      expect(figures.valid + figures.invalid).toBe(figures.received);
      expect(figures.invalid).toBeGreaterThan(0);
      expect(figures.directReply).toBeGreaterThan(0);
      expect(figures.transferred).toBeGreaterThan(0);
      expect(figures.completed).toBeGreaterThan(0);
      expect(figures.completed).toBeLessThanOrEqual(figures.transferred);
      expect(figures.byUnit.reduce((s, r) => s + r.received, 0)).toBe(figures.transferred);
      expect(figures.satisfaction.calledBack).toBeGreaterThan(0);
    }
  });

  it('refuses to generate into a city that already has cases, writing nothing', async () => {
    const before = await db()
      .selectFrom('cases')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    await expect(generateBenchCity(database, { ...OPTIONS, cases: 10 })).rejects.toThrow(/already has cases/);
    const after = await db()
      .selectFrom('cases')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
