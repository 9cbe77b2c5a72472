import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { type OpenDatabase, openDatabase } from '../../src/platform/db/database.js';
import { adminPool } from './postgres-admin.js';

let counter = 0;

/**
 * A private database for one test file, on the engine the run uses: PGlite by default,
 * PostgreSQL when DATABASE_URL is set. `seeded` starts with the demo dictionaries and logins.
 */
export async function openTestDatabase(kind: 'seeded' | 'empty' = 'seeded'): Promise<OpenDatabase> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const dump = readFileSync(inject('pgliteDumps')[kind]);
    return openDatabase({ loadDataDir: new Blob([dump]) });
  }
  const template = inject('pgTemplates')[kind];
  const name = `cityloop_t_${process.pid}_${Date.now()}_${counter++}`;
  const pool = adminPool(databaseUrl);
  await pool.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  return {
    ...database,
    close: async () => {
      await database.close();
      await pool.query(`DROP DATABASE IF EXISTS ${name}`);
      await pool.end();
    },
  };
}
