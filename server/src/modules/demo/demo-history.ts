import type { CaseSource } from '@cityloop/contracts/cases';
import type { Role } from '@cityloop/contracts/roles';
import { uuidv7 } from 'uuidv7';
import { startOfShanghaiDay } from '../../platform/time.js';
import type { CaseHistory, HistoryStep } from '../cases/index.js';
import {
  DISTRICT_MINORS,
  type DistrictKey,
  type MonthKey,
  minorQuotas,
  QUIET,
  type QuietCounts,
  ROUTES,
  type RouteKind,
  SELF_MINORS,
  selfDisposed,
  UNIT_MINORS,
} from './demo-plan.js';
import { DemoRandom, seedOf } from './demo-random.js';

// Turns the plan (demo-plan.ts) into raw cases: one CaseHistory per case, with a place in a
// grid of its district, a reporter, a source, a category, and every step of its life with
// the person who took it. Pure apart from the ids: the same context gives the same cases.

export interface DemoCategory {
  id: string;
  kind: 'event' | 'part';
  name: string;
  /** 突发事件 are reported as urgent. */
  urgent: boolean;
}

export interface DemoGrid {
  id: string;
  districtId: string;
  streetId: string;
  bbox: readonly [number, number, number, number];
  /** "炳草岗街道新华街社区" — for addresses and descriptions. */
  place: string;
}

export interface DemoPerson {
  id: string;
  role: Role;
}

export interface DemoContext {
  /** Minor key (E0102, C0101) → category. */
  categories: ReadonlyMap<string, DemoCategory>;
  grids: Record<DistrictKey, readonly DemoGrid[]>;
  /** Seed unit name → unit id. */
  units: ReadonlyMap<string, string>;
  people: {
    /** The contract areas' collectors: 东区, 西区, 仁和区 (which also covers 钒钛高新区). */
    collectors: Record<DistrictKey, readonly DemoPerson[]>;
    acceptors: readonly DemoPerson[];
    shiftLeads: readonly DemoPerson[];
    dispatchers: readonly DemoPerson[];
    hotlineAgents: readonly DemoPerson[];
    /** unit id → the staff member who acts for it */
    unitStaff: ReadonlyMap<string, DemoPerson>;
  };
  /** The working-time clock of a stage for a category (cases module, calendar read once). */
  clock(categoryId: string, stage: string, start: Date): { deadlineAt: Date } | null;
}

export const DEMO_KEY_PREFIX = 'demo-history:';

export interface DemoCase {
  /** Shanghai date of the report: the loader writes and checks a day at a time. */
  day: string;
  history: CaseHistory;
}

type SlotKind = RouteKind | keyof QuietCounts | 'self';

interface Slot {
  district: DistrictKey;
  kind: SlotKind;
  units: readonly string[];
  minor?: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const monthDays = (month: MonthKey): string[] => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
};

