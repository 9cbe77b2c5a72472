import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { demoGeography } from './demo-geography.js';
import { rectangle } from './point-in-polygon.js';

// The real app on a seeded database (demo regions and grids of 510400), with real demo logins.
const geo = demoGeography();
let t: TestApp;
let app: TestApp['app'];
type Session = { cookie: string };
let admin: Session;
let collector: Session;
let dispatcher: Session;
let leader: Session;

beforeAll(async () => {
  t = await startTestApp({ kind: 'seeded' });
  app = t.app;
  admin = await t.loginAs('admin');
  collector = await t.loginAs('jdy01');
  dispatcher = await t.loginAs('pqy01');
  leader = await t.loginAs('ld01');
});

afterAll(async () => {
  await t.close();
});

describe('GET /api/geo/locate', () => {
  it('locates a known point for any logged-in user', async () => {
    const point = geo.knownPoints[0];
    if (!point) throw new Error('no point');
    const response = await app.inject({
      url: `/api/geo/locate?lng=${point.lng}&lat=${point.lat}`,
      headers: collector,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      grid: { code: point.gridCode },
      district: { code: point.districtCode },
    });
  });

  it('answers 404 in both languages outside the grids, 401 without login, 400 on bad input', async () => {
    const outside = await app.inject({
      url: '/api/geo/locate?lng=104.06&lat=30.65',
      headers: collector,
    });
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toEqual({
      error: {
        code: 'OUTSIDE_GRIDS',
        message: '该位置不在本市网格内',
        messageEn: "point is outside the city's grids",
      },
    });
    expect((await app.inject({ url: '/api/geo/locate?lng=101.7&lat=26.5' })).statusCode).toBe(401);
    expect(
      (await app.inject({ url: '/api/geo/locate?lng=abc&lat=26.5', headers: collector })).statusCode,
    ).toBe(400);
    expect(
      (await app.inject({ url: '/api/geo/locate?lng=181&lat=26.5', headers: collector })).statusCode,
    ).toBe(400);
  });
});

describe('GET /api/regions and /api/grids', () => {
  it('lists regions by level', async () => {
    const response = await app.inject({ url: '/api/regions?level=district', headers: leader });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { items: { name: string; boundary: unknown }[] };
    expect(body.items.map((r) => r.name)).toContain('钒钛高新区');
    expect(body.items[0]?.boundary).toBeNull();
    const withBoundary = await app.inject({
      url: '/api/regions?level=district&withBoundary=true',
      headers: leader,
    });
    expect((withBoundary.json() as { items: { boundary: { type: string } }[] }).items[0]?.boundary.type).toBe(
      'Polygon',
    );
  });

  it('pages grids, filters by bbox and answers GeoJSON on request', async () => {
    const community = geo.regions.find((r) => r.code === '510403001002');
    if (!community) throw new Error('community missing');
    const bbox = community.bbox.join(',');
    const json = await app.inject({ url: `/api/grids?bbox=${bbox}&pageSize=50`, headers: collector });
    expect(json.statusCode).toBe(200);
    const page = json.json() as { total: number; items: { code: string }[] };
    expect(page.items.map((g) => g.code)).toEqual(
      geo.grids.filter((g) => g.communityCode === community.code).map((g) => g.code),
    );

    const fc = await app.inject({ url: `/api/grids?bbox=${bbox}&format=geojson`, headers: collector });
    const body = fc.json() as {
      type: string;
      features: { type: string; geometry: { type: string } }[];
      total: number;
    };
    expect(body.type).toBe('FeatureCollection');
    expect(body.features).toHaveLength(page.total);
    expect(body.features[0]?.geometry.type).toBe('Polygon');

    expect((await app.inject({ url: '/api/grids?bbox=1,2,3', headers: collector })).statusCode).toBe(400);
    expect((await app.inject({ url: '/api/grids?bbox=3,3,1,1', headers: collector })).statusCode).toBe(422);
    expect((await app.inject({ url: '/api/grids' })).statusCode).toBe(401);
  });
});

describe('admin writes', () => {
  it('POST /api/grids is for admins only and validates the ring', async () => {
    const body = { code: '510403001001901', boundary: rectangle(101.59, 26.65, 101.591, 26.6509) };
    expect(
      (await app.inject({ method: 'POST', url: '/api/grids', payload: body, headers: collector })).statusCode,
    ).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/grids', payload: body })).statusCode).toBe(401);
    const created = await app.inject({
      method: 'POST',
      url: '/api/grids',
      payload: body,
      headers: admin,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: '510403001001901' });
    const again = await app.inject({
      method: 'POST',
      url: '/api/grids',
      payload: body,
      headers: admin,
    });
    expect(again.statusCode).toBe(409);
    const open = {
      code: '510403001001902',
      boundary: {
        type: 'Polygon',
        coordinates: [
          [
            [101.59, 26.66],
            [101.591, 26.66],
            [101.591, 26.661],
            [101.59, 26.661],
          ],
        ],
      },
    };
    const bad = await app.inject({ method: 'POST', url: '/api/grids', payload: open, headers: admin });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toContain('未闭合');
    expect(bad.json().error.messageEn).toContain('not closed');
    const id = (created.json() as { id: string }).id;
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/grids/${id}`,
      payload: { name: '西区新网格' },
      headers: admin,
    });
    expect(patched.json()).toMatchObject({ name: '西区新网格' });
  });

  it('POST /api/grids/import reports rejected features and imports the rest', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/grids/import',
      headers: admin,
      payload: {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { code: '510403001001903' },
            geometry: rectangle(101.592, 26.65, 101.593, 26.6509),
          },
          {
            type: 'Feature',
            properties: { code: '5104030010019' },
            geometry: rectangle(101.593, 26.65, 101.594, 26.6509),
          },
        ],
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ imported: 1, rejected: [{ index: 1, code: '5104030010019' }] });
    const notFc = await app.inject({
      method: 'POST',
      url: '/api/grids/import',
      headers: admin,
      payload: { type: 'Feature' },
    });
    expect(notFc.statusCode).toBe(400);
    const forbidden = await app.inject({
      method: 'POST',
      url: '/api/grids/import',
      headers: dispatcher,
      payload: { type: 'FeatureCollection', features: [] },
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it('POST and PATCH /api/regions', async () => {
    const districts = (await app.inject({ url: '/api/regions?level=district', headers: admin })).json() as {
      items: { id: string; name: string }[];
    };
    const xiqu = districts.items.find((d) => d.name === '西区');
    const created = await app.inject({
      method: 'POST',
      url: '/api/regions',
      headers: admin,
      payload: { code: '510403009', name: '新建街道', level: 'street', parentId: xiqu?.id },
    });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: string }).id;
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/regions/${id}`,
      headers: admin,
      payload: { aliases: ['新建'] },
    });
    expect(patched.json()).toMatchObject({ code: '510403009', aliases: ['新建'] });
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: `/api/regions/${id}`,
          headers: leader,
          payload: { name: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: '/api/regions/not-a-uuid',
          headers: admin,
          payload: {},
        })
      ).statusCode,
    ).toBe(400);
  });
});
