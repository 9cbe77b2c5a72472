// The calibrated plan of the demo city's June and July 2019 (攀枝花, the seed bulletin's month
// and the month before it) — DATA plus the arithmetic that checks it. demo-history.ts turns
// each count into raw cases with full transition logs; nothing here is a stored total.
//
// The 口径 (DESIGN.md §4, issue 4): 上报数 = cases reported in the month; 立案数 = of those, with
// a file or self_dispose row by the month end; 应处置数 = filed − voided after filing − parked
// at the month end; 处置数 = of those, with a dispose or self_dispose row; per unit u,
// 应处置数_u = due cases with a dispatch/rework row for u, 处置数_u = of those, with a dispose
// row by u.
//
// RECONCILIATION (why so many cases pass through two units). The seed's unit rows do not add
// up to its headline: their 应处置数 sum to 26,867 and their 处置数 to 17,987, against 26,195
// due and 17,317 disposed in the month — and the 7,031 self-disposed cases (in both headline
// figures) are dispatched to no unit at all. Under the 口径 above a case counts once for every
// unit it was sent to, so both can hold only if cases move between units:
//   - due, not self-disposed: 26,195 − 7,031 = 19,164 cases; 60 of them wait for dispatch at
//     the month end, so 19,104 carry the 26,867 unit assignments: 7,763 more than one each.
//   - disposed, not self-disposed: 17,317 − 7,031 = 10,286 cases carry the 17,987 unit
//     disposals: 7,701 cases were disposed by two units (rerouted_done: disposed by A → check
//     fails → 返工 改派 to B → disposed by B).
//   - the other 62 extra assignments are returns (returned_done / returned_open: A 回退 → sent
//     to B) and re-routes still open at B (rerouted_open).
// The seed's district-government rows also need cases to move between districts: the
// departments' and enterprises' 处置数 (3,806) cannot pair with 7,701 re-routed cases, so most
// re-routes go from one district government to a neighbouring one (属地争议 along district
// lines), and 米易县 / 盐边县 — where the seed reports no case (its four districts sum to the
// month's 26,380) — receive only re-routed and sent-on cases from the districts next to them.
// The units with no 处置数 at all (攀钢 3,503, 攀煤 1,824, the telecoms …) keep their cases
// open (处置中) at the month end.
//
// June: the same routes (so every unit has a June too), different locations for a few of them,
// fewer unfiled cases, more parked and voided ones, and the self-disposals that make June's
// printed rates: 上报 26,053 (July − 327), 立案率 99.81% (July 99.54% + 0.27), 处置率 65.72%
// (July 66.11% − 0.39).

export type DistrictKey = 'dq' | 'xq' | 'rh' | 'ft';
export type MonthKey = '2019-06' | '2019-07';
export const MONTHS: readonly MonthKey[] = ['2019-06', '2019-07'];

export const DISTRICT_NAMES: Record<DistrictKey, string> = {
  dq: '东区',
  xq: '西区',
  rh: '仁和区',
  ft: '钒钛高新区',
};

/** 上报数 by the case's district (the seed's 各区监督员上报案件数 and its June deltas). */
export const RECEIVED: Record<MonthKey, Record<DistrictKey, number>> = {
  '2019-06': { dq: 13356 + 787, xq: 6966 - 508, rh: 5477 - 713, ft: 581 + 107 },
  '2019-07': { dq: 13356, xq: 6966, rh: 5477, ft: 581 },
};

/** Cases that are not dispatched anywhere, per district. */
export interface QuietCounts {
  /** voided before filing (重复/不属实): not filed */
  unfiledVoided: number;
  /** reported in the month's last hours, not yet filed at its end */
  unfiledPending: number;
  /** filed, then voided: not due */
  filedVoided: number;
  /** parked (挂账) at the month end: not due */
  parked: number;
  /** filed in the last hours, awaiting dispatch: due, no unit */
  waiting: number;
}

