import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/modules/users/index.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const login = (loginName: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: loginName, password } });

describe('login, lockout and sessions', () => {
  it('logs in with an HTTP-only cookie and answers who I am', async () => {
    const response = await login('pqy01', DEMO_PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    const token = response.json().token as string;
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `cityloop_session=${token}` },
    });
    expect(me.json()).toMatchObject({ login: 'pqy01', role: 'dispatcher' });
    const bearer = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bearer.statusCode).toBe(200);
  });

  it('gives unknown logins and wrong passwords the same answer', async () => {
    const unknown = await login('nobody', 'Whatever#123');
    const wrong = await login('zbz01', 'Whatever#123');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('locks an account after five failures, even for the right password, and unlocks after the lock time', async () => {
    for (let i = 0; i < 5; i++) expect((await login('slj01', 'Wrong#pass1')).statusCode).toBe(401);
    const locked = await login('slj01', DEMO_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.message).toContain('账户已锁定');
    expect(locked.json().error.messageEn).toContain('locked');
    const rows = await t.database.db
      .selectFrom('auditLog')
      .select(['action', 'success'])
      .where('login', '=', 'slj01')
      .orderBy('id')
      .execute();
    expect(rows.filter((r) => !r.success)).toHaveLength(6);
    expect(rows.some((r) => r.action === 'lockout')).toBe(true);
    t.clock.advanceMinutes(16);
    expect((await login('slj01', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('ends a session after 30 idle minutes and at logout', async () => {
    const token = (await login('ld01', DEMO_PASSWORD)).json().token as string;
    const headers = { cookie: `cityloop_session=${token}` };
    t.clock.advanceMinutes(29);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(200);
    t.clock.advanceMinutes(31);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(401);

    const again = (await login('ld01', DEMO_PASSWORD)).json().token as string;
    const h2 = { cookie: `cityloop_session=${again}` };
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: h2 })).statusCode).toBe(
      200,
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: h2 })).statusCode).toBe(401);
  });

  it('keeps the audit log append-only', async () => {
    await expect(t.database.db.updateTable('auditLog').set({ action: 'x' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(t.database.db.deleteFrom('auditLog').execute()).rejects.toThrow(/append-only/);
  });

  it('lets an admin create users with strong passwords only, and ends sessions of a disabled user', async () => {
    const admin = { cookie: `cityloop_session=${(await login('admin', DEMO_PASSWORD)).json().token}` };
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { login: 'newbie', displayName: '新人', role: 'acceptor', password: 'password' },
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.message).toContain('密码');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { login: 'newbie', displayName: '新人', role: 'acceptor', password: 'Strong#Pass9' },
    });
    expect(created.statusCode).toBe(201);
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { login: 'newbie', displayName: '新人', role: 'acceptor', password: 'Strong#Pass9' },
    });
    expect(dup.statusCode).toBe(409);
    const staffWithoutUnit = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { login: 'staff2', displayName: '单位', role: 'unit_staff', password: 'Strong#Pass9' },
    });
    expect(staffWithoutUnit.statusCode).toBe(422);

    const token = (await login('newbie', 'Strong#Pass9')).json().token as string;
    const id = created.json().id as string;
    const disable = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: admin,
      payload: { active: false },
    });
    expect(disable.statusCode).toBe(200);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `cityloop_session=${token}` },
    });
    expect(me.statusCode).toBe(401);
  });
});
