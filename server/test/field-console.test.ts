import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_1PX, pointIn } from './support/case-helpers.js';
import { gridCodeAt, metricFrame, userId } from './support/field-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// The reads behind the console's 外业管理 pages: collectors page, a collector's day map,
// filtered parts, paged change requests and the machine-intake list — with role and scope
// checks and bilingual 400s for bad input.

let t: TestApp;
let lead: { cookie: string };
let acceptor: { cookie: string };
let unit: { cookie: string };
let jdy01: { cookie: string };
let jdy02: { cookie: string };
let collectorId: string;
let gridCode: string;
const east = pointIn('东区');
const west = pointIn('西区');
const at = metricFrame(east);
const DAY = '2019-07-09';
const time = (s: number) => new Date(Date.parse('2019-07-09T00:10:00Z') + s * 1000).toISOString();

const get = (cookie: { cookie: string } | Record<string, never>, url: string) =>
  t.app.inject({ method: 'GET', url, headers: cookie });

function expectBilingual400(response: { statusCode: number; json: () => unknown }) {
  expect(response.statusCode).toBe(400);
  const error = (response.json() as { error: { message: string; messageEn: string } }).error;
  expect(error.message).toMatch(/[\u4e00-\u9fa5]/);
  expect(error.messageEn).toMatch(/[a-z]/);
}

function detectionForm(fields: Record<string, string>) {
  const boundary = `----console${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="frame"; filename="f.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    PNG_1PX,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function detect(source: 'video' | 'drone', fields: Record<string, string>) {
  const form = detectionForm(fields);
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/intake/${source}`,
    headers: { ...form.headers, ...acceptor },
    payload: form.payload,
  });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json() as { duplicate: boolean; caseId: string; caseNo?: string };
}

beforeAll(async () => {
  t = await startTestApp({ kind: 'seeded' });
  lead = await t.loginAs('zbz01');
  acceptor = await t.loginAs('slj01');
  unit = await t.loginAs('cgj01');
  jdy01 = await t.loginAs('jdy01');
  jdy02 = await t.loginAs('jdy02');
  collectorId = await userId(t, 'jdy01');
  gridCode = await gridCodeAt(t, east.lng, east.lat);
  const profile = await t.app.inject({
    method: 'PUT',
    url: `/api/field/collectors/${collectorId}`,
    headers: lead,
    payload: {
      company: '攀枝花某信息采集公司',
      contractPackage: '第一合同包',
      deviceId: 'PAD-0001',
      route: [at(0, 0), at(400, 0)],
      gridCodes: [gridCode],
    },
  });
  expect(profile.statusCode, profile.body).toBe(200);
  const shifts = await t.app.inject({
    method: 'POST',
    url: `/api/field/collectors/${collectorId}/shifts`,
    headers: lead,
    payload: { shifts: [{ startsAt: '2019-07-09T08:00:00+08:00', endsAt: '2019-07-09T12:00:00+08:00' }] },
  });
  expect(shifts.statusCode, shifts.body).toBe(201);
  // Two stretches 20 minutes apart (longer than the 10-minute gap): 0–100 m, then 200–300 m.
  const walk = (from: number, to: number, second: number) =>
    Array.from({ length: (to - from) / 10 + 1 }, (_, i) => {
      const [lng, lat] = at(from + i * 10, 0);
      return { t: time(second + i * 10), lng, lat, accuracy: 5 };
    });
  const sent = await t.app.inject({
    method: 'POST',
    url: '/api/field/positions',
    headers: jdy01,
    payload: { deviceId: 'PAD-0001', points: [...walk(0, 100, 0), ...walk(200, 300, 1300)] },
  });
  expect(sent.json()).toMatchObject({ stored: 22 });
});
afterAll(async () => t.close());

describe('GET /api/field/collectors (paged, with grids and the day’s shifts)', () => {
  it('lists a page of collectors with their contractor, grids, device, route and shifts', async () => {
    const response = await get(lead, `/api/field/collectors?day=${DAY}&pageSize=1`);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json();
    expect(page).toMatchObject({ page: 1, pageSize: 1 });
    expect(page.total).toBeGreaterThanOrEqual(2);
    expect(page.items).toHaveLength(1);
    const mine = (await get(lead, `/api/field/collectors?day=${DAY}&q=jdy01`)).json();
    expect(mine.total).toBe(1);
    expect(mine.items[0]).toMatchObject({
      login: 'jdy01',
      company: '攀枝花某信息采集公司',
      contractPackage: '第一合同包',
      deviceId: 'PAD-0001',
      hasRoute: true,
      gridCodes: [gridCode],
    });
    expect(mine.items[0].shifts).toHaveLength(1);
    const otherDay = (await get(lead, '/api/field/collectors?day=2019-07-10&q=jdy01')).json();
    expect(otherDay.items[0].shifts).toEqual([]);
  });

  it('is refused to units and collectors; a bad page or day is a bilingual 400', async () => {
    expect((await get(unit, '/api/field/collectors')).statusCode).toBe(403);
    expect((await get(jdy01, '/api/field/collectors')).statusCode).toBe(403);
    expectBilingual400(await get(lead, '/api/field/collectors?page=0'));
    expectBilingual400(await get(lead, '/api/field/collectors?day=2019-13-01'));
  });
});