export const QUIET: Record<MonthKey, Record<DistrictKey, QuietCounts>> = {
  '2019-06': {
    dq: { unfiledVoided: 20, unfiledPending: 5, filedVoided: 25, parked: 27, waiting: 30 },
    xq: { unfiledVoided: 10, unfiledPending: 2, filedVoided: 13, parked: 14, waiting: 15 },
    rh: { unfiledVoided: 8, unfiledPending: 2, filedVoided: 10, parked: 11, waiting: 13 },
    ft: { unfiledVoided: 2, unfiledPending: 1, filedVoided: 2, parked: 3, waiting: 2 },
  },
  '2019-07': {
    dq: { unfiledVoided: 47, unfiledPending: 13, filedVoided: 17, parked: 15, waiting: 30 },
    xq: { unfiledVoided: 25, unfiledPending: 7, filedVoided: 8, parked: 8, waiting: 15 },
    rh: { unfiledVoided: 20, unfiledPending: 5, filedVoided: 8, parked: 6, waiting: 13 },
    ft: { unfiledVoided: 3, unfiledPending: 1, filedVoided: 1, parked: 1, waiting: 2 },
  },
};

/**
 * How a dispatched case runs (every one is due):
 * - done: sent to A, disposed by A.
 * - open: sent to A, not disposed at the month end (a few returned by A and waiting).
 * - rerouted_done: disposed by A, check failed, 返工 改派 to B, disposed by B.
 * - rerouted_open: disposed by A, check failed, 返工 改派 to B, open at B.
 * - returned_done: A 回退, sent to B, disposed by B.
 * - returned_open: A 回退, sent to B, open at B.
 */
export type RouteKind =
  | 'done'
  | 'open'
  | 'rerouted_done'
  | 'rerouted_open'
  | 'returned_done'
  | 'returned_open';

export interface RouteRow {
  district: DistrictKey;
  kind: RouteKind;
  /** Unit names as the seed writes them (findUnitByName resolves aliases). */
  units: readonly [string] | readonly [string, string];
  counts: Record<MonthKey, number>;
}

const DQ = '东区';
const XQ = '西区';
const RH = '仁和区';
const FT = '钒钛高新区';
const MY = '米易县';
const YB = '盐边县';
const GA = '市公安局';
const JT = '市交通运输局';
const CG = '市城市管理行政执法局';
const ZR = '市自然资源和规划局';
const ZJ = '市住建局';
const GZ = '市国资委';
const SW = '市水务集团';
const SJY = '中国十九冶集团有限公司';
const DY = '四川省电力公司攀枝花电业局';
const GD = '四川广电网络攀枝花分公司';
const DX = '中国电信攀枝花市分公司';
const PG = '攀钢集团有限公司';
const PM = '攀煤集团';
const YD = '中国移动攀枝花市分公司';
const CT = '市城投公司';
const LT = '中国联通攀枝花市分公司';
const YZ = '市邮政公司';
const GC = '钢城集团有限公司';

