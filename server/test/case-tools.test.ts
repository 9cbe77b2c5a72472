import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CaseView,
  getCase,
  move,
  moveOk,
  pointIn,
  reportAs,
  unitIdByName,
} from './support/case-helpers.js';
import { gridCodeAt, userId } from './support/field-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// The dispatcher's 待审批延期 filter on the case list, and the collector picker behind
// 发送核实/发送核查 (suggested collector, the list to choose from, an explicit choice checked).

let t: TestApp;
const as: Record<string, { cookie: string }> = {};
const user = (login: string) => as[login] as { cookie: string };
const east = pointIn('东区');
const west = pointIn('西区');

beforeAll(async () => {
  t = await startTestApp();
  for (const login of ['jdy01', 'jdy02', 'slj01', 'zbz01', 'pqy01', 'cgj01', 'swj01', 'ld01']) {
    as[login] = await t.loginAs(login);
  }
});
afterAll(() => t.close());

interface ListBody {
  items: { id: string; status: string; pendingExtensionUntil: string | null }[];
  total: number;
}

async function list(login: string, query: string) {
  const response = await t.app.inject({ method: 'GET', url: `/api/cases?${query}`, headers: user(login) });
  return {
    status: response.statusCode,
    body: response.json() as ListBody & { error?: Record<string, string> },
  };
}

async function dispatchedTo(unitName: string): Promise<CaseView> {
  const reported = await reportAs(t, user('jdy01'));
  await moveOk(t, user('zbz01'), reported.id, 'file');
  const unitId = await unitIdByName(t, user('pqy01'), unitName);
  return moveOk(t, user('pqy01'), reported.id, 'dispatch', { unitId });
}

async function askExtension(unitLogin: string, c: CaseView) {
  const extendTo = new Date(new Date(c.deadlineAt as string).getTime() + 2 * 86_400_000).toISOString();
  return moveOk(t, user(unitLogin), c.id, 'request_extension', { note: '需协调交通管制', extendTo });
}

