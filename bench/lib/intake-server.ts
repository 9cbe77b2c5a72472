// The real server for the intake suite, in a process of its own: the load generator must not
// share its event loop, and the memory figure must be the server's alone. Prints {"port": n}
// once listening; stops on SIGTERM.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../../server/src/app.js';
import { openDatabase } from '../../server/src/platform/db/database.js';
import { localFileStore } from '../../server/src/platform/files/file-store.js';
import { seedDemoUsers, seedDictionaries } from '../../server/src/seeding.js';

const { values } = parseArgs({ options: { 'database-url': { type: 'string' } } });
const databaseUrl = values['database-url'];
const database = await openDatabase(databaseUrl ? { databaseUrl } : { inMemory: true });
// PostgreSQL: the run prepared the city. PGlite: a fresh in-memory city.
if (!databaseUrl) {
  await seedDictionaries(database.db);
  await seedDemoUsers(database.db);
}
const app = await buildApp({
  db: database.db,
  files: localFileStore(mkdtempSync(join(tmpdir(), 'cityloop-bench-intake-'))),
  now: () => new Date(),
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
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(
  `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`,
);
process.on('SIGTERM', async () => {
  await app.close();
  await database.close();
  process.exit(0);
});