describe('GET /api/field/collectors/:userId/day-map', () => {
  it('draws the duty grid, the route and the track cut at the silence', async () => {
    const response = await get(lead, `/api/field/collectors/${collectorId}/day-map?day=${DAY}`);
    expect(response.statusCode, response.body).toBe(200);
    const map = response.json();
    expect(map.type).toBe('FeatureCollection');
    const byLayer = (layer: string) =>
      map.features.filter((f: { properties: { layer: string } }) => f.properties.layer === layer);
    expect(byLayer('grid').map((f: { properties: { code: string } }) => f.properties.code)).toEqual([
      gridCode,
    ]);
    expect(byLayer('route')[0].geometry.coordinates).toHaveLength(2);
    const [track] = byLayer('track');
    expect(track.geometry.type).toBe('MultiLineString');
    expect(track.geometry.coordinates.map((line: unknown[]) => line.length)).toEqual([11, 11]);
    expect(track.properties).toMatchObject({ points: 22, stretches: 2, devices: ['PAD-0001'] });
    expect(byLayer('start')[0].properties.at).toBe(time(0));
    expect(map.bbox).toHaveLength(4);
    // Reading a collector's track is audited (行踪轨迹 is personal data).
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'field.track_view')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it('an earlier day has no track nor the grids assigned since; others are refused', async () => {
    const before = (await get(lead, `/api/field/collectors/${collectorId}/day-map?day=2019-07-08`)).json();
    expect(before.features.map((f: { properties: { layer: string } }) => f.properties.layer)).toEqual([
      'route',
    ]);
    expect((await get(jdy01, `/api/field/collectors/${collectorId}/day-map?day=${DAY}`)).statusCode).toBe(
      200,
    );
    expect((await get(jdy02, `/api/field/collectors/${collectorId}/day-map?day=${DAY}`)).statusCode).toBe(
      403,
    );
    expect((await get(unit, `/api/field/collectors/${collectorId}/day-map?day=${DAY}`)).statusCode).toBe(403);
    expectBilingual400(await get(lead, `/api/field/collectors/${collectorId}/day-map?day=09-07-2019`));
    expectBilingual400(await get(lead, '/api/field/collectors/not-a-uuid/day-map?day=2019-07-09'));
    const notCollector = await get(
      lead,
      `/api/field/collectors/${await userId(t, 'slj01')}/day-map?day=${DAY}`,
    );
    expect(notCollector.statusCode).toBe(422);
  });
});

describe('parts: filters, detail names and paged change requests', () => {
  beforeAll(async () => {
    const csv = [
      '部件标识码,部件名称,状态,经度,纬度,养护单位',
      `5104020101000101,上水井盖,完好,${east.lng},${east.lat},市城市管理行政执法局`,
      `5104020101000102,上水井盖,破损,${at(20, 0).join(',')},`,
      `5104020102000103,污水井盖,完好,${west.lng},${west.lat},`,
    ].join('\n');
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/field/parts/import',
      headers: lead,
      payload: { format: 'csv', content: csv },
    });
    expect(imported.json()).toMatchObject({ imported: 3, rejected: [] });
  });

  it('filters by category, status, grid and map box, with category and grid names', async () => {
    const byCategory = (await get(acceptor, '/api/field/parts?categoryCode=0101')).json();
    expect(byCategory.total).toBe(2);
    expect(byCategory.items[0]).toMatchObject({
      categoryCode: '0101',
      gridCode,
      categoryName: expect.any(String),
    });
    expect((await get(acceptor, '/api/field/parts?categoryCode=0101&status=damaged')).json().total).toBe(1);
    expect(
      (await get(acceptor, `/api/field/parts?gridCode=${gridCode}`)).json().total,
    ).toBeGreaterThanOrEqual(2);
    const d = 0.001;
    const box = [east.lng - d, east.lat - d, east.lng + d, east.lat + d].join(',');
    const inBox = (await get(acceptor, `/api/field/parts?bbox=${box}&pageSize=200`)).json();
    expect(inBox.items.map((p: { code: string }) => p.code).sort()).toEqual([
      '5104020101000101',
      '5104020101000102',
    ]);
  });

  it('a part’s detail carries its unit, grid and district names', async () => {
    const part = (await get(acceptor, '/api/field/parts/5104020101000101')).json();
    expect(part).toMatchObject({
      code: '5104020101000101',
      maintainerUnitName: '市城市管理行政执法局',
      gridCode,
      districtName: '东区',
    });
  });

  it('unknown category or grid and a malformed box are bilingual 400s; units are refused', async () => {
    expectBilingual400(await get(acceptor, '/api/field/parts?categoryCode=9999'));
    expectBilingual400(await get(acceptor, '/api/field/parts?gridCode=510402999999999'));
    expectBilingual400(await get(acceptor, '/api/field/parts?bbox=2,2,1,1'));
    expectBilingual400(await get(acceptor, '/api/field/parts?bbox=abc'));
    expectBilingual400(await get(acceptor, '/api/field/parts?status=broken'));
    expect((await get(unit, '/api/field/parts')).statusCode).toBe(403);
  });

  it('change requests are paged with the reporter’s name and their timeliness', async () => {
    for (const note of ['一', '二', '三']) {
      const made = await t.app.inject({
        method: 'POST',
        url: '/api/field/part-changes',
        headers: jdy01,
        payload: { kind: 'removed', partCode: '5104020101000102', note },
      });
      expect(made.statusCode, made.body).toBe(201);
    }
    const page = (await get(lead, '/api/field/part-changes?pageSize=2')).json();
    expect(page).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.items[0]).toMatchObject({
      kind: 'removed',
      status: 'pending',
      reportedOnTime: true,
      reporterName: expect.any(String),
      categoryCode: '0101',
    });
    expect((await get(lead, '/api/field/part-changes?page=2&pageSize=2')).json().items).toHaveLength(1);
    expect((await get(acceptor, '/api/field/part-changes')).statusCode).toBe(403);
    expectBilingual400(await get(lead, '/api/field/part-changes?status=done'));
  });
});

