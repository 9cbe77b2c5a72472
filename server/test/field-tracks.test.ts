import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointIn } from './support/case-helpers.js';
import { gridCodeAt, metricFrame, userId } from './support/field-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Tracks through the API: ingest (idempotent, filtered), the day's GeoJSON and the day report.

let t: TestApp;
let lead: { cookie: string };
let jdy01: { cookie: string };
let jdy02: { cookie: string };
let collectorId: string;
const origin = pointIn('东区');
const at = metricFrame(origin);
const DAY = '2019-07-09';
/** 08:10 Shanghai on the test day plus `s` seconds. */
const time = (s: number) => new Date(Date.parse('2019-07-09T00:10:00Z') + s * 1000).toISOString();
/** Walk east along the route at 1 m/s, a point every 10 m, from x = from to x = to. */
const walk = (from: number, to: number, startSecond: number) =>
  Array.from({ length: Math.round((to - from) / 10) + 1 }, (_, i) => {
    const [lng, lat] = at(from + i * 10, 0);
    return { t: time(startSecond + i * 10), lng, lat, accuracy: 8 };
  });

const post = (cookie: { cookie: string }, payload: object) =>
  t.app.inject({ method: 'POST', url: '/api/field/positions', headers: cookie, payload });
const storedPoints = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('trackPoints')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await startTestApp({ kind: 'seeded' });
  lead = await t.loginAs('zbz01');
  jdy01 = await t.loginAs('jdy01');
  jdy02 = await t.loginAs('jdy02');
  collectorId = await userId(t, 'jdy01');
  const profile = await t.app.inject({
    method: 'PUT',
    url: `/api/field/collectors/${collectorId}`,
    headers: lead,
    payload: {
      company: '攀枝花某信息采集公司',
      contractPackage: '第一合同包',
      deviceId: 'PAD-0001',
      route: [at(0, 0), at(1000, 0)],
      gridCodes: [await gridCodeAt(t, origin.lng, origin.lat)],
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
});
afterAll(async () => t.close());

describe('POST /api/field/positions', () => {
  it('stores a batch once: a retried batch id is answered from the first result', async () => {
    const batch = { deviceId: 'PAD-0001', batchId: 'batch-0001-abc', points: walk(0, 400, 0) };
    const first = await post(jdy01, batch);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ received: 41, stored: 41, duplicates: 0, replayed: false });
    const retry = await post(jdy01, batch);
    expect(retry.json()).toMatchObject({ received: 41, stored: 41, replayed: true });
    expect(await storedPoints()).toBe(41);
  });

  it('without a batch id, resent and overlapping points are skipped, not stored twice', async () => {
    // Out of order, overlapping the stored 300–400 m stretch and continuing to 720 m.
    const points = walk(300, 720, 300).reverse();
    const response = await post(jdy01, { deviceId: 'PAD-0001', points });
    expect(response.json()).toMatchObject({ received: 43, stored: 32, duplicates: 11, replayed: false });
    expect(await storedPoints()).toBe(73);
  });

  it('drops and counts a 500 km/h jump, a 2 km accuracy fix and a future timestamp', async () => {
    const [farLng, farLat] = at(720 + 1389, 0); // 1,389 m in 10 s = 500 km/h
    const [lng, lat] = at(720, 0);
    const response = await post(jdy01, {
      deviceId: 'PAD-0001',
      points: [
        { t: time(730), lng: farLng, lat: farLat },
        { t: time(740), lng, lat, accuracy: 2000 },
        { t: '2019-07-09T01:30:00Z', lng, lat }, // half an hour after the test clock
      ],
    });
    expect(response.json()).toMatchObject({
      received: 3,
      stored: 0,
      rejected: { speed: 1, accuracy: 1, future: 1, repeated: 0 },
    });
    expect(await storedPoints()).toBe(73);
  });

  it('refuses other roles, anonymous callers and malformed batches, storing nothing', async () => {
    const batch = { deviceId: 'PAD-0001', points: walk(800, 810, 800) };
    expect((await post(lead, batch)).statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/field/positions', payload: batch });
    expect(anonymous.statusCode).toBe(401);
    const empty = await post(jdy01, { deviceId: 'PAD-0001', points: [] });
    expect(empty.statusCode).toBe(400);
    const tooMany = await post(jdy01, {
      deviceId: 'PAD-0001',
      points: Array.from({ length: 5001 }, () => walk(0, 0, 0)[0]),
    });
    expect(tooMany.statusCode).toBe(400);
    const badLat = await post(jdy01, { deviceId: 'PAD-0001', points: [{ t: time(1), lng: 101, lat: 95 }] });
    expect(badLat.statusCode).toBe(400);
    expect(badLat.json().error.messageEn).toMatch(/lat/);
    expect(await storedPoints()).toBe(73);
  });
});

