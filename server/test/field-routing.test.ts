import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { move, moveOk, pointIn, reportAs } from './support/case-helpers.js';
import { gridCodeAt, userId } from './support/field-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// 核实/核查 tasks go to the grid's responsible collector, else the nearest collector on shift;
// their answers feed 核查回复率 and 核查及时回复率.

let t: TestApp;
let lead: { cookie: string };
let acceptor: { cookie: string };
let jdy01: { cookie: string };
let jdy02: { cookie: string };
let jdy01Id: string;
let jdy02Id: string;
const east = pointIn('东区');
const west = pointIn('西区');

beforeAll(async () => {
  t = await startTestApp({ kind: 'seeded' });
  lead = await t.loginAs('zbz01');
  acceptor = await t.loginAs('slj01');
  jdy01 = await t.loginAs('jdy01');
  jdy02 = await t.loginAs('jdy02');
  jdy01Id = await userId(t, 'jdy01');
  jdy02Id = await userId(t, 'jdy02');
  const profile = await t.app.inject({
    method: 'PUT',
    url: `/api/field/collectors/${jdy02Id}`,
    headers: lead,
    payload: {
      contractPackage: '第二合同包',
      company: '某采集公司',
      gridCodes: [await gridCodeAt(t, east.lng, east.lat)],
    },
  });
  expect(profile.statusCode, profile.body).toBe(200);
});
afterAll(async () => t.close());

describe('verification routing', () => {
  it('sends 核实 to the collector responsible for the case’s grid', async () => {
    const reported = await reportAs(t, acceptor, { source: 'public', ...east });
    const moved = await moveOk(t, acceptor, reported.id, 'request_verify');
    expect(moved.assigneeId).toBe(jdy02Id);
    expect(moved.stageDeadlineAt).not.toBeNull();
    // The responsible collector answers on time.
    await moveOk(t, jdy02, reported.id, 'verify', { confirmed: true });
  });

  it('with nobody responsible and nobody on shift, the acceptor must choose (nothing changes)', async () => {
    const reported = await reportAs(t, acceptor, { source: 'public', ...west });
    const refused = await move(t, acceptor, reported.id, 'request_verify');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.messageEn).toMatch(/collector/);
    const still = await t.app.inject({ method: 'GET', url: `/api/cases/${reported.id}`, headers: acceptor });
    expect(still.json()).toMatchObject({ status: 'reported', version: 1 });
  });

  it('falls back to the nearest collector on shift with a fresh position', async () => {
    const shift = await t.app.inject({
      method: 'POST',
      url: `/api/field/collectors/${jdy01Id}/shifts`,
      headers: lead,
      payload: { shifts: [{ startsAt: '2019-07-09T08:00:00+08:00', endsAt: '2019-07-09T17:00:00+08:00' }] },
    });
    expect(shift.statusCode, shift.body).toBe(201);
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/field/positions',
      headers: jdy01,
      payload: { deviceId: 'PAD-0101', points: [{ t: '2019-07-09T00:55:00Z', ...west }] },
    });
    expect(sent.json().stored).toBe(1);
    const reported = await reportAs(t, acceptor, { source: 'public', ...west });
    const moved = await moveOk(t, acceptor, reported.id, 'request_verify');
    expect(moved.assigneeId).toBe(jdy01Id);
    // An explicit choice still wins.
    const other = await reportAs(t, acceptor, { source: 'public', ...west });
    expect((await moveOk(t, acceptor, other.id, 'request_verify', { assigneeId: jdy02Id })).assigneeId).toBe(
      jdy02Id,
    );
    // jdy01 answers late: after the 核实 deadline.
    t.clock.advanceMinutes(24 * 60);
    // Sessions idle out meanwhile: log in again.
    jdy01 = await t.loginAs('jdy01');
    lead = await t.loginAs('zbz01');
    await moveOk(t, jdy01, reported.id, 'verify', { confirmed: false });
  });

  it('reply rates per collector and month, with the contract package for the vendors', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/field/reports/verification-replies?month=2019-07',
      headers: lead,
    });
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json().items as { login: string; [k: string]: unknown }[];
    expect(items.find((i) => i.login === 'jdy02')).toMatchObject({
      month: '2019-07',
      sent: 2,
      replied: 1,
      onTime: 1,
      replyRate: 0.5,
      onTimeRate: 1,
      contractPackage: '第二合同包',
    });
    expect(items.find((i) => i.login === 'jdy01')).toMatchObject({
      sent: 1,
      replied: 1,
      onTime: 0,
      onTimeRate: 0,
    });
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/field/reports/verification-replies?month=2019-13',
      headers: lead,
    });
    expect(bad.statusCode).toBe(422);
    const collector = await t.app.inject({
      method: 'GET',
      url: '/api/field/reports/verification-replies?month=2019-07',
      headers: jdy01,
    });
    expect(collector.statusCode).toBe(403);
  });
});
