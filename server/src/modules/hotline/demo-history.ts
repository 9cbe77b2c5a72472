import type { AppealType, HotlineChannel, InvalidReason, Satisfaction } from '@cityloop/contracts/hotline';

// The demo city's 12345 history for June and July 2019 — synthetic, deterministic (a seeded
// PRNG) and calibrated so that July reproduces every hotline figure the seed bulletin prints
// (受理 3,706 = 有效 2,828 + 无效 878; 直接答复 1,618; 转办 1,245; 办结 966; 满意率 96.7 % and
// 99.9 %; the five appeal types; 城乡建设 1,109; the unit table row by row as of 2019-07-31
// 24:00) and June's 受理 is 3,456 (the seed: July is 250 more). How the printed numbers are
// reconciled (hotline-figures.ts has the 口径):
// - 1,618 + 1,245 = 2,863 > 2,828 valid: 35 July orders were answered directly, the callback
//   found the matter unresolved, and they were transferred — they count in both.
// - 96.7 %: 1,000 unit callbacks in July, 967 satisfied (满意 or 基本满意). 800 are on July
//   orders; 200 on June orders replied in June, 33 of which the callers were not satisfied
//   with: reopened (重办) and replied again in July.
// - 99.9 %: 2,000 agent judgements in July (those 1,000 plus 1,000 callbacks on direct
//   answers, the 35 unresolved ones among them), 2 not satisfied.
// Pure: the service resolves names to ids and writes the plan.

export interface TableRow {
  name: string;
  received: number;
  done: number;
}

/** The seed's 联动单位 table, literally (names as printed; findUnitByName resolves them). */
export const seedJulyUnitTable: readonly TableRow[] = [
  { name: '仁和区政府', received: 164, done: 164 },
  { name: '钒钛高新区管委会', received: 10, done: 10 },
  { name: '花城新区管委会', received: 5, done: 5 },
  { name: '米易县政府', received: 25, done: 22 },
  { name: '盐边县政府', received: 75, done: 58 },
  { name: '西区政府', received: 94, done: 67 },
  { name: '东区政府', received: 455, done: 262 },
  { name: '市交通局', received: 38, done: 38 },
  { name: '市卫生健康委员会', received: 15, done: 15 },
  { name: '市自然资源和规划局', received: 14, done: 14 },
  { name: '市城市管理行政执法局', received: 8, done: 8 },
  { name: '市生态环境局', received: 4, done: 4 },
  { name: '市民政局', received: 3, done: 3 },
  { name: '市政务服务中心', received: 3, done: 3 },
  { name: '市国资委', received: 2, done: 2 },
  { name: '烟草专卖局', received: 2, done: 2 },
  { name: '市市场监督管理局', received: 1, done: 1 },
  { name: '攀枝花银监局', received: 1, done: 1 },
  { name: '市水利局', received: 1, done: 1 },
  { name: '市公安局', received: 91, done: 81 },
  { name: '市人社局', received: 18, done: 16 },
  { name: '市教育和体育局', received: 6, done: 5 },
  { name: '市邮政管理局', received: 5, done: 4 },
  { name: '市住建局', received: 33, done: 26 },
  { name: '市医疗保障局', received: 4, done: 3 },
  { name: '市文化广播电视和旅游局', received: 3, done: 2 },
  { name: '市退役军人事务局', received: 2, done: 1 },
  { name: '市供电公司', received: 30, done: 30 },
  { name: '市煤气公司', received: 29, done: 29 },
  { name: '市公交客运总公司', received: 15, done: 15 },
  { name: '中国石油攀枝花销售分公司', received: 2, done: 2 },
  { name: '钢城集团', received: 1, done: 1 },
  { name: '十九冶集团', received: 1, done: 1 },
  { name: '攀煤集团', received: 11, done: 10 },
  { name: '攀钢集团', received: 29, done: 26 },
  { name: '市水务集团', received: 36, done: 32 },
  { name: '攀枝花学院', received: 3, done: 2 },
  { name: '中国移动攀枝花分公司', received: 1, done: 0 },
  { name: '中国电信攀枝花分公司', received: 4, done: 0 },
  { name: '中国联通攀枝花分公司', received: 1, done: 0 },
];

