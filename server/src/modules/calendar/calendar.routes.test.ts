import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

// The real app on a seeded database (the 510400 calendar 2004–2026 with default settings),
// with real demo logins; the clock stands at Monday 2019-09-30 16:00 in Beijing.
const NOW = '2019-09-30T08:00:00Z';

let t: TestApp;
let app: TestApp['app'];
type Session = { cookie: string };
let admin: Session;
let collector: Session;
let acceptor: Session;
let dispatcher: Session;

beforeAll(async () => {
  t = await startTestApp({ kind: 'seeded', start: NOW });
  app = t.app;
  admin = await t.loginAs('admin');
  collector = await t.loginAs('jdy01');
  acceptor = await t.loginAs('slj01');
  dispatcher = await t.loginAs('pqy01');
});

afterAll(async () => {
  await t.close();
});

describe('calendar routes', () => {
  it('requires a login to read a year, then serves it to any role', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/api/calendar/2019' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });

    const response = await app.inject({ method: 'GET', url: '/api/calendar/2019', headers: collector });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ year: 2019, known: true, warningShare: 0.8 });
    expect(body.days).toContainEqual({ day: '2019-10-12', kind: 'workday', name: '国庆节' });
  });

  it('previews a deadline, from now when no start is given', async () => {
    const explicit = await app.inject({
      method: 'GET',
      url: `/api/calendar/deadline?start=${encodeURIComponent('2019-09-30T16:00:00+08:00')}&amount=4&unit=hour`,
      headers: acceptor,
    });
    expect(explicit.statusCode, explicit.body).toBe(200);
    expect(explicit.json()).toEqual({ at: '2019-10-08T02:30:00.000Z', estimated: false });

    const fromNow = await app.inject({
      method: 'GET',
      url: '/api/calendar/deadline?amount=4&unit=hour',
      headers: acceptor,
    });
    expect(fromNow.json()).toEqual(explicit.json());

    const bad = await app.inject({
      method: 'GET',
      url: '/api/calendar/deadline?amount=-1&unit=week',
      headers: acceptor,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('lets only an admin set a day', async () => {
    const payload = { kind: 'holiday', name: '测试假日' };
    const denied = await app.inject({
      method: 'PUT',
      url: '/api/calendar/days/2026-12-31',
      headers: dispatcher,
      payload,
    });
    expect(denied.statusCode).toBe(403);

    const ok = await app.inject({
      method: 'PUT',
      url: '/api/calendar/days/2026-12-31',
      headers: admin,
      payload,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ day: '2026-12-31', ...payload });

    const cleared = await app.inject({
      method: 'PUT',
      url: '/api/calendar/days/2026-12-31',
      headers: admin,
      payload: { kind: null },
    });
    expect(cleared.json()).toEqual({ day: '2026-12-31', kind: null, name: '' });

    const impossible = await app.inject({
      method: 'PUT',
      url: '/api/calendar/days/2026-02-30',
      headers: admin,
      payload,
    });
    expect(impossible.statusCode).toBe(400);
  });

  it('imports a year and answers a day outside it with a bilingual 422', async () => {
    const outside = await app.inject({
      method: 'POST',
      url: '/api/calendar/years/2027/import',
      headers: admin,
      payload: { days: [{ day: '2026-12-31', kind: 'holiday' }] },
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.message).toContain('不属于该年');
    expect(outside.json().error.messageEn).toContain('not in that year');

    const ok = await app.inject({
      method: 'POST',
      url: '/api/calendar/years/2027/import',
      headers: admin,
      payload: { days: [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }] },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ year: 2027, holidays: 1, workdays: 0 });

    const payload = { days: [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }] };
    const url = '/api/calendar/years/2027/import';
    expect((await app.inject({ method: 'POST', url, headers: dispatcher, payload })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url, payload })).statusCode).toBe(401);
  });

  it('updates settings: 400 for a malformed body, 422 for overlapping periods', async () => {
    const url = '/api/calendar/settings';
    const periods = [
      { start: '08:30', end: '12:00' },
      { start: '14:30', end: '18:00' },
    ];
    const malformed = await app.inject({
      method: 'PUT',
      url,
      headers: admin,
      payload: { workPeriods: periods, warningShare: 1.5 },
    });
    expect(malformed.statusCode).toBe(400);
    const overlapping = await app.inject({
      method: 'PUT',
      url,
      headers: admin,
      payload: { workPeriods: [...periods].reverse(), warningShare: 0.8 },
    });
    expect(overlapping.statusCode).toBe(422);
    const ok = await app.inject({
      method: 'PUT',
      url,
      headers: admin,
      payload: { workPeriods: periods, warningShare: 0.7 },
    });
    expect(ok.json()).toEqual({ workPeriods: periods, warningShare: 0.7 });
    expect(
      (
        await app.inject({
          method: 'PUT',
          url,
          headers: dispatcher,
          payload: { workPeriods: periods, warningShare: 0.8 },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: 'PUT', url, payload: { workPeriods: periods, warningShare: 0.8 } }))
        .statusCode,
    ).toBe(401);
    // Back to the seeded default, so no other test in this file sees this one's settings.
    const restored = await app.inject({
      method: 'PUT',
      url,
      headers: admin,
      payload: { workPeriods: periods, warningShare: 0.8 },
    });
    expect(restored.json()).toEqual({ workPeriods: periods, warningShare: 0.8 });
  });

  it('documents every route in the OpenAPI document', async () => {
    const response = await app.inject({ url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys((response.json() as { paths?: Record<string, unknown> }).paths ?? {});
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/calendar/{year}',
        '/api/calendar/days/{day}',
        '/api/calendar/years/{year}/import',
        '/api/calendar/settings',
        '/api/calendar/deadline',
      ]),
    );
  });
});
