import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/test-db.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { Actor } from '../../platform/http/server-types.js';
import { buildDemoCategories } from './demo-categories.js';
import {
  createCategory,
  findCategory,
  getCategory,
  listCategories,
  listCategoryTree,
  seedDemoCategories,
  updateCategory,
} from './taxonomy.service.js';

const CITY = '510400';
const OTHER_CITY = '510100';
const admin: Actor = {
  userId: uuidv7(),
  login: 'admin',
  role: 'admin',
  cityCode: CITY,
  unitId: null,
  regionId: null,
};

let db: Db;
let close: () => Promise<void>;
// Units inserted here directly: the test must not depend on the org module's code.
const waterId = uuidv7();
const otherCityUnitId = uuidv7();
const resolveNone = async () => null;
const resolveWater = async (name: string) => (name === '市水务集团' ? waterId : null);

beforeAll(async () => {
  // Empty (migrated only): the first seed must insert the whole dictionary.
  ({ db, close } = await openTestDatabase('empty'));
  await db
    .insertInto('cities')
    .values([
      { code: CITY, name: '攀枝花市' },
      { code: OTHER_CITY, name: '成都市' },
    ])
    .execute();
  await db
    .insertInto('units')
    .values([
      { id: waterId, cityCode: CITY, name: '市水务集团', kind: 'enterprise' },
      { id: otherCityUnitId, cityCode: OTHER_CITY, name: '成都市水务集团', kind: 'enterprise' },
    ])
    .execute();
}, 120_000);

afterAll(async () => {
  await close();
});

const demoCount = buildDemoCategories().length;

async function auditRows(action: string, objectId?: string) {
  let query = db.selectFrom('auditLog').selectAll().where('action', '=', action);
  if (objectId) query = query.where('objectId', '=', objectId);
  return query.orderBy('id').execute();
}

async function mustFind(kind: 'event' | 'part', code: string) {
  const row = await findCategory(db, CITY, kind, code);
  if (!row) throw new Error(`demo category ${kind} ${code} missing`);
  return row;
}

async function expectAppError(promise: Promise<unknown>, status: number): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(status);
  return error as AppError;
}

describe('seedDemoCategories', () => {
  it('inserts the whole demo dictionary, then changes nothing on a second run', async () => {
    const first = await seedDemoCategories(db, CITY, resolveNone);
    expect(first).toMatchObject({ inserted: demoCount, updated: 0, unchanged: 0, kept: 0 });
    expect(first.unresolvedUnits).toContain('市城市管理行政执法局');

    const snapshot = await listCategories(db, CITY, { includeInactive: true });
    expect(snapshot).toHaveLength(demoCount);

    const second = await seedDemoCategories(db, CITY, resolveNone);
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: demoCount, kept: 0 });
    expect(await listCategories(db, CITY, { includeInactive: true })).toEqual(snapshot);
    // Only the run that changed something is audited.
    expect(await auditRows('category.seed')).toHaveLength(1);
  });

  it('fills default units in on a re-run once the units exist', async () => {
    const result = await seedDemoCategories(db, CITY, resolveWater);
    const waterCategories = buildDemoCategories().filter((c) => c.defaultUnitName === '市水务集团');
    expect(result.updated).toBe(waterCategories.length);
    expect((await findCategory(db, CITY, 'part', '0101'))?.defaultUnitId).toBe(waterId);
    expect((await findCategory(db, CITY, 'event', '0102'))?.defaultUnitId).toBeNull();
    expect((await findCategory(db, CITY, 'part', '0101'))?.version).toBe(1);
    expect((await seedDemoCategories(db, CITY, resolveWater)).updated).toBe(0);
  });

  it('keeps each city’s dictionary to itself', async () => {
    expect(await listCategories(db, OTHER_CITY)).toEqual([]);
    expect(await findCategory(db, OTHER_CITY, 'event', '0102')).toBeNull();
  });
});

