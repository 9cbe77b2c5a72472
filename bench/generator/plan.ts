import type { CaseSource, CaseStatus } from '@cityloop/contracts/cases';
import type { Role } from '@cityloop/contracts/roles';
import type { CaseHistory, HistoryStep } from '../../server/src/modules/cases/index.js';
import { allocate, minorQuotas } from '../../server/src/modules/demo/demo-plan.js';
import { DemoRandom, seedOf } from '../../server/src/modules/demo/demo-random.js';
import { shanghaiDate, startOfShanghaiDay } from '../../server/src/platform/time.js';

// The synthetic city's cases as a deterministic plan: how many of each category (the seed's
// July 2019 mix), on which day, and how each one lives (most closed, some overdue, returned,
// reworked, extended, parked, voided; the last days still open). Pure apart from nothing: the
// same city, options and seed give the same cases, ids included, on every machine.

export interface BenchCategory {
  id: string;
  /** 'E0102' (event) or 'C0101' (part): the key of the July mix. */
  key: string;
  kind: 'event' | 'part';
  name: string;
  urgent: boolean;
  defaultUnitId: string | null;
  /** Stage → limit, as a key: two categories with the same key run the same clocks. */
  limitKeys: Readonly<Record<string, string>>;
}

export interface BenchGrid {
  id: string;
  code: string;
  districtId: string;
  streetId: string;
  bbox: readonly [number, number, number, number];
  /** The district government (区政府): where a case goes when its category names no unit. */
  districtUnitId: string;
}

export interface BenchPeople {
  /** district id → collectors working there */
  collectors: ReadonlyMap<string, readonly string[]>;
  acceptors: readonly string[];
  shiftLeads: readonly string[];
  dispatchers: readonly string[];
  hotlineAgents: readonly string[];
  leaders: readonly string[];
  /** unit id → the staff member acting for it */
  unitStaff: ReadonlyMap<string, string>;
}

/** What the 12345 desk works with: its subjects and the units it transfers to besides districts. */
export interface BenchHotline {
  subjects: readonly { id: string; name: string }[];
  /** 市级部门 (city departments) */
  departments: readonly string[];
  /** 企事业单位 (utilities and companies) */
  enterprises: readonly string[];
}

export interface BenchCity {
  cityCode: string;
  categories: readonly BenchCategory[];
  grids: readonly BenchGrid[];
  people: BenchPeople;
  hotline: BenchHotline;
  /** 市城市管理行政执法局: where a re-routed case goes when it cannot go to another district. */
  fallbackUnitId: string;
}

export interface PlanOptions {
  cases: number;
  months: number;
  seed: number;
  /** The last generated month ('YYYY-MM'); its end is "now" for the generated city. */
  lastMonth: string;
  /** 12345 work orders over the same months (default: the seed's share of the cases). */
  orders?: number;
}

export const DEFAULT_LAST_MONTH = '2019-07';

/**
 * How a case is meant to live (before the period's end cuts the youngest short). Shares of the
 * seed month: ~27% self-disposed on the spot, most of the rest closed after one pass.
 */
export const OUTCOME_WEIGHTS = {
  self: 270,
  closed: 525,
  reworked: 50,
  returned: 20,
  extended: 30,
  extensionDenied: 10,
  supervised: 10,
  parkedThenClosed: 5,
  overdueClosed: 30,
  stuck: 10,
  parked: 10,
  voidedUnfiled: 25,
  voidedFiled: 5,
} as const;
export type Outcome = keyof typeof OUTCOME_WEIGHTS;
const OUTCOMES = Object.keys(OUTCOME_WEIGHTS) as Outcome[];

/** The July 2019 category mix: 暴露垃圾 ~22%, 沿街晾挂 ~10%, 机动车乱停放 ~9%, 店外经营 ~8% …; 90% events. */
export function julyMix(): Record<string, number> {
  return minorQuotas('2019-07');
}

/** Exactly how many cases of each category a plan of `total` cases has (largest remainder). */
export function categoryCounts(total: number, available: ReadonlySet<string>): Record<string, number> {
  const mix = Object.fromEntries(Object.entries(julyMix()).filter(([k]) => available.has(k)));
  return allocate(total, mix);
}

export function outcomeCounts(total: number): Record<Outcome, number> {
  return allocate(total, OUTCOME_WEIGHTS) as Record<Outcome, number>;
}

const SOURCE_WEIGHTS: Record<CaseSource, number> = {
  patrol: 780,
  video: 60,
  drone: 50,
  hotline: 70,
  public: 20,
  wechat: 20,
  leader: 0,
  media: 0,
  mailbox: 0,
};
const SOURCES = Object.keys(SOURCE_WEIGHTS) as CaseSource[];
const SOURCE_W = SOURCES.map((s) => SOURCE_WEIGHTS[s]);

