import type { CaseAction, CaseStatus } from '@cityloop/contracts/cases';
import type { Role } from '@cityloop/contracts/roles';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideTransition } from '../src/modules/cases/case-workflow.js';
import { type DemoHistoryResult, seedDemoHistory } from '../src/modules/demo/index.js';
import { SEED_UNIT_ROWS } from '../src/modules/demo/demo-plan.js';
import { findUnitByName } from '../src/modules/org/index.js';
import type { Db, OpenDatabase } from '../src/platform/db/database.js';
import { openTestDatabase } from './support/test-db.js';

// The demo city reproduces the seed bulletin (issue 4, item 6). The figures are recomputed
// here with plain SQL over cases and case_transitions, implementing the 口径 directly (not
// through the statistics module): month = Shanghai calendar month, as of the month's end,
// log rows after it ignored.

const CITY = '510400';
let database: OpenDatabase;
let first: DemoHistoryResult;

beforeAll(async () => {
  database = await openTestDatabase('seeded');
  first = await seedDemoHistory(database.db, CITY);
}, 900_000);
afterAll(() => database?.close());

const db = () => database.db;

const JUNE = { from: new Date('2019-06-01T00:00:00+08:00'), to: new Date('2019-07-01T00:00:00+08:00') };
const JULY = { from: new Date('2019-07-01T00:00:00+08:00'), to: new Date('2019-08-01T00:00:00+08:00') };

interface Figures {
  received: number;
  filed: number;
  due: number;
  disposed: number;
  selfDisposed: number;
}

/** The month's cases and their log up to the as-of instant, as CTEs the figures share. */
function monthCtes(month: { from: Date; to: Date }, asOf: Date) {
  return sql`
    m as (
      select id, district_id, category_id from cases
      where city_code = ${CITY} and reported_at >= ${month.from} and reported_at < ${month.to}
    ),
    t as (
      select ct.case_id, ct.seq, ct.action, ct.to_status, ct.unit_id from case_transitions ct
      join m on m.id = ct.case_id where ct.at < ${asOf}
    ),
    filed as (select distinct case_id from t where action in ('file', 'self_dispose')),
    voided_after_filing as (
      select distinct v.case_id from t v
      join t f on f.case_id = v.case_id and f.action = 'file' and f.seq < v.seq
      where v.action = 'void'
    ),
    last_row as (select distinct on (case_id) case_id, to_status from t order by case_id, seq desc),
    due as (
      select case_id from filed
      where case_id not in (select case_id from voided_after_filing)
        and case_id not in (select case_id from last_row where to_status = 'parked')
    ),
    disposed as (
      select distinct case_id from t
      where action in ('dispose', 'self_dispose') and case_id in (select case_id from due)
    )`;
}

async function figures(month: { from: Date; to: Date }, asOf = month.to): Promise<Figures> {
  const { rows } = await sql<Figures>`
    with ${monthCtes(month, asOf)}
    select
      (select count(*) from m)::int as received,
      (select count(*) from filed)::int as filed,
      (select count(*) from due)::int as due,
      (select count(*) from disposed)::int as disposed,
      (select count(distinct case_id) from t where action = 'self_dispose')::int as "selfDisposed"
  `.execute(db());
  return rows[0] as Figures;
}

async function byDistrict(month: { from: Date; to: Date }): Promise<Record<string, number>> {
  const { rows } = await sql<{ name: string; n: number }>`
    with ${monthCtes(month, month.to)}
    select r.name, count(*)::int as n from m join regions r on r.id = m.district_id group by r.name
  `.execute(db());
  return Object.fromEntries(rows.map((r) => [r.name, r.n]));
}

const pct = (num: number, den: number) => ((num / den) * 100).toFixed(2);