/** The seed's 业务工作考核表 (一)(二)(三): 应处置数 / 处置数 per unit, July 2019. */
export const SEED_UNIT_ROWS: readonly {
  table: 'regions' | 'departments' | 'enterprises';
  unit: string;
  due: number;
  disposed: number;
}[] = [
  { table: 'regions', unit: FT, due: 570, disposed: 547 },
  { table: 'regions', unit: RH, due: 3969, disposed: 3527 },
  { table: 'regions', unit: DQ, due: 8506, disposed: 6936 },
  { table: 'regions', unit: XQ, due: 2927, disposed: 2336 },
  { table: 'regions', unit: MY, due: 43, disposed: 43 },
  { table: 'regions', unit: YB, due: 794, disposed: 792 },
  { table: 'departments', unit: GA, due: 3414, disposed: 3407 },
  { table: 'departments', unit: JT, due: 85, disposed: 77 },
  { table: 'departments', unit: CG, due: 97, disposed: 52 },
  { table: 'departments', unit: ZR, due: 29, disposed: 16 },
  { table: 'departments', unit: ZJ, due: 1, disposed: 0 },
  { table: 'departments', unit: GZ, due: 1, disposed: 0 },
  { table: 'enterprises', unit: SW, due: 206, disposed: 191 },
  { table: 'enterprises', unit: SJY, due: 64, disposed: 55 },
  { table: 'enterprises', unit: DY, due: 192, disposed: 6 },
  { table: 'enterprises', unit: GD, due: 12, disposed: 1 },
  { table: 'enterprises', unit: DX, due: 168, disposed: 1 },
  { table: 'enterprises', unit: PG, due: 3503, disposed: 0 },
  { table: 'enterprises', unit: PM, due: 1824, disposed: 0 },
  { table: 'enterprises', unit: YD, due: 264, disposed: 0 },
  { table: 'enterprises', unit: CT, due: 133, disposed: 0 },
  { table: 'enterprises', unit: LT, due: 63, disposed: 0 },
  { table: 'enterprises', unit: YZ, due: 1, disposed: 0 },
  { table: 'enterprises', unit: GC, due: 1, disposed: 0 },
];

const rows: RouteRow[] = [];
function route(
  district: DistrictKey,
  kind: RouteKind,
  units: readonly [string] | readonly [string, string],
  july: number,
  june = july,
): void {
  rows.push({ district, kind, units, counts: { '2019-06': june, '2019-07': july } });
}
/** One single-unit row per district: [东区, 西区, 仁和区, 钒钛高新区] counts. */
function spread(
  kind: 'done' | 'open',
  unit: string,
  july: readonly number[],
  june: readonly number[] = july,
): void {
  (['dq', 'xq', 'rh', 'ft'] as const).forEach((d, i) => {
    if ((july[i] ?? 0) > 0 || (june[i] ?? 0) > 0) route(d, kind, [unit], july[i] ?? 0, june[i] ?? 0);
  });
}

// done — one unit sends it back disposed
spread('done', DQ, [900]);
spread('done', XQ, [0, 300]);
spread('done', RH, [0, 0, 450]);
spread('done', FT, [0, 0, 0, 60]);
spread('done', GA, [270, 150, 130, 50], [220, 150, 130, 100]);
spread('done', JT, [30, 15, 15]);
spread('done', CG, [20, 10, 10]);
spread('done', ZR, [6, 3, 3]);
spread('done', SW, [50, 25, 25]);
spread('done', SJY, [10]);
spread('done', DY, [3]);

// open — with the unit at the month end
spread('open', DQ, [1564]);
spread('open', XQ, [0, 587]);
spread('open', RH, [0, 0, 440]);
spread('open', FT, [0, 0, 0, 23]);
spread('open', GA, [4, 2, 1]);
spread('open', JT, [4, 2, 2]);
spread('open', CG, [25, 10, 10]);
spread('open', ZR, [7, 3, 3]);
spread('open', ZJ, [1]);
spread('open', GZ, [1]);
spread('open', SW, [8, 4, 3]);
spread('open', SJY, [9]);
spread('open', DY, [60, 44, 80]);
spread('open', GD, [6, 3, 2]);
spread('open', DX, [55, 40, 69]);
spread('open', PG, [2600, 878], [2900, 578]);
spread('open', PM, [0, 1450, 357]);
spread('open', YD, [140, 65, 56]);
spread('open', CT, [70, 30, 25]);
spread('open', LT, [33, 15, 13]);
spread('open', YZ, [1]);
spread('open', GC, [1]);

