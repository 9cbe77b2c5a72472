import type { Role } from '@cityloop/contracts/roles';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { startOfShanghaiDay } from '../../platform/time.js';
import { openCaseHistoryWriter } from '../cases/index.js';
import { demoGeography, findRegionByName, listGrids } from '../geo/index.js';
import { seedDemoHotlineHistory } from '../hotline/index.js';
import { findUnitByName } from '../org/index.js';
import { listCategories } from '../taxonomy/index.js';
import { ensureStaffAccounts, findUserIdByLogin, type StaffAccount } from '../users/index.js';
import { seedDemoCampaign } from './demo-campaign.service.js';
import {
  DEMO_KEY_PREFIX,
  type DemoCase,
  type DemoContext,
  type DemoGrid,
  type DemoPerson,
  generateMonth,
} from './demo-history.js';
import { DISTRICT_NAMES, type DistrictKey, MONTHS, RECEIVED, SEED_UNIT_ROWS } from './demo-plan.js';

export interface DemoHistoryResult {
  /** True when the whole history was already there and nothing was written. */
  skipped: boolean;
  cases: number;
  transitions: number;
  /** Wall time of the call, for the start-up message and the benchmark note. */
  ms: number;
  hotline: { created: number; skipped: boolean };
  /** The July zebra-crossing campaign's entries (专项行动). */
  campaign: { created: number; skipped: boolean };
}

const HISTORY_RANGE = {
  from: startOfShanghaiDay('2019-06-01'),
  to: startOfShanghaiDay('2019-08-01'),
};

/**
 * Loads the demo city's calibrated June–July 2019 history (demo-plan.ts): ~52,000 raw cases
 * with their full transition logs, written a day per transaction through the cases module,
 * then the hotline's work orders of the same months and July's zebra-crossing campaign
 * (demo-campaign.ts). The July figures computed from it are
 * the seed bulletin's. Idempotent and resumable: every case carries a `demo-history:` key, a
 * day already complete is skipped, and a complete history returns at once after one count.
 */
export async function seedDemoHistory(
  db: Db,
  cityCode: string,
  options: { onProgress?: (done: number, total: number) => void } = {},
): Promise<DemoHistoryResult> {
  const started = Date.now();
  const planned = MONTHS.reduce((s, m) => s + Object.values(RECEIVED[m]).reduce((a, b) => a + b, 0), 0);
  const writer = await openCaseHistoryWriter(db, cityCode, { fromYear: 2019, toYear: 2019 });
  const present = await writer.countKeyedByDay(DEMO_KEY_PREFIX, HISTORY_RANGE);
  const presentTotal = [...present.values()].reduce((a, b) => a + b, 0);
  let cases = 0;
  let transitions = 0;
  if (presentTotal !== planned) {
    const ctx = await loadContext(db, cityCode, writer.clock);
    const all: DemoCase[] = MONTHS.flatMap((m) => generateMonth(ctx, m));
    const byDay = new Map<string, DemoCase[]>();
    for (const c of all) byDay.set(c.day, [...(byDay.get(c.day) ?? []), c]);
    let done = 0;
    for (const [day, dayCases] of byDay) {
      const have = present.get(day) ?? 0;
      if (have === dayCases.length) {
        done += dayCases.length;
        continue;
      }
      if (have !== 0) {
        throw new AppError(409, 'DEMO_HISTORY_PARTIAL', {
          zh: `演示历史数据不完整：${day} 已有 ${have} 件，应为 ${dayCases.length} 件，请清空该城市的数据后重试`,
          en: `the demo history is incomplete: ${day} has ${have} of ${dayCases.length} cases; clear the city's data and try again`,
        });
      }
      await writer.write(
        dayCases.map((c) => c.history),
        { action: 'case.demo_history', detail: { day } },
      );
      cases += dayCases.length;
      transitions += dayCases.reduce((s, c) => s + c.history.steps.length, 0);
      done += dayCases.length;
      options.onProgress?.(done, all.length);
    }
    if (cases > 0) await writer.finish();
  }
  const hotline = await seedDemoHotlineHistory(db, cityCode);
  const campaign = await seedDemoCampaign(db, cityCode);
  return { skipped: cases === 0, cases, transitions, ms: Date.now() - started, hotline, campaign };
}

