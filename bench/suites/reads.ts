import { caseDetail, listCases } from '../../server/src/modules/cases/case-queries.service.js';
import type { Db } from '../../server/src/platform/db/database.js';
import { type Latency, picker, round, timeEach } from '../lib/measure.js';
import { rawQuery } from '../lib/raw-sql.js';
import { actorOf, CITY, depsOf, explain, type SuiteResult } from './types.js';

export interface ReadOptions {
  db: Db;
  engine: 'postgres' | 'pglite';
  /** "now" of the generated city: the end of its last month. */
  now: Date;
  cases: number;
  samples: number;
}

// A queue's states as placeholders from $first on, as the service sends them: one state is
// `status = $n`, which the planner serves in index order; an array (`= any($n)`) it sorts.
const statesIn = (queue: keyof typeof QUEUES, first: number) =>
  QUEUES[queue].map((_, i) => `$${first + i}`).join(', ');
// The page a dispatcher works from, as the service builds it (cases.repository selectCasePage):
// the page chosen from cases alone, then its rows' names; written out for EXPLAIN.
const PAGE_SQL = (queue: keyof typeof QUEUES) => `
  select page.id, page.case_no, page.status, page.stage_deadline_at, categories.name, units.name, grids.code,
    district.name
  from (
    select * from cases
    where cases.city_code = $1 and cases.status in (${statesIn(queue, 5)}) and cases.district_id = $2
      and cases.category_id = (select id from categories where city_code = $1 and code = $3 and kind = $4)
    order by cases.stage_deadline_at asc nulls last, cases.id limit 50
  ) page
  join categories on categories.id = page.category_id
  left join units on units.id = page.unit_id
  left join grids on grids.id = page.grid_id
  left join regions district on district.id = page.district_id
  order by page.stage_deadline_at asc nulls last, page.id`;
const COUNT_SQL = (queue: keyof typeof QUEUES) => `
  select count(*) from cases
  where cases.city_code = $1 and cases.status in (${statesIn(queue, 5)}) and cases.district_id = $2
    and cases.category_id = (select id from categories where city_code = $1 and code = $3 and kind = $4)`;
// The floor: the page's ids straight from an index on the same filter and order, the category
// already known by its id.
const FLOOR_SQL = (queue: keyof typeof QUEUES) => `
  select id from cases
  where city_code = $1 and status in (${statesIn(queue, 4)}) and district_id = $2 and category_id = $3
  order by stage_deadline_at asc nulls last, id limit 50`;

const QUEUES = { to_dispatch: ['filed', 'check_failed'], disposing: ['dispatched'] } as const;

interface QueuePick {
  queue: keyof typeof QUEUES;
  districtId: string;
  categoryId: string;
  code: string;
  kind: 'event' | 'part';
}

async function queuePicks(db: Db, samples: number): Promise<QueuePick[]> {
  // Busy and quiet pairs alike: the districts × the ten commonest categories of the open cases.
  const districts = await rawQuery<{ id: string }>(
    db,
    `select distinct district_id as id from grids where city_code = $1 order by 1`,
    [CITY],
  );
  const categories = await rawQuery<{ id: string; code: string; kind: 'event' | 'part' }>(
    db,
    `select c.id, c.code, c.kind from categories c
     join (select category_id, count(*) n from cases where city_code = $1 and status = 'dispatched'
           group by 1 order by 2 desc limit 10) top on top.category_id = c.id order by c.kind, c.code`,
    [CITY],
  );
  const pick = picker(8);
  return Array.from({ length: samples }, (_, i) => {
    const c = pick(categories);
    return {
      queue: i % 2 === 0 ? 'to_dispatch' : 'disposing',
      districtId: pick(districts).id,
      categoryId: c.id,
      code: c.code,
      kind: c.kind,
    };
  });
}

export async function queuesSuite(o: ReadOptions): Promise<SuiteResult> {
  const deps = depsOf(o.db, o.now);
  const actor = await actorOf(o.db, 'pqy01');
  const picks = await queuePicks(o.db, o.samples);
  const page = (p: QueuePick) =>
    listCases(deps, actor, {
      page: 1,
      pageSize: 50,
      queue: p.queue,
      districtId: p.districtId,
      categoryCode: p.code,
      kind: p.kind,
    });
  const ours = await timeEach(picks, page);
  const floor = await timeEach(picks, (p) =>
    rawQuery(o.db, FLOOR_SQL(p.queue), [CITY, p.districtId, p.categoryId, ...QUEUES[p.queue]]),
  );
  const open = await rawQuery<{ status: string; n: number }>(
    o.db,
    `select status, count(*)::int n from cases where city_code = $1 and status in ('filed','check_failed','dispatched') group by 1`,
    [CITY],
  );
  const met = ours.p95 <= 20;
  // The busiest pair shows the plan that matters.
  const busiest = picks.find((p) => p.queue === 'disposing') as QueuePick;
  const params = [CITY, busiest.districtId, busiest.code, busiest.kind, ...QUEUES.disposing];
  return {
    suite: 'queues',
    engine: o.engine,
    measure: `待派遣/处置中 page (50 rows, district + category, by deadline), ${o.cases.toLocaleString('en')} cases (${open
      .map((r) => `${r.status} ${r.n}`)
      .join(', ')})`,
    ours: latencyFields(ours),
    floor: latencyFields(floor),
    ratio: ours.p95 > 0 ? round(floor.p95 / ours.p95) : null,
    target: 'p95 ≤ 20 ms',
    met,
    notes: met ? [] : [`p95 ${ours.p95} ms is ${round(ours.p95 / 20)}× the target`],
    explain: {
      page: await explain(o.db, PAGE_SQL('disposing'), params),
      count: await explain(o.db, COUNT_SQL('disposing'), params),
      floor: await explain(o.db, FLOOR_SQL('disposing'), [
        CITY,
        busiest.districtId,
        busiest.categoryId,
        ...QUEUES.disposing,
      ]),
    },
  };
}