// returned_done — A 回退 (not its facility), B disposes
route('dq', 'returned_done', [PG, DQ], 12);
route('dq', 'returned_done', [CT, DQ], 3);
route('dq', 'returned_done', [YD, DQ], 2);
route('dq', 'returned_done', [DX, DQ], 2);
route('dq', 'returned_done', [DY, DQ], 1);
route('xq', 'returned_done', [PG, XQ], 3);
route('xq', 'returned_done', [PM, XQ], 7);
route('xq', 'returned_done', [CT, XQ], 1);
route('xq', 'returned_done', [LT, XQ], 1);
route('rh', 'returned_done', [PM, RH], 3);
route('rh', 'returned_done', [CT, RH], 1);
route('rh', 'returned_done', [YD, RH], 1);
route('rh', 'returned_done', [LT, RH], 1);
route('rh', 'returned_done', [DX, RH], 1);
route('rh', 'returned_done', [DY, RH], 1);

// returned_open — A 回退, open at B
route('dq', 'returned_open', [PG, DQ], 5);
route('dq', 'returned_open', [CT, DQ], 1);
route('xq', 'returned_open', [PM, XQ], 3);
route('xq', 'returned_open', [CT, XQ], 1);
route('rh', 'returned_open', [PM, RH], 1);
route('rh', 'returned_open', [CT, RH], 1);

// rerouted_open — disposed by A, check failed, 改派 to B, open at B
route('dq', 'rerouted_open', [DQ, PG], 5);
route('xq', 'rerouted_open', [XQ, PM], 2);
route('rh', 'rerouted_open', [RH, PM], 1);
route('rh', 'rerouted_open', [RH, YB], 2);

// rerouted_done — disposed by A, check failed, 改派 to B, disposed by B
route('dq', 'rerouted_done', [DQ, GA], 2300);
route('dq', 'rerouted_done', [DQ, XQ], 629);
route('xq', 'rerouted_done', [XQ, DQ], 791);
route('dq', 'rerouted_done', [DQ, RH], 500, 800);
route('rh', 'rerouted_done', [RH, DQ], 1200, 900);
route('ft', 'rerouted_done', [FT, DQ], 250);
route('rh', 'rerouted_done', [RH, MY], 20);
route('dq', 'rerouted_done', [DQ, YB], 221);
route('rh', 'rerouted_done', [RH, YB], 300);
route('dq', 'rerouted_done', [DQ, SJY], 45);
route('dq', 'rerouted_done', [DQ, SW], 50);
route('dq', 'rerouted_done', [DQ, JT], 10);
route('dq', 'rerouted_done', [DQ, CG], 8);
route('dq', 'rerouted_done', [DQ, ZR], 4);
route('dq', 'rerouted_done', [DQ, DY], 3);
route('xq', 'rerouted_done', [XQ, SW], 25);
route('xq', 'rerouted_done', [XQ, JT], 3);
route('xq', 'rerouted_done', [XQ, GD], 1);
route('xq', 'rerouted_done', [XQ, DX], 1);
route('rh', 'rerouted_done', [RH, SW], 16);
route('rh', 'rerouted_done', [RH, JT], 4);
route('rh', 'rerouted_done', [RH, CG], 4);
route('xq', 'rerouted_done', [XQ, GA], 250);
route('rh', 'rerouted_done', [RH, GA], 227);
route('ft', 'rerouted_done', [FT, GA], 30);
route('xq', 'rerouted_done', [XQ, YB], 14);
route('xq', 'rerouted_done', [XQ, RH], 308);
route('rh', 'rerouted_done', [RH, YB], 257);
route('rh', 'rerouted_done', [RH, MY], 23);
route('rh', 'rerouted_done', [RH, FT], 207);

export const ROUTES: readonly RouteRow[] = rows;

/** Units whose disposal counts: the one a route ends disposed with (both for rerouted_done). */
export function disposingUnits(row: RouteRow): string[] {
  switch (row.kind) {
    case 'done':
      return [row.units[0]];
    case 'rerouted_done':
      return [row.units[0], row.units[1] as string];
    case 'rerouted_open':
      return [row.units[0]];
    case 'returned_done':
      return [row.units[1] as string];
    default:
      return [];
  }
}