describe('reads', () => {
  it('finds event 0102 暴露垃圾 with its standards and limits', async () => {
    const row = await mustFind('event', '0102');
    expect(row).toMatchObject({
      cityCode: CITY,
      scheme: 'legacy-CJT214',
      kind: 'event',
      majorCode: '01',
      majorName: '市容环境',
      code: '0102',
      name: '暴露垃圾',
      active: true,
      version: 1,
    });
    expect(row?.filingStandard).toContain('暴露垃圾');
    expect(row?.timeLimits.dispose).toEqual({ amount: 4, unit: 'hour' });
    // Stored in workflow order, so exports and JSON diffs read naturally.
    expect(Object.keys(row?.timeLimits ?? {})).toEqual([
      'accept',
      'verify',
      'file',
      'dispatch',
      'dispose',
      'request_check',
      'check',
      'close',
    ]);
    expect(await findCategory(db, CITY, 'part', '0102')).toMatchObject({
      name: '污水井盖',
      majorName: '公共设施',
    });
    expect(await findCategory(db, CITY, 'event', '9999')).toBeNull();
  });

  it('gets by id within the city only', async () => {
    const row = await mustFind('event', '0102');
    expect(await getCategory(db, CITY, row.id)).toEqual(row);
    await expectAppError(getCategory(db, OTHER_CITY, row.id), 404);
    await expectAppError(getCategory(db, CITY, uuidv7()), 404);
  });

  it('filters by kind, major and search text', async () => {
    const events = await listCategories(db, CITY, { kind: 'event' });
    expect(events).toHaveLength(61);
    expect(events.every((c) => c.kind === 'event')).toBe(true);
    const extension = await listCategories(db, CITY, { kind: 'event', majorCode: '06' });
    expect(extension.map((c) => c.name)).toContain('共享单车乱停放');
    expect((await listCategories(db, CITY, { q: '井盖' })).every((c) => c.kind === 'part')).toBe(true);
    expect((await listCategories(db, CITY, { q: '井盖' })).length).toBeGreaterThan(15);
    expect((await listCategories(db, CITY, { q: '0102' })).map((c) => `${c.kind}${c.code}`).sort()).toEqual([
      'event0102',
      'part0102',
    ]);
    expect((await listCategories(db, CITY, { q: 'garbage' })).map((c) => c.name)).toContain('暴露垃圾');
    // LIKE wildcards are searched literally.
    expect(await listCategories(db, CITY, { q: '%' })).toEqual([]);
  });

  it('builds the tree kind → major → minors with the seed’s major names', async () => {
    const tree = await listCategoryTree(db, CITY);
    expect(tree.map((k) => k.label)).toEqual(['事件', '部件']);
    expect(tree[0]?.majors.map((m) => m.majorName)).toEqual([
      '市容环境',
      '宣传广告',
      '施工管理',
      '突发事件',
      '街面秩序',
      '扩展事件',
    ]);
    expect(tree[1]?.majors.map((m) => m.majorName)).toEqual([
      '公共设施',
      '道路交通',
      '市容环境',
      '园林绿化',
      '房屋土地',
      '其他设施',
      '扩展部件',
    ]);
    expect(tree[1]?.majors[0]?.categories).toHaveLength(38);
  });
});

