import type { AppealType, HotlineStatus, Satisfaction } from '@cityloop/contracts/hotline';
import type { Role } from '@cityloop/contracts/roles';
import { allocate } from '../../server/src/modules/demo/demo-plan.js';
import { DemoRandom, seedOf } from '../../server/src/modules/demo/demo-random.js';
import {
  callChannel,
  callerName,
  callerPhone,
  contentFor,
  invalidReason,
} from '../../server/src/modules/hotline/demo-history.js';
import type { OrderHistory, OrderStep } from '../../server/src/modules/hotline/order-history.js';
import { shanghaiDate, startOfShanghaiDay } from '../../server/src/platform/time.js';
import {
  type BenchCity,
  type BenchGrid,
  deck,
  type PlanOptions,
  planDays,
  planRange,
  reportMinute,
  round7,
  tally,
  uuidAt,
} from './plan.js';

// The synthetic city's 12345 work orders as a deterministic plan, beside its cases: how many
// (the seed's July 2019 share: 3,706 hotline items against 26,380 cases), on which days and
// hours (the cases' own), and how each one lives under the hotline workflow — most answered
// directly or transferred to a unit and replied, called back and archived; some invalid calls,
// returned (退单) and re-transferred, reopened (重办) after an unsatisfied callback, extended,
// supervised, or still at a unit at the end. Pure: the same city, options and seed give the
// same orders, ids included.

/** The seed bulletin's July 2019: 3,706 hotline items against 26,380 cases. */
export const SEED_ORDERS_PER_CASE = 3706 / 26380;

export function orderCount(options: Pick<PlanOptions, 'cases' | 'orders'>): number {
  return options.orders ?? Math.round(options.cases * SEED_ORDERS_PER_CASE);
}

/**
 * How an order is meant to live (before the period's end cuts the youngest short). Shares
 * after the seed month: 23.7% invalid calls, ~43% answered directly, the rest transferred.
 */
export const ORDER_OUTCOME_WEIGHTS = {
  invalid: 237,
  answered: 380,
  /** answered, the callback found the matter unsolved, then transferred */
  answeredUnresolved: 10,
  transferred: 268,
  /** 退单 by the first unit, transferred to another */
  returned: 20,
  /** 重办 after the caller was not satisfied with the unit */
  reopened: 20,
  extended: 15,
  extensionDenied: 5,
  /** 催办 and 督办 before the reply */
  supervised: 10,
  /** signed and never replied: overdue at the end, urged */
  overdue: 20,
  /** never signed by the unit */
  unsigned: 15,
} as const;
export type OrderOutcome = keyof typeof ORDER_OUTCOME_WEIGHTS;

export function orderOutcomeCounts(total: number): Record<OrderOutcome, number> {
  return allocate(total, ORDER_OUTCOME_WEIGHTS) as Record<OrderOutcome, number>;
}

// Appeal types (the seed's July) as [type, direct answers, transfers]: answers are mostly 咨询,
// transfers mostly 投诉举报.
const APPEAL_TYPES: readonly (readonly [AppealType, number, number])[] = [
  ['consult', 907, 25],
  ['complaint', 254, 800],
  ['help', 326, 330],
  ['suggestion', 91, 90],
  ['praise', 5, 0],
];
const ANSWER_TYPE_WEIGHTS = APPEAL_TYPES.map(([, answered]) => answered);
const TRANSFER_TYPE_WEIGHTS = APPEAL_TYPES.map(([, , transferred]) => transferred);

