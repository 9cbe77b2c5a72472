import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDueWebhooks } from '../src/modules/integration/index.js';
import { postWebhook, type Resolver, vetTarget } from '../src/modules/integration/webhook-transport.js';
import { moveOk, reportAs } from './support/case-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// The SSRF guard on webhook targets: refused at subscription time (nothing stored), checked
// again at delivery time by the connection's own lookup (a name that now resolves inside is
// dead-lettered, never contacted), redirects not followed. The local receiver on 127.0.0.1 is
// reachable only while the test allowlists that host, as an operator would by configuration.

interface Hit {
  path: string;
  headers: IncomingHttpHeaders;
}

let t: TestApp;
let receiver: Server;
let port: number;
const hits: Hit[] = [];

beforeAll(async () => {
  t = await startTestApp();
  receiver = createServer((request, response) => {
    hits.push({ path: request.url ?? '', headers: request.headers });
    request.resume();
    request.on('end', () => {
      if (request.url === '/redirect')
        response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      else response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await t.close();
});

const allow = (hosts: string[]) => {
  t.deps.config.webhookAllowHosts = hosts;
};

async function subscribe(url: string) {
  const admin = await t.loginAs('admin');
  return t.app.inject({
    method: 'POST',
    url: '/api/integration/webhooks',
    headers: admin,
    payload: { name: '区平台', url, eventTypes: ['case.filed'] },
  });
}

describe('subscription time', () => {
  it('refuses loopback, metadata, private and disguised addresses with 422 in both languages; stores nothing', async () => {
    allow([]);
    const cases: [string, RegExp][] = [
      [`http://127.0.0.1:${port}/hook`, /本机回环地址/],
      ['http://169.254.169.254/latest/meta-data/', /云平台元数据地址/],
      ['http://2130706433/', /本机回环地址/],
      ['http://0x7f.0.0.1/', /本机回环地址/],
      ['http://[::ffff:127.0.0.1]/', /本机回环地址/],
      ['http://[::1]:8080/', /本机回环地址/],
      ['http://[fe80::1]/', /链路本地地址/],
      ['http://10.1.2.3/', /内网地址/],
      ['http://192.168.0.10/', /内网地址/],
      ['http://0.0.0.0/', /未指定地址/],
      ['http://224.0.0.1/', /组播地址/],
      ['http://localhost:3000/', /本机回环地址/],
      ['https://admin:secret@hooks.example.org/', /用户名或密码/],
    ];
    for (const [url, zh] of cases) {
      const response = await subscribe(url);
      expect(response.statusCode, url).toBe(422);
      const { error } = response.json();
      expect(error.code).toBe('WEBHOOK_TARGET_REFUSED');
      expect(error.message).toMatch(zh);
      expect(error.messageEn).toMatch(/not allowed|must not/);
    }
    // Other schemes never reach the service: the schema refuses them (400).
    expect((await subscribe('file:///etc/passwd')).statusCode).toBe(400);
    expect((await subscribe('gopher://127.0.0.1:25/')).statusCode).toBe(400);

    expect(await t.database.db.selectFrom('webhookSubscriptions').selectAll().execute()).toEqual([]);
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'webhook.subscribe')
      .execute();
    expect(audit).toEqual([]);
  });

  it('an allowlisted host is accepted, and only that one', async () => {
    allow(['127.0.0.1']);
    expect((await subscribe(`http://127.0.0.2:${port}/x`)).statusCode).toBe(422);
    const created = await subscribe(`http://127.0.0.1:${port}/hook`);
    expect(created.statusCode, created.body).toBe(201);
  });

  it('a name is resolved and every address checked; a name that does not resolve is refused', async () => {
    const answers =
      (...addresses: string[]): Resolver =>
      async () =>
        addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    expect(
      await vetTarget('https://hooks.example.test/x', [], answers('8.8.8.8', '2400:3200::1')),
    ).toBeNull();
    expect(await vetTarget('https://hooks.example.test/x', [], answers('8.8.8.8', '10.0.0.7'))).toEqual({
      reason: 'private',
      address: '10.0.0.7',
    });
    expect(
      await vetTarget('https://hooks.example.test/x', [], answers('::ffff:169.254.169.254')),
    ).toMatchObject({ reason: 'metadata' });
    const failing: Resolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    expect(await vetTarget('https://nowhere.example.test/', [], failing)).toEqual({ reason: 'unresolvable' });
  });
});

describe('admin lists', () => {
  it('are admin-only and paged', async () => {
    const lead = await t.loginAs('zbz01');
    for (const url of [
      '/api/integration/deliveries/summary',
      '/api/integration/deliveries?status=dead',
      '/api/integration/webhooks',
      '/api/integration/exchange/runs',
      '/api/open311/keys',
    ])
      expect((await t.app.inject({ method: 'GET', url, headers: lead })).statusCode, url).toBe(403);
    const admin = await t.loginAs('admin');
    const page = await t.app.inject({
      method: 'GET',
      url: '/api/integration/webhooks?pageSize=1',
      headers: admin,
    });
    expect(page.json()).toMatchObject({ total: 1, page: 1, pageSize: 1 });
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/integration/deliveries?pageSize=500',
      headers: admin,
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('delivery time', () => {
  it('connects to the address its own lookup checked; a private answer is refused before any connection', async () => {
    let lookups = 0;
    const toLoopback: Resolver = async () => {
      lookups++;
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const before = hits.length;
    const refused = await postWebhook(`http://rebind.example.test:${port}/hook`, {}, '{}', {
      allowHosts: [],
      timeoutMs: 5000,
      resolve: toLoopback,
    });
    expect(refused).toMatchObject({ ok: false, httpStatus: null, refused: { reason: 'loopback' } });
    expect(lookups).toBe(1);
    expect(hits.length).toBe(before);

    // Allowlisted by name: the socket goes to the answer of that same single lookup.
    const sent = await postWebhook(`http://receiver.example.test:${port}/hook`, {}, '{}', {
      allowHosts: ['receiver.example.test'],
      timeoutMs: 5000,
      resolve: toLoopback,
    });
    expect(sent).toMatchObject({ ok: true, httpStatus: 200, refused: null });
    expect(lookups).toBe(2);
    expect(hits.at(-1)?.headers.host).toBe(`receiver.example.test:${port}`);
  });

  it('does not follow redirects', async () => {
    const before = hits.length;
    const outcome = await postWebhook(`http://127.0.0.1:${port}/redirect`, {}, '{}', {
      allowHosts: ['127.0.0.1'],
      timeoutMs: 5000,
    });
    expect(outcome).toMatchObject({ ok: false, httpStatus: 302, error: 'HTTP 302' });
    expect(hits.length).toBe(before + 1);
  });

  it('a stored target that is no longer allowed is dead-lettered at once (audited), never contacted; replay after fixing it delivers', async () => {
    allow(['127.0.0.1']);
    const collector = await t.loginAs('jdy01');
    const lead = await t.loginAs('zbz01');
    const reported = await reportAs(t, collector);
    await moveOk(t, lead, reported.id, 'file');
    // The operator withdraws the allowance (as if the name now pointed inside the network).
    allow([]);
    const before = hits.length;
    expect(await deliverDueWebhooks(t.deps)).toEqual({ delivered: 0, retried: 0, dead: 1 });
    expect(hits.length).toBe(before);
    const admin = await t.loginAs('admin');
    const dead = (
      await t.app.inject({ method: 'GET', url: '/api/integration/deliveries?status=dead', headers: admin })
    ).json();
    expect(dead.total).toBe(1);
    expect(dead.items[0]).toMatchObject({ attempts: 1 });
    expect(dead.items[0].lastError).toContain('本机回环地址（127.0.0.1）');
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select(['success', 'detail'])
      .where('action', '=', 'webhook.dead_letter')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.success).toBe(false);

    allow(['127.0.0.1']);
    const replay = await t.app.inject({
      method: 'POST',
      url: `/api/integration/deliveries/${dead.items[0].id}/replay`,
      headers: admin,
    });
    expect(replay.statusCode).toBe(200);
    expect(await deliverDueWebhooks(t.deps)).toEqual({ delivered: 1, retried: 0, dead: 0 });
    expect(hits.at(-1)?.path).toBe('/hook');
    const summary = (
      await t.app.inject({ method: 'GET', url: '/api/integration/deliveries/summary', headers: admin })
    ).json();
    expect(summary).toEqual({ pending: 0, delivered: 1, dead: 0 });
  });
});
