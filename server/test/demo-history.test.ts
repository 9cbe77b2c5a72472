import type { CaseAction, CaseStatus } from '@cityloop/contracts/cases';
import type { Role } from '@cityloop/contracts/roles';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBulletin } from '../src/modules/bulletins/index.js';
import { decideTransition } from '../src/modules/cases/case-workflow.js';
import { SEED_UNIT_ROWS } from '../src/modules/demo/demo-plan.js';
import { type DemoHistoryResult, seedDemoHistory } from '../src/modules/demo/index.js';
import { campaignCountsByDistrict } from '../src/modules/field/index.js';
import { hotlineMonthlyFigures } from '../src/modules/hotline/index.js';
import { findUnitByName } from '../src/modules/org/index.js';
import { monthlyFigures, monthRange } from '../src/modules/statistics/index.js';
import {
  type HeadlineGroupRow,
  selectHeadlineGroups,
  selectHeadlineGroupsFromFacts,
  selectUnitCounts,
  selectUnitCountsFromFacts,
} from '../src/modules/statistics/statistics.repository.js';
import type { Db, OpenDatabase } from '../src/platform/db/database.js';
import { openTestDatabase } from './support/test-db.js';

// The demo city reproduces the seed bulletin (issue 4, item 6). The figures are recomputed
// here with plain SQL over cases and case_transitions, implementing the 口径 directly (month =
// Shanghai calendar month, as of the month's end, log rows after it ignored), and once more
// through the statistics module's monthlyFigures.

const CITY = '510400';
let database: OpenDatabase;
let first: DemoHistoryResult;

const JUNE = { from: new Date('2019-06-01T00:00:00+08:00'), to: new Date('2019-07-01T00:00:00+08:00') };
const JULY = { from: new Date('2019-07-01T00:00:00+08:00'), to: new Date('2019-08-01T00:00:00+08:00') };

/** One case of a month as the 口径 sees it at the as-of instant. */
interface CaseFact {
  district: string;
  kind: string;
  major: string;
  minor: string;
  filed: boolean;
  due: boolean;
  disposed: boolean;
  selfDisposed: boolean;
}

/**
 * Per case, its log up to the as-of instant folded in SQL (one GROUP BY over the month's cases
 * and their rows): filed = a file or self_dispose row; voided after filing = a void row after
 * the file row; parked = the last row leaves it parked; disposed = a dispose or self_dispose row.
 */
async function caseFacts(month: { from: Date; to: Date }, asOf: Date): Promise<CaseFact[]> {
  const { rows } = await sql<{
    district: string;
    kind: string;
    major: string;
    minor: string;
    filed: boolean;
    selfDisposed: boolean;
    disposedRow: boolean;
    fileSeq: number | null;
    voidSeq: number | null;
    lastStatus: string;
  }>`
    select r.name as district, cat.kind, cat.major_name as major, cat.name as minor,
      bool_or(t.action in ('file', 'self_dispose')) as filed,
      bool_or(t.action = 'self_dispose') as self_disposed,
      bool_or(t.action in ('dispose', 'self_dispose')) as disposed_row,
      min(t.seq) filter (where t.action = 'file') as file_seq,
      max(t.seq) filter (where t.action = 'void') as void_seq,
      (array_agg(t.to_status order by t.seq desc))[1] as last_status
    from cases c
    join case_transitions t on t.case_id = c.id and t.at < ${asOf}
    join regions r on r.id = c.district_id
    join categories cat on cat.id = c.category_id
    where c.city_code = ${CITY} and c.reported_at >= ${month.from} and c.reported_at < ${month.to}
    group by c.id, r.name, cat.kind, cat.major_name, cat.name
  `.execute(db());
  return rows.map((r) => {
    const voidedAfterFiling = r.fileSeq !== null && r.voidSeq !== null && r.voidSeq > r.fileSeq;
    const due = r.filed && !voidedAfterFiling && r.lastStatus !== 'parked';
    return {
      district: r.district,
      kind: r.kind,
      major: r.major,
      minor: r.minor,
      filed: r.filed,
      due,
      disposed: due && r.disposedRow,
      selfDisposed: r.selfDisposed,
    };
  });
}

