import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { computeDeadline } from '../src/modules/calendar/index.js';
import { createUser, DEMO_PASSWORD } from '../src/modules/users/index.js';
import {
  act,
  actOk,
  type Cookie,
  expectBilingual,
  FULL_PHONE,
  getOrder,
  type OrderView,
  receive,
} from './support/hotline-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
const as: Record<string, Cookie> = {};
const unit: Record<string, string> = {};
const CITY = '510400';

beforeAll(async () => {
  t = await startTestApp();
  await createUser(t.database.db, null, CITY, {
    login: 'rx02',
    displayName: '第二坐席',
    role: 'hotline_agent',
    password: DEMO_PASSWORD,
    unitId: null,
    regionId: null,
  });
});
async function logEveryoneIn() {
  for (const login of ['rx01', 'rx02', 'zbz01', 'pqy01', 'cgj01', 'swj01', 'dq01', 'ld01', 'ld-dq', 'jdy01'])
    as[login] = await t.loginAs(login);
}
/** Moves the clock; sessions time out after 30 idle minutes, so everyone logs in again. */
async function advance(minutes: number) {
  t.clock.advanceMinutes(minutes);
  await logEveryoneIn();
}
beforeEach(async () => {
  await logEveryoneIn();
  for (const name of ['市城市管理行政执法局', '市水务集团', '东区政府']) {
    const found = await t.database.db
      .selectFrom('units')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    unit[name] = found.id;
  }
});
afterAll(() => t.close());

const user = (login: string) => as[login] as Cookie;
const cityManagement = () => unit.市城市管理行政执法局 as string;
const water = () => unit.市水务集团 as string;

async function counts() {
  const db = t.database.db;
  const one = async (table: 'hotline_orders' | 'hotline_order_log' | 'audit_log') =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db)).rows[0]?.n;
  return {
    orders: await one('hotline_orders'),
    log: await one('hotline_order_log'),
    audit: await one('audit_log'),
  };
}

async function transferredToCityManagement(extra: Record<string, unknown> = {}): Promise<OrderView> {
  const order = await receive(t, user('rx01'), extra);
  return actOk(t, user('rx01'), order.id, 'transfer', { leadUnitId: cityManagement() });
}

describe('receiving calls', () => {
  it('gives each order a readable number, the receiving agent as owner, and one log and audit row', async () => {
    const before = await counts();
    const order = await receive(t, user('rx01'));
    expect(order.orderNo).toMatch(/^RX20190709\d{5}$/);
    expect(order.status).toBe('received');
    expect(order.callerPhone).toBe('13812341234');
    expect(order.log.map((l) => l.action)).toEqual(['receive']);
    const after = await counts();
    expect(after).toEqual({
      orders: (before.orders ?? 0) + 1,
      log: (before.log ?? 0) + 1,
      audit: (before.audit ?? 0) + 1,
    });
    const next = await receive(t, user('rx01'));
    expect(Number(next.orderNo.slice(-5))).toBe(Number(order.orderNo.slice(-5)) + 1);
  });

  it('numbers calls taken at the same moment consecutively, none twice', async () => {
    const orders = await Promise.all(Array.from({ length: 10 }, () => receive(t, user('rx01'))));
    const numbers = orders.map((o) => Number(o.orderNo.slice(-5))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(10);
    expect((numbers.at(-1) ?? 0) - (numbers[0] ?? 0)).toBe(9);
  });

  it('records an invalid call with its reason and needs no content', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/hotline/orders',
      headers: user('rx01'),
      payload: { valid: false, invalidReason: 'silent', callerPhone: '13900001111' },
    });
    expect(response.statusCode, response.body).toBe(201);
    const order = response.json() as OrderView & { invalidReason: string };
    expect(order.status).toBe('invalid');
    expect(order.invalidReason).toBe('silent');
    expect(order.allowedActions).toEqual([]);
  });

  it('accepts an anonymous caller (phone and name are optional)', async () => {
    const order = await receive(t, user('rx01'), { callerName: undefined, callerPhone: undefined });
    expect(order.callerName).toBeNull();
    expect(order.callerPhone).toBeNull();
  });

  it('refuses bad input with a bilingual 4xx and changes nothing', async () => {
    const before = await counts();
    const post = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/hotline/orders', headers: user('rx01'), payload });
    const base = { appealType: 'complaint', content: '路灯不亮', callerPhone: '13812341234' };
    expectBilingual(await post({ ...base, content: '   ' }), 422);
    expectBilingual(await post({ ...base, appealType: 'gossip' }), 400);
    expectBilingual(await post({ ...base, callerPhone: '1381234' }), 400);
    expectBilingual(await post({ ...base, callerPhone: 'not-a-phone' }), 400);
    expectBilingual(await post({ ...base, subjectCode: 'NOPE' }), 422);
    expectBilingual(await post({ valid: false }), 422);
    expectBilingual(await post({ ...base, lng: 101.7 }), 400);
    expect(await counts()).toEqual(before);

    const order = await receive(t, user('rx01'));
    const mid = await counts();
    const missing = await act(t, user('rx01'), order.id, 'transfer', {
      leadUnitId: '0190a000-0000-7000-8000-000000000000',
    });
    expectBilingual(missing, 422);
    expectBilingual(await act(t, user('rx01'), order.id, 'transfer', {}), 422);
    expectBilingual(await act(t, user('rx01'), order.id, 'answer', { replyText: '' }), 422);
    expect(await counts()).toEqual(mid);
    expect((await getOrder(t, user('rx01'), order.id)).body.version).toBe(1);
  });

  it('refuses roles that do not take calls', async () => {
    for (const login of ['cgj01', 'ld01', 'jdy01']) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/hotline/orders',
        headers: user(login),
        payload: { appealType: 'consult', content: 'x' },
      });
      expectBilingual(response, 403);
    }
  });
});

