import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

// The real app on a seeded database (demo units of 510400), with real demo logins.
let t: TestApp;
let admin: { cookie: string };
let dispatcher: { cookie: string };
let acceptor: { cookie: string };

beforeAll(async () => {
  t = await startTestApp({ kind: 'seeded' });
  admin = await t.loginAs('admin');
  dispatcher = await t.loginAs('pqy01');
  acceptor = await t.loginAs('slj01');
});

afterAll(async () => {
  await t.close();
});

describe('org routes', () => {
  it('GET /api/units lists for any logged-in user, filtered by kind', async () => {
    const response = await t.app.inject({
      url: '/api/units?kind=district_government&pageSize=50',
      headers: dispatcher,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ total: 7, page: 1, pageSize: 50 });
    expect((await t.app.inject({ url: '/api/units' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/units?kind=bad', headers: dispatcher })).statusCode).toBe(400);
  });

  it('GET /api/units/lookup finds seed spellings; a miss is a bilingual 404', async () => {
    const found = await t.app.inject({
      url: `/api/units/lookup?name=${encodeURIComponent('东\u00a0 区')}`,
      headers: acceptor,
    });
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({ name: '东区政府', kind: 'district_government' });
    const miss = await t.app.inject({
      url: `/api/units/lookup?name=${encodeURIComponent('无此单位')}`,
      headers: acceptor,
    });
    expect(miss.statusCode).toBe(404);
    expect(miss.json().error.message).toContain('无此单位');
    expect(miss.json().error.messageEn).toContain('无此单位');
  });

  it('GET /api/units/:id', async () => {
    const { id } = (
      await t.app.inject({
        url: `/api/units/lookup?name=${encodeURIComponent('市交通局')}`,
        headers: acceptor,
      })
    ).json() as { id: string };
    const response = await t.app.inject({ url: `/api/units/${id}`, headers: acceptor });
    expect(response.json()).toMatchObject({ id, name: '市交通运输局' });
    expect((await t.app.inject({ url: `/api/units/${uuidv7()}`, headers: acceptor })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/units/123', headers: acceptor })).statusCode).toBe(400);
  });

  it('POST and PATCH /api/units are for admins; clashes are 409', async () => {
    const payload = { name: '市林业局', kind: 'city_department', aliases: ['林业局'] };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/units', payload, headers: dispatcher })).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/units', payload })).statusCode).toBe(401);
    const created = await t.app.inject({ method: 'POST', url: '/api/units', payload, headers: admin });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/units/${id}`,
          payload: { active: false },
          headers: dispatcher,
        })
      ).statusCode,
    ).toBe(403);
    const clash = await t.app.inject({
      method: 'PATCH',
      url: `/api/units/${id}`,
      payload: { aliases: ['市交通局'] },
      headers: admin,
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toMatchObject({ code: 'UNIT_NAME_TAKEN' });
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/api/units/${id}`,
      payload: { active: false },
      headers: admin,
    });
    expect(ok.json()).toMatchObject({ active: false, aliases: ['林业局'] });
  });
});