const NOTES = {
  void: '与已有案卷重复，作废',
  voidInvalid: '经核实不属于城市管理问题，作废',
  park: '涉及多部门职责，协调中，暂予挂账',
  return: '经现场核实，非本单位管辖，申请回退',
  checkFail: '核查未通过：处置不到位，问题仍然存在',
  extension: '需采购材料/协调施工，申请延期',
  deny: '延期理由不充分，请按期处置',
};

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface PlannedCase {
  /** Shanghai date of the report. */
  day: string;
  outcome: Outcome;
  categoryKey: string;
  history: CaseHistory;
}

export interface PlanDay {
  day: string;
  cases: number;
}

function monthStart(month: string): Date {
  return startOfShanghaiDay(`${month}-01`);
}

function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The generated span: [first day of the first month, first day after the last month). */
export function planRange(options: Pick<PlanOptions, 'months' | 'lastMonth'>): { from: Date; to: Date } {
  return {
    from: monthStart(addMonths(options.lastMonth, 1 - options.months)),
    to: monthStart(addMonths(options.lastMonth, 1)),
  };
}

/** Cases per day: weekdays busier than weekends, the total exact. */
export function planDays(options: PlanOptions): PlanDay[] {
  const { from, to } = planRange(options);
  const weights: Record<string, number> = {};
  for (let t = from.getTime(); t < to.getTime(); t += DAY) {
    const day = shanghaiDate(new Date(t));
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    weights[day] = weekday === 0 || weekday === 6 ? 8 : 10;
  }
  const counts = allocate(options.cases, weights);
  return Object.keys(weights).map((day) => ({ day, cases: counts[day] as number }));
}

