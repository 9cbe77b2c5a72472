import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findUserIdByLogin } from '../src/modules/users/index.js';
import { moveOk, pointIn, uploadPhoto } from './support/case-helpers.js';
import {
  act,
  actOk,
  type Cookie,
  expectBilingual,
  FULL_PHONE,
  getOrder,
  receive,
} from './support/hotline-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// A local webhook receiver on 127.0.0.1: records what it gets, answers 200 or 500 on demand.
const received: { body: string }[] = [];
let failNext = false;
let server: Server;
let t: TestApp;
const as: Record<string, Cookie> = {};
let cityManagement: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ body });
      res.statusCode = failNext ? 500 : 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.CITYLOOP_ALERT_WEBHOOK_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`;
  t = await startTestApp();
  delete process.env.CITYLOOP_ALERT_WEBHOOK_URL;
});
beforeEach(async () => {
  for (const login of ['rx01', 'zbz01', 'pqy01', 'slj01', 'cgj01', 'jdy01', 'ld01'])
    as[login] = await t.loginAs(login);
  cityManagement = (
    await t.database.db
      .selectFrom('units')
      .select('id')
      .where('name', '=', '市城市管理行政执法局')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => server.close(resolve));
});

const user = (login: string) => as[login] as Cookie;

describe('knowledge base (知识库)', () => {
  it('finds "生活垃圾清运时间安排" for the query "垃圾 清运 时间"', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/hotline/articles?q=${encodeURIComponent('垃圾 清运 时间')}`,
      headers: user('rx01'),
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { items: { title: string }[]; tokens: string[] };
    expect(body.tokens).toEqual(['垃圾', '清运', '时间']);
    expect(body.items.map((a) => a.title)).toContain('生活垃圾清运时间安排');
    const none = await t.app.inject({
      method: 'GET',
      url: `/api/hotline/articles?q=${encodeURIComponent('社保卡 垃圾')}`,
      headers: user('rx01'),
    });
    expect((none.json() as { items: unknown[] }).items).toEqual([]);
  });

  it('keeps place names whole, honours validity dates and refuses bad input', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/hotline/articles',
      headers: user('rx01'),
      payload: {
        title: '新源路金碧天下小区临时停水通知',
        body: '因管网维修，东区新源路金碧天下小区7月10日临时停水。',
        tags: ['停水'],
        validFrom: '2019-07-01',
        validTo: '2019-07-31',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { id: string }).id;
    const row = await t.database.db
      .selectFrom('hotlineArticles')
      .select('searchTokens')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.searchTokens).toEqual(expect.arrayContaining(['新源路', '金碧天下', '停水']));
    const search = (q: string, validOn?: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/hotline/articles?q=${encodeURIComponent(q)}${validOn ? `&validOn=${validOn}` : ''}`,
        headers: user('rx01'),
      });
    const titles = async (q: string, validOn?: string) =>
      ((await search(q, validOn)).json() as { items: { id: string }[] }).items.map((a) => a.id);
    expect(await titles('金碧天下 停水')).toContain(id);
    expect(await titles('金碧天下 停水', '2019-07-09')).toContain(id);
    expect(await titles('金碧天下 停水', '2019-08-15')).not.toContain(id);

    expectBilingual(
      await t.app.inject({
        method: 'POST',
        url: '/api/hotline/articles',
        headers: user('rx01'),
        payload: { title: '', body: 'x' },
      }),
      400,
    );
    expectBilingual(
      await t.app.inject({
        method: 'POST',
        url: '/api/hotline/articles',
        headers: user('rx01'),
        payload: { title: 't', body: 'b', validFrom: '2019-08-01', validTo: '2019-07-01' },
      }),
      422,
    );
    expectBilingual(
      await t.app.inject({ method: 'GET', url: '/api/hotline/articles?q=x', headers: user('cgj01') }),
      403,
    );
  });
});

describe('emergency reports (突发事件信息报告)', () => {
  it('raises an alert at once, posts it to the webhook without the caller’s contacts, and keeps it on the board until acknowledged', async () => {
    const before = received.length;
    const order = await receive(t, user('rx01'), {
      appealType: 'help',
      subjectCode: 'GA03',
      emergency: 'geological',
      content: '仁和区和苑路山体滑坡，有落石',
      address: '仁和区和苑路大河中学门前',
      callerPhone: '13655556666',
    });
    expect(received.length).toBe(before + 1);
    const payload = JSON.parse(received.at(-1)?.body ?? '{}') as { orderNo: string; emergency: string };
    expect(payload).toMatchObject({
      type: 'hotline.emergency',
      orderNo: order.orderNo,
      emergency: 'geological',
    });
    expect(received.at(-1)?.body).not.toMatch(FULL_PHONE);

    const board = await t.app.inject({ method: 'GET', url: '/api/hotline/alerts', headers: user('ld01') });
    expect(board.statusCode, board.body).toBe(200);
    const alert = (
      board.json() as {
        items: { id: string; orderId: string; webhookStatus: string; webhookHttpStatus: number }[];
      }
    ).items.find((a) => a.orderId === order.id);
    expect(alert).toMatchObject({ webhookStatus: 'sent', webhookHttpStatus: 200 });

    expectBilingual(
      await t.app.inject({
        method: 'POST',
        url: `/api/hotline/alerts/${alert?.id}/ack`,
        headers: user('rx01'),
        payload: {},
      }),
      403,
    );
    const ack = await t.app.inject({
      method: 'POST',
      url: `/api/hotline/alerts/${alert?.id}/ack`,
      headers: user('ld01'),
      payload: { note: '已通知仁和区防汛办' },
    });
    expect(ack.statusCode, ack.body).toBe(200);
    expect((ack.json() as { acknowledgedAt: string | null }).acknowledgedAt).not.toBeNull();
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/hotline/alerts/${alert?.id}/ack`,
      headers: user('zbz01'),
      payload: {},
    });
    expect(expectBilingual(again, 409).code).toBe('ALREADY_ACKNOWLEDGED');
    const open = await t.app.inject({ method: 'GET', url: '/api/hotline/alerts', headers: user('zbz01') });
    expect(
      (open.json() as { items: { id: string }[] }).items.find((a) => a.id === alert?.id),
    ).toBeUndefined();
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select('action')
      .where('objectId', '=', alert?.id as string)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['hotline.alert_ack']);
  });

  it('records a failed webhook delivery on the alert, never silently', async () => {
    failNext = true;
    const order = await receive(t, user('rx01'), {
      appealType: 'help',
      emergency: 'gas',
      content: '东区江边街燃气泄漏',
    });
    failNext = false;
    const alert = await t.database.db
      .selectFrom('hotlineAlerts')
      .selectAll()
      .where('orderId', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(alert).toMatchObject({
      webhookStatus: 'failed',
      webhookHttpStatus: 500,
      webhookError: 'HTTP 500',
    });
    // The emergency runs on the same-day limit once transferred.
    const sent = await actOk(t, user('rx01'), order.id, 'transfer', { leadUnitId: cityManagement });
    expect(new Date(sent.deadlineAt as string).toISOString()).toBe('2019-07-09T16:00:00.000Z');
  });
});

