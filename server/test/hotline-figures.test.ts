import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectOrderFacts, selectOrderFactsOfMonth } from '../src/modules/hotline/hotline.repository.js';
import { act, actOk, type Cookie, receive } from './support/hotline-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// A generated month (August 2019) driven through the API, with every expected figure tallied
// here as the orders are made — independently of how the server counts.

let t: TestApp;
const as: Record<string, Cookie> = {};
const units: Record<string, { id: string; login: string }> = {};

const TYPES = ['consult', 'complaint', 'help', 'suggestion', 'praise'] as const;
const LABELS: Record<string, string> = {
  consult: '咨询',
  complaint: '投诉举报',
  help: '求助',
  suggestion: '意见建议',
  praise: '表扬',
};
const SUBJECTS = [
  { code: 'CX01', group: '城乡建设' },
  { code: 'SR01', group: '市容环境' },
  { code: 'JT02', group: '交通出行' },
];

interface Tally {
  received: number;
  valid: number;
  invalid: number;
  directReply: number;
  transferred: number;
  completed: number;
  types: Record<string, number>;
  groups: Record<string, number>;
  unitJudged: number;
  unitSatisfied: number;
  agentJudged: number;
  agentSatisfied: number;
  callbacks: number;
  board: Record<string, { received: number; done: number }>;
}

const tally: Tally = {
  received: 0,
  valid: 0,
  invalid: 0,
  directReply: 0,
  transferred: 0,
  completed: 0,
  types: {},
  groups: {},
  unitJudged: 0,
  unitSatisfied: 0,
  agentJudged: 0,
  agentSatisfied: 0,
  callbacks: 0,
  board: {},
};
let lateReplyOrder = '';
let lateReplyUnit = '';

async function logEveryoneIn() {
  for (const login of ['rx01', 'zbz01', 'cgj01', 'swj01', 'dq01']) as[login] = await t.loginAs(login);
}
const user = (login: string) => as[login] as Cookie;

function count(map: Record<string, number>, key: string) {
  map[key] = (map[key] ?? 0) + 1;
}
function boardRow(unit: string) {
  tally.board[unit] ??= { received: 0, done: 0 };
  return tally.board[unit];
}