export function isDisposedRoute(kind: RouteKind): boolean {
  return kind === 'done' || kind === 'rerouted_done' || kind === 'rerouted_open' || kind === 'returned_done';
}

/** Self-disposals (自行处置) per district: what is left of 上报数 once everything else is placed. */
export function selfDisposed(month: MonthKey): Record<DistrictKey, number> {
  const out = {} as Record<DistrictKey, number>;
  for (const d of Object.keys(RECEIVED[month]) as DistrictKey[]) {
    const q = QUIET[month][d];
    const routed = ROUTES.filter((r) => r.district === d).reduce((s, r) => s + r.counts[month], 0);
    const quiet = q.unfiledVoided + q.unfiledPending + q.filedVoided + q.parked + q.waiting;
    out[d] = RECEIVED[month][d] - routed - quiet;
    if (out[d] < 0) throw new Error(`demo plan: ${month} ${d} has more cases placed than reported`);
  }
  return out;
}

/** The month's headline figures as the plan makes them (the test recomputes them from the rows). */
export function plannedHeadline(month: MonthKey) {
  const districts = Object.keys(RECEIVED[month]) as DistrictKey[];
  const sum = (f: (d: DistrictKey) => number) => districts.reduce((s, d) => s + f(d), 0);
  const self = selfDisposed(month);
  const received = sum((d) => RECEIVED[month][d]);
  const unfiled = sum((d) => QUIET[month][d].unfiledVoided + QUIET[month][d].unfiledPending);
  const notDue = sum((d) => QUIET[month][d].filedVoided + QUIET[month][d].parked);
  const routedDisposed = ROUTES.filter((r) => isDisposedRoute(r.kind)).reduce(
    (s, r) => s + r.counts[month],
    0,
  );
  const selfTotal = sum((d) => self[d]);
  return {
    received,
    filed: received - unfiled,
    due: received - unfiled - notDue,
    disposed: selfTotal + routedDisposed,
    selfDisposed: selfTotal,
  };
}

// ---------------------------------------------------------------------------------------------
// Categories. Keys are kind letter + code as in case numbers: E = 事件 event, C = 部件 part.

/** 立案数 per major, July (the seed's 主要案件类别). */
export const MAJOR_TOTALS_JULY: Record<string, number> = {
  E01: 11529, // 市容环境
  E05: 7507, // 街面秩序
  E02: 3114, // 宣传广告
  E04: 824, // 突发事件
  E03: 335, // 施工管理
  E06: 279, // 扩展事件
  C01: 1536, // 公共设施
  C04: 378, // 园林绿化
  C03: 374, // 市容环境
  C02: 327, // 道路交通
  C07: 56, // 扩展部件
};

/**
 * The seed's 高发热点 minors, printed as shares "of the case total". Counted over 立案数
 * (26,259), as the topMinors share: 5,732 → 21.83%, 2,531 → 9.64%, 2,395 → 9.12%,
 * 2,122 → 8.08%. (Over 上报数 26,380 the same shares would need 5,758–5,759 / 2,542–2,544 /
 * 2,405–2,407 / 2,131–2,133; the filed reading is the one the issue fixes.)
 */
export const TOP_MINORS_JULY: Record<string, number> = {
  E0102: 5732, // 暴露垃圾
  E0511: 2531, // 沿街晾挂
  E0505: 2395, // 机动车乱停放
  E0504: 2122, // 店外经营
};