const nextMonthStart = (month: MonthKey): Date => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return startOfShanghaiDay(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`);
};

/** The last instant any generated step may have: the end of the last demo month. */
export const HISTORY_END = nextMonthStart('2019-07');

/** Every case of the month, in report order within each day. */
export function generateMonth(ctx: DemoContext, month: MonthKey): DemoCase[] {
  const rng = new DemoRandom(seedOf(`cityloop-demo-${month}`));
  const slots = buildSlots(month);
  assignCategories(ctx, month, slots, rng);
  rng.shuffle(slots);
  const sources = assignSources(slots, rng);
  const gen = new LifeGenerator(ctx, month, rng);
  const out: DemoCase[] = slots.map((slot, i) => gen.caseOf(slot, sources[i] as CaseSource));
  out.sort((a, b) => a.day.localeCompare(b.day) || firstAt(a) - firstAt(b));
  out.forEach((c, i) => {
    c.history.case.idempotencyKey = `${DEMO_KEY_PREFIX}${month}:${String(i + 1).padStart(5, '0')}`;
  });
  return out;
}

const firstAt = (c: DemoCase) => (c.history.steps[0] as HistoryStep).at.getTime();

function buildSlots(month: MonthKey): Slot[] {
  const slots: Slot[] = [];
  const self = selfDisposed(month);
  for (const district of Object.keys(self) as DistrictKey[]) {
    for (let i = 0; i < self[district]; i++) slots.push({ district, kind: 'self', units: [] });
    const quiet = QUIET[month][district];
    for (const kind of Object.keys(quiet) as (keyof QuietCounts)[]) {
      for (let i = 0; i < quiet[kind]; i++) slots.push({ district, kind, units: [] });
    }
  }
  for (const row of ROUTES) {
    for (let i = 0; i < row.counts[month]; i++)
      slots.push({ district: row.district, kind: row.kind, units: row.units });
  }
  return slots;
}

const DISTRICT_UNITS = new Set(['东区', '西区', '仁和区', '钒钛高新区', '米易县', '盐边县']);

/** The unit whose trade decides what the case is about (a department over a district). */
function tradeUnit(slot: Slot): string | null {
  const specialist = slot.units.find((u) => !DISTRICT_UNITS.has(u));
  return specialist ?? null;
}

/**
 * Every filed case gets a minor so that each minor's 立案数 is exactly its quota: specialised
 * units choose first from their own trade, then self-disposals, then the general pool. Within
 * a pool the draw follows the quota left, so the mix looks like the month's.
 */
function assignCategories(ctx: DemoContext, month: MonthKey, slots: Slot[], rng: DemoRandom): void {
  const left = new Map(Object.entries(minorQuotas(month)));
  const expand = (pool: readonly string[]) =>
    pool.flatMap((item) => (item.length === 3 ? [...left.keys()].filter((k) => k.startsWith(item)) : [item]));
  const draw = (pools: readonly (readonly string[])[]): string => {
    for (const pool of pools) {
      const keys = expand(pool).filter((k) => (left.get(k) ?? 0) > 0);
      if (keys.length === 0) continue;
      const key = keys[rng.weighted(keys.map((k) => left.get(k) as number))] as string;
      left.set(key, (left.get(key) as number) - 1);
      return key;
    }
    throw new Error('demo plan: more filed cases than minor quotas');
  };
  const everything = [...left.keys()];
  const filed = slots.filter((s) => s.kind !== 'unfiledVoided' && s.kind !== 'unfiledPending');
  const specialised = filed
    .filter((s) => tradeUnit(s))
    .sort(
      (a, b) =>
        (UNIT_MINORS[tradeUnit(a) as string]?.length ?? 0) -
        (UNIT_MINORS[tradeUnit(b) as string]?.length ?? 0),
    );
  for (const s of specialised)
    s.minor = draw([UNIT_MINORS[tradeUnit(s) as string] ?? [], DISTRICT_MINORS, everything]);
  for (const s of filed.filter((x) => x.kind === 'self'))
    s.minor = draw([SELF_MINORS, DISTRICT_MINORS, everything]);
  for (const s of filed.filter((x) => !x.minor)) s.minor = draw([DISTRICT_MINORS, everything]);
  // Cases never filed count in no category total: drawn from the general pool's shape.
  const pool = expand(DISTRICT_MINORS).filter((k) => ctx.categories.has(k));
  const weights = pool.map((k) => minorQuotas(month)[k] ?? 1);
  for (const s of slots.filter((x) => !x.minor)) s.minor = pool[rng.weighted(weights)] as string;
}

/** Contract areas: the 东区 package, the 西区 package, 仁和区 with 钒钛高新区. */
const AREA: Record<DistrictKey, 'A' | 'B' | 'C'> = { dq: 'A', xq: 'B', rh: 'C', ft: 'C' };

/**
 * Sources: each contract area files at least 100 video and 200 drone cases a month (the seed's
 * contract indicators), the hotline and the public some; the rest is the collectors' patrol.
 * Self-disposals are always patrol.
 */
function assignSources(slots: readonly Slot[], rng: DemoRandom): CaseSource[] {
  const out: CaseSource[] = slots.map(() => 'patrol');
  const candidates = (area: string) =>
    slots.map((s, i) => ({ s, i })).filter(({ s }) => s.kind !== 'self' && AREA[s.district] === area);
  for (const area of ['A', 'B', 'C']) {
    const pool = candidates(area).map((x) => x.i);
    rng.shuffle(pool);
    let at = 0;
    const take = (n: number, source: CaseSource) => {
      for (let k = 0; k < n && at < pool.length; k++) out[pool[at++] as number] = source;
    };
    take(rng.int(110, 160), 'video');
    take(rng.int(210, 260), 'drone');
    take(area === 'A' ? rng.int(60, 80) : rng.int(30, 50), 'hotline');
    take(area === 'A' ? rng.int(20, 30) : rng.int(10, 20), 'public');
  }
  return out;
}

const EVENT_TEXT = [
  (p: string, n: string) => `${p}发现${n}，请尽快处置`,
  (p: string, n: string) => `${p}路段${n}`,
  (p: string, n: string) => `巡查发现${p}${n}问题`,
  (p: string, n: string) => `${n}（${p}）`,
];
const PART_TEXT = [
  (p: string, n: string) => `${p}${n}破损`,
  (p: string, n: string) => `${p}${n}缺失，存在安全隐患`,
  (p: string, n: string) => `${n}损坏，位于${p}`,
];

const NOTES = {
  voidDuplicate: '与已有案卷重复，作废',
  voidInvalid: '经核实不属于城市管理问题，作废',
  park: '涉及多部门职责，协调中，暂予挂账',
  returnNotOurs: '经现场核实，非本单位管辖设施，申请回退',
  checkFail: '核查未通过：处置不到位，问题仍然存在',
  rerouteFail: '核查未通过：属地/权属不符，改派责任单位处置',
  extension: '需采购材料/协调施工，申请延期',
  denyExtension: '延期理由不充分，请按期处置',
};

class LifeGenerator {
  private readonly days: string[];
  private readonly end: Date;

  constructor(
    private readonly ctx: DemoContext,
    private readonly month: MonthKey,
    private readonly rng: DemoRandom,
  ) {
    this.days = monthDays(month);
    this.end = nextMonthStart(month);
  }

  caseOf(slot: Slot, source: CaseSource): DemoCase {
    const category = this.ctx.categories.get(slot.minor as string);
    if (!category) throw new Error(`demo category ${slot.minor} is not in the city's dictionary`);
    const grid = this.rng.pick(this.ctx.grids[slot.district]);
    const [minLng, minLat, maxLng, maxLat] = grid.bbox;
    // Inside the grid with a margin, so the point is in this grid and no other.
    const lng = round7(
      this.rng.between(minLng + (maxLng - minLng) * 0.05, maxLng - (maxLng - minLng) * 0.05),
    );
    const lat = round7(
      this.rng.between(minLat + (maxLat - minLat) * 0.05, maxLat - (maxLat - minLat) * 0.05),
    );
    const collectors = this.collectorsOf(slot.district);
    const reporter: DemoPerson =
      source === 'hotline'
        ? this.rng.pick(this.ctx.people.hotlineAgents)
        : source === 'public'
          ? this.rng.pick(this.ctx.people.acceptors)
          : this.rng.pick(collectors);
    const texts = category.kind === 'event' ? EVENT_TEXT : PART_TEXT;
    const id = uuidv7();
    let steps: HistoryStep[] = [];
    // A case whose counted step would fall after the month end starts earlier (up to 40 tries).
    let latestDay = this.days.length;
    for (let attempt = 0; ; attempt++) {
      const built = this.life(slot, category, source, reporter, collectors, latestDay);
      if (built.criticalAt < this.end.getTime() || attempt >= 40) {
        if (built.criticalAt >= this.end.getTime())
          throw new Error(`demo case ${slot.kind} cannot fit the month`);
        steps = built.steps.filter((s) => s.at.getTime() < HISTORY_END.getTime());
        break;
      }
      latestDay = Math.max(1, latestDay - 3);
    }
    const first = steps[0] as HistoryStep;
    return {
      day: shanghaiDay(first.at),
      history: {
        case: {
          id,
          source,
          kind: category.kind,
          categoryId: category.id,
          description: this.rng.pick(texts)(grid.place, category.name),
          address: `${grid.place}附近`,
          lng,
          lat,
          gridId: grid.id,
          districtId: grid.districtId,
          streetId: grid.streetId,
          reporterId: reporter.id,
          urgent: category.urgent,
          idempotencyKey: null,
        },
        steps,
        data: { demo: true },
      },
    };
  }

  private collectorsOf(district: DistrictKey): readonly DemoPerson[] {
    return this.ctx.people.collectors[district];
  }

  /** A report instant on a day ≤ latestDay, in the hours the reporter works. */
  private reportTime(source: CaseSource, latestDay: number, kind: SlotKind): Date {
    if (kind === 'unfiledPending' || kind === 'waiting') {
      // The month's last evening: reported (and for `waiting` filed) before midnight.
      const last = startOfShanghaiDay(this.days[this.days.length - 1] as string).getTime();
      const [from, to] = kind === 'waiting' ? [21 * HOUR, 22.5 * HOUR] : [22.5 * HOUR, 23.3 * HOUR];
      return new Date(last + this.rng.between(from, to));
    }
    const day = this.pickDay(latestDay, kind === 'open');
    const base = startOfShanghaiDay(day).getTime();
    let minutes: number;
    if (source === 'hotline' || source === 'public') minutes = this.rng.between(8 * 60, 21.5 * 60);
    else {
      const r = this.rng.next();
      if (r < 0.46) minutes = this.rng.between(8.5 * 60, 12 * 60);
      else if (r < 0.92) minutes = this.rng.between(14.5 * 60, 18 * 60);
      else if (r < 0.985) minutes = this.rng.between(19 * 60, 22 * 60);
      else minutes = this.rng.between(22 * 60, 30 * 60); // night patrol, into the small hours
    }
    const at = base + minutes * MINUTE;
    // A small-hours report belongs to the next day; keep it inside the month.
    return new Date(Math.min(at, this.end.getTime() - 40 * MINUTE));
  }

  /** Weekdays busier than weekends; open cases lean to the month's last week. */
  private pickDay(latestDay: number, open: boolean): string {
    const candidates = this.days.slice(0, latestDay);
    const weights = candidates.map((d, i) => {
      const weekday = new Date(`${d}T12:00:00Z`).getUTCDay();
      const w = weekday === 0 || weekday === 6 ? 0.8 : 1;
      return open && i >= candidates.length - 7 ? w * 4 : w;
    });
    return candidates[this.rng.weighted(weights)] as string;
  }

  /**
   * The steps of one case and the instant of its counted step (the one that must fall inside
   * the month for the plan's figures: a disposal, a dispatch, a voiding, a park).
   */
  private life(
    slot: Slot,
    category: DemoCategory,
    source: CaseSource,
    reporter: DemoPerson,
    collectors: readonly DemoPerson[],
    latestDay: number,
  ): { steps: HistoryStep[]; criticalAt: number } {
    const rng = this.rng;
    const people = this.ctx.people;
    const steps: HistoryStep[] = [];
    let t = this.reportTime(source, latestDay, slot.kind).getTime();
    const at = (minMinutes: number, maxMinutes: number) => {
      t += rng.between(minMinutes, maxMinutes) * MINUTE;
      return new Date(t);
    };
    const add = (step: Omit<HistoryStep, 'at'> & { at?: Date }, min = 2, max = 20) => {
      const s = { ...step, at: step.at ?? at(min, max) } as HistoryStep;
      t = s.at.getTime();
      steps.push(s);
      return s;
    };
    const hall = (list: readonly DemoPerson[]) => {
      const p = rng.pick(list);
      return { actorId: p.id, role: p.role };
    };
    const staffOf = (unitName: string) => {
      const unitId = this.unitId(unitName);
      const p = people.unitStaff.get(unitId);
      if (!p) throw new Error(`no demo staff for ${unitName}`);
      return { unitId, actor: { actorId: p.id, role: p.role } };
    };
    const checker =
      source === 'patrol' || source === 'video' || source === 'drone' ? reporter : rng.pick(collectors);

    // 上报
    const reportAt = new Date(t);
    if (slot.kind === 'self') {
      steps.push({ action: 'self_dispose', at: reportAt, actorId: reporter.id, role: 'collector' });
      return { steps, criticalAt: t };
    }
    steps.push({ action: 'report', at: reportAt, actorId: reporter.id, role: reporter.role });

    // 受理 / 核实 and 立案
    const citizen = source === 'hotline' || source === 'public';
    if (slot.kind === 'unfiledVoided') {
      if (citizen && rng.chance(0.7)) {
        add({ action: 'request_verify', ...hall(people.acceptors), assigneeId: checker.id }, 2, 20);
        add(
          {
            action: 'verify',
            actorId: checker.id,
            role: 'collector',
            confirmed: false,
            note: NOTES.voidInvalid,
          },
          20,
          120,
        );
      } else {
        add({ action: 'void', ...hall(people.acceptors), note: NOTES.voidDuplicate }, 2, 25);
      }
      return { steps, criticalAt: t };
    }
    if (slot.kind === 'unfiledPending') {
      if (rng.chance(0.5)) add({ action: 'accept', ...hall(people.acceptors) }, 2, 15);
      const criticalAt = reportAt.getTime();
      // Past months: nobody files it later, the hall voids it as a duplicate the next morning.
      if (this.month !== '2019-07') {
        const morning =
          startOfShanghaiDay(shanghaiDay(new Date(this.end.getTime() + HOUR))).getTime() + 9 * HOUR;
        add({
          action: 'void',
          ...hall(people.acceptors),
          note: NOTES.voidDuplicate,
          at: new Date(morning + rng.between(0, 90) * MINUTE),
        });
      }
      return { steps, criticalAt };
    }
    // A case filed in the month's last hour went straight through the hall (no site visit).
    if (citizen && slot.kind !== 'waiting' && rng.chance(0.4)) {
      add({ action: 'request_verify', ...hall(people.acceptors), assigneeId: checker.id }, 2, 20);
      add({ action: 'verify', actorId: checker.id, role: 'collector', confirmed: true }, 20, 120);
    } else if (citizen || rng.chance(0.3)) {
      add({ action: 'accept', ...hall(people.acceptors) }, 1, 15);
    }
    // Most collectors' reports are filed by the shift lead straight from 待受理 (受理即立案).
    add({ action: 'file', ...hall(people.shiftLeads) }, 2, 20);

    if (slot.kind === 'filedVoided') {
      add(
        {
          action: 'void',
          ...hall(people.shiftLeads),
          note: rng.chance(0.5) ? NOTES.voidDuplicate : NOTES.voidInvalid,
        },
        10,
        240,
      );
      return { steps, criticalAt: t };
    }
    if (slot.kind === 'waiting') {
      const criticalAt = t;
      // Past months: the night's backlog goes out the next morning.
      if (this.month !== '2019-07') {
        const unit = this.ctx.units.get(DISTRICT_OF[slot.district]) as string;
        const morning = this.end.getTime() + 8.5 * HOUR + rng.between(0, 60) * MINUTE;
        add({ action: 'dispatch', ...hall(people.dispatchers), unitId: unit, at: new Date(morning) });
      }
      return { steps, criticalAt };
    }
    if (slot.kind === 'parked') {
      if (rng.chance(0.6)) {
        add(
          {
            action: 'dispatch',
            ...hall(people.dispatchers),
            unitId: this.unitId(DISTRICT_OF[slot.district]),
          },
          3,
          25,
        );
      }
      add({ action: 'park', ...hall(people.shiftLeads), note: NOTES.park }, 60, 60 * 48);
      return { steps, criticalAt: t };
    }

    // Dispatched routes.
    const [firstUnit, secondUnit] = slot.units as [string, string | undefined];
    const a = staffOf(firstUnit);
    const dispatchTo = (unitId: string) => {
      const s = add({ action: 'dispatch', ...hall(people.dispatchers), unitId }, 3, 25);
      return s.at.getTime();
    };
    const closeOut = () => {
      add({ action: 'request_check', ...hall(people.acceptors), assigneeId: checker.id }, 3, 30);
      add({ action: 'check_pass', actorId: checker.id, role: 'collector' }, 20, 120);
      add({ action: 'close', ...hall(people.shiftLeads) }, 5, 40);
    };
    /** Works the case at a unit up to its disposal (extension, overdue, supervision as it happens). */
    const dispose = (unit: { unitId: string; actor: { actorId: string; role: Role } }, from: number) => {
      const deadline =
        this.ctx.clock(category.id, 'dispose', new Date(from))?.deadlineAt.getTime() ?? from + 24 * HOUR;
      const span = Math.max(deadline - from, 30 * MINUTE);
      let limit = deadline;
      if (span >= 20 * HOUR && rng.chance(0.07)) {
        add({
          action: 'request_extension',
          ...unit.actor,
          note: NOTES.extension,
          extendTo: new Date(deadline + span),
          at: new Date(from + span * rng.between(0.3, 0.6)),
        });
        if (rng.chance(0.85)) {
          add({ action: 'approve_extension', ...hall(people.dispatchers) }, 10, 90);
          limit = deadline + span;
        } else {
          add({ action: 'deny_extension', ...hall(people.dispatchers), note: NOTES.denyExtension }, 10, 90);
        }
      }
      const onTime = rng.chance(0.86);
      const when = onTime
        ? from + (limit - from) * rng.between(0.12, 0.92)
        : limit + rng.between(0.5, 72) * HOUR;
      if (!onTime && rng.chance(0.25)) {
        add({
          action: 'supervise',
          ...hall(people.shiftLeads),
          supervision: rng.chance(0.7) ? 'normal' : 'yellow',
          at: new Date(Math.max(t, limit) + 30 * MINUTE),
        });
      }
      add({ action: 'dispose', ...unit.actor, at: new Date(Math.max(when, t + 5 * MINUTE)) });
      return t;
    };

    switch (slot.kind) {
      case 'done': {
        let from = dispatchTo(a.unitId);
        if (rng.chance(0.01)) {
          // Parked while a dispute is settled, then sent again.
          add({ action: 'park', ...hall(people.shiftLeads), note: NOTES.park }, 30, 300);
          add({ action: 'unpark', ...hall(people.shiftLeads) }, 120, 60 * 30);
          from = dispatchTo(a.unitId);
        }
        let critical = dispose(a, from);
        if (rng.chance(0.08)) {
          // 返工 to the same unit: the check found the job half done.
          add({ action: 'request_check', ...hall(people.acceptors), assigneeId: checker.id }, 3, 30);
          add(
            { action: 'check_fail', actorId: checker.id, role: 'collector', note: NOTES.checkFail },
            20,
            120,
          );
          const again = add({ action: 'rework', ...hall(people.dispatchers), unitId: a.unitId }, 5, 30);
          critical = dispose(a, again.at.getTime());
        }
        closeOut();
        return { steps, criticalAt: critical };
      }
      case 'open': {
        const from = dispatchTo(a.unitId);
        const deadline =
          this.ctx.clock(category.id, 'dispose', new Date(from))?.deadlineAt.getTime() ?? from + 24 * HOUR;
        const specialist = !DISTRICT_UNITS.has(firstUnit);
        if (rng.chance(specialist ? 0.02 : 0.005)) {
          add({ action: 'return', ...a.actor, note: NOTES.returnNotOurs }, 60, 60 * 24);
          return { steps, criticalAt: from };
        }
        if (deadline - from >= 20 * HOUR && rng.chance(0.1)) {
          add({
            action: 'request_extension',
            ...a.actor,
            note: NOTES.extension,
            extendTo: new Date(deadline + (deadline - from)),
            at: new Date(from + (deadline - from) * rng.between(0.3, 0.6)),
          });
          if (rng.chance(0.6)) add({ action: 'approve_extension', ...hall(people.dispatchers) }, 10, 90);
        } else if (rng.chance(0.12)) {
          add({
            action: 'supervise',
            ...hall(people.shiftLeads),
            supervision: rng.pick(['normal', 'yellow', 'red'] as const),
            at: new Date(deadline + rng.between(1, 96) * HOUR),
          });
        }
        return { steps, criticalAt: from };
      }
      case 'rerouted_done':
      case 'rerouted_open': {
        const from = dispatchTo(a.unitId);
        dispose(a, from);
        add({ action: 'request_check', ...hall(people.acceptors), assigneeId: checker.id }, 3, 30);
        add(
          { action: 'check_fail', actorId: checker.id, role: 'collector', note: NOTES.rerouteFail },
          20,
          120,
        );
        const b = staffOf(secondUnit as string);
        const rework = add({ action: 'rework', ...hall(people.dispatchers), unitId: b.unitId }, 5, 40);
        if (slot.kind === 'rerouted_open') return { steps, criticalAt: rework.at.getTime() };
        const critical = dispose(b, rework.at.getTime());
        closeOut();
        return { steps, criticalAt: critical };
      }
      case 'returned_done':
      case 'returned_open': {
        dispatchTo(a.unitId);
        add({ action: 'return', ...a.actor, note: NOTES.returnNotOurs }, 60, 60 * 24);
        const b = staffOf(secondUnit as string);
        const from = dispatchTo(b.unitId);
        if (slot.kind === 'returned_open') return { steps, criticalAt: from };
        const critical = dispose(b, from);
        closeOut();
        return { steps, criticalAt: critical };
      }
      default:
        throw new Error(`unplanned demo slot ${slot.kind}`);
    }
  }

  private unitId(name: string): string {
    const id = this.ctx.units.get(name);
    if (!id) throw new Error(`demo unit ${name} is not in the city`);
    return id;
  }
}

const DISTRICT_OF: Record<DistrictKey, string> = { dq: '东区', xq: '西区', rh: '仁和区', ft: '钒钛高新区' };

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + 8 * HOUR).toISOString().slice(0, 10);
}
