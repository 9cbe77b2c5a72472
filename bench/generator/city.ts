import type { Role } from '@cityloop/contracts/roles';
import { listGrids } from '../../server/src/modules/geo/index.js';
import { selectSubjects } from '../../server/src/modules/hotline/hotline.repository.js';
import { findDistrictGovernmentUnit, findUnitByName, listUnits } from '../../server/src/modules/org/index.js';
import { listCategories } from '../../server/src/modules/taxonomy/index.js';
import {
  ensureStaffAccounts,
  findUserIdByLogin,
  type StaffAccount,
} from '../../server/src/modules/users/index.js';
import type { Db } from '../../server/src/platform/db/database.js';
import { DEMO_CITY, seedDemoUsers, seedDictionaries } from '../../server/src/seeding.js';
import type { BenchCategory, BenchCity, BenchGrid } from './plan.js';

/** Collectors per district: about one per 300 cases a month, as in the seed city (93 for 26k). */
export function collectorsPerDistrict(casesPerMonth: number, districts: number): number {
  return Math.max(3, Math.min(2000, Math.ceil(casesPerMonth / 300 / districts)));
}

/**
 * The demo city (攀枝花: its regions, grids, units and categories, via seedDictionaries) with
 * the staff a city of this size needs: collectors per district, a hall, one contact per unit.
 * Idempotent: accounts that exist are reused, so a second run plans the same city.
 */
export async function prepareBenchCity(db: Db, casesPerMonth: number): Promise<BenchCity> {
  const cityCode = DEMO_CITY.code;
  await seedDictionaries(db);
  await seedDemoUsers(db);

  const categories: BenchCategory[] = (await listCategories(db, cityCode, { includeInactive: false })).map(
    (c) => ({
      id: c.id,
      key: `${c.kind === 'event' ? 'E' : 'C'}${c.code}`,
      kind: c.kind,
      name: c.name,
      urgent: c.kind === 'event' && c.majorCode === '04',
      defaultUnitId: c.defaultUnitId,
      limitKeys: Object.fromEntries(
        Object.entries(c.timeLimits as Record<string, { amount: number; unit: string }>).map(([stage, l]) => [
          stage,
          `${l.amount}${l.unit}`,
        ]),
      ),
    }),
  );

  const fallback = await findUnitByName(db, cityCode, '市城市管理行政执法局');
  if (!fallback) throw new Error('bench city: 市城市管理行政执法局 is missing from the demo units');
  const { items } = await listGrids(db, cityCode, { page: 1, pageSize: 100_000 });
  const districtUnit = new Map<string, string>();
  for (const districtId of new Set(items.map((g) => g.districtId))) {
    districtUnit.set(
      districtId,
      (await findDistrictGovernmentUnit(db, cityCode, districtId))?.id ?? fallback.id,
    );
  }
  const grids: BenchGrid[] = items.map((g) => ({
    id: g.id,
    code: g.code,
    districtId: g.districtId,
    streetId: g.streetId,
    bbox: g.bbox,
    districtUnitId: districtUnit.get(g.districtId) as string,
  }));

  const accounts: StaffAccount[] = [];
  const perDistrict = collectorsPerDistrict(casesPerMonth, districtUnit.size);
  const collectorLogins = new Map<string, string[]>();
  [...districtUnit.keys()].sort().forEach((districtId, d) => {
    const logins: string[] = [];
    for (let i = 1; i <= perDistrict; i++) {
      const login = `bench-jdy-${d + 1}-${i}`;
      logins.push(login);
      accounts.push({ login, displayName: `监督员 ${d + 1}-${i}`, role: 'collector', regionId: districtId });
    }
    collectorLogins.set(districtId, logins);
  });
  const hall = (stem: string, role: Role, label: string, count: number) => {
    const logins = Array.from({ length: count }, (_, i) => `bench-${stem}-${i + 1}`);
    for (const login of logins) accounts.push({ login, displayName: `${label} ${login.slice(-2)}`, role });
    return logins;
  };
  const hallSize = Math.max(2, Math.min(50, Math.ceil(casesPerMonth / 10_000)));
  const acceptors = hall('slj', 'acceptor', '受理员', hallSize);
  const shiftLeads = hall('zbz', 'shift_lead', '值班长', hallSize);
  const dispatchers = hall('pqy', 'dispatcher', '派遣员', hallSize);
  const agents = hall('rx', 'hotline_agent', '热线坐席', hallSize);
  const leaders = hall('ld', 'leader', '领导', 2);
  const units = (await listUnits(db, cityCode, { page: 1, pageSize: 10_000 })).items;
  const unitLogins = new Map<string, string>();
  units
    .map((u) => u.id)
    .sort()
    .forEach((unitId, i) => {
      const login = `bench-unit-${i + 1}`;
      unitLogins.set(unitId, login);
      accounts.push({ login, displayName: `处置单位联系人 ${i + 1}`, role: 'unit_staff', unitId });
    });
  const made = await ensureStaffAccounts(db, cityCode, accounts);
  const id = (login: string) => {
    const p = made.get(login);
    if (!p) throw new Error(`bench city: account ${login} is missing`);
    return p.id;
  };
  // The demo collectors (jdy01, jdy02) exist for the intake suite's login; they report nothing here.
  if (!(await findUserIdByLogin(db, 'jdy01'))) throw new Error('bench city: demo login jdy01 is missing');
  const subjects = (await selectSubjects(db, cityCode)).filter((s) => s.active);
  const unitsOfKind = (kind: (typeof units)[number]['kind']) =>
    units.filter((u) => u.kind === kind && u.active).map((u) => u.id);
  return {
    cityCode,
    categories,
    grids,
    hotline: {
      subjects: subjects.map((s) => ({ id: s.id, name: s.name })),
      departments: unitsOfKind('city_department'),
      enterprises: unitsOfKind('enterprise'),
    },
    fallbackUnitId: fallback.id,
    people: {
      collectors: new Map([...collectorLogins].map(([d, logins]) => [d, logins.map(id)])),
      acceptors: acceptors.map(id),
      shiftLeads: shiftLeads.map(id),
      dispatchers: dispatchers.map(id),
      hotlineAgents: agents.map(id),
      leaders: leaders.map(id),
      unitStaff: new Map([...unitLogins].map(([u, login]) => [u, id(login)])),
    },
  };
}
