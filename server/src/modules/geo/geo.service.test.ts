import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/test-db.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { Actor } from '../../platform/http/server-types.js';
import { DEMO_CITY_CODE, demoGeography } from './demo-geography.js';
import { locatePoint, seedDemoGeography } from './geo.service.js';
import {
  createGrid,
  gridsToFeatureCollection,
  importGridsGeoJson,
  listGrids,
  updateGrid,
} from './grids.service.js';
import { rectangle } from './point-in-polygon.js';
import { createRegion, findRegionByName, listRegions, updateRegion } from './regions.service.js';

const geo = demoGeography();
let db: Db;
let close: () => Promise<void>;

const admin: Actor = {
  userId: uuidv7(),
  login: 'geo-admin',
  role: 'admin',
  cityCode: DEMO_CITY_CODE,
  unitId: null,
  regionId: null,
  ip: '127.0.0.1',
};

async function expectAppError(promise: Promise<unknown>, status: number, text?: RegExp): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.status).toBe(status);
  // Every message carries both languages.
  expect(appError.messages.zh.length).toBeGreaterThan(0);
  expect(appError.messages.en.length).toBeGreaterThan(0);
  if (text) expect(`${appError.messages.zh} ${appError.messages.en}`).toMatch(text);
  return appError;
}

const auditRows = (action: string) =>
  db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('id').execute();

const levelCounts = async () => {
  const rows = await db
    .selectFrom('regions')
    .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
    .where('cityCode', '=', DEMO_CITY_CODE)
    .groupBy('level')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.level, Number(r.n)]));
};
const gridCount = async () =>
  Number(
    (
      await db
        .selectFrom('grids')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('cityCode', '=', DEMO_CITY_CODE)
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  // Empty (migrated only): the seed tests below count what the first seed writes.
  const opened = await openTestDatabase('empty');
  db = opened.db;
  close = opened.close;
  await db.insertInto('cities').values({ code: DEMO_CITY_CODE, name: '攀枝花市' }).execute();
  await seedDemoGeography(db, DEMO_CITY_CODE);
});

afterAll(async () => {
  await close();
});

describe('seedDemoGeography', () => {
  it('writes 1 city, 7 districts, 24 streets, 52 communities and 256 grids', async () => {
    expect(await levelCounts()).toEqual({ city: 1, district: 7, street: 24, community: 52 });
    expect(await gridCount()).toBe(256);
  });

  it('is idempotent: a second run changes no ids and adds no rows', async () => {
    const idsBefore = await db.selectFrom('grids').select(['id', 'code']).orderBy('code').execute();
    const regionIdsBefore = await db.selectFrom('regions').select(['id', 'code']).orderBy('code').execute();
    const result = await seedDemoGeography(db, DEMO_CITY_CODE);
    expect(result).toEqual({ regions: { city: 1, district: 7, street: 24, community: 52 }, grids: 256 });
    expect(await db.selectFrom('grids').select(['id', 'code']).orderBy('code').execute()).toEqual(idsBefore);
    expect(await db.selectFrom('regions').select(['id', 'code']).orderBy('code').execute()).toEqual(
      regionIdsBefore,
    );
    expect((await auditRows('geo.seed_demo')).length).toBe(2);
  });

  it('refuses an unknown city with a bilingual 404', async () => {
    await expectAppError(seedDemoGeography(db, '999999'), 404);
  });
});

describe('locatePoint', () => {
  it('puts every demo grid centre in that grid, its community, street and district', async () => {
    for (const grid of geo.grids) {
      const lng = (grid.bbox[0] + grid.bbox[2]) / 2;
      const lat = (grid.bbox[1] + grid.bbox[3]) / 2;
      const found = await locatePoint(db, DEMO_CITY_CODE, lng, lat);
      expect(found?.grid.code, grid.code).toBe(grid.code);
      expect(found?.community.code).toBe(grid.communityCode);
      expect(found?.street.code).toBe(grid.streetCode);
      expect(found?.district.code).toBe(grid.districtCode);
    }
  });

  it('resolves the known points of every district to that district', async () => {
    const districts = geo.regions.filter((r) => r.level === 'district');
    for (const district of districts) {
      const points = geo.knownPoints.filter((p) => p.districtCode === district.code);
      expect(points.length, district.name).toBeGreaterThan(0);
      for (const point of points) {
        const found = await locatePoint(db, DEMO_CITY_CODE, point.lng, point.lat);
        expect(found?.district, point.label).toMatchObject({ code: district.code, name: district.name });
        expect(found?.grid.code).toBe(point.gridCode);
      }
    }
  });

  it('returns null outside the city and in the gaps between grids', async () => {
    for (const point of geo.outsidePoints) {
      expect(await locatePoint(db, DEMO_CITY_CODE, point.lng, point.lat), point.label).toBeNull();
    }
  });

  it('gives a point on the edge shared by two grids to the smaller code', async () => {
    const [first, second] = geo.grids;
    if (!first || !second) throw new Error('no grids');
    expect(first.bbox[2]).toBe(second.bbox[0]); // neighbours in one row
    const found = await locatePoint(db, DEMO_CITY_CODE, first.bbox[2], (first.bbox[1] + first.bbox[3]) / 2);
    expect(found?.grid.code).toBe(first.code);
  });

  it('rejects impossible coordinates', async () => {
    await expectAppError(locatePoint(db, DEMO_CITY_CODE, 200, 26), 422);
    await expectAppError(locatePoint(db, DEMO_CITY_CODE, Number.NaN, 26), 422);
  });

  it('does not see another city’s grids', async () => {
    const point = geo.knownPoints[0];
    if (!point) throw new Error('no known point');
    expect(await locatePoint(db, '510100', point.lng, point.lat)).toBeNull();
  });
});