describe('the branches of the lifecycle', () => {
  it('answers directly from the knowledge base, then calls back and archives', async () => {
    const articles = await t.app.inject({
      method: 'GET',
      url: '/api/hotline/articles?q=垃圾清运',
      headers: user('rx01'),
    });
    const article = (articles.json() as { items: { id: string }[] }).items[0];
    expect(article).toBeDefined();
    const order = await receive(t, user('rx01'), { appealType: 'consult', content: '咨询垃圾清运时间' });
    const answered = await actOk(t, user('rx01'), order.id, 'answer', {
      replyText: '每日早晚各清运一次',
      articleId: article?.id,
    });
    expect(answered.status).toBe('answered');
    expect(answered.articleId).toBe(article?.id);
    const archived = await actOk(t, user('rx01'), order.id, 'callback', { agentSatisfaction: 'satisfied' });
    expect(archived.status).toBe('archived');
    expect(archived.log.map((l) => l.action)).toEqual(['receive', 'answer', 'callback']);
  });

  it('transfers with a working-time deadline by appeal type → sign → reply → callback satisfied → archived', async () => {
    const order = await receive(t, user('rx01'), { appealType: 'complaint' });
    const sent = await actOk(t, user('rx01'), order.id, 'transfer', {
      leadUnitId: cityManagement(),
      coUnitIds: [water()],
    });
    expect(sent.status).toBe('transferred');
    expect(sent.coUnitIds).toEqual([water()]);
    const expected = await computeDeadline(t.database.db, CITY, t.clock.now(), { amount: 13, unit: 'day' });
    expect(new Date(sent.deadlineAt as string).toISOString()).toBe(expected.at.toISOString());

    // The co-unit reads it but cannot act.
    const coView = await getOrder(t, user('swj01'), order.id);
    expect(coView.status).toBe(200);
    expect(coView.body.allowedActions).toEqual([]);
    expectBilingual(await act(t, user('swj01'), order.id, 'sign'), 403);

    await advance(30);
    await actOk(t, user('cgj01'), order.id, 'sign');
    await advance(120);
    const replied = await actOk(t, user('cgj01'), order.id, 'reply', { replyText: '已清运完毕' });
    expect(replied.status).toBe('replied');
    const archived = await actOk(t, user('rx01'), order.id, 'callback', {
      unitSatisfaction: 'basically',
      agentSatisfaction: 'satisfied',
    });
    expect(archived.status).toBe('archived');
    expect(archived.log.map((l) => l.action)).toEqual(['receive', 'transfer', 'sign', 'reply', 'callback']);
  });

  it('reopens (重办) to the same unit with a new deadline when the caller is not satisfied', async () => {
    const sent = await transferredToCityManagement({ appealType: 'help' });
    await actOk(t, user('cgj01'), sent.id, 'sign');
    await actOk(t, user('cgj01'), sent.id, 'reply', { replyText: '已处理' });
    await advance(24 * 60);
    const reopened = await actOk(t, user('rx01'), sent.id, 'callback', {
      unitSatisfaction: 'unsatisfied',
      agentSatisfaction: 'satisfied',
      note: '来电人称垃圾仍未清理',
    });
    expect(reopened.status).toBe('transferred');
    expect(reopened.leadUnitId).toBe(cityManagement());
    expect(reopened.reopenCount).toBe(1);
    const expected = await computeDeadline(t.database.db, CITY, t.clock.now(), { amount: 3, unit: 'day' });
    expect(new Date(reopened.deadlineAt as string).toISOString()).toBe(expected.at.toISOString());
    await actOk(t, user('cgj01'), sent.id, 'sign');
  });

  it('lets a unit return a misrouted order (退单); it leaves the unit and is transferred again', async () => {
    const sent = await transferredToCityManagement();
    expectBilingual(await act(t, user('cgj01'), sent.id, 'return', {}), 422);
    const back = await act(t, user('cgj01'), sent.id, 'return', {
      note: '不属于本单位职责，应由水务集团办理',
    });
    expect(back.statusCode, back.body).toBe(200);
    expect((back.json() as { visible: boolean }).visible).toBe(false);
    expect((await getOrder(t, user('cgj01'), sent.id)).status).toBe(404);
    const returned = await getOrder(t, user('rx01'), sent.id);
    expect(returned.body.status).toBe('received');
    expect(returned.body.returnCount).toBe(1);
    const again = await actOk(t, user('rx01'), sent.id, 'transfer', { leadUnitId: water() });
    expect(again.leadUnitId).toBe(water());
    expect((await getOrder(t, user('swj01'), sent.id)).status).toBe(200);
  });

  it('handles an extension request: approved moves the deadline, denied keeps it', async () => {
    const sent = await transferredToCityManagement();
    await actOk(t, user('cgj01'), sent.id, 'sign');
    const deadline = new Date(sent.deadlineAt as string);
    const later = new Date(deadline.getTime() + 5 * 24 * 3600 * 1000).toISOString();
    expectBilingual(
      await act(t, user('cgj01'), sent.id, 'request_extension', {
        note: '需协调',
        extendTo: new Date(deadline.getTime() - 1000).toISOString(),
      }),
      422,
    );
    const asked = await actOk(t, user('cgj01'), sent.id, 'request_extension', {
      note: '需协调多部门',
      extendTo: later,
    });
    expect(asked.pendingExtensionUntil).not.toBeNull();
    expectBilingual(
      await act(t, user('cgj01'), sent.id, 'request_extension', { note: '再次', extendTo: later }),
      409,
    );
    const approved = await actOk(t, user('rx01'), sent.id, 'approve_extension');
    expect(new Date(approved.deadlineAt as string).toISOString()).toBe(later);
    expect(approved.extensionCount).toBe(1);
    await actOk(t, user('cgj01'), sent.id, 'request_extension', {
      note: '还需时间',
      extendTo: new Date(deadline.getTime() + 9 * 24 * 3600 * 1000).toISOString(),
    });
    const denied = await actOk(t, user('zbz01'), sent.id, 'deny_extension', { note: '不予延期' });
    expect(new Date(denied.deadlineAt as string).toISOString()).toBe(later);
    expect(denied.pendingExtensionUntil).toBeNull();
    expectBilingual(await act(t, user('rx01'), sent.id, 'approve_extension'), 409);
  });

  it('urges (催办) and supervises (督办) an order at a unit, shown as overdue once past its deadline', async () => {
    const sent = await transferredToCityManagement({ appealType: 'help' });
    const urged = await actOk(t, user('rx01'), sent.id, 'urge', { note: '请尽快办理' });
    expect(urged.urgeCount).toBe(1);
    expectBilingual(await act(t, user('rx01'), sent.id, 'supervise', { supervision: 'yellow' }), 403);
    const supervised = await actOk(
      t,
      user('ld01'),
      sent.id,
      'supervise',
      { supervision: 'yellow' },
      user('zbz01'),
    );
    expect(supervised.supervision).toBe('yellow');
    await advance(10 * 24 * 60);
    const overdue = await t.app.inject({
      method: 'GET',
      url: '/api/hotline/orders?queue=overdue&pageSize=200',
      headers: user('zbz01'),
    });
    expect(
      (overdue.json() as { items: { id: string; overdue: boolean }[] }).items.find((o) => o.id === sent.id)
        ?.overdue,
    ).toBe(true);
  });

  it('merges a duplicate call into its master (并单)', async () => {
    const master = await receive(t, user('rx01'));
    const duplicate = await receive(t, user('rx01'), { callerPhone: '13977778888' });
    expectBilingual(await act(t, user('rx01'), duplicate.id, 'merge', { masterId: duplicate.id }), 422);
    const merged = await actOk(t, user('rx01'), duplicate.id, 'merge', { masterId: master.id });
    expect(merged.status).toBe('merged');
    expect(merged.masterId).toBe(master.id);
    expect(merged.allowedActions).toEqual([]);
  });

  it('refuses a stale version and an illegal move with 409', async () => {
    const order = await receive(t, user('rx01'));
    await actOk(t, user('rx01'), order.id, 'transfer', { leadUnitId: cityManagement() });
    const stale = await t.app.inject({
      method: 'POST',
      url: `/api/hotline/orders/${order.id}/actions`,
      headers: user('cgj01'),
      payload: { action: 'sign', version: 1 },
    });
    expect(expectBilingual(stale, 409).code).toBe('STALE_VERSION');
    expect(
      expectBilingual(await act(t, user('cgj01'), order.id, 'reply', { replyText: 'x' }), 409).code,
    ).toBe('ILLEGAL_TRANSITION');
  });
});