describe('updateCategory', () => {
  it('rejects bad time limits with 422 in both languages and changes nothing', async () => {
    const before = await mustFind('event', '0104');
    const auditBefore = (await auditRows('category.update')).length;
    for (const timeLimits of [
      { accept: { amount: 30, unit: 'minute' } },
      { dispose: { amount: 0, unit: 'hour' } },
      { dispose: { amount: 2, unit: 'week' } },
      { dispose: { amount: 2, unit: 'hour' }, repair: { amount: 1, unit: 'day' } },
      { dispose: { amount: 10_001, unit: 'minute' } },
    ]) {
      const error = await expectAppError(updateCategory(db, admin, before.id, { timeLimits } as never), 422);
      expect(error.messages.zh).toMatch(/时限/);
      expect(error.messages.en).toMatch(/dispose|stage/);
    }
    expect(await findCategory(db, CITY, 'event', '0104')).toEqual(before);
    expect(await auditRows('category.update')).toHaveLength(auditBefore);
  });

  it('applies an edit, bumps the version and writes an audit row in the same transaction', async () => {
    const before = await mustFind('event', '0104');
    const updated = await updateCategory(db, admin, before.id, {
      closingStandard: '路面清扫冲洗干净，无污渍、无积水',
      timeLimits: { ...before.timeLimits, dispose: { amount: 3, unit: 'hour' } } as never,
      defaultUnitId: waterId,
    });
    expect(updated.version).toBe(before.version + 1);
    expect(updated.closingStandard).toBe('路面清扫冲洗干净，无污渍、无积水');
    expect(updated.timeLimits.dispose).toEqual({ amount: 3, unit: 'hour' });
    expect(updated.defaultUnitId).toBe(waterId);
    expect(updated.filingStandard).toBe(before.filingStandard);

    const [audit] = await auditRows('category.update', before.id);
    expect(audit).toMatchObject({
      cityCode: CITY,
      userId: admin.userId,
      login: 'admin',
      objectType: 'category',
      success: true,
    });
    expect(audit?.detail).toMatchObject({
      code: '0104',
      version: updated.version,
      changes: {
        closingStandard: { from: before.closingStandard, to: '路面清扫冲洗干净，无污渍、无积水' },
        timeLimits: {
          from: expect.anything(),
          to: expect.objectContaining({ dispose: { amount: 3, unit: 'hour' } }),
        },
        defaultUnitId: { from: null, to: waterId },
      },
    });
  });

  it('treats an edit that changes nothing as a no-op', async () => {
    const before = await mustFind('event', '0104');
    const auditBefore = (await auditRows('category.update')).length;
    const same = await updateCategory(db, admin, before.id, { name: before.name, active: true });
    expect(same).toEqual(before);
    expect(await auditRows('category.update')).toHaveLength(auditBefore);
  });

  it('refuses a stale expectedVersion with 409', async () => {
    const seen = await mustFind('event', '0104');
    const ok = await updateCategory(db, admin, seen.id, {
      nameEn: 'dirty road surface',
      expectedVersion: seen.version,
    });
    expect(ok.version).toBe(seen.version + 1);
    // A second editor who loaded the row before that edit:
    await expectAppError(
      updateCategory(db, admin, seen.id, { name: '道路脏污', expectedVersion: seen.version }),
      409,
    );
    expect((await findCategory(db, CITY, 'event', '0104'))?.name).toBe('道路不洁');
  });

  it('refuses identity fields, a unit of another city and unknown ids', async () => {
    const row = await mustFind('event', '0105');
    await expectAppError(updateCategory(db, admin, row.id, { code: '0199' } as never), 422);
    await expectAppError(updateCategory(db, admin, row.id, { defaultUnitId: otherCityUnitId }), 422);
    await expectAppError(updateCategory(db, admin, row.id, { defaultUnitId: uuidv7() }), 422);
    await expectAppError(updateCategory(db, admin, uuidv7(), { name: 'x' }), 404);
    await expectAppError(updateCategory(db, { ...admin, cityCode: OTHER_CITY }, row.id, { name: 'x' }), 404);
    expect(await findCategory(db, CITY, 'event', '0105')).toEqual(row);
  });

  it('retires a category: hidden from lists unless asked for, still found by code', async () => {
    const row = await mustFind('event', '0512');
    await updateCategory(db, admin, row.id, { active: false });
    expect((await listCategories(db, CITY, { kind: 'event' })).map((c) => c.code)).not.toContain('0512');
    expect(
      (await listCategories(db, CITY, { kind: 'event', includeInactive: true })).map((c) => c.code),
    ).toContain('0512');
    expect((await findCategory(db, CITY, 'event', '0512'))?.active).toBe(false);
  });

  it('is never overwritten by a later seed', async () => {
    const edited = await mustFind('event', '0104');
    const result = await seedDemoCategories(db, CITY, resolveWater);
    expect(result.kept).toBeGreaterThanOrEqual(2);
    expect(result.inserted).toBe(0);
    expect(await findCategory(db, CITY, 'event', '0104')).toEqual(edited);
  });
});

describe('createCategory', () => {
  const base = {
    kind: 'event' as const,
    majorCode: '06',
    code: '0607',
    name: '流动广告车',
    filingStandard: '在道路上使用车辆流动展示广告或播放高音宣传',
    closingStandard: '广告车驶离，宣传行为停止',
    timeLimits: {
      dispatch: { amount: 30, unit: 'minute' as const },
      dispose: { amount: 2, unit: 'hour' as const },
    },
  };

  it('adds a minor under an existing major, taking the major’s name, with an audit row', async () => {
    const row = await createCategory(db, admin, base);
    expect(row).toMatchObject({
      scheme: 'local',
      majorName: '扩展事件',
      code: '0607',
      version: 1,
      active: true,
      defaultUnitId: null,
    });
    expect(await findCategory(db, CITY, 'event', '0607')).toEqual(row);
    expect(await auditRows('category.create', row.id)).toHaveLength(1);
  });

  it('refuses a duplicate code (409), a clashing major name, a new major without a name, bad limits (422)', async () => {
    await expectAppError(createCategory(db, admin, base), 409);
    await expectAppError(createCategory(db, admin, { ...base, code: '0608', majorName: '其他事件' }), 422);
    await expectAppError(createCategory(db, admin, { ...base, majorCode: '07', code: '0701' }), 422);
    await expectAppError(createCategory(db, admin, { ...base, code: '0701' }), 422);
    await expectAppError(
      createCategory(db, admin, {
        ...base,
        code: '0609',
        timeLimits: { dispatch: { amount: 1, unit: 'hour' } },
      } as never),
      422,
    );
    await expectAppError(createCategory(db, admin, { ...base, code: '0609', filingStandard: '' }), 422);
  });

  it('opens a new major when given its name', async () => {
    const row = await createCategory(db, admin, {
      ...base,
      majorCode: '07',
      majorName: '专项整治',
      code: '0701',
    });
    expect(row.majorName).toBe('专项整治');
  });
});