const DISTRICT_SUBJECTS = [
  'CX01',
  'CX02',
  'CX03',
  'CX04',
  'CX05',
  'CX06',
  'CX07',
  'CX08',
  'SR01',
  'SR02',
  'SR03',
  'SR05',
  'SR06',
  'JT01',
  'GA02',
];

/** Which subjects each unit's orders are about (plausible, not calibrated). */
export const unitSubjects: Record<string, readonly string[]> = {
  仁和区政府: DISTRICT_SUBJECTS,
  钒钛高新区管委会: DISTRICT_SUBJECTS,
  花城新区管委会: DISTRICT_SUBJECTS,
  米易县政府: DISTRICT_SUBJECTS,
  盐边县政府: DISTRICT_SUBJECTS,
  西区政府: DISTRICT_SUBJECTS,
  东区政府: DISTRICT_SUBJECTS,
  市交通局: ['JT02', 'JT03', 'JT04'],
  市卫生健康委员会: ['JW02', 'JW03'],
  市自然资源和规划局: ['CX08', 'GA03'],
  市城市管理行政执法局: ['SR01', 'SR04', 'SR05', 'JT01'],
  市生态环境局: ['SR08'],
  市民政局: ['SB03'],
  市政务服务中心: ['QT01'],
  市国资委: ['QT99'],
  烟草专卖局: ['SC02'],
  市市场监督管理局: ['SC01', 'SC02', 'SC03'],
  攀枝花银监局: ['SC02'],
  市水利局: ['GA03'],
  市公安局: ['GA01', 'JT04', 'GA02'],
  市人社局: ['SB01', 'SB02'],
  市教育和体育局: ['JW01'],
  市邮政管理局: ['GY05'],
  市住建局: ['CX02', 'CX03', 'CX01'],
  市医疗保障局: ['SB01'],
  市文化广播电视和旅游局: ['QT99'],
  市退役军人事务局: ['SB04'],
  市供电公司: ['GY01'],
  市煤气公司: ['GY03', 'GA04'],
  市公交客运总公司: ['JT02'],
  中国石油攀枝花销售分公司: ['GY06'],
  钢城集团: ['QT99'],
  十九冶集团: ['CX05'],
  攀煤集团: ['QT99'],
  攀钢集团: ['SR08', 'QT99'],
  市水务集团: ['GY02', 'CX07'],
  攀枝花学院: ['JW01'],
  中国移动攀枝花分公司: ['GY04'],
  中国电信攀枝花分公司: ['GY04'],
  中国联通攀枝花分公司: ['GY04'],
};

/** The district (GB/T 2260 code in the demo geography) a district government serves. */
const districtOfUnit: Record<string, string> = {
  东区政府: '510402',
  西区政府: '510403',
  仁和区政府: '510411',
  米易县政府: '510421',
  盐边县政府: '510422',
  钒钛高新区管委会: '510471',
  花城新区管委会: '510472',
};

export interface PlanContext {
  subjects: { code: string; group: string; name: string }[];
  points: { label: string; lng: number; lat: number; districtCode: string }[];
  /** The deadline of a stay at a unit entered at `start` for an appeal type. */
  deadline: (start: Date, type: AppealType) => Date;
}

export interface PlannedEvent {
  action: string;
  to: string;
  at: Date;
  role: 'hotline_agent' | 'unit_staff' | null;
  unitName?: string;
  deadlineAt?: Date;
  note?: string;
  unitSatisfaction?: Satisfaction;
  agentSatisfaction?: Satisfaction;
  data?: Record<string, unknown>;
}

export interface PlannedOrder {
  receivedAt: Date;
  channel: HotlineChannel;
  callerName: string | null;
  callerPhone: string;
  confidential: boolean;
  valid: boolean;
  invalidReason: InvalidReason | null;
  appealType: AppealType | null;
  subjectCode: string | null;
  content: string;
  address: string | null;
  lng: number | null;
  lat: number | null;
  districtCode: string | null;
  events: PlannedEvent[];
}

// ── deterministic randomness ────────────────────────────────────────────────────────────────

