import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deliverDueWebhooks,
  MAX_ATTEMPTS,
  runScheduledExchange,
  sweepOverdue,
  verifyWebhook,
} from '../src/modules/integration/index.js';
import { move, moveOk, reportAs } from './support/case-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Outbound webhooks against a local receiver on 127.0.0.1 (one endpoint fails twice then
// succeeds, one always fails), the dead-letter list and replay, overdue events, and the
// monthly exchange with the upper-level platform.

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let t: TestApp;
let server: Server;
let base: string;
const received: Received[] = [];
let flakyFailuresLeft = 2;
let downIsUp = false;

beforeAll(async () => {
  // The receiver runs on 127.0.0.1: the SSRF guard lets exactly that host through.
  t = await startTestApp({ config: { webhookAllowHosts: ['127.0.0.1'] } });
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const path = request.url ?? '';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (path === '/flaky' && flakyFailuresLeft > 0) {
        flakyFailuresLeft--;
        response.writeHead(500).end('not now');
      } else if (path === '/down' && !downIsUp) response.writeHead(503).end('down');
      else if (path === '/exchange-down') response.writeHead(502).end();
      else response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

async function subscribe(name: string, path: string, eventTypes: string[]) {
  const admin = await t.loginAs('admin');
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/integration/webhooks',
    headers: admin,
    payload: { name, url: `${base}${path}`, eventTypes },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; secret: string };
}

async function deliveries(status?: string) {
  const admin = await t.loginAs('admin');
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/integration/deliveries${status ? `?status=${status}` : ''}`,
    headers: admin,
  });
  expect(response.statusCode).toBe(200);
  return response.json().items as {
    id: string;
    status: string;
    attempts: number;
    eventType: string;
    url: string;
    attemptLog: { attemptNo: number; httpStatus: number | null; error: string | null }[];
  }[];
}

describe('outbound webhooks', () => {
  let flaky: { id: string; secret: string };
  let caseId: string;

  it('admin only; bad input → 400 and nothing stored', async () => {
    const lead = await t.loginAs('zbz01');
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/integration/webhooks',
      headers: lead,
      payload: { name: 'x', url: `${base}/x`, eventTypes: ['case.filed'] },
    });
    expect(denied.statusCode).toBe(403);
    const admin = await t.loginAs('admin');
    for (const payload of [
      { name: 'x', url: 'ftp://example.org/x', eventTypes: ['case.filed'] },
      { name: 'x', url: `${base}/x`, eventTypes: ['case.exploded'] },
      { name: 'x', url: `${base}/x`, eventTypes: [] },
    ]) {
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/integration/webhooks',
        headers: admin,
        payload,
      });
      expect(bad.statusCode).toBe(400);
    }
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/integration/webhooks', headers: admin })).json(),
    ).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
  });

  it('a transition writes its event in the same transaction; a refused one writes nothing', async () => {
    flaky = await subscribe('区平台', '/flaky', [
      'case.filed',
      'case.dispatched',
      'case.closed',
      'case.overdue',
    ]);
    await subscribe('省平台（宕机）', '/down', ['case.filed']);
    const collector = await t.loginAs('jdy01');
    const lead = await t.loginAs('zbz01');
    const reported = await reportAs(t, collector);
    caseId = reported.id;
    // 上报 is not an event type; a refused move (collector may not file) leaves no outbox row.
    expect((await move(t, collector, caseId, 'file')).statusCode).toBe(403);
    expect(await t.database.db.selectFrom('outboxEvents').selectAll().execute()).toEqual([]);
    await moveOk(t, lead, caseId, 'file');
    const events = await t.database.db.selectFrom('outboxEvents').selectAll().execute();
    expect(events.map((e) => e.eventType)).toEqual(['case.filed']);
    expect(JSON.stringify(events[0]?.payload)).not.toMatch(/description|reporter|phone/);
    expect((await deliveries('pending')).length).toBe(2);
  });

  it('retries with backoff, records every attempt, and the signature verifies', async () => {
    expect(await deliverDueWebhooks(t.deps)).toEqual({ delivered: 0, retried: 2, dead: 0 });
    // Not due yet: nothing is sent.
    expect(await deliverDueWebhooks(t.deps)).toEqual({ delivered: 0, retried: 0, dead: 0 });
    t.clock.advanceMinutes(0.5);
    expect(await deliverDueWebhooks(t.deps)).toEqual({ delivered: 0, retried: 2, dead: 0 });
    t.clock.advanceMinutes(2);
    expect(await deliverDueWebhooks(t.deps)).toMatchObject({ delivered: 1 });

    const done = (await deliveries('delivered'))[0];
    expect(done?.attemptLog.map((a) => a.httpStatus)).toEqual([500, 500, 200]);
    expect(done?.attemptLog[0]?.error).toBe('HTTP 500');
    const hits = received.filter((r) => r.path === '/flaky');
    expect(hits.length).toBe(3);
    expect(new Set(hits.map((h) => h.headers['webhook-id'])).size).toBe(1);
    const last = hits[2] as Received;
    const headers = Object.fromEntries(Object.entries(last.headers).map(([k, v]) => [k, String(v)]));
    expect(headers['webhook-signature']).toMatch(/^v1,/);
    expect(verifyWebhook(flaky.secret, headers, last.body)).toBe(true);
    expect(verifyWebhook(flaky.secret, headers, last.body.replace('case.filed', 'case.closed'))).toBe(false);
    expect(JSON.parse(last.body)).toMatchObject({ type: 'case.filed', data: { caseId, status: 'filed' } });
  });

  it('a permanently failing endpoint lands in dead letters (audited); replay delivers it', async () => {
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      t.clock.advanceMinutes(400);
      await deliverDueWebhooks(t.deps);
    }
    const dead = await deliveries('dead');
    expect(dead.length).toBe(1);
    expect(dead[0]).toMatchObject({ url: `${base}/down`, attempts: MAX_ATTEMPTS, eventType: 'case.filed' });
    expect(dead[0]?.attemptLog.map((a) => a.httpStatus)).toEqual(Array(MAX_ATTEMPTS).fill(503));
    const audit = await t.database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'webhook.dead_letter')
      .execute();
    expect(audit.length).toBe(1);
    expect(audit[0]?.success).toBe(false);

    const admin = await t.loginAs('admin');
    downIsUp = true;
    const replay = await t.app.inject({
      method: 'POST',
      url: `/api/integration/deliveries/${dead[0]?.id}/replay`,
      headers: admin,
    });
    expect(replay.statusCode, replay.body).toBe(200);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/integration/deliveries/${dead[0]?.id}/replay`,
      headers: admin,
    });
    expect(again.statusCode).toBe(404);
    expect(await deliverDueWebhooks(t.deps)).toMatchObject({ delivered: 1 });
    const replayed = (await deliveries('delivered')).find((d) => d.id === dead[0]?.id);
    expect(replayed?.attemptLog.length).toBe(MAX_ATTEMPTS + 1);
    expect(replayed?.attemptLog.at(-1)?.httpStatus).toBe(200);
  });

  it('case.overdue is emitted once per stage when the stage deadline passes', async () => {
    const collector = await t.loginAs('jdy01');
    const lead = await t.loginAs('zbz01');
    const fresh = await reportAs(t, collector);
    const filed = await moveOk(t, lead, fresh.id, 'file');
    expect(filed.stageDeadlineAt).toBeTruthy();
    t.clock.set(new Date(Date.parse(filed.stageDeadlineAt as string) + 60_000).toISOString());
    await sweepOverdue(t.deps);
    await sweepOverdue(t.deps);
    const overdue = await t.database.db
      .selectFrom('outboxEvents')
      .select(['eventType', 'payload'])
      .where('eventType', '=', 'case.overdue')
      .execute();
    const mine = overdue.filter((e) => (e.payload as { data: { caseId: string } }).data.caseId === fresh.id);
    expect(mine.length).toBe(1);
    await deliverDueWebhooks(t.deps);
    expect(received.some((r) => r.path === '/flaky' && r.body.includes('case.overdue'))).toBe(true);
  });
});

