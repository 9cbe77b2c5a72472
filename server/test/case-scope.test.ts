import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getCase,
  move,
  moveOk,
  pointIn,
  reportAs,
  unitIdByName,
  uploadPhoto,
} from './support/case-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
const as: Record<string, { cookie: string }> = {};
const user = (login: string) => as[login] as { cookie: string };

beforeAll(async () => {
  t = await startTestApp();
  for (const login of [
    'jdy01',
    'jdy02',
    'slj01',
    'zbz01',
    'pqy01',
    'cgj01',
    'swj01',
    'ld-dq',
    'ld01',
    'admin',
  ]) {
    as[login] = await t.loginAs(login);
  }
});
afterAll(() => t.close());

describe('data scope and roles', () => {
  it('keeps unit B out of unit A’s case: no read, no action, no photo', async () => {
    const c = await reportAs(t, user('jdy01'));
    await moveOk(t, user('zbz01'), c.id, 'file');
    await moveOk(t, user('pqy01'), c.id, 'dispatch', {
      unitId: await unitIdByName(t, user('pqy01'), '市城市管理行政执法局'),
    });
    const photo = await uploadPhoto(t, user('cgj01'), c.id, 'dispose');
    expect(photo.statusCode).toBe(201);
    const photoUrl = photo.json().items[0].url as string;

    expect((await getCase(t, user('swj01'), c.id)).status).toBe(404);
    const act = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/transitions`,
      headers: user('swj01'),
      payload: { action: 'return', version: 4, note: '越权' },
    });
    expect(act.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: photoUrl, headers: user('swj01') })).statusCode).toBe(
      404,
    );
    expect((await t.app.inject({ method: 'GET', url: photoUrl })).statusCode).toBe(401);
    const own = await t.app.inject({ method: 'GET', url: photoUrl, headers: user('cgj01') });
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/png');

    const list = await t.app.inject({
      method: 'GET',
      url: '/api/cases?pageSize=200',
      headers: user('swj01'),
    });
    expect((list.json().items as { id: string }[]).some((i) => i.id === c.id)).toBe(false);
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/cases?queue=disposing',
      headers: user('cgj01'),
    });
    expect((mine.json().items as { id: string }[]).map((i) => i.id)).toContain(c.id);
    const after = (await getCase(t, user('pqy01'), c.id)).body;
    expect(after.version).toBe(3);
  });

  it('does not let a collector file, or see another collector’s report', async () => {
    const c = await reportAs(t, user('jdy01'));
    const filing = await move(t, user('jdy01'), c.id, 'file');
    expect(filing.statusCode).toBe(403);
    expect(filing.json().error.message).toBe('当前角色无权执行此操作');
    expect(filing.json().error.messageEn).toBe('your role is not allowed to do this');
    expect((await getCase(t, user('jdy02'), c.id)).status).toBe(404);
    expect((await getCase(t, user('slj01'), c.id)).body.version).toBe(1);
  });

  it('shows a district leader only the district', async () => {
    const east = await reportAs(t, user('jdy01'), pointIn('东区'));
    const west = await reportAs(t, user('jdy01'), pointIn('西区'));
    const seen = await t.app.inject({
      method: 'GET',
      url: '/api/cases?pageSize=200',
      headers: user('ld-dq'),
    });
    const ids = (seen.json().items as { id: string; districtName: string }[]).map((i) => i.id);
    expect(ids).toContain(east.id);
    expect(ids).not.toContain(west.id);
    expect((seen.json().items as { districtName: string }[]).every((i) => i.districtName === '东区')).toBe(
      true,
    );
    expect((await getCase(t, user('ld-dq'), west.id)).status).toBe(404);
    expect((await getCase(t, user('ld01'), west.id)).status).toBe(200);
  });

  it('refuses anonymous and wrong-role calls to every guarded route', async () => {
    for (const url of ['/api/cases', '/api/users', '/api/audit', '/api/auth/me']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    }
    for (const url of ['/api/users', '/api/audit']) {
      expect((await t.app.inject({ method: 'GET', url, headers: user('pqy01') })).statusCode, url).toBe(403);
      expect((await t.app.inject({ method: 'GET', url, headers: user('admin') })).statusCode, url).toBe(200);
    }
  });

  it('filters queues by district, category, source and date', async () => {
    const c = await reportAs(t, user('jdy01'), { ...pointIn('仁和区'), categoryCode: '0102' });
    const district = c.districtId as string;
    const list = async (query: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/cases?${query}`, headers: user('slj01') })).json() as {
        items: { id: string; gridCode: string }[];
        total: number;
      };
    expect((await list(`queue=to_accept&districtId=${district}`)).items.map((i) => i.id)).toContain(c.id);
    expect((await list('queue=to_accept&categoryCode=0101&kind=event')).items.map((i) => i.id)).not.toContain(
      c.id,
    );
    // A code with its kind is one category; a code alone may be an event's and a part's.
    const ofCategory = await list(`queue=to_accept&districtId=${district}&categoryCode=0102&kind=event`);
    expect(ofCategory.items.map((i) => i.id)).toContain(c.id);
    expect(ofCategory.total).toBe(ofCategory.items.length);
    expect((await list('queue=to_accept&categoryCode=0102&kind=part')).items.map((i) => i.id)).not.toContain(
      c.id,
    );
    expect((await list('queue=to_accept&categoryCode=0102')).items.map((i) => i.id)).toContain(c.id);
    expect(await list('queue=to_accept&categoryCode=9999&kind=event')).toMatchObject({ items: [], total: 0 });
    // A grid by its code: the case's own grid lists it, with every case shown in that grid.
    const gridCode = ofCategory.items.find((i) => i.id === c.id)?.gridCode;
    expect(gridCode).toMatch(/^[0-9]{15}$/);
    const inGrid = await list(`gridCode=${gridCode}`);
    expect(inGrid.items.map((i) => i.id)).toContain(c.id);
    expect(inGrid.items.every((i) => i.gridCode === gridCode)).toBe(true);
    expect(await list('gridCode=510402999999999')).toMatchObject({ items: [], total: 0 });
    expect((await list('source=video')).items.map((i) => i.id)).not.toContain(c.id);
    expect((await list('from=2019-07-09&to=2019-07-09')).items.map((i) => i.id)).toContain(c.id);
    expect((await list('from=2019-07-10')).items.map((i) => i.id)).not.toContain(c.id);
    const page = await list('pageSize=2&page=1');
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/cases?queue=nonsense',
      headers: user('slj01'),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.messageEn).toMatch(/invalid request/);
  });
});
