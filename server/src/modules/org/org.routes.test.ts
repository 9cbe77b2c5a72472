import type { Role } from '@cityloop/contracts/roles';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../platform/db/database.js';
import { handleError } from '../../platform/http/error-handler.js';
import type { App, AppDeps } from '../../platform/http/server-types.js';
import { seedDemoGeography } from '../geo/index.js';
import { registerOrgRoutes } from './org.routes.js';
import { seedDemoUnits } from './org.service.js';

// A bare app with only the org routes; the x-test-role header stands in for a session.
const CITY = '510400';
let db: Db;
let close: () => Promise<void>;
let app: App;
const as = (role: Role) => ({ 'x-test-role': role });

beforeAll(async () => {
  const opened = await openDatabase({ inMemory: true });
  db = opened.db;
  close = opened.close;
  await db.insertInto('cities').values({ code: CITY, name: '攀枝花市' }).execute();
  await seedDemoGeography(db, CITY);
  await seedDemoUnits(db, CITY);
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
        login: `test-${role}`,
        role: role as Role,
        cityCode: CITY,
        unitId: null,
        regionId: null,
      };
    }
  });
  registerOrgRoutes(app, { db } as unknown as AppDeps);
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await close();
});

describe('org routes', () => {
  it('GET /api/units lists for any logged-in user, filtered by kind', async () => {
    const response = await app.inject({
      url: '/api/units?kind=district_government&pageSize=50',
      headers: as('dispatcher'),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ total: 7, page: 1, pageSize: 50 });
    expect((await app.inject({ url: '/api/units' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/units?kind=bad', headers: as('dispatcher') })).statusCode).toBe(
      400,
    );
  });

  it('GET /api/units/lookup finds seed spellings; a miss is a bilingual 404', async () => {
    const found = await app.inject({
      url: `/api/units/lookup?name=${encodeURIComponent('东\u00a0 区')}`,
      headers: as('acceptor'),
    });
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({ name: '东区政府', kind: 'district_government' });
    const miss = await app.inject({
      url: `/api/units/lookup?name=${encodeURIComponent('无此单位')}`,
      headers: as('acceptor'),
    });
    expect(miss.statusCode).toBe(404);
    expect(miss.json().error.message).toContain('无此单位');
    expect(miss.json().error.messageEn).toContain('无此单位');
  });

  it('GET /api/units/:id', async () => {
    const { id } = (
      await app.inject({
        url: `/api/units/lookup?name=${encodeURIComponent('市交通局')}`,
        headers: as('acceptor'),
      })
    ).json() as { id: string };
    const response = await app.inject({ url: `/api/units/${id}`, headers: as('acceptor') });
    expect(response.json()).toMatchObject({ id, name: '市交通运输局' });
    expect((await app.inject({ url: `/api/units/${uuidv7()}`, headers: as('acceptor') })).statusCode).toBe(
      404,
    );
    expect((await app.inject({ url: '/api/units/123', headers: as('acceptor') })).statusCode).toBe(400);
  });

  it('POST and PATCH /api/units are for admins; clashes are 409', async () => {
    const payload = { name: '市林业局', kind: 'city_department', aliases: ['林业局'] };
    expect(
      (await app.inject({ method: 'POST', url: '/api/units', payload, headers: as('dispatcher') }))
        .statusCode,
    ).toBe(403);
    const created = await app.inject({ method: 'POST', url: '/api/units', payload, headers: as('admin') });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    const clash = await app.inject({
      method: 'PATCH',
      url: `/api/units/${id}`,
      payload: { aliases: ['市交通局'] },
      headers: as('admin'),
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toMatchObject({ code: 'UNIT_NAME_TAKEN' });
    const ok = await app.inject({
      method: 'PATCH',
      url: `/api/units/${id}`,
      payload: { active: false },
      headers: as('admin'),
    });
    expect(ok.json()).toMatchObject({ active: false, aliases: ['林业局'] });
  });
});