describe('findRegionByName', () => {
  it('finds by name and alias, ignoring whitespace of every kind', async () => {
    for (const name of ['东区', '东  区', '东\u00a0 区', '东\u3000区', '攀枝花市东区']) {
      expect((await findRegionByName(db, DEMO_CITY_CODE, name))?.code, name).toBe('510402');
    }
    expect((await findRegionByName(db, DEMO_CITY_CODE, '钒钛高新技术产业开发区'))?.code).toBe('510471');
    expect((await findRegionByName(db, DEMO_CITY_CODE, '炳草岗街道'))?.level).toBe('street');
    expect((await findRegionByName(db, DEMO_CITY_CODE, '和苑社区'))?.level).toBe('community');
    expect((await findRegionByName(db, DEMO_CITY_CODE, '渡口市'))?.level).toBe('city');
    expect(await findRegionByName(db, DEMO_CITY_CODE, '朝阳区')).toBeNull();
    expect(await findRegionByName(db, DEMO_CITY_CODE, '   ')).toBeNull();
  });
});

describe('listRegions and listGrids', () => {
  it('lists by level and parent, boundaries on request', async () => {
    const districts = await listRegions(db, DEMO_CITY_CODE, { level: 'district' });
    expect(districts.map((d) => d.name)).toEqual([
      '东区',
      '西区',
      '仁和区',
      '米易县',
      '盐边县',
      '钒钛高新区',
      '花城新区',
    ]);
    expect(districts[0]?.boundary).toBeNull();
    expect(districts[0]?.bbox).toHaveLength(4);
    const dongqu = districts[0];
    const streets = await listRegions(db, DEMO_CITY_CODE, { parentId: dongqu?.id, withBoundary: true });
    expect(streets.map((s) => s.name)).toEqual([
      '炳草岗街道',
      '大渡口街道',
      '东华街道',
      '弄弄坪街道',
      '瓜子坪街道',
      '银江镇',
    ]);
    expect(streets[0]?.boundary?.type).toBe('Polygon');
  });

  it('pages grids by district and filters by bbox', async () => {
    const [dongqu] = await listRegions(db, DEMO_CITY_CODE, { level: 'district' });
    const page1 = await listGrids(db, DEMO_CITY_CODE, { districtId: dongqu?.id, page: 1, pageSize: 20 });
    const expected = geo.grids.filter((g) => g.districtCode === '510402').length;
    expect(page1.total).toBe(expected);
    expect(page1.items).toHaveLength(20);
    const last = await listGrids(db, DEMO_CITY_CODE, { districtId: dongqu?.id, page: 4, pageSize: 20 });
    expect(last.items).toHaveLength(expected - 60);
    expect(new Set([...page1.items, ...last.items].map((g) => g.id)).size).toBe(20 + expected - 60);

    // The bbox of the first community returns exactly its grids (plus edge-touching neighbours: none).
    const community = geo.regions.find((r) => r.code === '510402001001');
    if (!community) throw new Error('community missing');
    const inBox = await listGrids(db, DEMO_CITY_CODE, { bbox: community.bbox, page: 1, pageSize: 100 });
    expect(inBox.items.map((g) => g.code)).toEqual(
      geo.grids.filter((g) => g.communityCode === community.code).map((g) => g.code),
    );
    await expectAppError(listGrids(db, DEMO_CITY_CODE, { bbox: [2, 2, 1, 1], page: 1, pageSize: 10 }), 422);
  });

  it('renders a page as a GeoJSON FeatureCollection', async () => {
    const page = await listGrids(db, DEMO_CITY_CODE, { page: 1, pageSize: 3 });
    const fc = gridsToFeatureCollection(page);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.total).toBe(await gridCount());
    expect(fc.features).toHaveLength(3);
    expect(fc.features[0]).toMatchObject({
      type: 'Feature',
      id: page.items[0]?.code,
      geometry: { type: 'Polygon' },
      properties: { code: page.items[0]?.code },
    });
  });
});