/** mulberry32: small, fast, and the same sequence on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], rnd: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

const pick = <T>(items: readonly T[], rnd: () => number): T => items[Math.floor(rnd() * items.length)] as T;

/** Splits `total` into integer parts proportional to `weights` (largest remainder). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((s, p) => s + p, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left-- <= 0) break;
    parts[i] = (parts[i] as number) + 1;
  }
  return parts;
}

const repeat = <T>(value: T, n: number): T[] => Array.from({ length: n }, () => value);

// ── callers, places, times ──────────────────────────────────────────────────────────────────

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '华',
  '平',
];
const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '157',
  '158',
  '159',
  '180',
  '181',
  '182',
  '183',
  '187',
  '188',
  '189',
];

/** A caller's name as agents note it: 匿名 (null), 王先生, or a full name. */
export function callerName(rnd: () => number): string | null {
  const r = rnd();
  const surname = pick([...SURNAMES], rnd);
  if (r < 0.1) return null; // 匿名
  if (r < 0.75) return `${surname}${rnd() < 0.5 ? '先生' : '女士'}`;
  return `${surname}${pick(GIVEN, rnd)}`;
}

export function callerPhone(rnd: () => number): string {
  return `${pick(MOBILE_PREFIXES, rnd)}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
}

/** How the item came in: mostly calls, then WeChat, web, mailbox, leaders' mail. */
export function callChannel(rnd: () => number): HotlineChannel {
  const r = rnd();
  if (r < 0.85) return 'phone';
  if (r < 0.91) return 'wechat';
  if (r < 0.96) return 'web';
  if (r < 0.99) return 'mailbox';
  return 'leader';
}

// Calls by hour of day (Shanghai): quiet at night, peaks mid-morning and mid-afternoon.
const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 3, 7, 10, 10, 8, 5, 5, 8, 9, 9, 7, 5, 4, 3, 2.5, 2, 1.5];

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;
const MIN_MS = 60 * 1000;

/** Instants of `count` calls in a month, day by day (weekends and storm days differ), sorted. */
function callTimes(
  month: string,
  count: number,
  rnd: () => number,
  dayFactor: (day: number, weekday: number) => number,
): Date[] {
  const start = Date.parse(`${month}-01T00:00:00+08:00`);
  const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  const weights = Array.from({ length: days }, (_, d) => {
    const weekday = new Date(start + d * DAY_MS + 8 * HOUR_MS).getUTCDay();
    return dayFactor(d + 1, weekday);
  });
  const perDay = apportion(count, weights);
  const hourTotal = HOUR_WEIGHTS.reduce((s, w) => s + w, 0);
  const times: Date[] = [];
  perDay.forEach((n, d) => {
    for (let k = 0; k < n; k++) {
      let r = rnd() * hourTotal;
      let hour = 0;
      while (hour < 23 && r >= (HOUR_WEIGHTS[hour] as number)) r -= HOUR_WEIGHTS[hour++] as number;
      times.push(new Date(start + d * DAY_MS + hour * HOUR_MS + Math.floor(rnd() * HOUR_MS)));
    }
  });
  return times.sort((a, b) => a.getTime() - b.getTime());
}

const weekendFactor = (weekday: number) => (weekday === 0 || weekday === 6 ? 0.7 : 1);

/** A step `gap` after `from`, but never later than a share of the time left before `limit`. */
function after(from: Date, gap: number, limit: Date, share = 0.5): Date {
  return new Date(from.getTime() + Math.max(1, Math.min(gap, (limit.getTime() - from.getTime()) * share)));
}

export function contentFor(type: AppealType, subjectName: string, address: string | null): string {
  const where = address ?? '';
  switch (type) {
    case 'consult':
      return `来电咨询${subjectName}相关办理流程和政策规定。`;
    case 'complaint':
      return `来电反映${where}存在${subjectName}问题，影响周边居民生活，要求相关部门尽快核实处理。`;
    case 'help':
      return `来电求助：${where}${subjectName}问题，希望尽快协调解决。`;
    case 'suggestion':
      return `来电建议相关部门加强${where}${subjectName}方面的管理。`;
    case 'praise':
      return '来电表扬相关工作人员办事热情、处理及时。';
  }
}

const INVALID_REASONS: { reason: InvalidReason; weight: number; content: string }[] = [
  { reason: 'silent', weight: 35, content: '无声电话' },
  { reason: 'hang_up', weight: 25, content: '接通后挂断' },
  { reason: 'wrong_number', weight: 20, content: '打错电话' },
  { reason: 'prank', weight: 15, content: '骚扰来电' },
  { reason: 'other', weight: 5, content: '与热线业务无关' },
];

/** Why a call was invalid (无声, 挂断, 打错, 骚扰, 无关), with the content agents record. */
export function invalidReason(rnd: () => number) {
  let r = rnd() * 100;
  for (const entry of INVALID_REASONS) {
    if (r < entry.weight) return entry;
    r -= entry.weight;
  }
  return INVALID_REASONS[0] as (typeof INVALID_REASONS)[number];
}

const satisfiedKind = (rnd: () => number): Satisfaction => (rnd() < 0.85 ? 'satisfied' : 'basically');

// ── the plan ────────────────────────────────────────────────────────────────────────────────

interface Builder {
  rnd: () => number;
  ctx: PlanContext;
  subjectName: Map<string, string>;
}

function baseOrder(b: Builder, receivedAt: Date): PlannedOrder {
  return {
    receivedAt,
    channel: callChannel(b.rnd),
    callerName: callerName(b.rnd),
    callerPhone: callerPhone(b.rnd),
    confidential: b.rnd() < 0.03,
    valid: true,
    invalidReason: null,
    appealType: null,
    subjectCode: null,
    content: '',
    address: null,
    lng: null,
    lat: null,
    districtCode: null,
    events: [],
  };
}

function invalidOrder(b: Builder, receivedAt: Date): PlannedOrder {
  const order = baseOrder(b, receivedAt);
  const reason = invalidReason(b.rnd);
  order.valid = false;
  order.invalidReason = reason.reason;
  order.content = reason.content;
  order.callerName = null;
  order.confidential = false;
  order.events.push({ action: 'receive_invalid', to: 'invalid', at: receivedAt, role: 'hotline_agent' });
  return order;
}

function describe(b: Builder, order: PlannedOrder, type: AppealType, subjectCode: string, unitName?: string) {
  const district = unitName ? districtOfUnit[unitName] : undefined;
  const candidates = district ? b.ctx.points.filter((p) => p.districtCode === district) : b.ctx.points;
  const point = pick(candidates.length > 0 ? candidates : b.ctx.points, b.rnd);
  const located = type !== 'consult' && type !== 'praise';
  order.appealType = type;
  order.subjectCode = subjectCode;
  order.address = located ? point.label : null;
  order.lng = located ? point.lng : null;
  order.lat = located ? point.lat : null;
  order.districtCode = located ? point.districtCode : null;
  order.content = contentFor(type, b.subjectName.get(subjectCode) ?? '', order.address);
  order.events.push({ action: 'receive', to: 'received', at: order.receivedAt, role: 'hotline_agent' });
}

function answer(b: Builder, order: PlannedOrder, end: Date): Date {
  const at = after(order.receivedAt, (2 + b.rnd() * 12) * MIN_MS, end, 0.2);
  order.events.push({ action: 'answer', to: 'answered', at, role: 'hotline_agent' });
  return at;
}

/** Transfer → sign → (reply) at one unit; returns the reply instant when done. */
function handle(b: Builder, order: PlannedOrder, from: Date, unitName: string, done: boolean, end: Date) {
  const type = order.appealType as AppealType;
  const transferAt = after(from, (5 + b.rnd() * 55) * MIN_MS, end, 0.1);
  const deadlineAt = b.ctx.deadline(transferAt, type);
  order.events.push({
    action: 'transfer',
    to: 'transferred',
    at: transferAt,
    role: 'hotline_agent',
    unitName,
    deadlineAt,
  });
  const signs = done || b.rnd() < 0.9;
  if (!signs) return null;
  const signAt = after(transferAt, (0.5 + b.rnd() * 5) * HOUR_MS, end, 0.2);
  order.events.push({ action: 'sign', to: 'signed', at: signAt, role: 'unit_staff', unitName });
  if (!done) {
    // Overdue and still open at the month's end: the desk urged it (催办).
    if (deadlineAt.getTime() + HOUR_MS < end.getTime()) {
      order.events.push({
        action: 'urge',
        to: 'signed',
        at: new Date(deadlineAt.getTime() + HOUR_MS),
        role: 'hotline_agent',
        unitName,
      });
    }
    return null;
  }
  const span = deadlineAt.getTime() - signAt.getTime();
  const replyAt = after(signAt, Math.max(HOUR_MS, span * (0.1 + b.rnd() * 0.8)), end, 0.9);
  order.events.push({
    action: 'reply',
    to: 'replied',
    at: replyAt,
    role: 'unit_staff',
    unitName,
    note: '已办结',
  });
  return replyAt;
}

function callback(
  b: Builder,
  order: PlannedOrder,
  from: Date,
  end: Date,
  judged: { unit?: Satisfaction; agent: Satisfaction; to: string; resolved?: boolean; unitName?: string },
): Date {
  const at = after(from, (3 + b.rnd() * 20) * HOUR_MS, end, 0.5);
  order.events.push({
    action: 'callback',
    to: judged.to,
    at,
    role: 'hotline_agent',
    unitName: judged.unitName,
    unitSatisfaction: judged.unit,
    agentSatisfaction: judged.agent,
    data: judged.resolved === false ? { resolved: false } : undefined,
  });
  return at;
}

/** Picks `n` of `items`, later ones more likely (in-progress orders are mostly recent ones). */
function pickLate<T extends { receivedAt: Date }>(
  items: T[],
  n: number,
  start: Date,
  end: Date,
  rnd: () => number,
) {
  const span = end.getTime() - start.getTime();
  const keyed = items.map((item) => {
    const lateness = (item.receivedAt.getTime() - start.getTime()) / span;
    const weight = 0.02 + lateness ** 4;
    return { item, key: rnd() ** (1 / weight) };
  });
  keyed.sort((a, b) => b.key - a.key);
  return new Set(keyed.slice(0, n).map((k) => k.item));
}

function typePool(counts: Partial<Record<AppealType, number>>, rnd: () => number): AppealType[] {
  const pool: AppealType[] = [];
  for (const [type, n] of Object.entries(counts)) pool.push(...repeat(type as AppealType, n));
  return shuffle(pool, rnd);
}

interface MonthPlan {
  orders: PlannedOrder[];
  /** June orders replied in June and not called back: July calls them back. */
  awaitingCallback: { order: PlannedOrder; repliedAt: Date; unitName: string }[];
}

function julyPlan(b: Builder, fromJune: MonthPlan['awaitingCallback']): PlannedOrder[] {
  const start = new Date('2019-07-01T00:00:00+08:00');
  const end = new Date('2019-08-01T00:00:00+08:00');
  const { rnd } = b;
  // The 8 July storm (the seed's 暴雨不期而至) brought more calls.
  const times = callTimes(
    '2019-07',
    3706,
    rnd,
    (day, weekday) => weekendFactor(weekday) * (day === 9 ? 1.5 : 1),
  );
  const invalidIdx = new Set(shuffle([...times.keys()], rnd).slice(0, 878));
  const orders: PlannedOrder[] = [];
  const valid: PlannedOrder[] = [];
  times.forEach((t, i) => {
    if (invalidIdx.has(i)) orders.push(invalidOrder(b, t));
    else {
      const o = baseOrder(b, t);
      orders.push(o);
      valid.push(o);
    }
  });
  // Branches over the 2,828 valid orders: 1,583 answered only, 1,210 transferred only, 35 both.
  shuffle(valid, rnd);
  const answeredOnly = valid.slice(0, 1583);
  const transferred = valid.slice(1583);
  // The 35 answered-then-transferred are among the earlier ones (their callback is the next day).
  const both = new Set(
    shuffle(
      transferred.filter((o) => o.receivedAt.getTime() < Date.parse('2019-07-25T00:00:00+08:00')),
      rnd,
    ).slice(0, 35),
  );

  // Units: done and in-progress slots exactly as the seed's table.
  const inProgress = pickLate(transferred, 279, start, end, rnd);
  const doneSlots = shuffle(
    seedJulyUnitTable.flatMap((r) => repeat(r.name, r.done)),
    rnd,
  );
  const openSlots = shuffle(
    seedJulyUnitTable.flatMap((r) => repeat(r.name, r.received - r.done)),
    rnd,
  );
  const transferTypes = typePool({ complaint: 800, help: 330, suggestion: 90, consult: 25 }, rnd);
  const answerTypes = typePool({ complaint: 254, help: 326, suggestion: 91, consult: 907, praise: 5 }, rnd);

  const replied: { order: PlannedOrder; at: Date; unitName: string }[] = [];
  let cxCount = 0;
  transferred.forEach((order, i) => {
    const done = !inProgress.has(order);
    const unitName = (done ? doneSlots.pop() : openSlots.pop()) as string;
    const type = transferTypes[i] as AppealType;
    const subject = pick(unitSubjects[unitName] ?? ['QT99'], rnd);
    if (subject.startsWith('CX')) cxCount++;
    describe(b, order, type, subject, unitName);
    let from = order.receivedAt;
    if (both.has(order)) {
      const answeredAt = answer(b, order, end);
      from = callback(b, order, answeredAt, end, { agent: 'satisfied', to: 'received', resolved: false });
    }
    const repliedAt = handle(b, order, from, unitName, done, end);
    if (repliedAt) replied.push({ order, at: repliedAt, unitName });
  });

  // Subjects of direct answers: exactly enough 城乡建设 ones for the seed's 1,109.
  const cxSubjects = b.ctx.subjects.filter((s) => s.group === '城乡建设').map((s) => s.code);
  const otherSubjects = b.ctx.subjects
    .filter((s) => s.group !== '城乡建设' && s.code !== 'QT02')
    .map((s) => s.code);
  let cxLeft = 1109 - cxCount;
  const answeredAt = new Map<PlannedOrder, Date>();
  answeredOnly.forEach((order, i) => {
    const type = answerTypes[i] as AppealType;
    let subject: string;
    if (type === 'praise') subject = 'QT02';
    else if (cxLeft > 0) {
      subject = pick(cxSubjects, rnd);
      cxLeft--;
    } else subject = pick(otherSubjects, rnd);
    describe(b, order, type, subject);
    answeredAt.set(order, answer(b, order, end));
  });

  // Direct-answer callbacks: 965 here plus the 35 above = 1,000; 2 callers not satisfied with the agent.
  const calledBackDirect = [...answeredOnly]
    .sort((x, y) => x.receivedAt.getTime() - y.receivedAt.getTime())
    .slice(0, 965);
  const agentUnhappy = new Set(shuffle([...calledBackDirect], rnd).slice(0, 2));
  for (const order of calledBackDirect) {
    callback(b, order, answeredAt.get(order) as Date, end, {
      agent: agentUnhappy.has(order) ? 'unsatisfied' : satisfiedKind(rnd),
      to: 'archived',
    });
  }
  // Unit callbacks: 800 July orders (all satisfied) + 200 June ones (33 not: 重办 in July).
  replied.sort((x, y) => x.at.getTime() - y.at.getTime());
  for (const r of replied.slice(0, 800)) {
    callback(b, r.order, r.at, end, {
      unit: satisfiedKind(rnd),
      agent: 'satisfied',
      to: 'archived',
      unitName: r.unitName,
    });
  }
  const june = fromJune.slice(0, 200);
  june.forEach((r, i) => {
    // Early July, so a reopened order is replied again before the month ends.
    const from = new Date(Math.max(r.repliedAt.getTime(), start.getTime() + (i % 10) * DAY_MS));
    if (i < 33) {
      const at = callback(b, r.order, from, new Date(start.getTime() + 12 * DAY_MS), {
        unit: 'unsatisfied',
        agent: 'satisfied',
        to: 'transferred',
        unitName: r.unitName,
      });
      const last = r.order.events[r.order.events.length - 1] as PlannedEvent;
      last.deadlineAt = b.ctx.deadline(at, r.order.appealType as AppealType);
      last.data = { reopen: true };
      const signAt = after(at, (1 + rnd() * 4) * HOUR_MS, end, 0.1);
      r.order.events.push({
        action: 'sign',
        to: 'signed',
        at: signAt,
        role: 'unit_staff',
        unitName: r.unitName,
      });
      const replyAt = after(signAt, (1 + rnd() * 5) * DAY_MS, end, 0.5);
      r.order.events.push({
        action: 'reply',
        to: 'replied',
        at: replyAt,
        role: 'unit_staff',
        unitName: r.unitName,
        note: '重办完毕',
      });
    } else {
      callback(b, r.order, from, end, {
        unit: satisfiedKind(rnd),
        agent: 'satisfied',
        to: 'archived',
        unitName: r.unitName,
      });
    }
  });
  return orders;
}

function junePlan(b: Builder): MonthPlan {
  const start = new Date('2019-06-01T00:00:00+08:00');
  const end = new Date('2019-07-01T00:00:00+08:00');
  const { rnd } = b;
  // 端午节 (7 June 2019) was a holiday: fewer calls.
  const times = callTimes(
    '2019-06',
    3456,
    rnd,
    (day, weekday) => weekendFactor(weekday) * (day === 7 ? 0.6 : 1),
  );
  const invalidIdx = new Set(shuffle([...times.keys()], rnd).slice(0, 842));
  const valid: PlannedOrder[] = [];
  const orders = times.map((t, i) => {
    if (invalidIdx.has(i)) return invalidOrder(b, t);
    const o = baseOrder(b, t);
    valid.push(o);
    return o;
  });
  shuffle(valid, rnd);
  const answered = valid.slice(0, 1490);
  const transferred = valid.slice(1490);
  const unitNames = seedJulyUnitTable.map((r) => r.name);
  const unitShares = apportion(
    transferred.length,
    seedJulyUnitTable.map((r) => r.received),
  );
  const slots = shuffle(
    unitNames.flatMap((name, i) => repeat(name, unitShares[i] as number)),
    rnd,
  );
  const inProgress = pickLate(transferred, 60, start, end, rnd);
  const replied: MonthPlan['awaitingCallback'] = [];
  transferred.forEach((order) => {
    const unitName = slots.pop() as string;
    const type: AppealType = rnd() < 0.65 ? 'complaint' : rnd() < 0.8 ? 'help' : 'suggestion';
    describe(b, order, type, pick(unitSubjects[unitName] ?? ['QT99'], rnd), unitName);
    const repliedAt = handle(b, order, order.receivedAt, unitName, !inProgress.has(order), end);
    if (repliedAt) replied.push({ order, repliedAt, unitName });
  });
  const directSubjects = b.ctx.subjects.filter((s) => s.code !== 'QT02').map((s) => s.code);
  answered.forEach((order, i) => {
    describe(b, order, i % 5 === 0 ? 'help' : 'consult', pick(directSubjects, rnd));
    const at = answer(b, order, end);
    if (i < 700) callback(b, order, at, end, { agent: 'satisfied', to: 'archived' });
  });
  // 700 replied orders are called back in June; the 200 replied last wait for July.
  replied.sort((x, y) => x.repliedAt.getTime() - y.repliedAt.getTime());
  for (const r of replied.slice(0, 700)) {
    callback(b, r.order, r.repliedAt, end, {
      unit: satisfiedKind(rnd),
      agent: 'satisfied',
      to: 'archived',
      unitName: r.unitName,
    });
  }
  return { orders, awaitingCallback: replied.slice(-200) };
}

/** The whole plan: June then July 2019, every order with its events in order. */
export function planDemoHotlineHistory(ctx: PlanContext, seed = 20190731): PlannedOrder[] {
  const b: Builder = {
    rnd: prng(seed),
    ctx,
    subjectName: new Map(ctx.subjects.map((s) => [s.code, s.name])),
  };
  const june = junePlan(b);
  const july = julyPlan(b, june.awaitingCallback);
  return [...june.orders, ...july];
}
