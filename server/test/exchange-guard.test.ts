import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertExchangeSettings } from '../src/modules/integration/integration.repository.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// The upper-platform exchange must not be an SSRF or file-write hole: its URL is under the
// webhooks' address policy (checked when saved, and again by the connection at run time), and its
// folder is a path inside the server's exchange root (checked when saved, and again when writing,
// where no level may be a symbolic link). The receiver on 127.0.0.1 is reachable only while the
// test allowlists that host, as an operator would by configuration.

let t: TestApp;
let receiver: Server;
let port: number;
let outside: string;
const hits: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  outside = mkdtempSync(join(tmpdir(), 'cityloop-outside-'));
  receiver = createServer((request, response) => {
    hits.push(request.url ?? '');
    request.resume();
    request.on('end', () => response.writeHead(200).end('ok'));
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await t.close();
  rmSync(outside, { recursive: true, force: true });
});

const allow = (hosts: string[]) => {
  t.deps.config.webhookAllowHosts = hosts;
};

async function save(payload: Record<string, unknown>) {
  const admin = await t.loginAs('admin');
  return t.app.inject({ method: 'PUT', url: '/api/integration/exchange/settings', headers: admin, payload });
}

async function runMonth() {
  const admin = await t.loginAs('admin');
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/integration/exchange/runs',
    headers: admin,
    payload: { period: '2019-07' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { status: string; target: string | null; error: string | null };
}

async function currentSettings() {
  const admin = await t.loginAs('admin');
  return (
    await t.app.inject({ method: 'GET', url: '/api/integration/exchange/settings', headers: admin })
  ).json();
}

async function settingsAudits() {
  const rows = await t.database.db
    .selectFrom('auditLog')
    .select('id')
    .where('action', '=', 'exchange.settings')
    .execute();
  return rows.length;
}

describe('saving the settings', () => {
  it('refuses loopback, metadata, private and local-name URLs with 422 in both languages; changes nothing', async () => {
    allow([]);
    expect((await save({ targetDir: 'outbox' })).statusCode).toBe(200);
    const saved = await currentSettings();
    const audits = await settingsAudits();
    const cases: [string, RegExp, RegExp][] = [
      [`http://127.0.0.1:${port}/exchange`, /本机回环地址（127\.0\.0\.1）/, /loopback/],
      ['http://169.254.169.254/latest/meta-data/', /云平台元数据地址/, /cloud metadata/],
      ['http://10.0.0.1/upload', /内网地址/, /private-network/],
      [`http://localhost:${port}/exchange`, /本机回环地址/, /loopback/],
      ['http://[::ffff:127.0.0.1]/', /本机回环地址/, /loopback/],
    ];
    for (const [url, zh, en] of cases) {
      const response = await save({ targetUrl: url, targetDir: 'outbox' });
      expect(response.statusCode, url).toBe(422);
      const { error } = response.json();
      expect(error.code).toBe('EXCHANGE_TARGET_REFUSED');
      expect(error.message).toMatch(zh);
      expect(error.messageEn).toMatch(en);
      expect(error.details).toEqual([expect.objectContaining({ path: 'targetUrl' })]);
    }
    expect(await currentSettings()).toEqual(saved);
    expect(await settingsAudits()).toBe(audits);
  });

  it('accepts an allowlisted host, and only that one', async () => {
    allow(['127.0.0.1']);
    expect((await save({ targetUrl: `http://127.0.0.2:${port}/exchange` })).statusCode).toBe(422);
    const accepted = await save({ targetUrl: `http://127.0.0.1:${port}/exchange` });
    expect(accepted.statusCode, accepted.body).toBe(200);
    allow([]);
  });

  it('refuses folders outside the exchange root with 422 in both languages; changes nothing', async () => {
    expect((await save({ targetDir: 'outbox' })).statusCode).toBe(200);
    const saved = await currentSettings();
    const audits = await settingsAudits();
    for (const targetDir of ['/etc', '../x', 'a/../../x', 'a/../b', '..', 'a\\..\\..\\x', 'a\u0000b']) {
      const response = await save({ targetDir });
      expect(response.statusCode, targetDir).toBe(422);
      const { error } = response.json();
      expect(error.code).toBe('EXCHANGE_DIR_REFUSED');
      expect(error.message).toMatch(/交换根目录下的相对路径/);
      expect(error.messageEn).toMatch(/relative path inside the server exchange root/);
      expect(error.details).toEqual([{ path: 'targetDir' }]);
    }
    expect(await currentSettings()).toEqual(saved);
    expect(await settingsAudits()).toBe(audits);
  });
});

describe('running the exchange', () => {
  it('writes a relative folder under the exchange root', async () => {
    expect((await save({ targetDir: './city/drop' })).statusCode).toBe(200);
    const run = await runMonth();
    const folder = join(t.deps.config.exchangeDir, 'city', 'drop', '510400', '2019-07');
    expect(run).toMatchObject({ status: 'delivered', target: folder, error: null });
    expect(readdirSync(folder).sort()).toEqual([
      'cases-2019-07.csv',
      'cases-2019-07.json',
      'figures-2019-07.json',
    ]);
  });

  it('fails, without contacting it, a stored URL the policy no longer allows', async () => {
    allow(['127.0.0.1']);
    expect((await save({ targetUrl: `http://127.0.0.1:${port}/exchange` })).statusCode).toBe(200);
    const delivered = await runMonth();
    expect(delivered.status).toBe('delivered');
    expect(hits).toEqual(['/exchange']);
    // The operator withdraws the allowance (as if the name now pointed inside the network).
    allow([]);
    const refused = await runMonth();
    expect(refused.status).toBe('failed');
    expect(refused.error).toContain('本机回环地址（127.0.0.1）');
    expect(refused.error).toContain('loopback');
    expect(hits).toEqual(['/exchange']);
  });

  it('fails a stored folder outside the root (saved before the rule) and writes nothing there', async () => {
    await upsertExchangeSettings(t.database.db, {
      cityCode: '510400',
      targetUrl: null,
      targetDir: outside,
      active: true,
    });
    const run = await runMonth();
    expect(run.status).toBe('failed');
    expect(run.error).toContain('交换根目录下的相对路径');
    expect(readdirSync(outside)).toEqual([]);
  });

  it('does not write through a symbolic link planted in the exchange share', async () => {
    const root = t.deps.config.exchangeDir;
    symlinkSync(outside, join(root, 'share'));
    expect((await save({ targetDir: 'share' })).statusCode).toBe(200);
    const linkedFolder = await runMonth();
    expect(linkedFolder.status).toBe('failed');
    expect(linkedFolder.error).toContain('symbolic link');
    expect(readdirSync(outside)).toEqual([]);

    // A link in place of one of the files is not followed either.
    const victim = join(outside, 'victim.txt');
    writeFileSync(victim, 'untouched');
    const period = join(root, 'plain', '510400', '2019-07');
    mkdirSync(period, { recursive: true });
    symlinkSync(victim, join(period, 'cases-2019-07.csv'));
    expect((await save({ targetDir: 'plain' })).statusCode).toBe(200);
    const linkedFile = await runMonth();
    expect(linkedFile.status).toBe('failed');
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
    expect(existsSync(join(outside, '510400'))).toBe(false);
  });
});