describe('a collector’s day', () => {
  it('the track is a GeoJSON LineString in time order', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/field/collectors/${collectorId}/track?day=${DAY}`,
      headers: lead,
    });
    expect(response.statusCode, response.body).toBe(200);
    const feature = response.json();
    expect(feature.geometry.type).toBe('LineString');
    expect(feature.geometry.coordinates).toHaveLength(73);
    expect(feature.properties.devices).toEqual(['PAD-0001']);
    expect([...feature.properties.times].sort()).toEqual(feature.properties.times);
  });

  it('the day report: 720 m walked covers exactly 75% of the 1 km route', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/field/collectors/${collectorId}/day?day=${DAY}`,
      headers: jdy01,
    });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report.coverage.coverage).toBeCloseTo(0.75, 4);
    expect(report.distanceM).toBeCloseTo(720, 0);
    expect(report.onlineMinutes).toBeCloseTo(12, 6);
    expect(report.shiftMinutes).toBe(240);
    expect(report.gaps).toBe(0);
    expect(report.threeFixed.otherDevicePoints).toBe(0);
    expect(report.rejected).toEqual({ speed: 1, accuracy: 1, future: 1, repeated: 0 });
    expect(report.contractPackage).toBe('第一合同包');
    // A wider buffer on request: the end of the track reaches further along the route.
    const wide = await t.app.inject({
      method: 'GET',
      url: `/api/field/collectors/${collectorId}/day?day=${DAY}&bufferM=80`,
      headers: jdy01,
    });
    expect(wide.json().coverage.coverage).toBeCloseTo(0.8, 4);
  });

  it('another device in the collector’s hands is a 三定 violation', async () => {
    const [lng, lat] = at(730, 0);
    await post(jdy01, { deviceId: 'PAD-0099', points: [{ t: time(730), lng, lat }] });
    const report = (
      await t.app.inject({
        method: 'GET',
        url: `/api/field/collectors/${collectorId}/day?day=${DAY}`,
        headers: lead,
      })
    ).json();
    expect(report.threeFixed).toMatchObject({ otherDevicePoints: 1, otherDevices: ['PAD-0099'] });
  });

  it('a collector may not read another collector’s track', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/field/collectors/${collectorId}/track?day=${DAY}`,
      headers: jdy02,
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.any(String),
      messageEn: expect.any(String),
    });
  });

  it('the daily sheet lists every collector; a device held by another collector is refused', async () => {
    const sheet = await t.app.inject({
      method: 'GET',
      url: `/api/field/reports/daily?day=${DAY}`,
      headers: lead,
    });
    expect(sheet.statusCode, sheet.body).toBe(200);
    expect(sheet.json().items.length).toBeGreaterThanOrEqual(2);
    const other = await userId(t, 'jdy02');
    const taken = await t.app.inject({
      method: 'PUT',
      url: `/api/field/collectors/${other}`,
      headers: lead,
      payload: { deviceId: 'PAD-0001' },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('DEVICE_TAKEN');
  });
});

describe('OpenAPI', () => {
  it('documents the field, intake and campaign routes', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths);
    for (const path of [
      '/api/field/positions',
      '/api/field/collectors/{userId}/day',
      '/api/intake/video',
      '/api/intake/drone',
      '/api/field/parts/import',
      '/api/field/campaigns/{id}/entries',
    ]) {
      expect(paths).toContain(path);
    }
  });
});