/** How the rest of each major splits between its minors (weights; largest remainder). */
const MINOR_WEIGHTS: Record<string, Record<string, number>> = {
  E01: {
    E0104: 1500,
    E0103: 1200,
    E0101: 600,
    E0106: 500,
    E0108: 400,
    E0109: 250,
    E0115: 150,
    E0113: 150,
    E0112: 200,
    E0117: 60,
    E0105: 80,
    E0107: 120,
    E0110: 200,
    E0111: 20,
    E0114: 10,
    E0116: 100,
    E0118: 40,
    E0199: 217,
  },
  E05: {
    E0501: 150,
    E0506: 120,
    E0507: 100,
    E0503: 20,
    E0510: 30,
    E0508: 10,
    E0502: 5,
    E0509: 10,
    E0512: 2,
    E0513: 5,
    E0599: 7,
  },
  E02: { E0201: 2000, E0202: 400, E0203: 300, E0204: 250, E0205: 164 },
  E04: { E0401: 40, E0402: 60, E0403: 10, E0404: 300, E0405: 2, E0406: 250, E0408: 120, E0409: 2, E0499: 40 },
  E03: { E0301: 60, E0302: 80, E0303: 70, E0304: 80, E0305: 15, E0399: 30 },
  E06: { E0601: 60, E0602: 40, E0603: 30, E0604: 40, E0605: 50, E0606: 50, E0699: 9 },
  C01: {
    C0101: 120,
    C0102: 150,
    C0103: 130,
    C0104: 160,
    C0105: 60,
    C0106: 20,
    C0107: 110,
    C0108: 15,
    C0109: 50,
    C0111: 15,
    C0112: 5,
    C0113: 30,
    C0114: 25,
    C0115: 80,
    C0116: 70,
    C0117: 60,
    C0118: 200,
    C0119: 20,
    C0120: 60,
    C0121: 10,
    C0122: 15,
    C0123: 3,
    C0124: 5,
    C0126: 50,
    C0127: 5,
    C0128: 5,
    C0130: 3,
    C0132: 5,
    C0133: 2,
    C0134: 20,
    C0135: 5,
    C0136: 10,
    C0137: 5,
    C0138: 3,
  },
  C02: {
    C0201: 10,
    C0202: 5,
    C0203: 40,
    C0204: 5,
    C0205: 10,
    C0206: 5,
    C0207: 2,
    C0208: 5,
    C0209: 60,
    C0210: 40,
    C0211: 80,
    C0212: 10,
    C0213: 40,
    C0214: 10,
    C0215: 3,
    C0216: 2,
  },
  C03: { C0301: 60, C0302: 10, C0303: 20, C0304: 30, C0305: 200, C0306: 20, C0307: 30, C0308: 2, C0311: 2 },
  C04: {
    C0401: 3,
    C0402: 150,
    C0403: 40,
    C0404: 40,
    C0405: 80,
    C0406: 5,
    C0407: 30,
    C0408: 25,
    C0409: 3,
    C0410: 2,
  },
  C07: { C0701: 15, C0702: 5, C0703: 20, C0704: 6, C0705: 10 },
};

/** Splits `total` in proportion to the weights; the largest remainders get the leftover units. */
export function allocate(total: number, weights: Record<string, number>): Record<string, number> {
  const keys = Object.keys(weights);
  const sum = keys.reduce((s, k) => s + (weights[k] as number), 0);
  const out: Record<string, number> = {};
  const rest: { k: string; r: number }[] = [];
  let given = 0;
  for (const k of keys) {
    const exact = (total * (weights[k] as number)) / sum;
    out[k] = Math.floor(exact);
    given += out[k] as number;
    rest.push({ k, r: exact - Math.floor(exact) });
  }
  rest.sort((a, b) => b.r - a.r || a.k.localeCompare(b.k));
  for (let i = 0; i < total - given; i++)
    out[(rest[i] as { k: string }).k] = (out[(rest[i] as { k: string }).k] as number) + 1;
  return out;
}