beforeAll(async () => {
  t = await startTestApp({ start: '2019-08-05T01:00:00Z' });
  for (const [name, login] of [
    ['市城市管理行政执法局', 'cgj01'],
    ['市水务集团', 'swj01'],
    ['东区政府', 'dq01'],
  ] as const) {
    const row = await t.database.db
      .selectFrom('units')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    units[name] = { id: row.id, login };
  }
  await logEveryoneIn();
  const unitNames = Object.keys(units);
  let previous = '';
  for (let i = 0; i < 40; i++) {
    const type = TYPES[i % 5] as string;
    const subject = SUBJECTS[i % 3] as { code: string; group: string };
    const unitName = unitNames[i % 3] as string;
    const unit = units[unitName] as { id: string; login: string };
    const path = i % 8;
    const satisfied = (agent: boolean, unitJudged: boolean | null) => {
      tally.callbacks++;
      tally.agentJudged++;
      if (agent) tally.agentSatisfied++;
      if (unitJudged !== null) {
        tally.unitJudged++;
        if (unitJudged) tally.unitSatisfied++;
      }
    };
    if (path === 0) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/hotline/orders',
        headers: user('rx01'),
        payload: { valid: false, invalidReason: 'silent' },
      });
      expect(response.statusCode).toBe(201);
      tally.received++;
      tally.invalid++;
      continue;
    }
    const order = await receive(t, user('rx01'), { appealType: type, subjectCode: subject.code });
    if (path === 6) {
      // A duplicate of the previous call, merged: it counts nowhere.
      await actOk(t, user('rx01'), order.id, 'merge', { masterId: previous });
      continue;
    }
    previous = order.id;
    tally.received++;
    tally.valid++;
    count(tally.types, type);
    count(tally.groups, subject.group);
    const transfer = async () => {
      await actOk(t, user('rx01'), order.id, 'transfer', { leadUnitId: unit.id });
      tally.transferred++;
      boardRow(unitName).received++;
    };
    const signAndReply = async (done: boolean) => {
      await actOk(t, user(unit.login), order.id, 'sign', {}, user('rx01'));
      if (!done) return;
      await actOk(t, user(unit.login), order.id, 'reply', { replyText: '已办结' }, user('rx01'));
    };
    const completed = () => {
      tally.completed++;
      boardRow(unitName).done++;
    };
    switch (path) {
      case 1:
        await actOk(t, user('rx01'), order.id, 'answer', { replyText: '已答复' });
        tally.directReply++;
        await actOk(t, user('rx01'), order.id, 'callback', {
          agentSatisfaction: i % 16 === 1 ? 'unsatisfied' : 'satisfied',
        });
        satisfied(i % 16 !== 1, null);
        break;
      case 2:
        await transfer();
        await signAndReply(true);
        await actOk(t, user('rx01'), order.id, 'callback', {
          unitSatisfaction: 'basically',
          agentSatisfaction: 'satisfied',
        });
        satisfied(true, true);
        completed();
        break;
      case 3:
        await transfer();
        await signAndReply(false);
        break;
      case 4:
        await transfer();
        await signAndReply(true);
        await actOk(t, user('rx01'), order.id, 'callback', {
          unitSatisfaction: 'unsatisfied',
          agentSatisfaction: 'satisfied',
        });
        satisfied(true, false);
        break;
      case 5:
        await actOk(t, user('rx01'), order.id, 'answer', { replyText: '已答复' });
        tally.directReply++;
        await actOk(t, user('rx01'), order.id, 'callback', {
          agentSatisfaction: 'satisfied',
          resolved: false,
        });
        satisfied(true, null);
        await transfer();
        if (lateReplyOrder === '') {
          // Replied only in September: in progress as of the end of August.
          await signAndReply(false);
          lateReplyOrder = order.id;
          lateReplyUnit = unit.login;
        } else {
          await signAndReply(true);
          completed();
        }
        break;
      case 7: {
        await transfer();
        const back = await act(
          t,
          user(unit.login),
          order.id,
          'return',
          { note: '非本单位职责' },
          user('rx01'),
        );
        expect(back.statusCode).toBe(200);
        break;
      }
    }
  }
  // A call just after the month ends belongs to September.
  t.clock.set('2019-08-31T16:05:00Z');
  await logEveryoneIn();
  await receive(t, user('rx01'), { appealType: 'consult', subjectCode: 'JT02' });
  await actOk(t, user(lateReplyUnit), lateReplyOrder, 'reply', { replyText: '九月办结' }, user('rx01'));
}, 300_000);
afterAll(() => t.close());

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

