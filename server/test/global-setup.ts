import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/platform/db/database.js';
import { seedDemoUsers, seedDictionaries } from '../src/seeding.js';
import { adminPool, templateNames } from './support/postgres-admin.js';

/**
 * Builds the starting databases once per run: an empty migrated one and one with the demo
 * dictionaries and logins. Each test file then starts from a copy (PGlite: a dumped data dir;
 * PostgreSQL: CREATE DATABASE … TEMPLATE), so files never see each other's rows.
 */
export default async function setup(project: TestProject) {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const names = templateNames(process.pid);
    const pool = adminPool(databaseUrl);
    for (const name of [names.empty, names.seeded]) {
      await pool.query(`DROP DATABASE IF EXISTS ${name}`);
      await pool.query(`CREATE DATABASE ${name}`);
      const url = new URL(databaseUrl);
      url.pathname = `/${name}`;
      const database = await openDatabase({ databaseUrl: url.toString() });
      if (name === names.seeded) {
        await seedDictionaries(database.db);
        await seedDemoUsers(database.db);
      }
      await database.close();
    }
    project.provide('pgTemplates', names);
    return async () => {
      for (const name of [names.empty, names.seeded]) await pool.query(`DROP DATABASE IF EXISTS ${name}`);
      await pool.end();
    };
  }

  const dir = mkdtempSync(join(tmpdir(), 'cityloop-test-'));
  const paths = { empty: join(dir, 'empty.tar.gz'), seeded: join(dir, 'seeded.tar.gz') };
  const database = await openDatabase({ inMemory: true });
  const pglite = database.pglite;
  if (!pglite) throw new Error('expected PGlite');
  writeFileSync(paths.empty, Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer()));
  await seedDictionaries(database.db);
  await seedDemoUsers(database.db);
  writeFileSync(paths.seeded, Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer()));
  await database.close();
  project.provide('pgliteDumps', paths);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplates: { empty: string; seeded: string };
    pgliteDumps: { empty: string; seeded: string };
  }
}