describe('regions: create and update', () => {
  it('creates a street under a district, audited', async () => {
    const dongqu = await findRegionByName(db, DEMO_CITY_CODE, '东区');
    const street = await createRegion(db, admin, {
      code: '510402009',
      name: '测试街道',
      level: 'street',
      parentId: dongqu?.id,
      aliases: ['测试', '测试街道'],
      boundary: rectangle(101.76, 26.58, 101.77, 26.585),
    });
    expect(street).toMatchObject({
      code: '510402009',
      level: 'street',
      parentId: dongqu?.id,
      aliases: ['测试'],
    });
    expect(street.bbox).toEqual([101.76, 26.58, 101.77, 26.585]);
    const audit = await auditRows('region.create');
    expect(audit.at(-1)).toMatchObject({ objectId: street.id, login: 'geo-admin', success: true });
  });

  it('rejects bad codes, parents and boundaries with bilingual errors', async () => {
    const dongqu = await findRegionByName(db, DEMO_CITY_CODE, '东区');
    const xiqu = await findRegionByName(db, DEMO_CITY_CODE, '西区');
    const base = { name: '坏街道', level: 'street' as const, parentId: dongqu?.id };
    await expectAppError(createRegion(db, admin, { ...base, code: '51040201' }), 422, /9/);
    await expectAppError(
      createRegion(db, admin, { ...base, code: '510403099', parentId: dongqu?.id }),
      422,
      /510402/,
    );
    await expectAppError(
      createRegion(db, admin, { ...base, code: '510402098', parentId: undefined }),
      422,
      /parent/,
    );
    await expectAppError(
      createRegion(db, admin, { ...base, code: '510402001001', level: 'community', parentId: xiqu?.id }),
      422,
    );
    await expectAppError(createRegion(db, admin, { ...base, code: '510402001' }), 409, /510402001/);
    const open = {
      type: 'Polygon',
      coordinates: [
        [
          [101.7, 26.5],
          [101.71, 26.5],
          [101.71, 26.51],
          [101.7, 26.51],
        ],
      ],
    };
    await expectAppError(
      createRegion(db, admin, { ...base, code: '510402097', boundary: open }),
      422,
      /未闭合/,
    );
    expect(await findRegionByName(db, DEMO_CITY_CODE, '坏街道')).toBeNull();
  });

  it('updates name, aliases and boundary; code stays; audited with the changes', async () => {
    const street = await findRegionByName(db, DEMO_CITY_CODE, '测试街道');
    if (!street) throw new Error('street missing');
    const updated = await updateRegion(db, admin, street.id, {
      name: '试验街道',
      aliases: ['测试街道'],
      boundary: null,
    });
    expect(updated).toMatchObject({
      code: '510402009',
      name: '试验街道',
      aliases: ['测试街道'],
      boundary: null,
      bbox: null,
    });
    expect((await findRegionByName(db, DEMO_CITY_CODE, '测试街道'))?.id).toBe(street.id);
    const audit = (await auditRows('region.update')).at(-1);
    expect(audit?.detail).toMatchObject({
      code: '510402009',
      changed: { name: { from: '测试街道', to: '试验街道' } },
    });
    await expectAppError(updateRegion(db, admin, uuidv7(), { name: 'x' }), 404);
  });
});

describe('grids: create, update', () => {
  it('creates a grid whose community comes from its code', async () => {
    const grid = await createGrid(db, admin, {
      code: '510402001001901',
      name: '新华街社区扩展网格',
      boundary: rectangle(101.7, 26.6, 101.701, 26.6009),
    });
    const community = await findRegionByName(db, DEMO_CITY_CODE, '新华街社区');
    expect(grid.communityId).toBe(community?.id);
    expect((await locatePoint(db, DEMO_CITY_CODE, 101.7005, 26.6004))?.grid.code).toBe('510402001001901');
    expect((await auditRows('grid.create')).at(-1)).toMatchObject({ objectId: grid.id });
  });

  it('rejects duplicates, unknown communities, bad codes and bad rings', async () => {
    const before = await gridCount();
    const box = rectangle(101.7, 26.61, 101.701, 26.6109);
    await expectAppError(createGrid(db, admin, { code: '510402001001901', boundary: box }), 409);
    await expectAppError(
      createGrid(db, admin, { code: '510402001999001', boundary: box }),
      422,
      /510402001999/,
    );
    await expectAppError(createGrid(db, admin, { code: '5104020010010', boundary: box }), 422, /15/);
    await expectAppError(
      createGrid(db, admin, {
        code: '510402001001902',
        boundary: {
          type: 'Polygon',
          coordinates: [
            [
              [101.7, 26.61],
              [101.701, 26.61],
              [101.7, 26.61],
            ],
          ],
        },
      }),
      422,
      /4/,
    );
    expect(await gridCount()).toBe(before);
  });

  it('updates name, area class and shape, audited', async () => {
    const [grid] = (
      await listGrids(db, DEMO_CITY_CODE, { bbox: [101.7, 26.6, 101.701, 26.6009], page: 1, pageSize: 5 })
    ).items;
    if (!grid) throw new Error('grid missing');
    const updated = await updateGrid(db, admin, grid.id, {
      name: '改名网格',
      areaClass: 'B',
      boundary: rectangle(101.7, 26.6, 101.7012, 26.6009),
    });
    expect(updated).toMatchObject({
      code: grid.code,
      name: '改名网格',
      areaClass: 'B',
      bbox: [101.7, 26.6, 101.7012, 26.6009],
    });
    expect((await locatePoint(db, DEMO_CITY_CODE, 101.7011, 26.6004))?.grid.code).toBe(grid.code);
    expect((await auditRows('grid.update')).at(-1)?.detail).toMatchObject({ code: grid.code });
    await expectAppError(
      updateGrid(db, admin, grid.id, { boundary: { type: 'Point', coordinates: [1, 2] } }),
      422,
    );
  });
});