describe('upper-level platform exchange', () => {
  it('exports a month (CSV, JSON cases, figures) to a folder, logs it; a failing URL is logged as failed', async () => {
    const admin = await t.loginAs('admin');
    const settings = await t.app.inject({
      method: 'PUT',
      url: '/api/integration/exchange/settings',
      headers: admin,
      payload: { targetDir: 'province/outbox' },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/integration/exchange/runs',
      headers: admin,
      payload: { period: '2019-13' },
    });
    expect(bad.statusCode).toBe(400);
    const run = await t.app.inject({
      method: 'POST',
      url: '/api/integration/exchange/runs',
      headers: admin,
      payload: { period: '2019-07' },
    });
    expect(run.statusCode, run.body).toBe(201);
    expect(run.json()).toMatchObject({ status: 'delivered', period: '2019-07', trigger: 'manual' });
    expect(run.json().caseCount).toBeGreaterThan(0);
    // The admin's relative folder lands under the server's exchange root.
    const folder = join(t.deps.config.exchangeDir, 'province', 'outbox', '510400', '2019-07');
    expect(run.json().target).toBe(folder);
    const csv = readFileSync(join(folder, 'cases-2019-07.csv'), 'utf8');
    expect(csv.split('\n').length).toBeGreaterThan(run.json().caseCount);
    const cases = JSON.parse(readFileSync(join(folder, 'cases-2019-07.json'), 'utf8'));
    expect(cases.cases.length).toBe(run.json().caseCount);
    const figures = JSON.parse(readFileSync(join(folder, 'figures-2019-07.json'), 'utf8'));
    expect(figures).toMatchObject({ cityCode: '510400', period: '2019-07' });
    expect(figures.figures).toBeTruthy();

    await t.app.inject({
      method: 'PUT',
      url: '/api/integration/exchange/settings',
      headers: admin,
      payload: { targetUrl: `${base}/exchange-down` },
    });
    const failed = await t.app.inject({
      method: 'POST',
      url: '/api/integration/exchange/runs',
      headers: admin,
      payload: { period: '2019-07' },
    });
    expect(failed.json()).toMatchObject({ status: 'failed', error: expect.stringContaining('HTTP 502') });
    const log = (
      await t.app.inject({ method: 'GET', url: '/api/integration/exchange/runs', headers: admin })
    ).json().items;
    expect(log.map((r: { status: string }) => r.status)).toEqual(['failed', 'delivered']);
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select('success')
      .where('action', '=', 'exchange.failed')
      .execute();
    expect(audit).toEqual([{ success: false }]);
  });

  it('the schedule runs last month once per city, and a multipart POST reaches the URL', async () => {
    const admin = await t.loginAs('admin');
    await t.app.inject({
      method: 'PUT',
      url: '/api/integration/exchange/settings',
      headers: admin,
      payload: { targetUrl: `${base}/exchange` },
    });
    t.clock.set('2019-08-01T01:00:00+08:00');
    expect(await runScheduledExchange(t.deps)).toBe(1);
    expect(await runScheduledExchange(t.deps)).toBe(0);
    const upload = received.find((r) => r.path === '/exchange');
    const boundary = upload?.headers['content-type']?.match(/^multipart\/form-data; boundary=(.+)$/)?.[1];
    expect(upload?.body.startsWith(`--${boundary}\r\n`)).toBe(true);
    expect(upload?.headers['user-agent']).toBe('CityLoop-Exchange/1');
    expect(upload?.body).toContain('cases-2019-07.csv');
    expect(upload?.body).toContain('figures-2019-07.json');
    // A month later the old session has expired: log in again.
    const fresh = await t.loginAs('admin');
    const log = (
      await t.app.inject({ method: 'GET', url: '/api/integration/exchange/runs', headers: fresh })
    ).json().items;
    expect(log[0]).toMatchObject({ trigger: 'schedule', period: '2019-07', status: 'delivered' });
  });
});
