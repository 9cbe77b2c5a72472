import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/test-db.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { Actor } from '../../platform/http/server-types.js';
import { findRegionByCode, seedDemoGeography } from '../geo/index.js';
import { demoUnits } from './demo-units.js';
import {
  createUnit,
  ensureCity,
  findUnitByName,
  getUnit,
  listUnits,
  seedDemoUnits,
  updateUnit,
} from './org.service.js';
import { seedUnitNameTables } from './seed-unit-names.js';

const CITY = '510400';
let db: Db;
let close: () => Promise<void>;

const admin: Actor = {
  userId: uuidv7(),
  login: 'org-admin',
  role: 'admin',
  cityCode: CITY,
  unitId: null,
  regionId: null,
};

async function expectAppError(promise: Promise<unknown>, status: number, text?: RegExp): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.status).toBe(status);
  expect(appError.messages.zh.length).toBeGreaterThan(0);
  expect(appError.messages.en.length).toBeGreaterThan(0);
  if (text) expect(`${appError.messages.zh} ${appError.messages.en}`).toMatch(text);
  return appError;
}

const auditRows = (action: string) =>
  db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('id').execute();
const unitCount = async () =>
  Number(
    (
      await db
        .selectFrom('units')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  // Empty (migrated only): the tests below count what the first seed writes.
  const opened = await openTestDatabase('empty');
  db = opened.db;
  close = opened.close;
  await db.insertInto('cities').values({ code: CITY, name: '攀枝花市' }).execute();
  await seedDemoGeography(db, CITY);
  await seedDemoUnits(db, CITY);
});

afterAll(async () => {
  await close();
});

describe('ensureCity', () => {
  it('adds a missing city once, audited once', async () => {
    await ensureCity(db, '510100', '成都市');
    await ensureCity(db, '510100', '成都市');
    await ensureCity(db, CITY, '攀枝花市');
    expect(await db.selectFrom('cities').select('code').orderBy('code').execute()).toEqual([
      { code: '510100' },
      { code: CITY },
    ]);
    expect(await auditRows('city.create')).toHaveLength(1);
    await expectAppError(ensureCity(db, '51', 'x'), 422);
  });
});

describe('seedDemoUnits', () => {
  it('writes every demo unit; a second run changes nothing', async () => {
    expect(await unitCount()).toBe(demoUnits.length);
    const before = await db.selectFrom('units').selectAll().orderBy('name').execute();
    expect(await seedDemoUnits(db, CITY)).toEqual({ created: 0, updated: 0, total: demoUnits.length });
    expect(await db.selectFrom('units').selectAll().orderBy('name').execute()).toEqual(before);
    expect(await auditRows('org.seed_demo')).toHaveLength(1);
  });

  it('links district governments to their district regions', async () => {
    for (const unit of demoUnits.filter((u) => u.kind === 'district_government')) {
      const region = await findRegionByCode(db, CITY, unit.districtCode ?? '');
      const row = await findUnitByName(db, CITY, unit.name);
      expect(row?.regionId, unit.name).toBe(region?.id);
      expect(region?.level).toBe('district');
    }
  });
});

describe('findUnitByName', () => {
  it('finds a unit for every unit name in the seed bulletin’s tables', async () => {
    for (const [table, names] of Object.entries(seedUnitNameTables)) {
      for (const name of names) {
        expect(await findUnitByName(db, CITY, name), `${table}: ${name}`).not.toBeNull();
      }
    }
  });

  it('maps the seed’s double spellings to one unit and ignores whitespace', async () => {
    const idOf = async (name: string) => (await findUnitByName(db, CITY, name))?.id;
    expect(await idOf('市交通局')).toBe(await idOf('市交通运输局'));
    expect(await idOf('四川省电力公司攀枝花电业局')).toBe(await idOf('市供电公司'));
    expect(await idOf('中国电信攀枝花市分公司')).toBe(await idOf('中国电信攀枝花分公司'));
    expect(await idOf('十九冶集团')).toBe(await idOf('中国十九冶集团有限公司'));
    expect(await idOf('东\u00a0 区')).toBe(await idOf('东区政府'));
    expect(await idOf('东\u3000区')).toBe(await idOf('东区政府'));
    expect(await idOf(' 市 城市管理 行政执法局 ')).toBe(await idOf('市城市管理行政执法局'));
    expect(await idOf('市邮政公司')).not.toBe(await idOf('市邮政管理局'));
    expect(await findUnitByName(db, CITY, '不存在的单位')).toBeNull();
    expect(await findUnitByName(db, CITY, '  ')).toBeNull();
    expect(await findUnitByName(db, '510100', '东区政府')).toBeNull();
  });
});

