import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app.js';
import { DEMO_PASSWORD } from '../../src/modules/users/index.js';
import type { OpenDatabase } from '../../src/platform/db/database.js';
import { localFileStore } from '../../src/platform/files/file-store.js';
import type { App, AppConfig, AppDeps } from '../../src/platform/http/server-types.js';
import { openTestDatabase } from './test-db.js';

export const testConfig: AppConfig = {
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  loginMaxFailures: 5,
  loginLockMinutes: 15,
  uploadMaxBytes: 2 * 1024 * 1024,
  secureCookies: false,
  // Apps built straight from this config never export; startTestApp gives each app its own root.
  exchangeDir: join(tmpdir(), 'cityloop-exchange-unused'),
};

/** A settable clock: tests move time instead of waiting. */
export class TestClock {
  current: Date;
  constructor(start: string) {
    this.current = new Date(start);
  }
  now = () => new Date(this.current);
  advanceMinutes(minutes: number) {
    this.current = new Date(this.current.getTime() + minutes * 60000);
  }
  set(iso: string) {
    this.current = new Date(iso);
  }
}

export interface TestApp {
  app: App;
  /** What the app was built with, for driving jobs (webhook delivery, intake) in tests. */
  deps: AppDeps;
  database: OpenDatabase;
  clock: TestClock;
  /** Logs a demo user in and returns headers carrying the session cookie. */
  loginAs(login: string): Promise<{ cookie: string }>;
  close(): Promise<void>;
}

/**
 * The real app on a private database, a temp file store, a temp exchange root and a test clock
 * (a Tuesday morning).
 */
export async function startTestApp(
  options: { start?: string; kind?: 'seeded' | 'empty'; config?: Partial<AppConfig> } = {},
): Promise<TestApp> {
  const database = await openTestDatabase(options.kind ?? 'seeded');
  const filesDir = mkdtempSync(join(tmpdir(), 'cityloop-files-'));
  const exchangeDir = mkdtempSync(join(tmpdir(), 'cityloop-exchange-'));
  const clock = new TestClock(options.start ?? '2019-07-09T01:00:00Z');
  const deps: AppDeps = {
    db: database.db,
    files: localFileStore(filesDir),
    config: { ...testConfig, exchangeDir, ...options.config },
    now: clock.now,
  };
  const app = await buildApp(deps);
  return {
    app,
    deps,
    database,
    clock,
    async loginAs(login: string) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login, password: DEMO_PASSWORD },
      });
      if (response.statusCode !== 200) throw new Error(`login ${login} failed: ${response.body}`);
      const token = (response.json() as { token: string }).token;
      return { cookie: `cityloop_session=${token}` };
    },
    async close() {
      await app.close();
      await database.close();
      rmSync(filesDir, { recursive: true, force: true });
      rmSync(exchangeDir, { recursive: true, force: true });
    },
  };
}
