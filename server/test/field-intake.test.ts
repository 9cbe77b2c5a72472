import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoGeography } from '../src/modules/geo/index.js';
import { outsidePoint, PNG_1PX, pointIn, reportAs } from './support/case-helpers.js';
import { metricFrame } from './support/field-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Video and drone detections enter the 受理 queue; one next to an open case is flagged, not filed.

let t: TestApp;
let admin: { cookie: string };
let acceptor: { cookie: string };
let videoToken: string;
const east = pointIn('东区');
// Centres of three grids of one 东区 community (side by side, ~100 m apart).
const geography = demoGeography();
const eastCode = geography.regions.find((r) => r.level === 'district' && r.name === '东区')?.code;
const [g1, g2, g3] = geography.grids
  .filter((g) => g.districtCode === eastCode)
  .map((g) => ({ lng: (g.bbox[0] + g.bbox[2]) / 2, lat: (g.bbox[1] + g.bbox[3]) / 2 }));
if (!g1 || !g2 || !g3) throw new Error('demo grids missing');
const at = metricFrame(g1);

function form(fields: Record<string, string>, file: Buffer | null = PNG_1PX) {
  const boundary = `----intake${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="frame"; filename="frame.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      file,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const detection = (over: Record<string, string> = {}) => ({
  deviceId: 'CAM-0451',
  categoryCode: '0102',
  lng: String(east.lng),
  lat: String(east.lat),
  capturedAt: '2019-07-09T08:30:00+08:00',
  ...over,
});

function send(
  source: 'video' | 'drone',
  fields: Record<string, string>,
  auth: Record<string, string>,
  file?: Buffer | null,
) {
  const body = form(fields, file === undefined ? PNG_1PX : file);
  return t.app.inject({
    method: 'POST',
    url: `/api/intake/${source}`,
    headers: { ...body.headers, ...auth },
    payload: body.payload,
  });
}
const caseCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await startTestApp({ kind: 'seeded' });
  admin = await t.loginAs('admin');
  acceptor = await t.loginAs('slj01');
  const made = await t.app.inject({
    method: 'POST',
    url: '/api/field/intake-tokens',
    headers: admin,
    payload: { name: '东区视频平台', source: 'video', actingLogin: 'slj01' },
  });
  expect(made.statusCode, made.body).toBe(201);
  videoToken = made.json().token;
});
afterAll(async () => t.close());

describe('intake tokens', () => {
  it('only an active acceptor or shift lead can stand behind a token; only admins make them', async () => {
    const collector = await t.app.inject({
      method: 'POST',
      url: '/api/field/intake-tokens',
      headers: admin,
      payload: { name: 'x', source: 'drone', actingLogin: 'jdy01' },
    });
    expect(collector.statusCode).toBe(422);
    const notAdmin = await t.app.inject({
      method: 'POST',
      url: '/api/field/intake-tokens',
      headers: acceptor,
      payload: { name: 'x', source: 'drone', actingLogin: 'slj01' },
    });
    expect(notAdmin.statusCode).toBe(403);
    const list = await t.app.inject({ method: 'GET', url: '/api/field/intake-tokens', headers: admin });
    expect(list.json().items).toHaveLength(1);
    expect(JSON.stringify(list.json())).not.toContain(videoToken);
  });
});

describe('POST /api/intake/video and /api/intake/drone', () => {
  it('files a camera detection into the 受理 queue with its frame', async () => {
    const response = await send('video', detection(), { 'x-intake-token': videoToken });
    expect(response.statusCode, response.body).toBe(201);
    const outcome = response.json();
    expect(outcome).toMatchObject({ duplicate: false, replayed: false });
    const detail = (
      await t.app.inject({ method: 'GET', url: `/api/cases/${outcome.caseId}`, headers: acceptor })
    ).json();
    expect(detail).toMatchObject({ status: 'reported', source: 'video' });
    expect(detail.photos).toHaveLength(1);
    // Sent again (a retry): the same outcome, nothing new.
    const before = await caseCount();
    const retry = await send('video', detection(), { 'x-intake-token': videoToken });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ caseId: outcome.caseId, replayed: true });
    expect(await caseCount()).toBe(before);
  });

  it('flags a camera case 20 m from an open case of the same category instead of filing it', async () => {
    const [lng, lat] = at(0, 0);
    const open = await reportAs(t, acceptor, { lng, lat, categoryCode: '0505', description: '机动车乱停放' });
    const before = await caseCount();
    const [nearLng, nearLat] = at(20, 0);
    const response = await send(
      'video',
      detection({ deviceId: 'CAM-0452', categoryCode: '0505', lng: String(nearLng), lat: String(nearLat) }),
      { 'x-intake-token': videoToken },
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ duplicate: true, caseId: open.id, caseNo: open.caseNo });
    expect(response.json().distanceM).toBeCloseTo(20, 0);
    expect(await caseCount()).toBe(before);
    // Another category at the same place, or the same category a grid away, is a new case.
    const other = await send(
      'video',
      detection({ deviceId: 'CAM-0453', categoryCode: '0103', lng: String(nearLng), lat: String(nearLat) }),
      { 'x-intake-token': videoToken },
    );
    expect(other.statusCode, other.body).toBe(201);
    const far = await send(
      'video',
      detection({ deviceId: 'CAM-0454', categoryCode: '0505', lng: String(g2.lng), lat: String(g2.lat) }),
      { 'x-intake-token': videoToken },
    );
    expect(far.statusCode, far.body).toBe(201);
  });

  it('a logged-in acceptor may post a drone detection', async () => {
    const response = await send(
      'drone',
      detection({ deviceId: 'FLIGHT-20190709-01', lng: String(g3.lng), lat: String(g3.lat) }),
      acceptor,
    );
    expect(response.statusCode, response.body).toBe(201);
  });

  it('refuses wrong credentials and bad input, filing nothing', async () => {
    const before = await caseCount();
    const wrongSource = await send('drone', detection({ deviceId: 'X1' }), { 'x-intake-token': videoToken });
    expect(wrongSource.statusCode).toBe(403);
    expect(wrongSource.json().error.code).toBe('WRONG_INTAKE_SOURCE');
    expect(
      (await send('video', detection({ deviceId: 'X2' }), { 'x-intake-token': 'cli_nope' })).statusCode,
    ).toBe(401);
    expect((await send('video', detection({ deviceId: 'X3' }), {})).statusCode).toBe(401);
    expect((await send('video', detection({ deviceId: 'X4' }), await t.loginAs('jdy01'))).statusCode).toBe(
      403,
    );
    const noFrame = await send(
      'video',
      detection({ deviceId: 'X5' }),
      { 'x-intake-token': videoToken },
      null,
    );
    expect(noFrame.statusCode).toBe(400);
    const badCategory = await send('video', detection({ deviceId: 'X6', categoryCode: '9999' }), {
      'x-intake-token': videoToken,
    });
    expect(badCategory.statusCode).toBe(422);
    expect(badCategory.json().error).toMatchObject({
      message: expect.any(String),
      messageEn: expect.stringMatching(/category/),
    });
    const outside = outsidePoint();
    const away = await send(
      'video',
      detection({ deviceId: 'X7', lng: String(outside.lng), lat: String(outside.lat) }),
      { 'x-intake-token': videoToken },
    );
    expect(away.statusCode).toBe(422);
    const missing = await send('video', { deviceId: 'X8' }, { 'x-intake-token': videoToken });
    expect(missing.statusCode).toBe(400);
    const notAnImage = await send(
      'video',
      detection({ deviceId: 'X9' }),
      { 'x-intake-token': videoToken },
      Buffer.from('<html>'),
    );
    expect(notAnImage.statusCode).toBe(415);
    expect(await caseCount()).toBe(before);
  });

  it('counts detections per district and source for the quota indicators', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/field/reports/machine-intake?month=2019-07',
      headers: acceptor,
    });
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json().items as { source: string; filed: number; duplicates: number }[];
    const video = items.filter((i) => i.source === 'video');
    expect(video.reduce((s, i) => s + i.filed, 0)).toBe(3);
    expect(video.reduce((s, i) => s + i.duplicates, 0)).toBe(1);
    expect(items.filter((i) => i.source === 'drone').reduce((s, i) => s + i.filed, 0)).toBe(1);
  });

  it('a revoked token no longer works', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/field/intake-tokens', headers: admin });
    const id = list.json().items[0].id;
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/field/intake-tokens/${id}`, headers: admin }))
        .statusCode,
    ).toBe(204);
    expect(
      (await send('video', detection({ deviceId: 'Y1' }), { 'x-intake-token': videoToken })).statusCode,
    ).toBe(401);
  });
});
