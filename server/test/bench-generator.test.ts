import type { CaseAction, CaseStatus } from '@cityloop/contracts/cases';
import type { Role } from '@cityloop/contracts/roles';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareBenchCity } from '../../bench/generator/city.js';
import { type GenerateResult, generateBenchCity } from '../../bench/generator/generate.js';
import {
  categoryCounts,
  julyMix,
  outcomeCounts,
  type PlannedCase,
  type PlanOptions,
  planCases,
} from '../../bench/generator/plan.js';
import { decideTransition } from '../src/modules/cases/case-workflow.js';
import type { OpenDatabase } from '../src/platform/db/database.js';
import { openTestDatabase } from './support/test-db.js';

// The benchmark generator at a small size: what it writes is what it planned, in the July 2019
// mix, and every generated life passes the same workflow table as live cases.

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
    const rows = await db()
      .selectFrom('cases')
      .select(['status', sql<number>`count(*)::int`.as('n')])
      .where('cityCode', '=', CITY)
      .groupBy('status')
      .execute();
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, r.n]));
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
      const [first, ...rest] = rows;
      expect(['report', 'self_dispose']).toContain(first?.action);
      expect(first?.fromStatus).toBeNull();
      let status = first?.toStatus as CaseStatus;
      let pending = false;
      rows.forEach((r, i) => {
        expect(r.seq).toBe(i + 1);
      });
      for (const r of rest) {
        const data = r.data as { extendTo?: string; confirmed?: boolean; supervision?: string };
        const decision = decideTransition(
          { status, pendingExtension: pending },
          r.action as CaseAction,
          r.actorRole as Role,
          {
            note: r.note ?? undefined,
            extendTo: data.extendTo,
            confirmed: data.confirmed,
            supervision: data.supervision,
          },
        );
        if (!decision.ok || decision.to !== r.toStatus || r.fromStatus !== status) illegal++;
        if (r.action === 'request_extension') pending = true;
        if (r.action === 'approve_extension' || r.action === 'deny_extension') pending = false;
        status = r.toStatus as CaseStatus;
      }
      const stored = cases.get(caseId);
      expect(stored?.status).toBe(status);
      expect(stored?.version).toBe(rows.length);
    }
    expect(illegal).toBe(0);
  });

  it('numbers cases per day and reserves the day counters, so live reports continue after them', async () => {
    const rows = await db()
      .selectFrom('cases')
      .select([
        sql<string>`to_char(reported_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`.as('day'),
        sql<number>`count(*)::int`.as('n'),
        sql<number>`count(distinct case_no)::int`.as('numbers'),
      ])
      .where('cityCode', '=', CITY)
      .groupBy(sql`1`)
      .execute();
    const counters = new Map(
      (
        await db()
          .selectFrom('caseNumberCounters')
          .select(['day', 'lastSeq'])
          .where('cityCode', '=', CITY)
          .execute()
      ).map((c) => [String(c.day), c.lastSeq]),
    );
    expect(rows.length).toBe(61);
    for (const r of rows) {
      expect(r.numbers).toBe(r.n);
      expect(counters.get(r.day)).toBeGreaterThanOrEqual(r.n);
    }
  });

  it('is deterministic: the same seed plans the same cases, ids included; another seed differs', async () => {
    const city = await prepareBenchCity(db(), OPTIONS.cases / OPTIONS.months);
    const firstDay = (seed: number) => planCases(city, { ...OPTIONS, seed }).next().value as PlannedCase[];
    const a = firstDay(OPTIONS.seed);
    expect(firstDay(OPTIONS.seed)).toEqual(a);
    expect(firstDay(OPTIONS.seed + 1)).not.toEqual(a);
    const stored = await db()
      .selectFrom('cases')
      .select('id')
      .where(
        'id',
        'in',
        a.map((c) => c.history.case.id),
      )
      .execute();
    expect(stored.length).toBe(a.length);
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