describe('conversion into a 数字城管 case', () => {
  it('converts a city-management order into a case and replies it automatically when the case closes', async () => {
    const order = await receive(t, user('rx01'), { subjectCode: 'SR01', ...pointIn('东区') });
    const converted = await actOk(t, user('rx01'), order.id, 'convert');
    expect(converted.status).toBe('converted');
    expect(converted.caseNo).toMatch(/^E20190709\d{5}$/);
    const caseId = converted.caseId as string;
    const reported = await t.app.inject({
      method: 'GET',
      url: `/api/cases/${caseId}`,
      headers: user('zbz01'),
    });
    expect((reported.json() as { source: string }).source).toBe('hotline');

    await moveOk(t, user('zbz01'), caseId, 'file');
    await moveOk(t, user('pqy01'), caseId, 'dispatch', { unitId: cityManagement });
    expect((await uploadPhoto(t, user('cgj01'), caseId, 'dispose')).statusCode).toBe(201);
    await moveOk(t, user('cgj01'), caseId, 'dispose', { note: '已清理' });
    const collector = (await findUserIdByLogin(t.database.db, 'jdy01')) as string;
    await moveOk(t, user('slj01'), caseId, 'request_check', { assigneeId: collector });
    await moveOk(t, user('jdy01'), caseId, 'check_pass');
    expect((await getOrder(t, user('rx01'), order.id)).body.status).toBe('converted');
    await moveOk(t, user('zbz01'), caseId, 'close');

    const replied = (await getOrder(t, user('rx01'), order.id)).body;
    expect(replied.status).toBe('replied');
    expect(replied.log.at(-1)).toMatchObject({
      action: 'case_closed',
      fromStatus: 'converted',
      toStatus: 'replied',
    });
    const archived = await actOk(t, user('rx01'), order.id, 'callback', {
      unitSatisfaction: 'satisfied',
      agentSatisfaction: 'satisfied',
    });
    expect(archived.status).toBe('archived');
  });

  it('refuses to convert an order whose subject is not a city-management matter, changing nothing', async () => {
    const order = await receive(t, user('rx01'), { subjectCode: 'JT02', ...pointIn('东区') });
    const refused = await act(t, user('rx01'), order.id, 'convert');
    expectBilingual(refused, 422);
    const unlocated = await receive(t, user('rx01'), { subjectCode: 'SR01' });
    expectBilingual(await act(t, user('rx01'), unlocated.id, 'convert'), 422);
    const after = await getOrder(t, user('rx01'), order.id);
    expect(after.body).toMatchObject({ status: 'received', version: 1, caseId: null });
  });
});
