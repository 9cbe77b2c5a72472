import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type CaseView,
  getCase,
  move,
  moveOk,
  pngOfColour,
  reportAs,
  unitIdByName,
  uploadPhoto,
} from './support/case-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
const as: Record<string, { cookie: string }> = {};
let cityManagement: string;

beforeAll(async () => {
  t = await startTestApp();
});
// Tests move the clock past the 30-minute idle timeout, so everyone logs in afresh each time.
beforeEach(async () => {
  await logEveryoneIn();
  cityManagement = await unitIdByName(t, user('pqy01'), '市城市管理行政执法局');
});

async function logEveryoneIn() {
  for (const login of ['jdy01', 'jdy02', 'slj01', 'zbz01', 'pqy01', 'cgj01', 'ld01'])
    as[login] = await t.loginAs(login);
}
afterAll(() => t.close());

const user = (login: string) => as[login] as { cookie: string };

async function dispatched(): Promise<CaseView> {
  const reported = await reportAs(t, user('jdy01'));
  await moveOk(t, user('zbz01'), reported.id, 'file');
  return moveOk(t, user('pqy01'), reported.id, 'dispatch', { unitId: cityManagement });
}

async function disposeWithPhoto(id: string, colour: number) {
  const upload = await uploadPhoto(t, user('cgj01'), id, 'dispose', pngOfColour(colour, 0, 0));
  expect(upload.statusCode, upload.body).toBe(201);
  return moveOk(t, user('cgj01'), id, 'dispose', { note: '已清理' });
}