/** Per unit: due cases with a dispatch/rework row for it, and of those, with a dispose row by it. */
async function unitRows(
  month: { from: Date; to: Date },
  asOf: Date,
): Promise<Map<string, { due: number; disposed: number }>> {
  const { rows } = await sql<{
    caseId: string;
    unitId: string;
    sent: boolean;
    disposedBy: boolean;
    due: boolean;
  }>`
    with m as (
      select c.id,
        bool_or(t.action in ('file', 'self_dispose')) as filed,
        min(t.seq) filter (where t.action = 'file') as file_seq,
        max(t.seq) filter (where t.action = 'void') as void_seq,
        (array_agg(t.to_status order by t.seq desc))[1] as last_status
      from cases c join case_transitions t on t.case_id = c.id and t.at < ${asOf}
      where c.city_code = ${CITY} and c.reported_at >= ${month.from} and c.reported_at < ${month.to}
      group by c.id
    )
    select t.case_id, t.unit_id,
      bool_or(t.action in ('dispatch', 'rework')) as sent,
      bool_or(t.action = 'dispose') as disposed_by,
      bool_and(m.filed and not coalesce(m.void_seq > m.file_seq, false) and m.last_status <> 'parked') as due
    from m join case_transitions t on t.case_id = m.id and t.at < ${asOf} and t.unit_id is not null
    group by t.case_id, t.unit_id
  `.execute(db());
  const out = new Map<string, { due: number; disposed: number }>();
  for (const r of rows) {
    if (!r.due || !r.sent) continue;
    const u = out.get(r.unitId) ?? { due: 0, disposed: 0 };
    u.due++;
    if (r.disposedBy) u.disposed++;
    out.set(r.unitId, u);
  }
  return out;
}

interface Figures {
  received: number;
  filed: number;
  due: number;
  disposed: number;
  selfDisposed: number;
}

const headline = (facts: CaseFact[]): Figures => ({
  received: facts.length,
  filed: facts.filter((f) => f.filed).length,
  due: facts.filter((f) => f.due).length,
  disposed: facts.filter((f) => f.disposed).length,
  selfDisposed: facts.filter((f) => f.selfDisposed).length,
});

const countBy = <T>(items: T[], key: (item: T) => string) => {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
};

const pct = (num: number, den: number) => ((num / den) * 100).toFixed(2);

let july: CaseFact[];
let june: CaseFact[];
let juneAtJulyEnd: CaseFact[];

beforeAll(async () => {
  database = await openTestDatabase('seeded');
  first = await seedDemoHistory(database.db, CITY);
  july = await caseFacts(JULY, JULY.to);
  june = await caseFacts(JUNE, JUNE.to);
  juneAtJulyEnd = await caseFacts(JUNE, JULY.to);
}, 1_800_000);
afterAll(() => database?.close());

const db = () => database.db;