describe('importGridsGeoJson', () => {
  const feature = (code: unknown, geometry: unknown, properties: Record<string, unknown> = {}) => ({
    type: 'Feature',
    properties: { code, ...properties },
    geometry,
  });

  it('imports the good features, rejects the bad ones whole, with reasons in both languages', async () => {
    const before = await gridCount();
    const existing = geo.grids[0];
    if (!existing) throw new Error('no grid');
    const result = await importGridsGeoJson(db, admin, {
      type: 'FeatureCollection',
      features: [
        feature('510402002001901', rectangle(101.73, 26.62, 101.731, 26.6209), { name: '导入网格一' }), // 0 new
        feature('5104020020019', rectangle(101.731, 26.62, 101.732, 26.6209)), // 1 13 digits
        feature('510402002001902', {
          type: 'Polygon',
          coordinates: [
            [
              [101.732, 26.62],
              [101.733, 26.62],
              [101.733, 26.6209],
              [101.732, 26.6209],
            ],
          ],
        }), // 2 open ring
        feature('510402002999001', rectangle(101.733, 26.62, 101.734, 26.6209)), // 3 unknown community
        feature(
          existing.code,
          rectangle(existing.bbox[0], existing.bbox[1], existing.bbox[2], existing.bbox[3]),
          {
            areaClass: 'C',
          },
        ), // 4 update of a seeded grid
        feature('510402002001901', rectangle(101.735, 26.62, 101.736, 26.6209)), // 5 repeats 0
        { type: 'Feature', geometry: rectangle(0, 0, 1, 1), properties: null }, // 6 no code
        feature(510402002001903, rectangle(101.737, 26.62, 101.738, 26.6209)), // 7 numeric code: accepted
        feature('510402002001904', { type: 'Point', coordinates: [101.74, 26.62] }), // 8 wrong geometry
        'not a feature', // 9
      ],
    });
    expect(result.imported).toBe(3);
    expect(result.created).toBe(2);
    expect(result.updated).toBe(1);
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2, 3, 5, 6, 8, 9]);
    const reasonOf = (index: number) => result.rejected.find((r) => r.index === index)?.reason;
    expect(reasonOf(1)?.en).toContain('15 digits');
    expect(reasonOf(1)?.zh).toContain('15 位');
    expect(reasonOf(2)?.en).toContain('not closed');
    expect(reasonOf(3)?.en).toContain('community 510402002999');
    expect(reasonOf(5)?.en).toContain('repeats feature 0');
    expect(reasonOf(8)?.en).toContain('Polygon or MultiPolygon');
    for (const r of result.rejected) expect(r.reason.zh && r.reason.en).toBeTruthy();

    expect(await gridCount()).toBe(before + 2);
    for (const code of ['510402002001902', '510402002999001', '510402002001904']) {
      expect(
        await db.selectFrom('grids').select('id').where('code', '=', code).executeTakeFirst(),
        code,
      ).toBeUndefined();
    }
    expect((await locatePoint(db, DEMO_CITY_CODE, 101.7305, 26.6204))?.grid.code).toBe('510402002001901');
    const updated = await db
      .selectFrom('grids')
      .select(['areaClass'])
      .where('code', '=', existing.code)
      .executeTakeFirst();
    expect(updated?.areaClass).toBe('C');
    const audit = (await auditRows('grid.import')).at(-1);
    expect(audit?.detail).toMatchObject({ features: 10, imported: 3, created: 2, updated: 1 });
  });

  it('rejects a body that is not a FeatureCollection', async () => {
    await expectAppError(importGridsGeoJson(db, admin, { type: 'Feature' }), 422, /FeatureCollection/);
  });
});
