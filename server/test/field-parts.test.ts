import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importParts } from '../src/modules/field/index.js';
import type { AppDeps } from '../src/platform/http/server-types.js';
import { moveOk, outsidePoint, pointIn, unitIdByName } from './support/case-helpers.js';
import { metricFrame } from './support/field-helpers.js';
import { startTestApp, type TestApp, testConfig } from './support/test-app.js';

// The parts inventory: import with rejected rows, a case about a part routed to its
// maintaining unit, and collectors' change requests timed against the 1-day / 3-day rule.

let t: TestApp;
let lead: { cookie: string };
let acceptor: { cookie: string };
let jdy01: { cookie: string };
const east = pointIn('东区');
const outside = outsidePoint();
const at = metricFrame(east);
const CODE = '5104020101000001';

const csv = [
  '部件标识码,部件名称,状态,经度,纬度,养护单位,主管单位',
  `${CODE},上水井盖,完好,${east.lng},${east.lat},市城市管理行政执法局,市水务集团`,
  `51040201010001,短码,完好,${east.lng},${east.lat},,`,
  `5104020101000002,城外,完好,${outside.lng},${outside.lat},,`,
  `5104029901000003,未知类别,完好,${east.lng},${east.lat},,`,
  `5104020101000004,未知单位,完好,${east.lng},${east.lat},不存在的养护公司,`,
  `${CODE},重复,完好,${east.lng},${east.lat},,`,
].join('\n');

const partCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('parts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await startTestApp({ kind: 'seeded' });
  lead = await t.loginAs('zbz01');
  acceptor = await t.loginAs('slj01');
  jdy01 = await t.loginAs('jdy01');
});
afterAll(async () => t.close());

describe('parts import', () => {
  it('imports good rows and reports every rejected row with its reason', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/field/parts/import',
      headers: lead,
      payload: { format: 'csv', content: csv },
    });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ total: 6, imported: 1 });
    expect(report.rejected.map((r: { row: number; reason: string }) => [r.row, r.reason])).toEqual([
      [2, 'bad_id'],
      [3, 'outside_city'],
      [4, 'unknown_category'],
      [5, 'unknown_unit'],
      [6, 'duplicate_id'],
    ]);
    expect(report.rejected[0]).toMatchObject({
      zh: expect.stringContaining('16'),
      en: expect.stringContaining('16'),
    });
    expect(await partCount()).toBe(1);
  });

  it('imports GeoJSON with progress reports, and re-importing updates instead of duplicating', async () => {
    const deps = { db: t.database.db, now: t.clock.now, config: testConfig } as AppDeps;
    const admin = {
      userId: (
        await t.database.db
          .selectFrom('users')
          .select('id')
          .where('login', '=', 'admin')
          .executeTakeFirstOrThrow()
      ).id,
      login: 'admin',
      role: 'admin' as const,
      cityCode: '510400',
      unitId: null,
      regionId: null,
    };
    const [lng, lat] = at(10, 10);
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [lng, lat] },
          properties: { ObjID: '5104020118000001', ObjState: '破损' },
        },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [east.lng, east.lat] },
          properties: { ObjID: CODE, ObjState: '完好', 养护单位: '市城市管理行政执法局' },
        },
      ],
    });
    const progress: [number, number][] = [];
    const report = await importParts(deps, admin, { format: 'geojson', content: geojson }, (done, total) =>
      progress.push([done, total]),
    );
    expect(report).toMatchObject({ total: 2, imported: 2, rejected: [] });
    expect(progress).toEqual([[2, 2]]);
    expect(await partCount()).toBe(2);
  });

  it('refuses other roles and unreadable GeoJSON, importing nothing', async () => {
    const asCollector = await t.app.inject({
      method: 'POST',
      url: '/api/field/parts/import',
      headers: jdy01,
      payload: { format: 'csv', content: csv },
    });
    expect(asCollector.statusCode).toBe(403);
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/field/parts/import',
      headers: lead,
      payload: { format: 'geojson', content: '{not json' },
    });
    expect(broken.statusCode).toBe(422);
    expect(broken.json().error.messageEn).toMatch(/GeoJSON/);
    expect(await partCount()).toBe(2);
  });
});

