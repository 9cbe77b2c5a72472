import { seedCalendar } from './modules/calendar/index.js';
import { findRegionByName, seedDemoGeography } from './modules/geo/index.js';
import { ensureCity, findUnitByName, seedDemoUnits } from './modules/org/index.js';
import { seedDemoCategories } from './modules/taxonomy/index.js';
import { createUser, DEMO_PASSWORD, demoUsers, findUserIdByLogin } from './modules/users/index.js';
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
