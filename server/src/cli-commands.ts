import { createReadStream, createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { roleSchema } from '@cityloop/contracts/roles';
import type { RuntimeConfig } from './config.js';
import { type BulletinFormat, exportBulletinFromCli } from './modules/bulletins/index.js';
import { exportCasesCsv, importCasesCsv } from './modules/cases/index.js';
import { findRegionByName } from './modules/geo/index.js';
import { hotlineMonthlyFigures } from './modules/hotline/index.js';
import { createApiKey } from './modules/open311/index.js';
import { findUnitByName } from './modules/org/index.js';
import { createUser } from './modules/users/index.js';
import { type OpenDatabase, openDatabase } from './platform/db/database.js';
import { localFileStore } from './platform/files/file-store.js';
import { invalid } from './platform/http/errors.js';
import { progressBar } from './platform/progress.js';
import { DEMO_CITY, demoHistoryLine, seedDemoCity, seedDictionaries } from './seeding.js';

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
      const bar = config.demoHistory ? progressBar('演示历史 demo history') : null;
      const history = await seedDemoCity(db, { history: config.demoHistory, onProgress: bar?.update });
      bar?.stop();
      console.log('已创建演示账号 / demo logins created');
      if (history) console.log(demoHistoryLine(history));
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

/** cityloop bulletin: the month's figures (JSON) and bulletin (Word, Excel, web page) to files. */
export async function bulletinCommand(
  config: RuntimeConfig,
  opts: { month: string; json?: string; docx?: string; xlsx?: string; html?: string; asOf?: string },
): Promise<void> {
  const targets = (['json', 'docx', 'xlsx', 'html'] as const).flatMap((format) => {
    const file = opts[format];
    return file ? [{ format, file }] : [];
  });
  if (targets.length === 0) {
    throw invalid(
      '请至少指定一个输出：--json、--docx、--xlsx 或 --html',
      'give at least one output: --json, --docx, --xlsx or --html',
    );
  }
  const asOf = opts.asOf ? new Date(opts.asOf) : undefined;
  if (asOf && Number.isNaN(asOf.getTime())) {
    throw invalid(
      `截止时间格式不正确：${opts.asOf}`,
      `--as-of is not a valid ISO 8601 instant: ${opts.asOf}`,
    );
  }
  await withDatabase(config, async ({ db }) => {
    const formats: BulletinFormat[] = targets.map((t) => t.format);
    const out = await exportBulletinFromCli(
      db,
      localFileStore(config.filesDir),
      DEMO_CITY.code,
      opts.month,
      formats,
      { now: new Date(), asOf },
    );
    for (const { format, file } of targets) {
      writeFileSync(file, out.get(format) as Buffer);
      console.log(`已生成 / written: ${file}`);
    }
  });
}

/** Issues an Open311 API key and prints ONLY the key (scripts capture it; it is never shown again). */
export async function apiKeyCreateCommand(
  config: RuntimeConfig,
  opts: { name: string; perMinute?: string },
): Promise<void> {
  const perMinute = opts.perMinute === undefined ? 60 : Number(opts.perMinute);
  if (!Number.isInteger(perMinute) || perMinute < 1 || perMinute > 10000) {
    throw invalid('--per-minute 须为 1 至 10000 的整数', '--per-minute must be an integer from 1 to 10000');
  }
  const name = opts.name.trim();
  if (!name || name.length > 100)
    throw invalid('--name 须为 1 至 100 个字符', '--name must be 1 to 100 characters');
  await withDatabase(config, async ({ db }) => {
    const created = await createApiKey(db, null, DEMO_CITY.code, { name, perMinute }, new Date());
    process.stdout.write(`${created.key}\n`);
  });
}

const percent = (rate: number) => `${Number((rate * 100).toFixed(2))}%`;

/** cityloop hotline stats: the hotline's figures for a month, as the bulletin prints them. */
export async function hotlineStatsCommand(
  config: RuntimeConfig,
  opts: { month: string; json?: boolean },
): Promise<void> {
  if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(opts.month)) {
    throw invalid(`月份格式应为 YYYY-MM：${opts.month}`, `--month must be YYYY-MM, got ${opts.month}`);
  }
  await withDatabase(config, async ({ db }) => {
    const f = await hotlineMonthlyFigures(db, DEMO_CITY.code, opts.month);
    if (opts.json) {
      console.log(JSON.stringify(f, null, 2));
      return;
    }
    console.log(
      `${opts.month} 受理 ${f.received}（有效 ${f.valid}，无效 ${f.invalid}）；直接答复 ${f.directReply}（${percent(f.directReplyShare)}）；` +
        `转办 ${f.transferred}，办结 ${f.completed}，办结率 ${percent(f.completionRate)}；` +
        `满意率 部门 ${percent(f.satisfaction.unit)}，坐席 ${percent(f.satisfaction.agent)}`,
    );
    console.log(f.byType.map((t) => `${t.label} ${t.count}（${percent(t.share)}）`).join('，'));
    console.log('联动单位\t本月接件\t已办件\t在办件\t本月办结率');
    for (const r of f.byUnit)
      console.log(`${r.unit}\t${r.received}\t${r.done}\t${r.inProgress}\t${percent(r.rate)}`);
    const total = f.byUnit.reduce((s, r) => ({ received: s.received + r.received, done: s.done + r.done }), {
      received: 0,
      done: 0,
    });
    console.log(
      `共计\t${total.received}\t${total.done}\t${total.received - total.done}\t${percent(total.received ? total.done / total.received : 0)}`,
    );
  });
}