describe('a case about a part', () => {
  it('links to the part and dispatches to its maintaining unit by default', async () => {
    const part = (
      await t.app.inject({ method: 'GET', url: `/api/field/parts/${CODE}`, headers: acceptor })
    ).json();
    expect(part.status).toBe('intact');
    const reported = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: acceptor,
      payload: { kind: 'part', categoryCode: '0101', description: '井盖破损', ...east, partId: part.id },
    });
    expect(reported.statusCode, reported.body).toBe(201);
    const id = reported.json().id;
    const stored = await t.database.db
      .selectFrom('cases')
      .select('partId')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.partId).toBe(part.id);
    await moveOk(t, lead, id, 'file');
    const dispatcher = await t.loginAs('pqy01');
    const dispatched = await moveOk(t, dispatcher, id, 'dispatch');
    expect(dispatched.unitId).toBe(await unitIdByName(t, dispatcher, '市城市管理行政执法局'));
  });

  it('refuses an event case naming a part, and an unknown part', async () => {
    const part = (
      await t.app.inject({ method: 'GET', url: `/api/field/parts/${CODE}`, headers: acceptor })
    ).json();
    const event = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: acceptor,
      payload: { kind: 'event', categoryCode: '0102', description: '垃圾', ...east, partId: part.id },
    });
    expect(event.statusCode).toBe(422);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: acceptor,
      payload: {
        kind: 'part',
        categoryCode: '0101',
        description: '井盖',
        ...east,
        partId: '01890000-0000-7000-8000-000000000000',
      },
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.messageEn).toMatch(/part/);
  });
});

describe('part change requests (部件变更)', () => {
  it('times the report against 1 working day and the database entry against 3', async () => {
    const [lng, lat] = at(15, 5);
    // Found on Monday morning, reported Tuesday 09:00: within one working day.
    const moved = await t.app.inject({
      method: 'POST',
      url: '/api/field/part-changes',
      headers: jdy01,
      payload: { kind: 'moved', partCode: CODE, lng, lat, observedAt: '2019-07-08T09:00:00+08:00' },
    });
    expect(moved.statusCode, moved.body).toBe(201);
    expect(moved.json()).toMatchObject({ status: 'pending', reportedOnTime: true, appliedOnTime: null });
    // Found the Wednesday before: one working day ended Thursday, three ended Monday.
    const late = await t.app.inject({
      method: 'POST',
      url: '/api/field/part-changes',
      headers: jdy01,
      payload: { kind: 'new', categoryCode: '0118', lng, lat, observedAt: '2019-07-03T09:00:00+08:00' },
    });
    expect(late.json()).toMatchObject({ reportedOnTime: false, appliedOnTime: false });

    const applied = await t.app.inject({
      method: 'POST',
      url: `/api/field/part-changes/${moved.json().id}/decision`,
      headers: lead,
      payload: { decision: 'apply' },
    });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ status: 'applied', appliedOnTime: true });
    const part = (
      await t.app.inject({ method: 'GET', url: `/api/field/parts/${CODE}`, headers: lead })
    ).json();
    expect(part.lng).toBeCloseTo(lng, 9);

    const created = await t.app.inject({
      method: 'POST',
      url: `/api/field/part-changes/${late.json().id}/decision`,
      headers: lead,
      payload: { decision: 'apply' },
    });
    expect(created.json()).toMatchObject({ status: 'applied', appliedOnTime: false });
    const newPart = (
      await t.app.inject({ method: 'GET', url: '/api/field/parts/5104020118000002', headers: lead })
    ).json();
    expect(newPart).toMatchObject({ status: 'intact' });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/field/part-changes/${late.json().id}/decision`,
      headers: lead,
      payload: { decision: 'reject' },
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses incomplete requests and unknown parts, recording nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('partChanges')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const noPosition = await t.app.inject({
      method: 'POST',
      url: '/api/field/part-changes',
      headers: jdy01,
      payload: { kind: 'new', categoryCode: '0118' },
    });
    expect(noPosition.statusCode).toBe(422);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/field/part-changes',
      headers: jdy01,
      payload: { kind: 'removed', partCode: '5104020101999999' },
    });
    expect(unknown.statusCode).toBe(404);
    const notCollector = await t.app.inject({
      method: 'POST',
      url: '/api/field/part-changes',
      headers: lead,
      payload: { kind: 'removed', partCode: CODE },
    });
    expect(notCollector.statusCode).toBe(403);
    expect(await count()).toBe(before);
  });
});
