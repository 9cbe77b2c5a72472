import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { roleLabels } from '@cityloop/contracts/roles';
import { buildApp } from './app.js';
import type { RuntimeConfig } from './config.js';
import { startIntegrationWorker } from './modules/integration/index.js';
import { startOpen311Worker } from './modules/open311/index.js';
import { DEMO_PASSWORD, demoUsers } from './modules/users/index.js';
import { openDatabase } from './platform/db/database.js';
import { localFileStore } from './platform/files/file-store.js';
import { progressBar } from './platform/progress.js';
import { demoHistoryLine, seedDemoCity } from './seeding.js';

const here = dirname(fileURLToPath(import.meta.url));
export const WEB_DIST = resolve(here, '../../web/dist');

/** config → database (migrated) → optional demo city → HTTP. Returns a stop function. */
export async function startServer(config: RuntimeConfig, options: { demo: boolean }) {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: join(config.dataDir, 'pglite'),
  });
  if (options.demo) {
    // The first start loads the demo history (about a minute on PGlite); later starts only count.
    const bar = config.demoHistory ? progressBar('演示历史 demo history') : null;
    const history = await seedDemoCity(database.db, { history: config.demoHistory, onProgress: bar?.update });
    bar?.stop();
    if (history) console.log(demoHistoryLine(history));
  }
  const app = await buildApp(
    {
      db: database.db,
      files: localFileStore(config.filesDir),
      config: { ...config.app, webDist: config.app.webDist ?? (existsSync(WEB_DIST) ? WEB_DIST : undefined) },
      now: () => new Date(),
    },
    { logger: process.env.LOG_LEVEL !== 'silent' },
  );
  await app.listen({ port: config.port, host: config.host });
  // Background jobs (webhook deliveries, overdue events, monthly exchange, batch intake): leased
  // rows in the database, so several processes may run them and a restart resumes them.
  const logJobError = (error: unknown) => app.log.error({ err: error }, 'background job failed');
  const jobDeps = {
    db: database.db,
    files: localFileStore(config.filesDir),
    config: config.app,
    now: () => new Date(),
  };
  const stopJobs = [startIntegrationWorker(jobDeps, logJobError), startOpen311Worker(jobDeps, logJobError)];
  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `CityLoop 城市综合管理指挥平台 已启动 / is running: ${url}`,
    `  数据库 / database: ${database.engine === 'pglite' ? `PGlite (${join(config.dataDir, 'pglite')})` : 'PostgreSQL'}`,
    `  接口文档 / API docs: ${url}/docs`,
  ];
  if (options.demo) {
    lines.push(`  演示账号 / demo logins (密码 password: ${DEMO_PASSWORD}):`);
    for (const user of demoUsers)
      lines.push(`    ${user.login.padEnd(8)} ${roleLabels[user.role]} ${user.displayName}`);
  }
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.all(stopJobs.map((stopJob) => stopJob()));
    await app.close();
    await database.close();
  };
  return { stop, url };
}