const NOTES = {
  answer: '已根据政策规定和知识库答复来电人',
  reply: '已现场核实并处理完毕，已与来电人沟通',
  return: '经核实不属于本单位职责，申请退回重新派单',
  extension: '涉及多部门协调，申请延期办理',
  deny: '延期理由不充分，请按期办结',
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface PlannedOrder {
  /** Shanghai date of the reception (the order number's day). */
  day: string;
  outcome: OrderOutcome;
  history: OrderHistory;
}

/**
 * The orders, a day at a time. Outcomes are dealt from an exactly-counted, shuffled deck; steps
 * that would fall after the period's end are cut, which leaves the youngest orders open in
 * whatever state they reached (every prefix of a legal life is legal).
 */
export function* planOrders(city: BenchCity, options: PlanOptions): Generator<PlannedOrder[]> {
  const total = orderCount(options);
  if (!Number.isInteger(total) || total < 0) throw new Error('orders must be a whole number ≥ 0');
  // Its own stream: adding orders leaves the cases of a seed as they were.
  const rng = new DemoRandom(seedOf(`cityloop-bench-orders:${options.seed}`));
  const end = planRange(options).to.getTime();
  const counts = orderOutcomeCounts(total);
  const outcomes = Object.keys(counts) as OrderOutcome[];
  const outcomeDeck = deck(
    outcomes.map((o) => counts[o]),
    total,
    rng,
  );
  let k = 0;
  for (const { day, cases: orders } of planDays({ ...options, cases: total })) {
    const base = startOfShanghaiDay(day).getTime();
    const times: number[] = [];
    for (let i = 0; i < orders; i++) times.push(base + Math.floor(reportMinute(rng)) * MINUTE);
    times.sort((a, b) => a - b);
    yield times.map((at) =>
      orderLife(
        city,
        rng,
        Math.min(at, end - MINUTE),
        end,
        outcomes[outcomeDeck[k++] as number] as OrderOutcome,
      ),
    );
  }
}

function orderLife(city: BenchCity, rng: DemoRandom, receivedAt: number, end: number, outcome: OrderOutcome) {
  const rnd = () => rng.next();
  const { people, hotline } = city;
  const agent = rng.pick(people.hotlineAgents);
  const desk = { actorId: agent, role: 'hotline_agent' as Role };
  const grid = rng.pick(city.grids);
  const steps: OrderStep[] = [];
  let t = receivedAt;
  const add = (step: Omit<OrderStep, 'at'>, minMinutes: number, maxMinutes: number) => {
    t += Math.max(1, Math.round(rng.between(minMinutes, maxMinutes))) * MINUTE;
    steps.push({ ...step, at: new Date(t) });
  };
  const staff = (unitId: string) => {
    const id = people.unitStaff.get(unitId);
    if (!id) throw new Error(`bench city: unit ${unitId} has no staff`);
    return { actorId: id, role: 'unit_staff' as Role };
  };
  const satisfied = (): Satisfaction => (rng.chance(0.85) ? 'satisfied' : 'basically');

  const order: OrderHistory['order'] = {
    id: uuidAt(receivedAt, rng),
    channel: callChannel(rnd),
    callerName: callerName(rnd),
    callerPhone: callerPhone(rnd),
    confidential: rng.chance(0.03),
    valid: outcome !== 'invalid',
    invalidReason: null,
    appealType: null,
    subjectId: null,
    content: '',
    address: null,
    lng: null,
    lat: null,
    districtId: null,
    emergency: null,
    ownerId: agent,
  };
  if (outcome === 'invalid') {
    const reason = invalidReason(rnd);
    Object.assign(order, { invalidReason: reason.reason, content: reason.content, callerName: null });
    steps.push({ action: 'receive_invalid', at: new Date(t), ...desk });
    return planned();
  }
  const answeredFirst = outcome === 'answered' || outcome === 'answeredUnresolved';
  const weights = answeredFirst ? ANSWER_TYPE_WEIGHTS : TRANSFER_TYPE_WEIGHTS;
  const type = (APPEAL_TYPES[rng.weighted(weights)] as (typeof APPEAL_TYPES)[number])[0];
  describe(order, type, rng.pick(hotline.subjects), grid, rng);
  steps.push({ action: 'receive', at: new Date(t), ...desk });

  if (answeredFirst) {
    add({ action: 'answer', ...desk, replyText: NOTES.answer }, 2, 15);
    if (outcome === 'answered') {
      add(
        { action: 'callback', ...desk, agentSatisfaction: rng.chance(0.999) ? satisfied() : 'unsatisfied' },
        180,
        2880,
      );
      return planned();
    }
    add({ action: 'callback', ...desk, agentSatisfaction: 'satisfied', resolved: false }, 180, 1440);
  }

  // 转办: the district's government most often, else a city department or a utility.
  const r = rng.next();
  let unit =
    r < 0.6 || hotline.departments.length === 0
      ? grid.districtUnitId
      : r < 0.9 || hotline.enterprises.length === 0
        ? rng.pick(hotline.departments)
        : rng.pick(hotline.enterprises);
  add({ action: 'transfer', ...desk, unitId: unit }, 5, 60);
  if (outcome === 'returned') {
    add({ action: 'return', ...staff(unit), note: NOTES.return }, 30, 480);
    unit = unit === grid.districtUnitId ? rng.pick(hotline.departments) : grid.districtUnitId;
    add({ action: 'transfer', ...desk, unitId: unit }, 10, 120);
  }
  if (outcome === 'unsigned') {
    add({ action: 'urge', ...desk }, 3 * 1440, 6 * 1440);
    return planned();
  }
  add({ action: 'sign', ...staff(unit) }, 30, 360);
  if (outcome === 'overdue') {
    add({ action: 'urge', ...desk }, 5 * 1440, 15 * 1440);
    add({ action: 'urge', ...desk }, 3 * 1440, 7 * 1440);
    return planned();
  }
  if (outcome === 'supervised') {
    add({ action: 'urge', ...desk }, 2 * 1440, 4 * 1440);
    add(
      {
        action: 'supervise',
        actorId: rng.pick(people.leaders),
        role: 'leader',
        supervision: rng.chance(0.7) ? 'yellow' : 'red',
      },
      600,
      1440,
    );
  }
  if (outcome === 'extended' || outcome === 'extensionDenied') {
    // Past any deadline the limits give (13 working days at most, holidays included).
    const extendTo = new Date(t + rng.between(35, 45) * DAY);
    add({ action: 'request_extension', ...staff(unit), note: NOTES.extension, extendTo }, 1440, 3 * 1440);
    if (outcome === 'extended') add({ action: 'approve_extension', ...desk }, 60, 480);
    else add({ action: 'deny_extension', ...desk, note: NOTES.deny }, 60, 480);
  }
  const replyDelay: [number, number] = outcome === 'extended' ? [2 * 1440, 20 * 1440] : [240, 8 * 1440];
  add({ action: 'reply', ...staff(unit), replyText: NOTES.reply }, ...replyDelay);
  if (outcome === 'reopened') {
    add(
      { action: 'callback', ...desk, unitSatisfaction: 'unsatisfied', agentSatisfaction: 'satisfied' },
      180,
      2880,
    );
    add({ action: 'sign', ...staff(unit) }, 60, 360);
    add({ action: 'reply', ...staff(unit), replyText: NOTES.reply }, 1440, 5 * 1440);
  }
  add(
    { action: 'callback', ...desk, unitSatisfaction: satisfied(), agentSatisfaction: 'satisfied' },
    180,
    4320,
  );
  return planned();

  function planned(): PlannedOrder {
    return {
      day: shanghaiDate(new Date(receivedAt)),
      outcome,
      // Steps after the period's end have not happened yet.
      history: { order, steps: steps.filter((s) => s.at.getTime() < end) },
    };
  }
}

/** What the caller said and, for matters with a place, where (inside a grid of the city). */
function describe(
  order: OrderHistory['order'],
  type: AppealType,
  subject: { id: string; name: string },
  grid: BenchGrid,
  rng: DemoRandom,
) {
  const located = type !== 'consult' && type !== 'praise';
  const [minLng, minLat, maxLng, maxLat] = grid.bbox;
  order.appealType = type;
  order.subjectId = subject.id;
  order.address = located ? `网格 ${grid.code} 附近` : null;
  order.lng = located ? round7(rng.between(minLng, maxLng)) : null;
  order.lat = located ? round7(rng.between(minLat, maxLat)) : null;
  order.districtId = located ? grid.districtId : null;
  order.content = contentFor(type, subject.name, order.address ?? null);
}

/** What an order plan holds, for the generator's report and the test that checks the database. */
export class OrderSummary {
  orders = 0;
  logRows = 0;
  /** Orders received per month ('YYYY-MM'): what the hotline's monthly figures count as 受理. */
  readonly byMonth: Record<string, number> = {};
  readonly byStatus: Partial<Record<HotlineStatus, number>> = {};
  readonly byOutcome: Partial<Record<OrderOutcome, number>> = {};

  /** Counts a written order: its month, the state its log leaves it in, how it was meant to live. */
  add(planned: PlannedOrder, status: HotlineStatus, logRows: number): void {
    this.orders++;
    this.logRows += logRows;
    tally(this.byMonth, planned.day.slice(0, 7));
    tally(this.byStatus, status);
    tally(this.byOutcome, planned.outcome);
  }
}