describe('the closed case loop over HTTP', () => {
  it('goes report → accept → file → dispatch → dispose → check → close, each by its own role', async () => {
    const reported = await reportAs(t, user('jdy01'));
    expect(reported.status).toBe('reported');
    expect(reported.caseNo).toMatch(/^E2019070900\d{3}$/);
    expect((await uploadPhoto(t, user('jdy01'), reported.id, 'report')).statusCode).toBe(201);

    await moveOk(t, user('slj01'), reported.id, 'accept');
    const filed = await moveOk(t, user('zbz01'), reported.id, 'file');
    expect(filed.status).toBe('filed');
    const sent = await moveOk(t, user('pqy01'), reported.id, 'dispatch', { unitId: cityManagement });
    expect(sent.status).toBe('dispatched');
    expect(sent.unitId).toBe(cityManagement);
    expect(sent.deadlineAt).not.toBeNull();
    expect(sent.light).toBe('green');

    const refused = await move(t, user('cgj01'), reported.id, 'dispose');
    expect(refused.statusCode).toBe(422); // no after-photo yet
    await disposeWithPhoto(reported.id, 10);
    const checking = await moveOk(t, user('slj01'), reported.id, 'request_check');
    expect(checking.assigneeId).not.toBeNull(); // the reporting collector by default
    await moveOk(t, user('jdy01'), reported.id, 'check_pass');
    const closed = await moveOk(t, user('zbz01'), reported.id, 'close');

    expect(closed.status).toBe('closed');
    expect(closed.version).toBe(8);
    expect(closed.timeline.map((s) => s.action)).toEqual([
      'report',
      'accept',
      'file',
      'dispatch',
      'dispose',
      'request_check',
      'check_pass',
      'close',
    ]);
    expect(closed.timeline.map((s) => s.actorRole)).toEqual([
      'collector',
      'acceptor',
      'shift_lead',
      'dispatcher',
      'unit_staff',
      'acceptor',
      'collector',
      'shift_lead',
    ]);
    expect(closed.photos.map((p) => p.stage).sort()).toEqual(['dispose', 'report']);
    expect(closed.allowedActions).toEqual([]);

    const audit = await t.database.db
      .selectFrom('auditLog')
      .select('action')
      .where('objectId', '=', reported.id)
      .where('action', 'like', 'case.%')
      .execute();
    expect(audit.map((a) => a.action).filter((a) => a !== 'case.photo')).toHaveLength(8);
  });

  it('reworks a case that fails its check, with a new deadline and a counted rework', async () => {
    const c = await dispatched();
    await disposeWithPhoto(c.id, 20);
    await moveOk(t, user('slj01'), c.id, 'request_check', {});
    const failed = await moveOk(t, user('jdy01'), c.id, 'check_fail', { note: '垃圾未清理干净' });
    expect(failed.status).toBe('check_failed');
    t.clock.advanceMinutes(20);
    const reworked = await moveOk(t, user('pqy01'), c.id, 'rework');
    expect(reworked.status).toBe('dispatched');
    expect(reworked.reworkCount).toBe(1);
    expect(new Date(reworked.deadlineAt as string).getTime()).toBeGreaterThan(
      new Date(c.deadlineAt as string).getTime(),
    );
    // the same after-photo again is not a new disposal report
    expect((await move(t, user('cgj01'), c.id, 'dispose')).statusCode).toBe(422);
    await disposeWithPhoto(c.id, 21);
    await moveOk(t, user('slj01'), c.id, 'request_check');
    await moveOk(t, user('jdy01'), c.id, 'check_pass');
    const closed = await moveOk(t, user('zbz01'), c.id, 'close');
    expect(closed.reworkCount).toBe(1);
  });

  it('returns a misrouted case to the dispatch queue with its reason', async () => {
    const c = await dispatched();
    const noReason = await move(t, user('cgj01'), c.id, 'return');
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.message).toContain('说明');
    const answer = await moveOk(t, user('cgj01'), c.id, 'return', { note: '不属于本单位职责' });
    expect(answer).toMatchObject({ status: 'filed', visible: false });
    const returned = (await getCase(t, user('pqy01'), c.id)).body;
    expect(returned.unitId).toBeNull();
    expect(returned.returnCount).toBe(1);
    // once returned, the unit no longer sees it
    expect((await getCase(t, user('cgj01'), c.id)).status).toBe(404);
    expect((await getCase(t, user('pqy01'), c.id)).body.timeline.at(-1)?.note).toBe('不属于本单位职责');
  });

  it('extends a deadline only when the centre approves, one request at a time', async () => {
    const c = await dispatched();
    const extendTo = new Date(new Date(c.deadlineAt as string).getTime() + 3 * 86400000).toISOString();
    const early = await move(t, user('cgj01'), c.id, 'request_extension', {
      note: '需协调',
      extendTo: new Date(new Date(c.deadlineAt as string).getTime() - 60000).toISOString(),
    });
    expect(early.statusCode).toBe(422);
    const asked = await moveOk(t, user('cgj01'), c.id, 'request_extension', {
      note: '需协调施工队',
      extendTo,
    });
    expect(asked.status).toBe('dispatched');
    expect(asked.allowedActions).not.toContain('request_extension');
    expect(
      (await move(t, user('cgj01'), c.id, 'request_extension', { note: '再次', extendTo })).statusCode,
    ).toBe(409);
    expect((await move(t, user('cgj01'), c.id, 'approve_extension')).statusCode).toBe(403);
    const denied = await moveOk(t, user('pqy01'), c.id, 'deny_extension', { note: '可按期完成' });
    expect(denied.deadlineAt).toBe(c.deadlineAt);
    expect(denied.extensionCount).toBe(0);
    await moveOk(t, user('cgj01'), c.id, 'request_extension', { note: '需协调施工队', extendTo });
    const approved = await moveOk(t, user('pqy01'), c.id, 'approve_extension');
    expect(new Date(approved.deadlineAt as string).toISOString()).toBe(extendTo);
    expect(approved.extensionCount).toBe(1);
  });

  it('parks and unparks a filed case, and voids one that should not be filed', async () => {
    const reported = await reportAs(t, user('jdy01'));
    await moveOk(t, user('zbz01'), reported.id, 'file');
    const parked = await moveOk(t, user('zbz01'), reported.id, 'park', {
      note: '涉及历史遗留问题，暂无法处置',
    });
    expect(parked.status).toBe('parked');
    expect(parked.light).toBe('none');
    const unparked = await moveOk(t, user('zbz01'), reported.id, 'unpark');
    expect(unparked.status).toBe('filed');

    const other = await reportAs(t, user('jdy01'), { description: '重复上报' });
    const voided = await moveOk(t, user('slj01'), other.id, 'void', { note: '重复案件' });
    expect(voided.status).toBe('voided');
    expect((await move(t, user('zbz01'), other.id, 'file')).statusCode).toBe(409);
  });

  it('verifies a public report on site before filing; an untrue one is voided', async () => {
    const jdy02 = (
      await t.database.db
        .selectFrom('users')
        .select('id')
        .where('login', '=', 'jdy02')
        .executeTakeFirstOrThrow()
    ).id;
    const publicReport = await reportAs(t, user('slj01'), {
      source: 'public',
      description: '市民反映路边有垃圾',
    });
    const noAssignee = await move(t, user('slj01'), publicReport.id, 'request_verify');
    expect(noAssignee.statusCode).toBe(422);
    await moveOk(t, user('slj01'), publicReport.id, 'request_verify', { assigneeId: jdy02 });
    expect((await move(t, user('jdy01'), publicReport.id, 'verify', { confirmed: true })).statusCode).toBe(
      404,
    );
    const verified = await moveOk(t, user('jdy02'), publicReport.id, 'verify', {
      confirmed: true,
      note: '属实',
    });
    expect(verified.status).toBe('accepted');
    expect((await getCase(t, user('slj01'), publicReport.id)).body.timeline.at(-1)).toMatchObject({
      action: 'verify',
      actorRole: 'collector',
      note: '属实',
    });

    const untrue = await reportAs(t, user('slj01'), { source: 'hotline', description: '来电反映' });
    await moveOk(t, user('slj01'), untrue.id, 'request_verify', { assigneeId: jdy02 });
    const voided = await moveOk(t, user('jdy02'), untrue.id, 'verify', {
      confirmed: false,
      note: '现场未发现',
    });
    expect(voided.status).toBe('voided');
  });

  it('closes a self-disposed report in one step', async () => {
    const fixed = await reportAs(t, user('jdy01'), { selfDisposed: true, description: '捡拾路面垃圾' });
    expect(fixed.status).toBe('closed');
    expect(fixed.version).toBe(1);
    expect(fixed.timeline.map((s) => s.action)).toEqual(['self_dispose']);
    for (const key of ['filedAt', 'disposedAt', 'checkedAt', 'closedAt'])
      expect(fixed[key]).toBe(fixed.reportedAt);
    const notCollector = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: user('slj01'),
      payload: { kind: 'event', categoryCode: '0102', description: 'x', selfDisposed: true, lng: 1, lat: 1 },
    });
    expect(notCollector.statusCode).toBe(403);
  });

  it('supervises (督办) an open case without moving it', async () => {
    const c = await dispatched();
    const flagged = await moveOk(t, user('ld01'), c.id, 'supervise', {
      supervision: 'red',
      note: '市领导督办',
    });
    expect(flagged.status).toBe('dispatched');
    expect(flagged.supervision).toBe('red');
    expect(flagged.timeline.at(-1)?.action).toBe('supervise');
  });

  it('turns yellow, then red, as the disposal deadline runs out, and lists it as overdue', async () => {
    const c = await dispatched();
    const deadline = new Date(c.deadlineAt as string);
    const warning = new Date(c.stageWarningAt as string);
    expect(warning.getTime()).toBeLessThan(deadline.getTime());
    t.clock.set(new Date(warning.getTime() + 1000).toISOString());
    await logEveryoneIn();
    expect((await getCase(t, user('pqy01'), c.id)).body.light).toBe('yellow');
    t.clock.set(new Date(deadline.getTime() + 1000).toISOString());
    await logEveryoneIn();
    expect((await getCase(t, user('pqy01'), c.id)).body.light).toBe('red');
    const overdue = await t.app.inject({
      method: 'GET',
      url: '/api/cases?queue=overdue&pageSize=200',
      headers: user('pqy01'),
    });
    const items = overdue.json().items as { id: string; light: string }[];
    expect(items.find((i) => i.id === c.id)?.light).toBe('red');
    expect(items.every((i) => i.light === 'red')).toBe(true);
  });

  it('lets only one of two dispatchers at once win; the loser gets 409 and changes nothing', async () => {
    const reported = await reportAs(t, user('jdy01'));
    const filed = await moveOk(t, user('zbz01'), reported.id, 'file');
    const body = { action: 'dispatch', version: filed.version, unitId: cityManagement };
    const [a, b] = await Promise.all([
      t.app.inject({
        method: 'POST',
        url: `/api/cases/${reported.id}/transitions`,
        headers: user('pqy01'),
        payload: body,
      }),
      t.app.inject({
        method: 'POST',
        url: `/api/cases/${reported.id}/transitions`,
        headers: user('zbz01'),
        payload: body,
      }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.code).toBe('STALE_VERSION');
    expect(loser.json().error.messageEn).toMatch(/changed by someone else/);
    const after = (await getCase(t, user('pqy01'), reported.id)).body;
    expect(after.version).toBe(filed.version + 1);
    expect(after.timeline.filter((s) => s.action === 'dispatch')).toHaveLength(1);
  });
});
