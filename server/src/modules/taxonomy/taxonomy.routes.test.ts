import type { Role } from '@cityloop/contracts/roles';
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
import { localFileStore } from '../../platform/files/file-store.js';
import { handleError } from '../../platform/http/error-handler.js';
import type { App } from '../../platform/http/server-types.js';
import { registerTaxonomyRoutes } from './taxonomy.routes.js';
import { findCategory, seedDemoCategories } from './taxonomy.service.js';

const CITY = '510400';
let db: Db;
let close: () => Promise<void>;
let app: App;

// A bare app with this module's routes only: the real auth plugin belongs to the users module,
// so the actor comes from a test header instead of a session.
beforeAll(async () => {
  ({ db, close } = await openDatabase({ inMemory: true }));
  await db.insertInto('cities').values({ code: CITY, name: '攀枝花市' }).execute();
  await seedDemoCategories(db, CITY, async () => null);

  app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const role = request.headers['x-test-role'];
    request.actor =
      typeof role === 'string'
        ? { userId: uuidv7(), login: role, role: role as Role, cityCode: CITY, unitId: null, regionId: null }
        : null;
  });
  await app.register(swagger, {
    openapi: { info: { title: 't', version: '0' } },
    transform: jsonSchemaTransform,
  });
  registerTaxonomyRoutes(app, {
    db,
    files: localFileStore('/tmp/cityloop-taxonomy-unused'), // never written: these routes take no uploads
    config: {
      sessionIdleMinutes: 30,
      sessionMaxHours: 12,
      loginMaxFailures: 5,
      loginLockMinutes: 15,
      uploadMaxBytes: 1024,
      secureCookies: false,
    },
    now: () => new Date(),
  });
  await app.ready();
}, 120_000);

afterAll(async () => {
  await app.close();
  await close();
});

const as = (role: Role) => ({ 'x-test-role': role });

describe('GET /api/categories', () => {
  it('needs a login', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/categories' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
  });

  it('lists for any role, filtered by kind, major and text', async () => {
    const all = await app.inject({ method: 'GET', url: '/api/categories', headers: as('collector') });
    expect(all.statusCode).toBe(200);
    expect(all.json().items).toHaveLength(151);

    const ext = await app.inject({
      method: 'GET',
      url: '/api/categories?kind=event&majorCode=06',
      headers: as('unit_staff'),
    });
    expect(ext.json().items.map((c: { name: string }) => c.name)).toContain('共享单车乱停放');

    const q = await app.inject({
      method: 'GET',
      url: `/api/categories?q=${encodeURIComponent('暴露')}`,
      headers: as('acceptor'),
    });
    expect(q.json().items).toEqual([expect.objectContaining({ code: '0102', name: '暴露垃圾' })]);
    const limits = q.json().items[0].timeLimits;
    expect(limits.request_check).toEqual({ amount: 30, unit: 'minute' });
  });

  it('returns the tree with tree=1', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/categories?tree=1&kind=part',
      headers: as('collector'),
    });
    expect(response.statusCode).toBe(200);
    const { tree } = response.json();
    expect(tree).toHaveLength(1);
    expect(tree[0].label).toBe('部件');
    expect(tree[0].majors[0]).toMatchObject({ majorCode: '01', majorName: '公共设施' });
    expect(tree[0].majors.at(-1)).toMatchObject({ majorCode: '07', majorName: '扩展部件' });
  });

  it('rejects a malformed filter with 400', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/categories?kind=thing',
      headers: as('collector'),
    });
    expect(response.statusCode).toBe(400);
  });
});

describe('GET /api/categories/:id', () => {
  it('returns one category, 404 for an unknown id', async () => {
    const row = await findCategory(db, CITY, 'event', '0102');
    const ok = await app.inject({
      method: 'GET',
      url: `/api/categories/${row?.id}`,
      headers: as('collector'),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: '暴露垃圾', majorName: '市容环境' });
    const missing = await app.inject({
      method: 'GET',
      url: `/api/categories/${uuidv7()}`,
      headers: as('collector'),
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({
      message: '案件类别不存在',
      messageEn: 'category not found',
    });
  });
});

describe('PATCH /api/categories/:id', () => {
  it('is for admins only', async () => {
    const row = await findCategory(db, CITY, 'part', '0118');
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/categories/${row?.id}`,
      headers: as('dispatcher'),
      payload: { name: '路灯杆' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('answers bad limits and identity fields with 422 in both languages', async () => {
    const row = await findCategory(db, CITY, 'part', '0118');
    const noDispose = await app.inject({
      method: 'PATCH',
      url: `/api/categories/${row?.id}`,
      headers: as('admin'),
      payload: { timeLimits: { accept: { amount: 30, unit: 'minute' } } },
    });
    expect(noDispose.statusCode).toBe(422);
    expect(noDispose.json().error).toMatchObject({
      code: 'INVALID',
      message: '必须设置处置时限（dispose）',
      messageEn: 'a dispose (处置) time limit is required',
    });
    const code = await app.inject({
      method: 'PATCH',
      url: `/api/categories/${row?.id}`,
      headers: as('admin'),
      payload: { code: '0199' },
    });
    expect(code.statusCode).toBe(422);
    expect(await findCategory(db, CITY, 'part', '0118')).toEqual(row);
  });

  it('applies an admin edit and bumps the version', async () => {
    const row = await findCategory(db, CITY, 'part', '0118');
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/categories/${row?.id}`,
      headers: as('admin'),
      payload: {
        timeLimits: { ...row?.timeLimits, dispose: { amount: 2, unit: 'day' } },
        expectedVersion: row?.version,
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      version: 2,
      timeLimits: { dispose: { amount: 2, unit: 'day' } },
    });
  });
});

describe('POST /api/categories', () => {
  const body = {
    kind: 'part',
    majorCode: '07',
    code: '0709',
    name: '城市书房',
    filingStandard: '城市书房门窗、照明或借阅设备损坏，影响开放使用',
    closingStandard: '设施修复，城市书房恢复正常开放',
    timeLimits: { dispose: { amount: 5, unit: 'day' } },
  };

  it('creates for admins (201) and refuses others (403)', async () => {
    const denied = await app.inject({
      method: 'POST',
      url: '/api/categories',
      headers: as('shift_lead'),
      payload: body,
    });
    expect(denied.statusCode).toBe(403);
    const created = await app.inject({
      method: 'POST',
      url: '/api/categories',
      headers: as('admin'),
      payload: body,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      code: '0709',
      majorName: '扩展部件',
      scheme: 'local',
      version: 1,
    });
    const again = await app.inject({
      method: 'POST',
      url: '/api/categories',
      headers: as('admin'),
      payload: body,
    });
    expect(again.statusCode).toBe(409);
  });

  it('answers a bad unit of time with 422', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/categories',
      headers: as('admin'),
      payload: { ...body, code: '0710', timeLimits: { dispose: { amount: 5, unit: 'week' } } },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toBe('处置时限的单位须为 minute、hour、day 之一');
  });
});

it('documents the routes in OpenAPI (zod schemas convert)', () => {
  const spec = app.swagger() as { paths: Record<string, Record<string, unknown>> };
  expect(Object.keys(spec.paths)).toEqual(
    expect.arrayContaining(['/api/categories', '/api/categories/{id}']),
  );
  expect(Object.keys(spec.paths['/api/categories/{id}'] ?? {})).toEqual(
    expect.arrayContaining(['get', 'patch']),
  );
});