describe('待审批延期 filter', () => {
  const ids: Record<'pending' | 'approved' | 'denied' | 'plain' | 'otherUnit', string> = {
    pending: '',
    approved: '',
    denied: '',
    plain: '',
    otherUnit: '',
  };

  beforeAll(async () => {
    const pending = await dispatchedTo('市城市管理行政执法局');
    await askExtension('cgj01', pending);
    ids.pending = pending.id;

    const approved = await dispatchedTo('市城市管理行政执法局');
    await askExtension('cgj01', approved);
    await moveOk(t, user('pqy01'), approved.id, 'approve_extension');
    ids.approved = approved.id;

    const denied = await dispatchedTo('市城市管理行政执法局');
    await askExtension('cgj01', denied);
    await moveOk(t, user('pqy01'), denied.id, 'deny_extension', { note: '时限充足，不予延期' });
    ids.denied = denied.id;

    ids.plain = (await dispatchedTo('市城市管理行政执法局')).id;

    const otherUnit = await dispatchedTo('市水务集团');
    await askExtension('swj01', otherUnit);
    ids.otherUnit = otherUnit.id;
  });

  it('shows the dispatcher exactly the cases whose extension request waits', async () => {
    const pending = await list('pqy01', 'queue=disposing&extension=pending');
    expect(pending.status).toBe(200);
    expect(pending.body.items.map((c) => c.id).sort()).toEqual([ids.pending, ids.otherUnit].sort());
    expect(pending.body.total).toBe(2);
    for (const c of pending.body.items) expect(c.pendingExtensionUntil).not.toBeNull();

    const none = await list('pqy01', 'queue=disposing&extension=none');
    const noneIds = none.body.items.map((c) => c.id);
    expect(noneIds).toEqual(expect.arrayContaining([ids.approved, ids.denied, ids.plain]));
    expect(noneIds).not.toContain(ids.pending);
    expect(noneIds).not.toContain(ids.otherUnit);

    // Combined with the other filters, and across every queue.
    const all = await list('pqy01', 'queue=all&extension=pending&source=patrol');
    expect(all.body.total).toBe(2);
  });

  it('counts the waiting requests beside the queues, per data scope', async () => {
    const counts = async (login: string) =>
      (
        await t.app.inject({ method: 'GET', url: '/api/cases/queues', headers: user(login) })
      ).json() as Record<string, { count: number; overdue: number }>;
    expect((await counts('pqy01')).pending_extension).toEqual({ count: 2, overdue: 0 });
    expect((await counts('cgj01')).pending_extension).toEqual({ count: 1, overdue: 0 });
    expect((await counts('swj01')).pending_extension).toEqual({ count: 1, overdue: 0 });
  });

  it('keeps a unit to its own cases', async () => {
    const own = await list('cgj01', 'queue=disposing&extension=pending');
    expect(own.body.items.map((c) => c.id)).toEqual([ids.pending]);
    const water = await list('swj01', 'extension=pending');
    expect(water.body.items.map((c) => c.id)).toEqual([ids.otherUnit]);
    // A collector sees what they reported or were sent to: the reporter jdy01 sees both, jdy02 none.
    expect((await list('jdy02', 'extension=pending')).body.total).toBe(0);
  });

  it('refuses an unknown filter value with a bilingual 400', async () => {
    const bad = await list('pqy01', 'queue=disposing&extension=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(bad.body.error?.messageEn).toMatch(/extension/);
  });
});

describe('collector picker for 核实/核查', () => {
  let jdy01Id: string;
  let jdy02Id: string;

  beforeAll(async () => {
    jdy01Id = await userId(t, 'jdy01');
    jdy02Id = await userId(t, 'jdy02');
    // jdy02 answers for the east grid; jdy01 is on shift and was last seen in the west.
    const profile = await t.app.inject({
      method: 'PUT',
      url: `/api/field/collectors/${jdy02Id}`,
      headers: user('zbz01'),
      payload: {
        contractPackage: '第一合同包',
        company: '某采集公司',
        gridCodes: [await gridCodeAt(t, east.lng, east.lat)],
      },
    });
    expect(profile.statusCode, profile.body).toBe(200);
    const shift = await t.app.inject({
      method: 'POST',
      url: `/api/field/collectors/${jdy01Id}/shifts`,
      headers: user('zbz01'),
      payload: { shifts: [{ startsAt: '2019-07-09T08:00:00+08:00', endsAt: '2019-07-09T17:00:00+08:00' }] },
    });
    expect(shift.statusCode, shift.body).toBe(201);
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/field/positions',
      headers: user('jdy01'),
      payload: { deviceId: 'PAD-0201', points: [{ t: '2019-07-09T00:55:00Z', ...west }] },
    });
    expect(sent.json().stored).toBe(1);
  });

  async function candidates(login: string, caseId: string) {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/cases/${caseId}/collectors`,
      headers: user(login),
    });
    return { status: response.statusCode, body: response.json() };
  }

  it('suggests the grid’s responsible collector and lists the others with duty and distance', async () => {
    const c = await reportAs(t, user('slj01'), { source: 'public', ...east });
    const { status, body } = await candidates('slj01', c.id);
    expect(status).toBe(200);
    expect(body.suggested).toEqual({ userId: jdy02Id, reason: 'responsible' });
    expect(body.total).toBe(2);
    expect(body.items[0]).toMatchObject({
      userId: jdy02Id,
      login: 'jdy02',
      responsible: true,
      inDistrict: true,
      onShift: false,
      distanceM: null,
    });
    expect(body.items[1]).toMatchObject({ userId: jdy01Id, responsible: false, onShift: true });
    expect(body.items[1].distanceM).toBeGreaterThan(0);
  });

  it('without a responsible collector suggests the nearest one on shift', async () => {
    const c = await reportAs(t, user('slj01'), { source: 'public', ...west });
    const { body } = await candidates('zbz01', c.id);
    expect(body.suggested).toEqual({ userId: jdy01Id, reason: 'nearest_on_shift' });
    expect(body.items[0].userId).toBe(jdy01Id);
  });

  it('sends 核实 to the picked collector, who then sees the task', async () => {
    const c = await reportAs(t, user('slj01'), { source: 'public', ...east });
    const moved = await moveOk(t, user('slj01'), c.id, 'request_verify', { assigneeId: jdy01Id });
    expect(moved.assigneeId).toBe(jdy01Id);
    expect(moved.timeline.at(-1)).toMatchObject({ action: 'request_verify', toStatus: 'verifying' });
    const tasks = await list('jdy01', 'queue=to_verify');
    expect(tasks.body.items.map((i) => i.id)).toContain(c.id);
    expect((await list('jdy02', 'queue=to_verify')).body.items.map((i) => i.id)).not.toContain(c.id);
  });

  it('refuses a picked user who is not a collector, changing nothing', async () => {
    const c = await reportAs(t, user('slj01'), { source: 'public', ...east });
    for (const assigneeId of [await userId(t, 'pqy01'), '0190f3a4-0000-7000-8000-000000000000']) {
      const refused = await move(t, user('slj01'), c.id, 'request_verify', { assigneeId });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.message).toContain('监督员');
      expect(refused.json().error.messageEn).toMatch(/collector/);
    }
    const still = await getCase(t, user('slj01'), c.id);
    expect(still.body).toMatchObject({ status: 'reported', version: 1, assigneeId: null });
    // Not an id at all: the request's schema refuses it.
    const bad = await move(t, user('slj01'), c.id, 'request_verify', { assigneeId: 'not-a-uuid' });
    expect(bad.statusCode).toBe(400);
  });

  it('only the roles that send tasks may ask, and only about cases they can see', async () => {
    const c = await reportAs(t, user('slj01'), { source: 'public', ...east });
    for (const login of ['pqy01', 'jdy01', 'cgj01', 'ld01']) {
      expect((await candidates(login, c.id)).status, login).toBe(403);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}/collectors` });
    expect(anonymous.statusCode).toBe(401);
    expect((await candidates('slj01', '0190f3a4-0000-7000-8000-000000000000')).status).toBe(404);
    expect((await candidates('slj01', 'nope')).status).toBe(400);
  });
});