/** Everything the generator names by id: categories, grids, units and the people who act. */
async function loadContext(db: Db, cityCode: string, clock: DemoContext['clock']): Promise<DemoContext> {
  const categories = new Map(
    (await listCategories(db, cityCode, { includeInactive: true })).map((c) => [
      `${c.kind === 'event' ? 'E' : 'C'}${c.code}`,
      { id: c.id, kind: c.kind, name: c.name, urgent: c.kind === 'event' && c.majorCode === '04' },
    ]),
  );

  const districtIds = {} as Record<DistrictKey, string>;
  for (const key of Object.keys(DISTRICT_NAMES) as DistrictKey[]) {
    const region = await findRegionByName(db, cityCode, DISTRICT_NAMES[key]);
    if (!region)
      throw new Error(
        `demo history: district ${DISTRICT_NAMES[key]} is missing (seed the dictionaries first)`,
      );
    districtIds[key] = region.id;
  }
  const geography = demoGeography();
  const names = new Map(geography.regions.map((r) => [r.code, r.name]));
  const places = new Map(
    geography.grids.map((g) => [
      g.code,
      `${names.get(g.streetCode) ?? ''}${names.get(g.communityCode) ?? ''}`,
    ]),
  );
  const { items } = await listGrids(db, cityCode, { page: 1, pageSize: 100_000 });
  const grids = { dq: [], xq: [], rh: [], ft: [] } as Record<DistrictKey, DemoGrid[]>;
  for (const g of items) {
    const key = (Object.keys(districtIds) as DistrictKey[]).find((k) => districtIds[k] === g.districtId);
    if (!key) continue;
    grids[key].push({
      id: g.id,
      districtId: g.districtId,
      streetId: g.streetId,
      bbox: g.bbox,
      place: places.get(g.code) ?? g.name ?? g.code,
    });
  }
  for (const key of Object.keys(grids) as DistrictKey[]) {
    if (grids[key].length === 0) throw new Error(`demo history: ${DISTRICT_NAMES[key]} has no grids`);
  }

  const units = new Map<string, string>();
  for (const row of SEED_UNIT_ROWS) {
    const unit = await findUnitByName(db, cityCode, row.unit);
    if (!unit) throw new Error(`demo history: unit ${row.unit} is missing (seed the dictionaries first)`);
    units.set(row.unit, unit.id);
  }

  const people = await ensurePeople(db, cityCode, districtIds, units);
  return { categories, grids, units, people, clock };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹'.split('');
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
  '霞',
  '平',
  '刚',
  '桂英',
  '玲',
  '丹',
  '建华',
  '红',
  '海燕',
  '鑫',
  '斌',
];
const personName = (i: number) =>
  `${SURNAMES[(i * 7) % SURNAMES.length]}${GIVEN[(i * 11 + 3) % GIVEN.length]}`;

/** Login stems of the units' contact staff (unit names as the seed writes them). */
const UNIT_LOGINS: Record<string, string> = {
  东区: 'cz-dq',
  西区: 'cz-xq',
  仁和区: 'cz-rh',
  钒钛高新区: 'cz-ft',
  米易县: 'cz-my',
  盐边县: 'cz-yb',
  市公安局: 'cz-ga',
  市交通运输局: 'cz-jt',
  市城市管理行政执法局: 'cz-cg',
  市自然资源和规划局: 'cz-zr',
  市住建局: 'cz-zj',
  市国资委: 'cz-gz',
  市水务集团: 'cz-sw',
  中国十九冶集团有限公司: 'cz-sjy',
  四川省电力公司攀枝花电业局: 'cz-dy',
  四川广电网络攀枝花分公司: 'cz-gd',
  中国电信攀枝花市分公司: 'cz-dx',
  攀钢集团有限公司: 'cz-pg',
  攀煤集团: 'cz-pm',
  中国移动攀枝花市分公司: 'cz-yd',
  市城投公司: 'cz-ct',
  中国联通攀枝花市分公司: 'cz-lt',
  市邮政公司: 'cz-yz',
  钢城集团有限公司: 'cz-gc',
};

/** Demo logins (users/demo-users.ts) that act in the history when they exist. */
const DEMO_LOGIN_UNITS: Record<string, string> = {
  东区: 'dq01',
  市城市管理行政执法局: 'cgj01',
  市水务集团: 'swj01',
};

