import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import type { OpenDatabase } from '../src/platform/db/database.js';
import { localFileStore } from '../src/platform/files/file-store.js';
import type { App } from '../src/platform/http/server-types.js';
import { testConfig } from './support/test-app.js';
import { openTestDatabase } from './support/test-db.js';

// The server hands out the built console (index.html) and field app (m.html) for deep links,
// so a reload on /queues/to_accept or /m/tasks lands in the app, not on a 404.
describe('serving the web apps', () => {
  let dir: string;
  let database: OpenDatabase;
  let app: App;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cityloop-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<html>console</html>');
    writeFileSync(join(dir, 'm.html'), '<html>field</html>');
    writeFileSync(join(dir, 'assets', 'app-abc123.js'), 'console.log(1)');
    database = await openTestDatabase('empty');
    app = await buildApp({
      db: database.db,
      files: localFileStore(join(dir, 'files')),
      config: { ...testConfig, webDist: dir },
      now: () => new Date('2019-07-09T01:00:00Z'),
    });
  });

  afterAll(async () => {
    await app.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const page = (url: string) => app.inject({ method: 'GET', url, headers: { accept: 'text/html,*/*' } });

  it('answers the console page at / and for console deep links', async () => {
    for (const url of ['/', '/queues/to_accept', '/cases/0190f3a4-0000-7000-8000-000000000000?x=1']) {
      const res = await page(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toBe('<html>console</html>');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('answers the field app for /m and everything under it', async () => {
    for (const url of ['/m', '/m/', '/m/tasks', '/m/cases/abc']) {
      const res = await page(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toBe('<html>field</html>');
    }
    // A path that merely starts with "m" is a console route.
    expect((await page('/mine')).body).toBe('<html>console</html>');
  });

  it('serves built files with a long cache and keeps API misses a bilingual 404', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');

    for (const url of ['/api/nope', '/assets/missing.js', '/docs/nope']) {
      const res = await page(url);
      expect(res.statusCode, url).toBe(404);
      const body = res.json() as { error: { code: string; message: string; messageEn: string } };
      expect(body.error.code).toBe('NOT_FOUND');
      expect(body.error.message).toMatch(/没有这个地址/);
      expect(body.error.messageEn).toMatch(/no such route/);
    }
    // Not a browser navigation (no text/html), not a GET: no page either.
    expect(
      (await app.inject({ method: 'GET', url: '/queues/x', headers: { accept: 'application/json' } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'POST', url: '/queues/x', headers: { accept: 'text/html' } })).statusCode,
    ).toBe(404);
  });
});
