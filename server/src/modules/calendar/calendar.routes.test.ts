import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../platform/db/database.js';
import type { FileStore } from '../../platform/files/file-store.js';
import { handleError } from '../../platform/http/error-handler.js';
import type { Actor, App, AppDeps } from '../../platform/http/server-types.js';
import { registerCalendarRoutes } from './calendar.routes.js';
import { seedCalendar } from './calendar.service.js';

const CITY = '510400';
const NOW = new Date('2019-09-30T08:00:00Z'); // Monday 16:00 in Beijing

// The calendar routes never touch files.
const noFiles: FileStore = {
  put: () => Promise.reject(new Error('not used')),
  get: () => Promise.reject(new Error('not used')),
  remove: () => Promise.reject(new Error('not used')),
};

let db: Db;
let close: (() => Promise<void>) | undefined;
let app: App;

// Stands in for the session hook: the role comes from a test header, the rest is fixed.
const as = (role: Actor['role']) => ({ 'x-test-role': role });

beforeAll(async () => {
  ({ db, close } = await openDatabase({ inMemory: true }));
  await db.insertInto('cities').values({ code: CITY, name: '攀枝花市' }).execute();
  await seedCalendar(db, CITY);
  const deps: AppDeps = {
    db,
    files: noFiles,
    config: {
      sessionIdleMinutes: 30,
      sessionMaxHours: 12,
      loginMaxFailures: 5,
      loginLockMinutes: 15,
      uploadMaxBytes: 1024,
      secureCookies: false,
    },
    now: () => NOW,
  };
  app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const role = request.headers['x-test-role'];
    if (typeof role === 'string') {
      request.actor = {
        userId: uuidv7(),
        login: role,
        role: role as Actor['role'],
        cityCode: CITY,
        unitId: null,
        regionId: null,
      };
    }
  });
  await app.register(swagger, {
    openapi: { info: { title: 'test', version: '0' } },
    transform: jsonSchemaTransform,
  });
  registerCalendarRoutes(app, deps);
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  // Optional: when opening the database failed there is nothing to close.
  await close?.();
});

describe('calendar routes', () => {
  it('requires a login to read a year, then serves it to any role', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/api/calendar/2019' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });

    const response = await app.inject({ method: 'GET', url: '/api/calendar/2019', headers: as('collector') });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ year: 2019, known: true, warningShare: 0.8 });
    expect(body.days).toContainEqual({ day: '2019-10-12', kind: 'workday', name: '国庆节' });
  });

  it('previews a deadline, from now when no start is given', async () => {
    const explicit = await app.inject({
      method: 'GET',
      url: `/api/calendar/deadline?start=${encodeURIComponent('2019-09-30T16:00:00+08:00')}&amount=4&unit=hour`,
      headers: as('acceptor'),
    });
    expect(explicit.statusCode, explicit.body).toBe(200);
    expect(explicit.json()).toEqual({ at: '2019-10-08T02:30:00.000Z', estimated: false });

    const fromNow = await app.inject({
      method: 'GET',
      url: '/api/calendar/deadline?amount=4&unit=hour',
      headers: as('acceptor'),
    });
    expect(fromNow.json()).toEqual(explicit.json());

    const bad = await app.inject({
      method: 'GET',
      url: '/api/calendar/deadline?amount=-1&unit=week',
      headers: as('acceptor'),
    });
    expect(bad.statusCode).toBe(400);
  });

  it('lets only an admin set a day', async () => {
    const payload = { kind: 'holiday', name: '测试假日' };
    const denied = await app.inject({
      method: 'PUT',
      url: '/api/calendar/days/2026-12-31',
      headers: as('dispatcher'),
      payload,
    });
    expect(denied.statusCode).toBe(403);

    const ok = await app.inject({
      method: 'PUT',
      url: '/api/calendar/days/2026-12-31',
      headers: as('admin'),
      payload,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ day: '2026-12-31', ...payload });

    const cleared = await app.inject({
      method: 'PUT',
      url: '/api/calendar/days/2026-12-31',
      headers: as('admin'),
      payload: { kind: null },
    });
    expect(cleared.json()).toEqual({ day: '2026-12-31', kind: null, name: '' });

    const impossible = await app.inject({
      method: 'PUT',
      url: '/api/calendar/days/2026-02-30',
      headers: as('admin'),
      payload,
    });
    expect(impossible.statusCode).toBe(400);
  });

  it('imports a year and answers a day outside it with a bilingual 422', async () => {
    const outside = await app.inject({
      method: 'POST',
      url: '/api/calendar/years/2027/import',
      headers: as('admin'),
      payload: { days: [{ day: '2026-12-31', kind: 'holiday' }] },
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.message).toContain('不属于该年');
    expect(outside.json().error.messageEn).toContain('not in that year');

    const ok = await app.inject({
      method: 'POST',
      url: '/api/calendar/years/2027/import',
      headers: as('admin'),
      payload: { days: [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }] },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ year: 2027, holidays: 1, workdays: 0 });
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
      headers: as('admin'),
      payload: { workPeriods: periods, warningShare: 1.5 },
    });
    expect(malformed.statusCode).toBe(400);
    const overlapping = await app.inject({
      method: 'PUT',
      url,
      headers: as('admin'),
      payload: { workPeriods: [...periods].reverse(), warningShare: 0.8 },
    });
    expect(overlapping.statusCode).toBe(422);
    const ok = await app.inject({
      method: 'PUT',
      url,
      headers: as('admin'),
      payload: { workPeriods: periods, warningShare: 0.7 },
    });
    expect(ok.json()).toEqual({ workPeriods: periods, warningShare: 0.7 });
  });

  it('documents every route in the OpenAPI document', () => {
    const paths = Object.keys(app.swagger().paths ?? {});
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
