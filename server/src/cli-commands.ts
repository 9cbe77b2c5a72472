import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { roleSchema } from '@cityloop/contracts/roles';
import type { RuntimeConfig } from './config.js';
import { exportCasesCsv, importCasesCsv } from './modules/cases/index.js';
import { findRegionByName } from './modules/geo/index.js';
import { findUnitByName } from './modules/org/index.js';
import { createUser } from './modules/users/index.js';
import { type OpenDatabase, openDatabase } from './platform/db/database.js';
import { invalid } from './platform/http/errors.js';
import { progressBar } from './platform/progress.js';
import { DEMO_CITY, seedDemoUsers, seedDictionaries } from './seeding.js';

/** Opens the configured database (migrating it) for one command and always closes it. */
async function withDatabase<T>(
  config: RuntimeConfig,
  work: (database: OpenDatabase) => Promise<T>,
): Promise<T> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: join(config.dataDir, 'pglite'),
  });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

export async function migrateCommand(config: RuntimeConfig): Promise<void> {
  await withDatabase(config, async (database) => {
    console.log(`数据库结构已是最新 / schema is up to date (${database.engine})`);
  });
}

export async function seedCommand(config: RuntimeConfig, demo: boolean): Promise<void> {
  await withDatabase(config, async ({ db }) => {
    await seedDictionaries(db);
    console.log('已载入字典 / dictionaries loaded: 日历, 区划与网格, 处置单位, 案件类别');
    if (demo) {
      await seedDemoUsers(db);
      console.log('已创建演示账号 / demo logins created');
    }
  });
}

export async function usersAddCommand(
  config: RuntimeConfig,
  opts: { login: string; name: string; role: string; password?: string; unit?: string; district?: string },
): Promise<void> {
  const password = opts.password ?? process.env.CITYLOOP_PASSWORD;
  if (!password)
    throw invalid(
      '请用 --password 或 CITYLOOP_PASSWORD 提供密码',
      'give a password with --password or CITYLOOP_PASSWORD',
    );
  await withDatabase(config, async ({ db }) => {
    const cityCode = DEMO_CITY.code;
    const unit = opts.unit ? await findUnitByName(db, cityCode, opts.unit) : null;
    if (opts.unit && !unit)
      throw invalid(`找不到处置单位：${opts.unit}`, `unknown handling unit: ${opts.unit}`);
    const region = opts.district ? await findRegionByName(db, cityCode, opts.district) : null;
    if (opts.district && !region)
      throw invalid(`找不到区县：${opts.district}`, `unknown district: ${opts.district}`);
    const { id } = await createUser(db, null, cityCode, {
      login: opts.login,
      displayName: opts.name,
      role: roleSchema.parse(opts.role),
      password,
      unitId: unit?.id ?? null,
      regionId: region?.id ?? null,
    });
    console.log(`已创建用户 / user created: ${opts.login} (${id})`);
  });
}

export async function importCasesCommand(config: RuntimeConfig, file: string): Promise<void> {
  await withDatabase(config, async ({ db }) => {
    const bar = progressBar('导入 import');
    const report = await importCasesCsv(db, DEMO_CITY.code, createReadStream(file), bar.update);
    bar.stop();
    console.log(`导入完成 / imported: ${report.imported} 条, 拒绝 / rejected: ${report.rejected.length} 条`);
    for (const r of report.rejected.slice(0, 200)) {
      console.log(`  第 ${r.line} 行 line ${r.line}, 列 column ${r.column}: ${r.reason}`);
    }
    if (report.rejected.length > 200) console.log(`  … 另有 ${report.rejected.length - 200} 条 / more`);
    if (report.rejected.length > 0) process.exitCode = 1;
  });
}

export async function exportCasesCommand(
  config: RuntimeConfig,
  file: string,
  range: { from?: string; to?: string },
) {
  await withDatabase(config, async ({ db }) => {
    const bar = progressBar('导出 export');
    const count = await exportCasesCsv(db, DEMO_CITY.code, range, createWriteStream(file), bar.update);
    bar.stop();
    console.log(`导出完成 / exported: ${count} 条 → ${file}`);
  });
}