/**
 * The people of the history: the 93 collectors of the three contract packages (45 东区, 24 西区,
 * 24 仁和区 of whom 3 work 钒钛高新区), hall staff beside the demo logins, and one contact per
 * unit. Accounts are created without a usable password (users module, bulk).
 */
async function ensurePeople(
  db: Db,
  cityCode: string,
  districtIds: Record<DistrictKey, string>,
  units: ReadonlyMap<string, string>,
): Promise<DemoContext['people']> {
  const accounts: StaffAccount[] = [];
  let n = 0;
  const collectorLogins: Record<DistrictKey, string[]> = { dq: [], xq: [], rh: [], ft: [] };
  const addCollectors = (key: DistrictKey, stem: string, count: number, label: string) => {
    for (let i = 1; i <= count; i++) {
      const login = `jdy-${stem}${String(i).padStart(2, '0')}`;
      collectorLogins[key].push(login);
      accounts.push({
        login,
        displayName: `${personName(n++)}（${label}监督员）`,
        role: 'collector',
        regionId: districtIds[key],
      });
    }
  };
  addCollectors('dq', 'dq', 45, '东区');
  addCollectors('xq', 'xq', 24, '西区');
  addCollectors('rh', 'rh', 21, '仁和区');
  addCollectors('ft', 'ft', 3, '钒钛高新区');
  const hallLogins = (stem: string, role: Role, label: string, from: number, to: number) => {
    const logins: string[] = [];
    for (let i = from; i <= to; i++) {
      const login = `${stem}${String(i).padStart(2, '0')}`;
      logins.push(login);
      accounts.push({ login, displayName: `${personName(n++)}（${label}）`, role });
    }
    return logins;
  };
  const acceptors = hallLogins('slj', 'acceptor', '受理员', 2, 4);
  const shiftLeads = hallLogins('zbz', 'shift_lead', '值班长', 2, 3);
  const dispatchers = hallLogins('pqy', 'dispatcher', '派遣员', 2, 3);
  const agents = hallLogins('rx', 'hotline_agent', '热线坐席', 2, 3);
  const unitLogins = new Map<string, string>();
  for (const [unit, login] of Object.entries(UNIT_LOGINS)) {
    const demo = DEMO_LOGIN_UNITS[unit];
    if (demo && (await findUserIdByLogin(db, demo))) {
      unitLogins.set(unit, demo);
      continue;
    }
    unitLogins.set(unit, login);
    accounts.push({
      login,
      displayName: `${personName(n++)}（${unit}）`,
      role: 'unit_staff',
      unitId: units.get(unit) ?? null,
    });
  }
  const made = await ensureStaffAccounts(db, cityCode, accounts);
  // The demo logins of the hall take their share of the work when present.
  for (const [login, list] of [
    ['slj01', acceptors],
    ['zbz01', shiftLeads],
    ['pqy01', dispatchers],
    ['rx01', agents],
  ] as const) {
    const id = await findUserIdByLogin(db, login);
    if (id) {
      list.push(login);
      made.set(login, {
        id,
        role:
          login === 'slj01'
            ? 'acceptor'
            : login === 'zbz01'
              ? 'shift_lead'
              : login === 'pqy01'
                ? 'dispatcher'
                : 'hotline_agent',
      });
    }
  }
  for (const login of new Set(unitLogins.values())) {
    if (made.has(login)) continue;
    const id = await findUserIdByLogin(db, login);
    if (id) made.set(login, { id, role: 'unit_staff' });
  }
  const person = (login: string): DemoPerson => {
    const p = made.get(login);
    if (!p) throw new Error(`demo history: account ${login} is missing`);
    return { id: p.id, role: p.role };
  };
  const unitStaff = new Map<string, DemoPerson>();
  for (const [unit, login] of unitLogins) unitStaff.set(units.get(unit) as string, person(login));
  return {
    collectors: {
      dq: collectorLogins.dq.map(person),
      xq: collectorLogins.xq.map(person),
      rh: collectorLogins.rh.map(person),
      ft: collectorLogins.ft.map(person),
    },
    acceptors: acceptors.map(person),
    shiftLeads: shiftLeads.map(person),
    dispatchers: dispatchers.map(person),
    hotlineAgents: agents.map(person),
    unitStaff,
  };
}