describe('getUnit and listUnits', () => {
  it('gets by id; unknown id is a bilingual 404', async () => {
    const unit = await findUnitByName(db, CITY, '市公安局');
    expect((await getUnit(db, CITY, unit?.id ?? ''))?.name).toBe('市公安局');
    await expectAppError(getUnit(db, CITY, uuidv7()), 404);
  });

  it('filters by kind and by text in names or aliases, pages in bulletin order', async () => {
    const districts = await listUnits(db, CITY, { kind: 'district_government', page: 1, pageSize: 50 });
    expect(districts.total).toBe(7);
    const all = await listUnits(db, CITY, { page: 1, pageSize: 200 });
    expect(all.total).toBe(demoUnits.length);
    expect(all.items[0]?.kind).toBe('district_government');
    expect(all.items.at(-1)?.kind).toBe('enterprise');
    const telecom = await listUnits(db, CITY, { q: '攀枝花市分公司', page: 1, pageSize: 50 });
    expect(telecom.items.map((u) => u.name).sort()).toEqual(
      // 市邮政公司 matches through its alias 中国邮政攀枝花市分公司.
      [
        '中国电信攀枝花分公司',
        '中国移动攀枝花分公司',
        '中国联通攀枝花分公司',
        '四川广电网络攀枝花分公司',
        '市邮政公司',
      ].sort(),
    );
    const spaced = await listUnits(db, CITY, { q: '交 警', page: 1, pageSize: 50 });
    expect(spaced.items.map((u) => u.name)).toEqual(['市交警支队']);
    const literal = await listUnits(db, CITY, { q: '%', page: 1, pageSize: 50 });
    expect(literal.total).toBe(0);
    const page2 = await listUnits(db, CITY, { page: 2, pageSize: 10 });
    expect(page2.items).toHaveLength(10);
    expect(page2.items[0]?.id).toBe(all.items[10]?.id);
  });
});

describe('createUnit and updateUnit', () => {
  it('creates a unit, audited; a clashing name or alias is a 409', async () => {
    const unit = await createUnit(db, admin, {
      name: '市园林绿化中心',
      kind: 'city_department',
      aliases: ['园林中心', '园林中心', '市园林绿化中心'],
      phone: ' 0812-1234567 ',
    });
    expect(unit).toMatchObject({
      name: '市园林绿化中心',
      aliases: ['园林中心'],
      phone: '0812-1234567',
      active: true,
    });
    expect((await auditRows('unit.create')).at(-1)).toMatchObject({ objectId: unit.id, login: 'org-admin' });
    await expectAppError(
      createUnit(db, admin, { name: '市 公安局', kind: 'city_department' }),
      409,
      /市公安局/,
    );
    await expectAppError(
      createUnit(db, admin, { name: '新单位', kind: 'enterprise', aliases: ['攀钢'] }),
      409,
      /攀钢集团有限公司/,
    );
    await expectAppError(
      createUnit(db, admin, { name: '新单位', kind: 'enterprise', regionId: uuidv7() }),
      422,
    );
    expect(await findUnitByName(db, CITY, '新单位')).toBeNull();
  });

  it('updates name, aliases, kind and active, audited with the changes', async () => {
    const unit = await findUnitByName(db, CITY, '园林中心');
    if (!unit) throw new Error('unit missing');
    const updated = await updateUnit(db, admin, unit.id, {
      name: '市园林局',
      aliases: ['市园林绿化中心', '园林中心'],
      kind: 'enterprise',
      active: false,
    });
    expect(updated).toMatchObject({ name: '市园林局', kind: 'enterprise', active: false });
    expect((await findUnitByName(db, CITY, '市园林绿化中心'))?.id).toBe(unit.id);
    const audit = (await auditRows('unit.update')).at(-1);
    expect(audit?.objectId).toBe(unit.id);
    expect(audit?.detail).toMatchObject({
      changed: { name: { from: '市园林绿化中心', to: '市园林局' }, active: { from: true, to: false } },
    });
    // A patch that changes nothing writes nothing.
    const audits = (await auditRows('unit.update')).length;
    await updateUnit(db, admin, unit.id, { name: '市园林局', active: false });
    expect(await auditRows('unit.update')).toHaveLength(audits);
  });

  it('a name or alias used by another unit is a 409 and nothing changes', async () => {
    const unit = await findUnitByName(db, CITY, '市园林局');
    if (!unit) throw new Error('unit missing');
    const before = await getUnit(db, CITY, unit.id);
    const audits = (await auditRows('unit.update')).length;
    await expectAppError(updateUnit(db, admin, unit.id, { name: '市交通运输局' }), 409, /市交通运输局/);
    await expectAppError(
      updateUnit(db, admin, unit.id, { name: '新名字', aliases: ['市交通局'] }),
      409,
      /市交通运输局/,
    );
    await expectAppError(updateUnit(db, admin, unit.id, { aliases: ['东  区'] }), 409, /东区政府/);
    expect(await getUnit(db, CITY, unit.id)).toEqual(before);
    expect(await findUnitByName(db, CITY, '新名字')).toBeNull();
    expect(await auditRows('unit.update')).toHaveLength(audits);
    await expectAppError(updateUnit(db, admin, uuidv7(), { name: 'x' }), 404);
  });

  it('a unit may keep its own name among its aliases spelled differently', async () => {
    const unit = await findUnitByName(db, CITY, '市园林局');
    if (!unit) throw new Error('unit missing');
    const updated = await updateUnit(db, admin, unit.id, { aliases: ['市 园林局', '园林局'] });
    expect(updated.aliases).toEqual(['园林局']);
  });
});