export async function caseSuite(o: ReadOptions): Promise<SuiteResult> {
  const deps = depsOf(o.db, o.now);
  const actor = await actorOf(o.db, 'zbz01');
  // Twice the samples: the first half for our page, the second for the floor's first (cold)
  // reads, so neither is measured on pages the other has just brought into memory.
  const sampled = (
    await rawQuery<{ id: string }>(
      o.db,
      `select id from cases tablesample bernoulli (${Math.min(100, Math.max(0.01, (o.samples * 600) / o.cases))}) repeatable (42)
       where city_code = $1 limit ${2 * o.samples}`,
      [CITY],
    )
  ).map((r) => r.id);
  const ids = sampled.slice(0, Math.ceil(sampled.length / 2));
  const others = sampled.slice(ids.length);
  const page = (id: string) => caseDetail(deps, actor, id);
  const primaryKeyReads = async (id: string) => {
    await rawQuery(o.db, 'select * from cases where id = $1', [id]);
    await rawQuery(o.db, 'select * from case_transitions where case_id = $1 order by seq', [id]);
  };
  // First touch of a case not read lately (an old case opened from a search), then the same
  // cases again: the page of a case in use, compared with the floor on the same warm cases.
  const oursCold = await timeEach(ids, page, 0);
  const floorCold = await timeEach(others, primaryKeyReads, 0);
  const ours = await timeEach(ids, page);
  const floor = await timeEach(ids, primaryKeyReads);
  const met = ours.p95 <= 10;
  return {
    suite: 'case',
    engine: o.engine,
    measure: `case page with timeline (caseDetail), ${ids.length} random cases of ${o.cases.toLocaleString('en')} (warm; first reads as cold_p95)`,
    ours: { ...latencyFields(ours), cold_p95_ms: oursCold.p95 },
    floor: { ...latencyFields(floor), cold_p95_ms: floorCold.p95 },
    ratio: ours.p95 > 0 ? round(floor.p95 / ours.p95) : null,
    target: 'p95 ≤ 10 ms',
    met,
    notes: met ? [] : [`p95 ${ours.p95} ms is ${round(ours.p95 / 10)}× the target`],
  };
}

const MONTH_FLOOR_SQL = `
  select district_id, category_id, count(*)::int from cases
  where city_code = $1 and reported_at >= $2 and reported_at < $3 group by 1, 2`;

/** The month's figures as the bulletin asks for them, against one hand-written group-by. */
export async function monthlySuite(
  o: ReadOptions & { month: string; label: string; targetMs: number; runs: number },
  monthlyFigures: (db: Db, city: string, month: string, options: { now: Date }) => Promise<unknown>,
): Promise<SuiteResult> {
  const start = new Date(`${o.month}-01T00:00:00+08:00`);
  const [y, m] = o.month.split('-').map(Number) as [number, number];
  const end = new Date(
    `${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01T00:00:00+08:00`,
  );
  const [{ n } = { n: 0 }] = await rawQuery<{ n: number }>(
    o.db,
    'select count(*)::int n from cases where city_code = $1 and reported_at >= $2 and reported_at < $3',
    [CITY, start, end],
  );
  const runs = Array.from({ length: o.runs }, () => null);
  const ours = await timeEach(runs, () => monthlyFigures(o.db, CITY, o.month, { now: o.now }), 1);
  const floor = await timeEach(runs, () => rawQuery(o.db, MONTH_FLOOR_SQL, [CITY, start, end]), 1);
  const met = ours.p50 <= o.targetMs;
  return {
    suite: `monthly (${o.label})`,
    engine: o.engine,
    measure: `monthly figures (statistics.monthlyFigures) of ${o.month}: ${n.toLocaleString('en')} cases in the month, ${o.cases.toLocaleString('en')} in all`,
    ours: latencyFields(ours),
    floor: latencyFields(floor),
    ratio: ours.p50 > 0 ? round(floor.p50 / ours.p50) : null,
    target: `≤ ${o.targetMs.toLocaleString('en')} ms`,
    met,
    notes: met ? [] : [`median ${ours.p50} ms is ${round(ours.p50 / o.targetMs)}× the target`],
    explain: met ? undefined : { floor: await explain(o.db, MONTH_FLOOR_SQL, [CITY, start, end]) },
  };
}

function latencyFields(l: Latency): Record<string, number> {
  return { n: l.n, p50_ms: l.p50, p95_ms: l.p95, p99_ms: l.p99, max_ms: l.max };
}
