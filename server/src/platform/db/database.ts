import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { acquireDataDirLock } from './data-dir-lock.js';
import { migrateToLatest } from './migrations.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite in dataDir is used. */
  databaseUrl?: string;
  /** PGlite data folder (default ./data). */
  dataDir?: string;
  /** Start PGlite from a dumped data folder (tests) instead of the files in dataDir. */
  loadDataDir?: Blob;
  /** Keep PGlite in memory (tests). */
  inMemory?: boolean;
}

export interface OpenDatabase {
  db: Db;
  engine: 'postgres' | 'pglite';
  /** The raw PGlite instance, for dumps in tests; undefined on PostgreSQL. */
  pglite?: PGlite;
  close(): Promise<void>;
}

const OID = { int8: 20, numeric: 1700, date: 1082 } as const;

// Both engines must return the same shapes: counts as numbers, dates as 'YYYY-MM-DD'.
pg.types.setTypeParser(OID.int8, (v) => Number(v));
pg.types.setTypeParser(OID.numeric, (v) => Number(v));
pg.types.setTypeParser(OID.date, (v) => v);

const pgliteParsers = {
  [OID.int8]: (v: string) => Number(v),
  [OID.numeric]: (v: string) => Number(v),
  [OID.date]: (v: string) => v,
};

export async function openDatabase(options: DatabaseOptions): Promise<OpenDatabase> {
  if (options.databaseUrl) {
    // JIT off: the monthly figures' queries cost enough to pass PostgreSQL's JIT thresholds,
    // and compiling them took longer than it saved (a 1 M-case month's 12345 facts: ~0.8 s of
    // JIT in a 2.6 s query, measured in issue 8's bench). Our short queries never use it.
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, options: '-c jit=off' });
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
    });
    await migrateToLatest(db as Kysely<unknown>);
    return { db, engine: 'postgres', close: () => db.destroy() };
  }

  // Loaded only for the embedded engine: a server on PostgreSQL never holds PGlite's ~40 MB.
  const { PGlite } = await import('@electric-sql/pglite');
  let releaseLock = () => {};
  let client: PGlite;
  if (options.inMemory || options.loadDataDir) {
    client = await PGlite.create({ parsers: pgliteParsers, loadDataDir: options.loadDataDir });
  } else {
    const dir = options.dataDir ?? './data';
    mkdirSync(dir, { recursive: true });
    releaseLock = acquireDataDirLock(dir);
    try {
      client = await PGlite.create({ dataDir: dir, parsers: pgliteParsers });
    } catch (error) {
      releaseLock();
      throw error;
    }
  }
  const db = new Kysely<Database>({
    dialect: new PGliteDialect(client),
    plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
  });
  await migrateToLatest(db as Kysely<unknown>);
  return {
    db,
    engine: 'pglite',
    pglite: client,
    close: async () => {
      await db.destroy();
      releaseLock();
    },
  };
}