describe('seedDemoHistory', () => {
  it('writes June and July 2019 as raw cases with their logs', () => {
    expect(first.skipped).toBe(false);
    expect(first.cases).toBe(26053 + 26380);
    expect(first.transitions).toBeGreaterThan(first.cases * 3);
  });

  it('July reproduces the seed headline (本月总体情况)', async () => {
    const july = await figures(JULY);
    expect(july).toEqual({ received: 26380, filed: 26259, due: 26195, disposed: 17317, selfDisposed: 7031 });
    expect(pct(july.filed, july.received)).toBe('99.54');
    expect(pct(july.disposed, july.due)).toBe('66.11');
  });

  it('July by district: 东区 13356, 西区 6966, 仁和区 5477, 钒钛高新区 581', async () => {
    expect(await byDistrict(JULY)).toEqual({ 东区: 13356, 西区: 6966, 仁和区: 5477, 钒钛高新区: 581 });
  });

  it('June gives the printed month-over-month deltas, as of June’s end and as of July’s end alike', async () => {
    const june = await figures(JUNE);
    const july = await figures(JULY);
    expect(june.received).toBe(26053);
    expect(pct(june.filed, june.received)).toBe('99.81');
    expect(pct(june.disposed, june.due)).toBe('65.72');
    // "较上月案件上报总数增加了327件, 立案率下降了0.27%, 处置率上升了0.39%"
    expect(july.received - june.received).toBe(327);
    expect(((july.filed / july.received - june.filed / june.received) * 100).toFixed(2)).toBe('-0.27');
    expect(((july.disposed / july.due - june.disposed / june.due) * 100).toFixed(2)).toBe('0.39');
    // June's figures do not move when read at July's end (nothing counted happens later).
    expect(await figures(JUNE, JULY.to)).toEqual(june);
    const districts = await byDistrict(JUNE);
    expect(districts).toEqual({ 东区: 13356 + 787, 钒钛高新区: 581 + 107, 西区: 6966 - 508, 仁和区: 5477 - 713 });
  });

  it('July categories: events and parts per major (主要案件类别)', async () => {
    const { rows } = await sql<{ kind: string; major: string; n: number }>`
      with ${monthCtes(JULY, JULY.to)}
      select c.kind, c.major_name as major, count(*)::int as n
      from filed f join m on m.id = f.case_id join categories c on c.id = m.category_id
      group by c.kind, c.major_name
    `.execute(db());
    const of = (kind: string) =>
      Object.fromEntries(rows.filter((r) => r.kind === kind).map((r) => [r.major, r.n]));
    expect(of('event')).toEqual({
      市容环境: 11529,
      街面秩序: 7507,
      宣传广告: 3114,
      突发事件: 824,
      施工管理: 335,
      扩展事件: 279,
    });
    expect(of('part')).toEqual({ 公共设施: 1536, 园林绿化: 378, 市容环境: 374, 道路交通: 327, 扩展部件: 56 });
    const events = Object.values(of('event')).reduce((a, b) => a + b, 0);
    const parts = Object.values(of('part')).reduce((a, b) => a + b, 0);
    expect([events, parts]).toEqual([23588, 2671]);
  });

  it('July top minors print the seed’s shares of 立案数 (高发热点案件简析)', async () => {
    const { rows } = await sql<{ name: string; n: number }>`
      with ${monthCtes(JULY, JULY.to)}
      select c.name, count(*)::int as n
      from filed f join m on m.id = f.case_id join categories c on c.id = m.category_id
      group by c.id, c.name order by n desc, c.name limit 5
    `.execute(db());
    const top = rows.slice(0, 4).map((r) => [r.name, pct(r.n, 26259)]);
    expect(top).toEqual([
      ['暴露垃圾', '21.83'],
      ['沿街晾挂', '9.64'],
      ['机动车乱停放', '9.12'],
      ['店外经营', '8.08'],
    ]);
    expect((rows[4] as { n: number }).n).toBeLessThan((rows[3] as { n: number }).n);
  });

  it('July assessment tables: every unit’s 应处置数 / 处置数 (业务工作考核表)', async () => {
    const { rows } = await sql<{ unit_id: string; due: number; disposed: number }>`
      with ${monthCtes(JULY, JULY.to)},
      sent as (
        select distinct unit_id, case_id from t
        where action in ('dispatch', 'rework') and unit_id is not null and case_id in (select case_id from due)
      ),
      done as (select distinct unit_id, case_id from t where action = 'dispose')
      select s.unit_id, count(*)::int as due,
        count(d.case_id)::int as disposed
      from sent s left join done d on d.unit_id = s.unit_id and d.case_id = s.case_id
      group by s.unit_id
    `.execute(db());
    const byUnit = new Map(rows.map((r) => [r.unit_id, r]));
    for (const row of SEED_UNIT_ROWS) {
      const unit = await findUnitByName(db(), CITY, row.unit);
      const got = byUnit.get(unit?.id as string);
      expect([row.unit, got?.due ?? 0, got?.disposed ?? 0]).toEqual([row.unit, row.due, row.disposed]);
    }
    // No unit outside the seed's tables got July cases.
    expect(rows.length).toBe(SEED_UNIT_ROWS.length);
  });

  it('every log replays through the workflow table, and the case row matches its log', async () => {
    const logs = await db()
      .selectFrom('caseTransitions as t')
      .innerJoin('cases as c', 'c.id', 't.caseId')
      .select([
        't.caseId',
        't.seq',
        't.action',
        't.fromStatus',
        't.toStatus',
        't.actorRole',
        't.note',
        't.data',
        'c.status as caseStatus',
        'c.version as caseVersion',
      ])
      .where('c.cityCode', '=', CITY)
      .where('c.idempotencyKey', 'like', 'demo-history:%')
      .orderBy('t.caseId')
      .orderBy('t.seq')
      .execute();
    let cases = 0;
    let checked = 0;
    const problems: string[] = [];
    for (let i = 0; i < logs.length; ) {
      const caseId = logs[i]?.caseId as string;
      let j = i;
      while (j < logs.length && logs[j]?.caseId === caseId) j++;
      const rows = logs.slice(i, j);
      cases++;
      const head = rows[0] as (typeof rows)[0];
      if (head.seq !== 1 || (head.action !== 'report' && head.action !== 'self_dispose')) problems.push(`${caseId} head`);
      let status = head.toStatus as CaseStatus;
      let pending = false;
      rows.slice(1).forEach((r, k) => {
        const data = r.data as { extendTo?: string; confirmed?: boolean; supervision?: string };
        const decision = decideTransition({ status, pendingExtension: pending }, r.action as CaseAction, r.actorRole as Role, {
          note: r.note ?? undefined,
          extendTo: data.extendTo,
          confirmed: data.confirmed,
          supervision: data.supervision,
        });
        if (r.seq !== k + 2 || r.fromStatus !== status || !decision.ok || decision.to !== r.toStatus) {
          problems.push(`${caseId} #${r.seq} ${r.action} from ${status}`);
        }
        if (r.action === 'request_extension') pending = true;
        if (['approve_extension', 'deny_extension', 'dispose', 'return', 'park'].includes(r.action)) pending = false;
        status = r.toStatus as CaseStatus;
        checked++;
      });
      if (head.caseVersion !== rows.length || head.caseStatus !== status) problems.push(`${caseId} row`);
      i = j;
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(cases).toBe(26053 + 26380);
    expect(checked + cases).toBe(logs.length);
  }, 300_000);

  it('every point lies in its grid, and the grid in the case’s district', async () => {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from cases c join grids g on g.id = c.grid_id
      where c.city_code = ${CITY} and c.idempotency_key like 'demo-history:%'
        and (c.lng <= g.min_lng or c.lng >= g.max_lng or c.lat <= g.min_lat or c.lat >= g.max_lat
          or g.district_id <> c.district_id or g.street_id <> c.street_id)
    `.execute(db());
    expect(rows[0]?.n).toBe(0);
  });

  it('sources: each contract area files ≥100 video and ≥200 drone cases a month', async () => {
    const { rows } = await sql<{ month: string; area: string; source: string; n: number }>`
      select to_char(c.reported_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month,
        case when r.name in ('仁和区', '钒钛高新区') then 'C' when r.name = '西区' then 'B' else 'A' end as area,
        c.source, count(*)::int as n
      from cases c join regions r on r.id = c.district_id
      where c.city_code = ${CITY} and c.idempotency_key like 'demo-history:%' and c.source in ('video', 'drone')
      group by 1, 2, 3
    `.execute(db());
    expect(rows).toHaveLength(2 * 3 * 2);
    for (const r of rows) expect(r.n).toBeGreaterThanOrEqual(r.source === 'video' ? 100 : 200);
  });

  it('a second call finds the history and changes nothing', async () => {
    const count = async (d: Db) => {
      const { rows } = await sql<{ cases: number; log: number; audit: number; users: number; counters: number }>`
        select (select count(*) from cases)::int as cases, (select count(*) from case_transitions)::int as log,
          (select count(*) from audit_log)::int as audit, (select count(*) from users)::int as users,
          (select coalesce(sum(last_seq), 0) from case_number_counters)::int as counters
      `.execute(d);
      return rows[0];
    };
    const before = await count(db());
    const again = await seedDemoHistory(db(), CITY);
    expect(again.skipped).toBe(true);
    expect(again.cases).toBe(0);
    expect(await count(db())).toEqual(before);
  });
});