describe('first-contact ownership (首接责任)', () => {
  it('lists the agent’s own open orders and lets only the owner log progress calls', async () => {
    const order = await transferredToCityManagement();
    const called = await actOk(t, user('rx01'), order.id, 'progress_call', { note: '已告知来电人正在办理' });
    expect(called.progressCallCount).toBe(1);
    expect(called.log.at(-1)?.action).toBe('progress_call');
    expect(
      expectBilingual(await act(t, user('rx02'), order.id, 'progress_call', { note: 'x' }), 403).code,
    ).toBe('NOT_OWNER');
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/hotline/orders/mine?pageSize=200',
      headers: user('rx01'),
    });
    const items = (mine.json() as { items: { id: string; status: string; leadUnitName: string }[] }).items;
    expect(items.find((o) => o.id === order.id)).toMatchObject({
      status: 'transferred',
      leadUnitName: '市城市管理行政执法局',
    });
    const theirs = await t.app.inject({
      method: 'GET',
      url: '/api/hotline/orders/mine',
      headers: user('rx02'),
    });
    expect(
      (theirs.json() as { items: { id: string }[] }).items.find((o) => o.id === order.id),
    ).toBeUndefined();
  });
});

describe('caller contacts by role', () => {
  it('shows the full number to the owner and the hall, masked to others, never to units on a confidential order', async () => {
    const order = await transferredToCityManagement();
    expect((await getOrder(t, user('rx01'), order.id)).body.callerPhone).toBe('13812341234');
    expect((await getOrder(t, user('zbz01'), order.id)).body.callerPhone).toBe('13812341234');
    expect((await getOrder(t, user('rx02'), order.id)).body.callerPhone).toBe('138****1234');
    for (const login of ['cgj01', 'ld01']) {
      const view = await getOrder(t, user(login), order.id);
      expect(view.status).toBe(200);
      expect(view.body.callerPhone).toBe('138****1234');
      expect(view.raw).not.toMatch(FULL_PHONE);
    }
    const secret = await transferredToCityManagement({ confidential: true, callerName: '李先生' });
    const unitView = await getOrder(t, user('cgj01'), secret.id);
    expect(unitView.body.callerName).toBeNull();
    expect(unitView.body.callerPhone).toBeNull();
  });

  it('leaks no full number in any list or detail a unit or leader can read', async () => {
    await transferredToCityManagement({ callerPhone: '15911112222' });
    for (const login of ['cgj01', 'ld01', 'swj01']) {
      for (const url of [
        '/api/hotline/orders?pageSize=200',
        '/api/hotline/orders?queue=at_unit&pageSize=200',
      ]) {
        const response = await t.app.inject({ method: 'GET', url, headers: user(login) });
        expect(response.statusCode, response.body).toBe(200);
        expect(response.body).not.toMatch(FULL_PHONE);
      }
    }
    // Nor may they look orders up by a caller's number.
    expectBilingual(
      await t.app.inject({
        method: 'GET',
        url: '/api/hotline/orders?phone=15911112222',
        headers: user('cgj01'),
      }),
      403,
    );
  });
});

describe('data scope', () => {
  it('hides one unit’s orders from another (404) and refuses actions on them', async () => {
    const order = await transferredToCityManagement();
    expect((await getOrder(t, user('dq01'), order.id)).status).toBe(404);
    const attempt = await act(t, user('dq01'), order.id, 'sign', {}, user('rx01'));
    expectBilingual(attempt, 404);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/hotline/orders?pageSize=200',
      headers: user('dq01'),
    });
    expect((list.json() as { items: { id: string }[] }).items.find((o) => o.id === order.id)).toBeUndefined();
    expect((await getOrder(t, user('rx01'), order.id)).body.status).toBe('transferred');
  });

  it('keeps collectors out of the hotline', async () => {
    expectBilingual(
      await t.app.inject({ method: 'GET', url: '/api/hotline/orders', headers: user('jdy01') }),
      403,
    );
  });
});
