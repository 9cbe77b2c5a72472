import { seedCalendar } from './modules/calendar/index.js';
import { type DemoHistoryResult, seedDemoHistory } from './modules/demo/index.js';
import { findRegionByName, seedDemoGeography } from './modules/geo/index.js';
import { seedHotlineDictionaries } from './modules/hotline/index.js';
import { seedOpen311 } from './modules/open311/index.js';
import { ensureCity, findUnitByName, seedDemoUnits } from './modules/org/index.js';
import { seedDemoCategories } from './modules/taxonomy/index.js';
import { createUser, DEMO_PASSWORD, demoUsers, findUserIdByLogin } from './modules/users/index.js';
import { seedDemoVendorContracts } from './modules/vendors/index.js';
import type { Db } from './platform/db/database.js';

export const DEMO_CITY = { code: '510400', name: '攀枝花市' } as const;

/**
 * The dictionaries a city needs before its first case: calendar, regions and grids,
 * handling units, categories. Idempotent: running it again changes nothing.
 */
export async function seedDictionaries(db: Db): Promise<void> {
  const { code, name } = DEMO_CITY;
  await ensureCity(db, code, name);
  await seedCalendar(db, code);
  await seedDemoGeography(db, code);
  await seedDemoUnits(db, code);
  await seedDemoCategories(
    db,
    code,
    async (unitName) => (await findUnitByName(db, code, unitName))?.id ?? null,
  );
  await seedOpen311(db, code);
  await seedHotlineDictionaries(db, code);
  // The contractors' contracts and their checklists (the seed bulletin's last tables).
  await seedDemoVendorContracts(db, code);
}

/** One demo login per role (password DEMO_PASSWORD); skips logins that already exist. */
export async function seedDemoUsers(db: Db): Promise<void> {
  const { code } = DEMO_CITY;
  for (const user of demoUsers) {
    if (await findUserIdByLogin(db, user.login)) continue;
    const unitId = user.unitName ? (await findUnitByName(db, code, user.unitName))?.id : undefined;
    const regionId = user.districtName
      ? (await findRegionByName(db, code, user.districtName))?.id
      : undefined;
    await createUser(db, null, code, {
      login: user.login,
      displayName: user.displayName,
      role: user.role,
      password: DEMO_PASSWORD,
      unitId: unitId ?? null,
      regionId: regionId ?? null,
    });
  }
}

/**
 * The demo city (`seed --demo`, `serve --demo`): dictionaries, demo logins and — unless
 * switched off — the calibrated June–July 2019 history whose July figures are the seed
 * bulletin's. Every part is idempotent; a city that has it all returns after a few counts.
 */
export async function seedDemoCity(
  db: Db,
  options: { history?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<DemoHistoryResult | null> {
  await seedDictionaries(db);
  await seedDemoUsers(db);
  if (options.history === false) return null;
  return seedDemoHistory(db, DEMO_CITY.code, { onProgress: options.onProgress });
}

/** One line for the console: what the demo history load did and how long it took. */
export function demoHistoryLine(result: DemoHistoryResult): string {
  return result.skipped
    ? `演示历史已存在 / demo history present (2019-06…07), checked in ${result.ms} ms`
    : `已载入演示历史 / demo history loaded: ${result.cases} 件案卷 cases, ${result.transitions} 条流转 log rows, ${result.hotline.created} 条热线工单 hotline orders, ${(result.ms / 1000).toFixed(1)} s`;
}
