import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../server/src/platform/db/database.js';
import { localFileStore } from '../../server/src/platform/files/file-store.js';
import type { Actor, AppDeps } from '../../server/src/platform/http/server-types.js';
import { rawQuery } from '../lib/raw-sql.js';

/** One row of the results table: our figure, its floor, the target, and whether it was met. */
export interface SuiteResult {
  suite: string;
  engine: 'postgres' | 'pglite';
  /** What was measured, e.g. "待派遣 page, 1,000,000 cases". */
  measure: string;
  ours: Record<string, number>;
  floor: Record<string, number>;
  /** ours ÷ floor on the headline figure (throughput: ours/floor; latency: floor/ours). */
  ratio: number | null;
  target: string;
  met: boolean | null;
  notes: string[];
  /** EXPLAIN ANALYZE output of the queries behind a missed or borderline target. */
  explain?: Record<string, string>;
}

export const CITY = '510400';

/** The actor a demo login acts as (services take an Actor, as routes pass them). */
export async function actorOf(db: Db, login: string): Promise<Actor> {
  const [u] = await rawQuery<{
    id: string;
    role: Actor['role'];
    unitId: string | null;
    regionId: string | null;
  }>(db, 'select id, role, unit_id, region_id from users where login = $1', [login]);
  if (!u) throw new Error(`login ${login} is missing`);
  return { userId: u.id, login, role: u.role, cityCode: CITY, unitId: u.unitId, regionId: u.regionId };
}

export function depsOf(db: Db, now: Date): AppDeps {
  return {
    db,
    now: () => now,
    // Read suites touch no files; the store exists because services are built with one.
    files: localFileStore(join(tmpdir(), 'cityloop-bench-files')),
    config: {
      sessionIdleMinutes: 30,
      sessionMaxHours: 12,
      loginMaxFailures: 5,
      loginLockMinutes: 15,
      uploadMaxBytes: 10 * 1024 * 1024,
      secureCookies: false,
      // Never written: the benchmarks do not run the monthly exchange.
      exchangeDir: join(tmpdir(), 'cityloop-bench-exchange'),
    },
  };
}

export async function explain(db: Db, text: string, parameters: readonly unknown[]): Promise<string> {
  const rows = await rawQuery<Record<string, string>>(db, `explain (analyze, buffers) ${text}`, parameters);
  return rows.map((r) => Object.values(r)[0]).join('\n');
}