describe('GET /api/field/intakes', () => {
  let filed: { caseId: string; caseNo?: string };
  beforeAll(async () => {
    filed = await detect('video', {
      deviceId: 'CAM-0451',
      categoryCode: '0102',
      lng: String(east.lng),
      lat: String(east.lat),
      capturedAt: '2019-07-09T08:30:00+08:00',
    });
    const [nearLng, nearLat] = at(10, 0);
    const again = await detect('video', {
      deviceId: 'CAM-0452',
      categoryCode: '0102',
      lng: String(nearLng),
      lat: String(nearLat),
      capturedAt: '2019-07-09T08:40:00+08:00',
    });
    expect(again).toMatchObject({ duplicate: true, caseId: filed.caseId });
    await detect('drone', {
      deviceId: 'FLIGHT-20190709-01',
      categoryCode: '0102',
      lng: String(west.lng),
      lat: String(west.lat),
      capturedAt: '2019-07-09T08:50:00+08:00',
    });
  });

  it('lists detections newest first, a duplicate linking to the open case it repeats', async () => {
    const response = await get(acceptor, '/api/field/intakes');
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json();
    expect(page.total).toBe(3);
    expect(page.items.map((i: { deviceId: string }) => i.deviceId)).toEqual([
      'FLIGHT-20190709-01',
      'CAM-0452',
      'CAM-0451',
    ]);
    const duplicate = page.items[1];
    expect(duplicate).toMatchObject({
      source: 'video',
      duplicate: true,
      case: { id: filed.caseId, caseNo: filed.caseNo, status: 'reported' },
      category: { code: '0102' },
      districtName: '东区',
      via: null,
    });
    const drones = (await get(acceptor, '/api/field/intakes?source=drone')).json();
    expect(drones.items.map((i: { districtName: string }) => i.districtName)).toEqual(['西区']);
    expect((await get(acceptor, '/api/field/intakes?duplicate=true')).json().total).toBe(1);
    expect((await get(acceptor, '/api/field/intakes?from=2019-07-10')).json().total).toBe(0);
    expect((await get(acceptor, '/api/field/intakes?deviceId=CAM-0451')).json().total).toBe(1);
  });

  it('a district leader sees their district only; units and collectors are refused', async () => {
    const districtLeader = await t.loginAs('ld-dq');
    const page = (await get(districtLeader, '/api/field/intakes')).json();
    expect(page.total).toBe(2);
    expect(page.items.every((i: { districtName: string }) => i.districtName === '东区')).toBe(true);
    expect((await get(await t.loginAs('ld01'), '/api/field/intakes')).json().total).toBe(3);
    expect((await get(unit, '/api/field/intakes')).statusCode).toBe(403);
    expect((await get(jdy01, '/api/field/intakes')).statusCode).toBe(403);
    expect((await get({}, '/api/field/intakes')).statusCode).toBe(401);
  });

  it('bad filters are bilingual 400s', async () => {
    expectBilingual400(await get(acceptor, '/api/field/intakes?source=satellite'));
    expectBilingual400(await get(acceptor, '/api/field/intakes?duplicate=maybe'));
    expectBilingual400(await get(acceptor, '/api/field/intakes?from=2019-07-10&to=2019-07-01'));
    expectBilingual400(await get(acceptor, '/api/field/intakes?pageSize=500'));
  });
});
