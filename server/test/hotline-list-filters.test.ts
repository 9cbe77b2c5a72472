import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, DEMO_PASSWORD } from '../src/modules/users/index.js';
import { type Cookie, expectBilingual, receive } from './support/hotline-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// The console's 我的工单 list: filters by appeal type and by the receiving agent (首接).

let t: TestApp;
let rx01: Cookie;
let rx02: Cookie;
let cgj01: Cookie;

interface ListAnswer {
  items: { id: string; orderNo: string; appealType: string | null; ownerId: string | null }[];
  total: number;
}

beforeAll(async () => {
  t = await startTestApp();
  await createUser(t.database.db, null, '510400', {
    login: 'rx02',
    displayName: '第二坐席',
    role: 'hotline_agent',
    password: DEMO_PASSWORD,
    unitId: null,
    regionId: null,
  });
  rx01 = await t.loginAs('rx01');
  rx02 = await t.loginAs('rx02');
  cgj01 = await t.loginAs('cgj01');
});
afterAll(() => t.close());

async function list(cookie: Cookie, query: string) {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/hotline/orders?${query}`,
    headers: cookie,
  });
  return { response, body: response.json() as ListAnswer };
}

describe('work-order list filters', () => {
  it('keeps only the orders the caller received when mine=true', async () => {
    const own = await receive(t, rx01, { content: '首接过滤：本人受理' });
    const other = await receive(t, rx02, { content: '首接过滤：他人受理' });
    const mine = await list(rx01, 'mine=true&pageSize=200');
    expect(mine.response.statusCode).toBe(200);
    const ids = mine.body.items.map((i) => i.id);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(other.id);
    expect(mine.body.items.every((i) => i.ownerId === mine.body.items[0]?.ownerId)).toBe(true);
    expect(mine.body.total).toBe(mine.body.items.length);
    // Without the flag an agent sees the city's orders, the other agent's too.
    const all = await list(rx01, 'pageSize=200');
    expect(all.body.items.map((i) => i.id)).toEqual(expect.arrayContaining([own.id, other.id]));
  });

  it('filters by appeal type and combines with the other filters', async () => {
    const consult = await receive(t, rx01, { appealType: 'consult', content: '类型过滤：咨询' });
    const help = await receive(t, rx01, { appealType: 'help', content: '类型过滤：求助' });
    const consults = await list(rx01, 'appealType=consult&mine=true&status=received&pageSize=200');
    expect(consults.response.statusCode).toBe(200);
    const ids = consults.body.items.map((i) => i.id);
    expect(ids).toContain(consult.id);
    expect(ids).not.toContain(help.id);
    expect(consults.body.items.every((i) => i.appealType === 'consult')).toBe(true);
  });

  it('gives a unit nothing for mine=true (units own no orders) and refuses an unknown type', async () => {
    const unitMine = await list(cgj01, 'mine=true');
    expect(unitMine.response.statusCode).toBe(200);
    expect(unitMine.body.total).toBe(0);
    expectBilingual((await list(rx01, 'appealType=gossip')).response, 400);
    expectBilingual((await list(rx01, 'mine=yes')).response, 400);
  });
});