/** 立案数 per minor for the month: July exact to the seed, June in the same proportions. */
export function minorQuotas(month: MonthKey): Record<string, number> {
  const julyMinors: Record<string, number> = {};
  for (const [major, total] of Object.entries(MAJOR_TOTALS_JULY)) {
    const fixed = Object.entries(TOP_MINORS_JULY).filter(([k]) => k.startsWith(major));
    const rest = total - fixed.reduce((s, [, n]) => s + n, 0);
    Object.assign(julyMinors, Object.fromEntries(fixed), allocate(rest, MINOR_WEIGHTS[major] ?? {}));
  }
  if (month === '2019-07') return julyMinors;
  return allocate(plannedHeadline(month).filed, julyMinors);
}

/**
 * Which minors a unit is plausibly sent (first choices, in any order); a case falls back to
 * the district pool, then to any minor with quota left. Districts take the general pool.
 */
export const UNIT_MINORS: Record<string, readonly string[]> = {
  [GA]: [
    'E0505',
    'E0107',
    'E0603',
    'E0409',
    'C0209',
    'C0210',
    'C0211',
    'C0214',
    'C0215',
    'C0112',
    'C0136',
    'C0138',
  ],
  [JT]: ['E0509', 'E0114', 'C0201', 'C0202', 'C0203', 'C0204', 'C0128'],
  [CG]: [
    'C0118',
    'C0119',
    'C0120',
    'C0121',
    'C0124',
    'C0137',
    'E0112',
    'E0202',
    'E0203',
    'E0205',
    'E0304',
    'E0604',
    'C0305',
    'C0402',
  ],
  [ZR]: ['E0101'],
  [ZJ]: ['E0110', 'E0401'],
  [GZ]: ['E0101'],
  [SW]: ['C0101', 'C0102', 'C0127', 'C0132', 'C0113', 'E0402', 'E0404', 'E0105', 'E0111'],
  [SJY]: ['E0303', 'E0302', 'E0304', 'E0301', 'E0399'],
  [DY]: ['C0105', 'C0116', 'C0117', 'C0133', 'C0134', 'C0702', 'E0408'],
  [GD]: ['C0108', 'E0408'],
  [DX]: ['C0107', 'C0115', 'C0122', 'E0408'],
  [YD]: ['C0109', 'E0408', 'C0115'],
  [LT]: ['E0408', 'C0107', 'C0115'],
  [PG]: ['E0102', 'E0103', 'E0104', 'E0101', 'E0511', 'E0507', 'E0106', 'C0305', 'E0108'],
  [PM]: ['E0102', 'E0103', 'E0104', 'E0101', 'E0511', 'E0507', 'E0106', 'C0305', 'E0108'],
  [CT]: ['E0110', 'C0213', 'C0126', 'C0203', 'E0303'],
  [YZ]: ['C0123'],
  [GC]: ['E0102'],
};

/** The general pool: what a district government is sent (the bulk of a month). */
export const DISTRICT_MINORS: readonly string[] = [
  'E0102',
  'E0104',
  'E0103',
  'E0101',
  'E0106',
  'E0108',
  'E0109',
  'E0113',
  'E0115',
  'E0117',
  'E0118',
  'E0199',
  'E0504',
  'E0511',
  'E0501',
  'E0503',
  'E0507',
  'E0510',
  'E0508',
  'E0502',
  'E0513',
  'E0599',
  'E0201',
  'E0202',
  'E0204',
  'E0301',
  'E0399',
  'E0404',
  'E0406',
  'E0499',
  'E0601',
  'E0602',
  'E0605',
  'E0606',
  'E0699',
  'C0104',
  'C0103',
  'C0114',
  'C0126',
  'C0301',
  'C0303',
  'C0304',
  'C0305',
  'C0306',
  'C0307',
  'C04',
  'C0212',
  'C0701',
  'C0703',
  'C0704',
  'C0705',
];

/** What a collector fixes on the spot (自行处置): small street-order and cleanliness problems. */
export const SELF_MINORS: readonly string[] = [
  'E0511',
  'E0504',
  'E0201',
  'E0204',
  'E0102',
  'E0506',
  'E0507',
  'E0601',
  'E0104',
  'E0501',
  'E0109',
  'E0606',
];