/** A UUIDv7 from an instant and the generator: time-ordered like the live ids, but reproducible. */
export function uuidAt(ms: number, rng: DemoRandom): string {
  const hex = (n: number, width: number) => Math.floor(n).toString(16).padStart(width, '0');
  const time = hex(ms, 12);
  const r = () => rng.next() * 0x10000;
  const variant = (0x8000 | (r() & 0x3fff)) >>> 0;
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(r() % 0x1000, 3)}-${hex(variant, 4)}-${hex(r(), 4)}${hex(r(), 4)}${hex(r(), 4)}`;
}

export const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

/**
 * The plan, produced a day at a time so that ten million cases never sit in memory at once.
 * Categories and outcomes are dealt from exactly-counted, shuffled decks; steps that would fall
 * after the period's end are cut, which leaves the youngest cases open in whatever state they
 * reached (every prefix of a legal life is legal).
 */
export function* planCases(city: BenchCity, options: PlanOptions): Generator<PlannedCase[]> {
  if (!Number.isInteger(options.cases) || options.cases < 1)
    throw new Error('cases must be a positive integer');
  if (!Number.isInteger(options.months) || options.months < 1)
    throw new Error('months must be a positive integer');
  const rng = new DemoRandom(seedOf(`cityloop-bench:${options.seed}`));
  const byKey = new Map(city.categories.map((c) => [c.key, c]));
  const catCounts = categoryCounts(options.cases, new Set(byKey.keys()));
  const catKeys = Object.keys(catCounts);
  const catDeck = deck(
    catKeys.map((k) => catCounts[k] as number),
    options.cases,
    rng,
  );
  const outCounts = outcomeCounts(options.cases);
  const outDeck = deck(
    OUTCOMES.map((o) => outCounts[o]),
    options.cases,
    rng,
  );
  const end = planRange(options).to.getTime();
  const gridsByDistrict = new Map<string, BenchGrid[]>();
  for (const g of city.grids)
    gridsByDistrict.set(g.districtId, [...(gridsByDistrict.get(g.districtId) ?? []), g]);
  const districtUnits = [...new Set(city.grids.map((g) => g.districtUnitId))];
  let k = 0;
  for (const { day, cases } of planDays(options)) {
    const base = startOfShanghaiDay(day).getTime();
    const times: number[] = [];
    // Whole minutes, as people note times: it also lets the generator reuse a stage's clock.
    for (let i = 0; i < cases; i++) times.push(base + Math.floor(reportMinute(rng)) * MINUTE);
    times.sort((a, b) => a - b);
    const out: PlannedCase[] = [];
    for (const at of times) {
      const category = byKey.get(catKeys[catDeck[k] as number] as string) as BenchCategory;
      const outcome = OUTCOMES[outDeck[k] as number] as Outcome;
      k++;
      out.push(lifeOf(city, rng, { at: Math.min(at, end - MINUTE), end, category, outcome, districtUnits }));
    }
    yield out;
  }
}

/** A shuffled array of n class indices, class i appearing counts[i] times. */
export function deck(counts: readonly number[], n: number, rng: DemoRandom): Uint16Array {
  const d = new Uint16Array(n);
  let at = 0;
  counts.forEach((c, i) => {
    d.fill(i, at, at + c);
    at += c;
  });
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const tmp = d[i] as number;
    d[i] = d[j] as number;
    d[j] = tmp;
  }
  return d;
}

/** Minutes after midnight: office hours mostly, some evening and night patrol. */
export function reportMinute(rng: DemoRandom): number {
  const r = rng.next();
  if (r < 0.45) return rng.between(8.5 * 60, 12 * 60);
  if (r < 0.9) return rng.between(14.5 * 60, 18 * 60);
  if (r < 0.98) return rng.between(18 * 60, 22 * 60);
  return rng.between(0, 24 * 60);
}

interface LifeInput {
  at: number;
  end: number;
  category: BenchCategory;
  outcome: Outcome;
  districtUnits: readonly string[];
}

function lifeOf(city: BenchCity, rng: DemoRandom, input: LifeInput): PlannedCase {
  const { category, outcome } = input;
  const people = city.people;
  const grid = rng.pick(city.grids);
  const collectors = people.collectors.get(grid.districtId) ?? [];
  if (collectors.length === 0) throw new Error(`bench city: no collector in district ${grid.districtId}`);
  const source: CaseSource = outcome === 'self' ? 'patrol' : (SOURCES[rng.weighted(SOURCE_W)] as CaseSource);
  const citizen = source === 'hotline' || source === 'public' || source === 'wechat';
  const reporter: { id: string; role: Role } =
    source === 'hotline'
      ? { id: rng.pick(people.hotlineAgents), role: 'hotline_agent' }
      : citizen
        ? { id: rng.pick(people.acceptors), role: 'acceptor' }
        : { id: rng.pick(collectors), role: 'collector' };
  const checker = reporter.role === 'collector' ? reporter.id : rng.pick(collectors);
  const firstUnit = category.defaultUnitId ?? grid.districtUnitId;
  const otherUnit =
    firstUnit !== grid.districtUnitId
      ? grid.districtUnitId
      : (input.districtUnits.find((u) => u !== firstUnit) ?? city.fallbackUnitId);

  const steps: HistoryStep[] = [];
  let t = input.at;
  const person = (list: readonly string[], role: Role) => ({ actorId: rng.pick(list), role });
  const add = (step: Omit<HistoryStep, 'at'>, minMinutes: number, maxMinutes: number) => {
    t += Math.max(1, Math.round(rng.between(minMinutes, maxMinutes))) * MINUTE;
    steps.push({ ...step, at: new Date(t) } as HistoryStep);
  };
  const staff = (unitId: string) => {
    const id = people.unitStaff.get(unitId);
    if (!id) throw new Error(`bench city: unit ${unitId} has no staff`);
    return { actorId: id, role: 'unit_staff' as Role };
  };

  if (outcome === 'self') {
    steps.push({ action: 'self_dispose', at: new Date(t), actorId: reporter.id, role: 'collector' });
  } else {
    steps.push({ action: 'report', at: new Date(t), actorId: reporter.id, role: reporter.role });
    if (outcome === 'voidedUnfiled') {
      if (citizen && rng.chance(0.6)) {
        add(
          { action: 'request_verify', ...person(people.acceptors, 'acceptor'), assigneeId: checker },
          2,
          20,
        );
        add(
          {
            action: 'verify',
            actorId: checker,
            role: 'collector',
            confirmed: false,
            note: NOTES.voidInvalid,
          },
          20,
          180,
        );
      } else add({ action: 'void', ...person(people.acceptors, 'acceptor'), note: NOTES.void }, 2, 30);
    } else {
      if (citizen && rng.chance(0.6)) {
        add(
          { action: 'request_verify', ...person(people.acceptors, 'acceptor'), assigneeId: checker },
          2,
          20,
        );
        add({ action: 'verify', actorId: checker, role: 'collector', confirmed: true }, 20, 180);
      } else add({ action: 'accept', ...person(people.acceptors, 'acceptor') }, 2, 20);
      add({ action: 'file', ...person(people.shiftLeads, 'shift_lead') }, 2, 30);
      lifeAfterFiling();
    }
  }

  function lifeAfterFiling() {
    if (outcome === 'voidedFiled') {
      add({ action: 'void', ...person(people.shiftLeads, 'shift_lead'), note: NOTES.voidInvalid }, 10, 240);
      return;
    }
    if (outcome === 'parkedThenClosed') {
      add({ action: 'park', ...person(people.shiftLeads, 'shift_lead'), note: NOTES.park }, 10, 240);
      add({ action: 'unpark', ...person(people.shiftLeads, 'shift_lead') }, 1440, 7200);
    }
    let unit = firstUnit;
    add({ action: 'dispatch', ...person(people.dispatchers, 'dispatcher'), unitId: unit }, 2, 30);
    if (outcome === 'parked') {
      add({ action: 'park', ...person(people.shiftLeads, 'shift_lead'), note: NOTES.park }, 60, 2880);
      return;
    }
    if (outcome === 'returned') {
      add({ action: 'return', ...staff(unit), note: NOTES.return }, 30, 600);
      unit = otherUnit;
      add({ action: 'dispatch', ...person(people.dispatchers, 'dispatcher'), unitId: unit }, 5, 60);
    }
    if (outcome === 'supervised') {
      add(
        {
          action: 'supervise',
          ...person(people.leaders, 'leader'),
          supervision: rng.chance(0.7) ? 'yellow' : 'red',
        },
        600,
        2880,
      );
    }
    if (outcome === 'extended' || outcome === 'extensionDenied') {
      const asked = t + rng.between(60, 240) * MINUTE;
      add(
        {
          action: 'request_extension',
          ...staff(unit),
          note: NOTES.extension,
          extendTo: new Date(asked + rng.between(3, 7) * DAY),
        },
        60,
        240,
      );
      if (outcome === 'extended')
        add({ action: 'approve_extension', ...person(people.dispatchers, 'dispatcher') }, 30, 240);
      else
        add(
          { action: 'deny_extension', ...person(people.dispatchers, 'dispatcher'), note: NOTES.deny },
          30,
          240,
        );
    }
    if (outcome === 'stuck') {
      // Sent to a unit that never answers: 处置中 and overdue until someone steps in.
      add({ action: 'dispose', ...staff(unit) }, 60 * 24 * 400, 60 * 24 * 800);
      return;
    }
    const disposeDelay: [number, number] =
      outcome === 'overdueClosed'
        ? [4 * 1440, 20 * 1440]
        : outcome === 'extended'
          ? [1440, 5 * 1440]
          : [60, 1440];
    add({ action: 'dispose', ...staff(unit) }, ...disposeDelay);
    add({ action: 'request_check', ...person(people.acceptors, 'acceptor'), assigneeId: checker }, 5, 60);
    if (outcome === 'reworked') {
      add({ action: 'check_fail', actorId: checker, role: 'collector', note: NOTES.checkFail }, 30, 480);
      if (rng.chance(0.5)) unit = otherUnit;
      add({ action: 'rework', ...person(people.dispatchers, 'dispatcher'), unitId: unit }, 10, 120);
      add({ action: 'dispose', ...staff(unit) }, 60, 1440);
      add({ action: 'request_check', ...person(people.acceptors, 'acceptor'), assigneeId: checker }, 5, 60);
    }
    add({ action: 'check_pass', actorId: checker, role: 'collector' }, 30, 480);
    add({ action: 'close', ...person(people.shiftLeads, 'shift_lead') }, 5, 120);
  }

  const [minLng, minLat, maxLng, maxLat] = grid.bbox;
  const history: CaseHistory = {
    case: {
      id: uuidAt(input.at, rng),
      source,
      kind: category.kind,
      categoryId: category.id,
      description: `${category.name}（网格 ${grid.code}）`,
      address: `网格 ${grid.code} 附近`,
      lng: round7(rng.between(minLng + (maxLng - minLng) * 0.05, maxLng - (maxLng - minLng) * 0.05)),
      lat: round7(rng.between(minLat + (maxLat - minLat) * 0.05, maxLat - (maxLat - minLat) * 0.05)),
      gridId: grid.id,
      districtId: grid.districtId,
      streetId: grid.streetId,
      reporterId: reporter.id,
      urgent: category.urgent,
      idempotencyKey: null,
    },
    // Steps after the period's end have not happened yet.
    steps: steps.filter((s) => s.at.getTime() < input.end),
  };
  return { day: shanghaiDate(new Date(input.at)), outcome, categoryKey: category.key, history };
}

/** What a plan holds, for the generator's report and the test that checks the database. */
export interface PlanSummary {
  cases: number;
  transitions: number;
  byCategory: Record<string, number>;
  byStatus: Partial<Record<CaseStatus, number>>;
  byOutcome: Partial<Record<Outcome, number>>;
}

export function emptySummary(): PlanSummary {
  return { cases: 0, transitions: 0, byCategory: {}, byStatus: {}, byOutcome: {} };
}

export function addToSummary(
  summary: PlanSummary,
  planned: PlannedCase,
  status: CaseStatus,
  steps: number,
): void {
  summary.cases++;
  summary.transitions += steps;
  tally(summary.byCategory, planned.categoryKey);
  tally(summary.byStatus, status);
  tally(summary.byOutcome, planned.outcome);
}

/** One more of `key` in a count table. */
export function tally<K extends string>(counts: Partial<Record<K, number>>, key: K): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