describe('seedDemoHistory', () => {
  it('writes June and July 2019 as raw cases with their logs', () => {
    expect(first.skipped).toBe(false);
    expect(first.cases).toBe(26053 + 26380);
    expect(first.transitions).toBeGreaterThan(first.cases * 3);
  });

  it('July reproduces the seed headline (本月总体情况)', () => {
    const h = headline(july);
    expect(h).toEqual({ received: 26380, filed: 26259, due: 26195, disposed: 17317, selfDisposed: 7031 });
    expect(pct(h.filed, h.received)).toBe('99.54');
    expect(pct(h.disposed, h.due)).toBe('66.11');
  });

  it('July by district: 东区 13356, 西区 6966, 仁和区 5477, 钒钛高新区 581', () => {
    expect(countBy(july, (f) => f.district)).toEqual({
      东区: 13356,
      西区: 6966,
      仁和区: 5477,
      钒钛高新区: 581,
    });
  });

  it('June gives the printed month-over-month deltas, as of June’s end and as of July’s end alike', () => {
    const j = headline(june);
    const h = headline(july);
    expect(j.received).toBe(26053);
    expect(pct(j.filed, j.received)).toBe('99.81');
    expect(pct(j.disposed, j.due)).toBe('65.72');
    // "较上月案件上报总数增加了327件, 立案率下降了0.27%, 处置率上升了0.39%"
    expect(h.received - j.received).toBe(327);
    expect(((h.filed / h.received - j.filed / j.received) * 100).toFixed(2)).toBe('-0.27');
    expect(((h.disposed / h.due - j.disposed / j.due) * 100).toFixed(2)).toBe('0.39');
    // June's figures do not move when read at July's end (nothing counted happens later).
    expect(headline(juneAtJulyEnd)).toEqual(j);
    expect(countBy(june, (f) => f.district)).toEqual({
      东区: 13356 + 787,
      钒钛高新区: 581 + 107,
      西区: 6966 - 508,
      仁和区: 5477 - 713,
    });
  });

  it('July categories: events and parts per major (主要案件类别)', () => {
    const filed = july.filter((f) => f.filed);
    expect(
      countBy(
        filed.filter((f) => f.kind === 'event'),
        (f) => f.major,
      ),
    ).toEqual({
      市容环境: 11529,
      街面秩序: 7507,
      宣传广告: 3114,
      突发事件: 824,
      施工管理: 335,
      扩展事件: 279,
    });
    expect(
      countBy(
        filed.filter((f) => f.kind === 'part'),
        (f) => f.major,
      ),
    ).toEqual({
      公共设施: 1536,
      园林绿化: 378,
      市容环境: 374,
      道路交通: 327,
      扩展部件: 56,
    });
    expect(filed.filter((f) => f.kind === 'event').length).toBe(23588);
    expect(filed.filter((f) => f.kind === 'part').length).toBe(2671);
  });

  it('July top minors print the seed’s shares of 立案数 (高发热点案件简析)', () => {
    const filed = july.filter((f) => f.filed);
    const ranked = Object.entries(countBy(filed, (f) => `${f.kind}:${f.minor}`)).sort((a, b) => b[1] - a[1]);
    expect(ranked.slice(0, 4).map(([k, n]) => [k, pct(n, filed.length)])).toEqual([
      ['event:暴露垃圾', '21.83'],
      ['event:沿街晾挂', '9.64'],
      ['event:机动车乱停放', '9.12'],
      ['event:店外经营', '8.08'],
    ]);
    expect((ranked[4] as [string, number])[1]).toBeLessThan((ranked[3] as [string, number])[1]);
  });

  it('July assessment tables: every unit’s 应处置数 / 处置数 (业务工作考核表)', async () => {
    const byUnit = await unitRows(JULY, JULY.to);
    for (const row of SEED_UNIT_ROWS) {
      const unit = await findUnitByName(db(), CITY, row.unit);
      const got = byUnit.get(unit?.id as string);
      expect([row.unit, got?.due ?? 0, got?.disposed ?? 0]).toEqual([row.unit, row.due, row.disposed]);
    }
    // No unit outside the seed's tables got July cases.
    expect(byUnit.size).toBe(SEED_UNIT_ROWS.length);
  }, 300_000);

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
      if (head.seq !== 1 || (head.action !== 'report' && head.action !== 'self_dispose'))
        problems.push(`${caseId} head`);
      let status = head.toStatus as CaseStatus;
      let pending = false;
      rows.slice(1).forEach((r, k) => {
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
        if (r.seq !== k + 2 || r.fromStatus !== status || !decision.ok || decision.to !== r.toStatus) {
          problems.push(`${caseId} #${r.seq} ${r.action} from ${status}`);
        }
        if (r.action === 'request_extension') pending = true;
        if (['approve_extension', 'deny_extension', 'dispose', 'return', 'park'].includes(r.action))
          pending = false;
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
  }, 300_000);

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
  }, 300_000);

  it('the statistics module reads the same July figures (and June as previous)', async () => {
    const f = await monthlyFigures(db(), CITY, '2019-07', { now: new Date('2019-09-01T00:00:00+08:00') });
    expect(f.cases).toMatchObject({
      received: 26380,
      filed: 26259,
      dueForDisposal: 26195,
      disposed: 17317,
      selfDisposed: 7031,
    });
    // The hotline comparison counts June's orders as June's own figures do (a count query now).
    const june = await hotlineMonthlyFigures(db(), CITY, '2019-06');
    expect(f.hotlinePrevious).toEqual(
      june.received === 0 ? null : { month: '2019-06', received: june.received },
    );
    expect(f.cases.filingRate?.toFixed(4)).toBe('0.9954');
    expect(f.cases.disposalRate?.toFixed(4)).toBe('0.6611');
    expect(Object.fromEntries(f.cases.byDistrict.map((d) => [d.district, d.received]))).toEqual({
      东区: 13356,
      西区: 6966,
      仁和区: 5477,
      钒钛高新区: 581,
    });
    expect([f.cases.events.total, f.cases.parts.total]).toEqual([23588, 2671]);
    expect(f.cases.events.byMajor.map((m) => [m.name, m.count])).toEqual([
      ['市容环境', 11529],
      ['街面秩序', 7507],
      ['宣传广告', 3114],
      ['突发事件', 824],
      ['施工管理', 335],
      ['扩展事件', 279],
    ]);
    expect(f.cases.parts.byMajor.map((m) => [m.name, m.count])).toEqual([
      ['公共设施', 1536],
      ['园林绿化', 378],
      ['市容环境', 374],
      ['道路交通', 327],
      ['扩展部件', 56],
    ]);
    expect(f.cases.topMinors.slice(0, 4).map((m) => [m.name, ((m.share ?? 0) * 100).toFixed(2)])).toEqual([
      ['暴露垃圾', '21.83'],
      ['沿街晾挂', '9.64'],
      ['机动车乱停放', '9.12'],
      ['店外经营', '8.08'],
    ]);
    expect(f.cases.previous).toMatchObject({ received: 26053 });
    const prev = f.cases.previous as { filingRate: number; disposalRate: number };
    expect((prev.filingRate * 100).toFixed(2)).toBe('99.81');
    expect((prev.disposalRate * 100).toFixed(2)).toBe('65.72');
    const rows = [
      ...f.assessment.regions.rows,
      ...f.assessment.departments.rows,
      ...f.assessment.enterprises.rows,
    ];
    for (const seed of SEED_UNIT_ROWS) {
      const unit = await findUnitByName(db(), CITY, seed.unit);
      const row = rows.find((r) => r.unitId === unit?.id);
      expect([seed.unit, row?.due, row?.disposed]).toEqual([seed.unit, seed.due, seed.disposed]);
    }
  }, 300_000);

  it('the maintained monthly facts equal a recount from the log, month by month', async () => {
    for (const month of ['2019-06', '2019-07']) {
      const { start, end, lastInstant } = monthRange(month);
      const recount = { cityCode: CITY, start, end, asOf: lastInstant };
      const facts = { cityCode: CITY, month, asOf: lastInstant };
      const byKey = (rows: HeadlineGroupRow[]) =>
        [...rows].sort((a, b) =>
          `${a.groupDistrict}${a.districtId}${a.groupCategory}${a.categoryId}`.localeCompare(
            `${b.groupDistrict}${b.districtId}${b.groupCategory}${b.categoryId}`,
          ),
        );
      const fromFacts = byKey(await selectHeadlineGroupsFromFacts(db(), facts));
      expect(fromFacts.length).toBeGreaterThan(20);
      expect(fromFacts).toEqual(byKey(await selectHeadlineGroups(db(), recount)));
      const unitFacts = await selectUnitCountsFromFacts(db(), facts);
      expect(unitFacts.length).toBeGreaterThan(10);
      expect(unitFacts).toEqual(await selectUnitCounts(db(), recount));
    }
  }, 300_000);

  it('July’s zebra-crossing campaign: 5524 raw entries, 东区 2741, 西区 1500, 仁和区 1283', async () => {
    expect(first.campaign).toEqual({ created: 5524, skipped: false });
    const { rows } = await sql<{ district: string; n: number; plates: number; days: number }>`
      select r.name as district, count(*)::int as n, count(distinct e.data->>'plate')::int as plates,
        count(distinct (e.observed_at at time zone 'Asia/Shanghai')::date)::int as days
      from campaign_entries e join regions r on r.id = e.district_id
      where e.city_code = ${CITY} and e.observed_at >= ${JULY.from} and e.observed_at < ${JULY.to}
      group by r.name order by n desc
    `.execute(db());
    expect(rows.map((r) => [r.district, r.n])).toEqual([
      ['东区', 2741],
      ['西区', 1500],
      ['仁和区', 1283],
    ]);
    for (const r of rows) expect(r.days).toBe(31);
    const [zebra] = await campaignCountsByDistrict(db(), CITY, '2019-07');
    expect(zebra?.total).toBe(5524);
    expect(await campaignCountsByDistrict(db(), CITY, '2019-06')).toEqual([]);
  });

  it('the July bulletin prints the seed’s exposure section (四、斑马线前不礼让行为曝光)', async () => {
    const { document } = await buildBulletin(db(), CITY, '2019-07', {
      now: new Date('2019-09-01T00:00:00+08:00'),
    });
    const texts = document.nodes.map((n) => ('text' in n ? n.text : ''));
    expect(texts).toContain('四、斑马线前不礼让行为曝光');
    expect(texts).toContain(
      '本月在斑马线秩序持续监督行动中，各区监督员共发现不文明现象5524件。其中，东区2741件，西区1500件，仁和区1283件。',
    );
    expect(texts).toContain('上述案件信息已推送媒体曝光，同时派遣至市交警支队依法查处。');
    const table = document.nodes.find((n) => n.type === 'table' && n.sheet === '曝光1');
    expect(table?.type === 'table' && table.rows.length).toBe(62);
    expect(texts.indexOf('四、斑马线前不礼让行为曝光')).toBeLessThan(texts.indexOf('五、案件处置率及排名'));
  }, 300_000);

  it('a second call finds the history and changes nothing', async () => {
    const count = async (d: Db) => {
      const { rows } = await sql<{
        cases: number;
        log: number;
        audit: number;
        users: number;
        counters: number;
        entries: number;
      }>`
        select (select count(*) from cases)::int as cases, (select count(*) from case_transitions)::int as log,
          (select count(*) from campaign_entries)::int as entries,
          (select count(*) from audit_log)::int as audit, (select count(*) from users)::int as users,
          (select coalesce(sum(last_seq), 0) from case_number_counters)::int as counters
      `.execute(d);
      return rows[0];
    };
    const before = await count(db());
    const again = await seedDemoHistory(db(), CITY);
    expect(again.skipped).toBe(true);
    expect(again.cases).toBe(0);
    expect(again.campaign).toEqual({ created: 0, skipped: true });
    expect(await count(db())).toEqual(before);
  }, 300_000);
});