describe('monthly figures on a generated month', () => {
  it('match the tallies kept while the orders were made', async () => {
    await logEveryoneIn();
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/hotline/stats/monthly?month=2019-08',
      headers: user('zbz01'),
    });
    expect(response.statusCode, response.body).toBe(200);
    const figures = response.json() as {
      received: number;
      valid: number;
      invalid: number;
      directReply: number;
      directReplyShare: number;
      transferred: number;
      completed: number;
      completionRate: number;
      byType: { type: string; label: string; count: number; share: number }[];
      bySubjectGroup: { group: string; count: number; share: number }[];
      satisfaction: { unit: number; agent: number; calledBack: number };
      byUnit: { unit: string; received: number; done: number; inProgress: number; rate: number }[];
    };
    expect(figures.received).toBe(tally.received);
    expect(figures.valid).toBe(tally.valid);
    expect(figures.invalid).toBe(tally.invalid);
    expect(figures.directReply).toBe(tally.directReply);
    expect(figures.directReplyShare).toBeCloseTo(ratio(tally.directReply, tally.received), 10);
    expect(figures.transferred).toBe(tally.transferred);
    expect(figures.completed).toBe(tally.completed);
    expect(figures.completionRate).toBeCloseTo(ratio(tally.completed, tally.transferred), 10);
    for (const type of TYPES) {
      const row = figures.byType.find((r) => r.type === type);
      expect(row?.label).toBe(LABELS[type]);
      expect(row?.count, type).toBe(tally.types[type] ?? 0);
      expect(row?.share).toBeCloseTo(ratio(tally.types[type] ?? 0, tally.valid), 10);
    }
    for (const { group } of SUBJECTS) {
      const row = figures.bySubjectGroup.find((r) => r.group === group);
      expect(row?.count, group).toBe(tally.groups[group]);
      expect(row?.share).toBeCloseTo(ratio(tally.groups[group] ?? 0, tally.received), 10);
    }
    expect(figures.satisfaction.calledBack).toBe(tally.callbacks);
    expect(figures.satisfaction.unit).toBeCloseTo(ratio(tally.unitSatisfied, tally.unitJudged), 10);
    expect(figures.satisfaction.agent).toBeCloseTo(ratio(tally.agentSatisfied, tally.agentJudged), 10);
    const board = Object.fromEntries(
      figures.byUnit.map((r) => [r.unit, { received: r.received, done: r.done }]),
    );
    expect(board).toEqual(tally.board);
    for (const row of figures.byUnit) expect(row.inProgress).toBe(row.received - row.done);
  });

  it('counts as of an instant: the order replied in September is done only when counted later', async () => {
    await logEveryoneIn();
    const later = await t.app.inject({
      method: 'GET',
      url: `/api/hotline/stats/monthly?month=2019-08&asOf=${encodeURIComponent('2019-09-30T00:00:00+08:00')}`,
      headers: user('zbz01'),
    });
    expect((later.json() as { completed: number }).completed).toBe(tally.completed + 1);
    const september = await t.app.inject({
      method: 'GET',
      url: '/api/hotline/stats/monthly?month=2019-09',
      headers: user('zbz01'),
    });
    expect((september.json() as { received: number }).received).toBe(1);
  });

  it("keeps each order's maintained facts equal to a recount from the log as of the month's end", async () => {
    const city = '510400';
    const start = new Date('2019-08-01T00:00:00+08:00');
    const end = new Date('2019-09-01T00:00:00+08:00');
    const lastInstant = new Date(end.getTime() - 1);
    const key = (r: object) => JSON.stringify(r);
    const maintained = (await selectOrderFactsOfMonth(t.database.db, city, '2019-08', lastInstant)).map(key);
    const recounted = (await selectOrderFacts(t.database.db, city, start, end, lastInstant)).map(key);
    expect(maintained.sort()).toEqual(recounted.sort());
    // Every order of the month is in them; the September reply is not (the recount as of the
    // month's end leaves it out too, and the figures above count it only when asked later).
    const rows = await selectOrderFactsOfMonth(t.database.db, city, '2019-08', lastInstant);
    expect(rows.reduce((n, r) => n + r.orders, 0)).toBe(tally.received);
  });

  it('shows a unit its own board row only, and the centre the groups with the 共计 row', async () => {
    await logEveryoneIn();
    const own = await t.app.inject({
      method: 'GET',
      url: '/api/hotline/board?month=2019-08',
      headers: user('cgj01'),
    });
    expect(own.statusCode, own.body).toBe(200);
    const ownBody = own.json() as { groups: { rows: { unit: string }[] }[]; total: { received: number } };
    expect(ownBody.groups.flatMap((g) => g.rows.map((r) => r.unit))).toEqual(['市城市管理行政执法局']);
    expect(ownBody.total.received).toBe(tally.board.市城市管理行政执法局?.received);
    const all = await t.app.inject({
      method: 'GET',
      url: '/api/hotline/board?month=2019-08',
      headers: user('zbz01'),
    });
    const allBody = all.json() as {
      groups: { group: string }[];
      total: { received: number; done: number; inProgress: number };
    };
    expect(allBody.groups.map((g) => g.group)).toEqual(['district', 'department', 'enterprise']);
    expect(allBody.total).toMatchObject({
      received: tally.transferred,
      done: tally.completed,
      inProgress: tally.transferred - tally.completed,
    });
    const badMonth = await t.app.inject({
      method: 'GET',
      url: '/api/hotline/board?month=2019-13',
      headers: user('zbz01'),
    });
    expect(badMonth.statusCode).toBe(400);
  });
});
