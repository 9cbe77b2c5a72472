import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import type { Db } from '../../platform/db/database.js';
import { findCategory } from './taxonomy.service.js';

// The real app on a seeded database (the demo category dictionary of 510400), with real demo logins.
const CITY = '510400';
let t: TestApp;
let app: TestApp['app'];
let db: Db;
type Session = { cookie: string };
let admin: Session;
let collector: Session;
let acceptor: Session;
let dispatcher: Session;
let shiftLead: Session;
let unitStaff: Session;

beforeAll(async () => {
  t = await startTestApp({ kind: 'seeded' });
  app = t.app;
  db = t.database.db;
  admin = await t.loginAs('admin');
  collector = await t.loginAs('jdy01');
  acceptor = await t.loginAs('slj01');
  dispatcher = await t.loginAs('pqy01');
  shiftLead = await t.loginAs('zbz01');
  unitStaff = await t.loginAs('cgj01');
});

afterAll(async () => {
  await t.close();
});

describe('GET /api/categories', () => {
  it('needs a login', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/categories' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
  });

  it('lists for any role, filtered by kind, major and text', async () => {
    const all = await app.inject({ method: 'GET', url: '/api/categories', headers: collector });
    expect(all.statusCode).toBe(200);
    expect(all.json().items).toHaveLength(151);

    const ext = await app.inject({
      method: 'GET',
      url: '/api/categories?kind=event&majorCode=06',
      headers: unitStaff,
    });
    expect(ext.json().items.map((c: { name: string }) => c.name)).toContain('共享单车乱停放');

    const q = await app.inject({
      method: 'GET',
      url: `/api/categories?q=${encodeURIComponent('暴露')}`,
      headers: acceptor,
    });
    expect(q.json().items).toEqual([expect.objectContaining({ code: '0102', name: '暴露垃圾' })]);
    const limits = q.json().items[0].timeLimits;
    expect(limits.request_check).toEqual({ amount: 30, unit: 'minute' });
  });

  it('returns the tree with tree=1', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/categories?tree=1&kind=part',
      headers: collector,
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
      headers: collector,
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
      headers: collector,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: '暴露垃圾', majorName: '市容环境' });
    const missing = await app.inject({
      method: 'GET',
      url: `/api/categories/${uuidv7()}`,
      headers: collector,
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
      headers: dispatcher,
      payload: { name: '路灯杆' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('answers bad limits and identity fields with 422 in both languages', async () => {
    const row = await findCategory(db, CITY, 'part', '0118');
    const noDispose = await app.inject({
      method: 'PATCH',
      url: `/api/categories/${row?.id}`,
      headers: admin,
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
      headers: admin,
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
      headers: admin,
      payload: {
        timeLimits: { ...row?.timeLimits, dispose: { amount: 2, unit: 'day' } },
        expectedVersion: row?.version,
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      version: (row?.version ?? 0) + 1,
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
      headers: shiftLead,
      payload: body,
    });
    expect(denied.statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/categories', payload: body })).statusCode).toBe(
      401,
    );
    const created = await app.inject({
      method: 'POST',
      url: '/api/categories',
      headers: admin,
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
      headers: admin,
      payload: body,
    });
    expect(again.statusCode).toBe(409);
  });

  it('answers a bad unit of time with 422', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/categories',
      headers: admin,
      payload: { ...body, code: '0710', timeLimits: { dispose: { amount: 5, unit: 'week' } } },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toBe('处置时限的单位须为 minute、hour、day 之一');
  });
});

it('documents the routes in OpenAPI (zod schemas convert)', async () => {
  const response = await app.inject({ url: '/docs/json' });
  expect(response.statusCode).toBe(200);
  const spec = response.json() as { paths: Record<string, Record<string, unknown>> };
  expect(Object.keys(spec.paths)).toEqual(
    expect.arrayContaining(['/api/categories', '/api/categories/{id}']),
  );
  expect(Object.keys(spec.paths['/api/categories/{id}'] ?? {})).toEqual(
    expect.arrayContaining(['get', 'patch']),
  );
});
