// npm run bench -- [--database-url URL] [--cases N] [--months M] [--quick] [--reuse-url URL] [--suites a,b]
// Runs the suites against PostgreSQL (DATABASE_URL or --database-url names the server; every
// dataset goes into a fresh cityloop_bench_<run>_* database, dropped at the end) and the intake
// suite against PGlite too; prints a table, writes bench/results/latest.json and, for a full
// run, docs/performance.md. `--docs-only` rewrites docs/performance.md from the last run's
// bench/results/latest.json and the current bench/analysis.md, measuring nothing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { monthlyFigures } from '../server/src/modules/statistics/index.js';
import { type OpenDatabase, openDatabase } from '../server/src/platform/db/database.js';
import { seedDemoUsers, seedDictionaries } from '../server/src/seeding.js';
import { prepareBenchCity } from './generator/city.js';
import { generateBenchCity } from './generator/generate.js';
import { DEFAULT_LAST_MONTH, planRange } from './generator/plan.js';
import { BenchDatabases } from './lib/databases.js';
import { round } from './lib/measure.js';
import { rawQuery } from './lib/raw-sql.js';
import { consoleTable, markdown, type RunFacts } from './lib/report.js';
import { importSuite } from './suites/import.js';
import { intakeSuite, memoryResult } from './suites/intake.js';
import { caseSuite, monthlySuite, queuesSuite } from './suites/reads.js';
import { CITY, type SuiteResult } from './suites/types.js';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    cases: { type: 'string' },
    months: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    'city-cases': { type: 'string', default: '30000' },
    'import-rows': { type: 'string' },
    seconds: { type: 'string' },
    samples: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'reuse-url': { type: 'string' },
    suites: { type: 'string', default: 'queues,case,monthly,intake,import' },
    keep: { type: 'boolean', default: false },
    'docs-only': { type: 'boolean', default: false },
    docs: { type: 'boolean' },
  },
});

function writePerformanceDoc(facts: RunFacts, results: readonly SuiteResult[]): void {
  const analysis = existsSync('bench/analysis.md') ? readFileSync('bench/analysis.md', 'utf8') : '';
  mkdirSync('docs', { recursive: true });
  writeFileSync('docs/performance.md', markdown(facts, results, analysis));
}

if (values['docs-only']) {
  const last = JSON.parse(readFileSync('bench/results/latest.json', 'utf8')) as {
    facts: RunFacts;
    results: SuiteResult[];
  };
  writePerformanceDoc(last.facts, last.results);
  console.log('wrote docs/performance.md from bench/results/latest.json');
  process.exit(0);
}

const baseUrl = values['database-url'] ?? process.env.DATABASE_URL;
if (!baseUrl) {
  console.error('npm run bench needs PostgreSQL: set DATABASE_URL or pass --database-url');
  process.exit(2);
}
const quick = values.quick as boolean;
const int = (raw: string | undefined, fallback: number) => (raw === undefined ? fallback : Number(raw));
const options = {
  cases: int(values.cases, quick ? 50_000 : 1_000_000),
  months: int(values.months, 1),
  seed: int(values.seed, 1),
  cityCases: int(values['city-cases'], 30_000),
  importRows: int(values['import-rows'], quick ? 20_000 : 200_000),
  seconds: int(values.seconds, quick ? 5 : 30),
  samples: int(values.samples, quick ? 100 : 500),
  connections: 50,
  lastMonth: DEFAULT_LAST_MONTH,
  reuse: values['reuse-url'] ?? null,
  quick,
};
const suites = new Set((values.suites as string).split(','));
const writeDocs = values.docs ?? !quick;

const runId = `${new Date().toISOString().slice(0, 10).replaceAll('-', '')}_${process.pid}`;
const databases = new BenchDatabases(baseUrl, runId);
const results: SuiteResult[] = [];
const generation: Record<string, unknown>[] = [];
const now = planRange(options).to;
const opened: OpenDatabase[] = [];
const open = async (databaseUrl: string) => {
  const database = await openDatabase({ databaseUrl });
  opened.push(database);
  return database;
};
const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function generated(name: string, cases: number, months: number): Promise<OpenDatabase> {
  const database = await open(await databases.create(name));
  log(`generating ${name}: ${cases.toLocaleString('en')} cases over ${months} month(s)`);
  const result = await generateBenchCity(database, {
    cases,
    months,
    seed: options.seed,
    lastMonth: options.lastMonth,
  });
  const row = {
    name,
    cases,
    months,
    transitions: result.summary.transitions,
    orders: result.orders.orders,
    orderLogRows: result.orders.logRows,
    seconds: round(result.ms / 1000, 1),
    casesPerSecond: Math.round(cases / (result.ms / 1000)),
    databaseMB: Math.round(result.databaseBytes / 1024 / 1024),
  };
  generation.push(row);
  log(`generated ${name}: ${JSON.stringify(row)}`);
  return database;
}

async function main() {
  const facts: RunFacts = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? '?',
      memoryGb: round(totalmem() / 1024 ** 3, 1),
      loadAverage: loadavg().map((x) => round(x, 1)),
      node: process.version,
      os: `${type()} ${release()}`,
    },
    postgres: await databases.serverFacts(),
    options,
    generation,
  };
  log(`machine: ${JSON.stringify(facts.machine)}, free ${round(freemem() / 1024 ** 3, 1)} GB`);

  // The big city: queues, case pages, the big month.
  const big = options.reuse
    ? await open(options.reuse)
    : await generated('big', options.cases, options.months);
  const [{ n: bigCases } = { n: 0 }] = await rawQuery<{ n: number }>(
    big.db,
    'select count(*)::int n from cases where city_code = $1',
    [CITY],
  );
  if (options.reuse) {
    // A database generated beforehand (npm run bench:generate): its size here, its generation
    // time in that command's output. Log rows from the planner's count, as counting 10 M cases'
    // logs would take longer than the suites.
    const [size] = await rawQuery<{ transitions: number; bytes: number }>(
      big.db,
      `select (select reltuples::bigint from pg_class where relname = 'case_transitions')::float8 as transitions,
              pg_database_size(current_database())::float8 as bytes`,
    );
    generation.push({
      name: 'big (reused; log rows estimated)',
      cases: bigCases,
      months: options.months,
      transitions: Math.round(size?.transitions ?? 0),
      databaseMB: Math.round((size?.bytes ?? 0) / 1024 / 1024),
    });
  }
  const read = { db: big.db, engine: 'postgres' as const, now, cases: bigCases, samples: options.samples };
  if (suites.has('queues')) results.push(await queuesSuite(read));
  if (suites.has('case')) results.push(await caseSuite(read));
  if (suites.has('monthly')) {
    results.push(
      await monthlySuite(
        { ...read, month: options.lastMonth, label: 'big month', targetMs: 1500, runs: quick ? 3 : 5 },
        monthlyFigures,
      ),
    );
  }

  // A city month (~30k cases): the monthly figures, then live intake on top of it.
  if (suites.has('monthly') || suites.has('intake')) {
    const city = await generated('city', options.cityCases, 1);
    if (suites.has('monthly')) {
      results.push(
        await monthlySuite(
          {
            db: city.db,
            engine: 'postgres',
            now,
            cases: options.cityCases,
            samples: options.samples,
            month: options.lastMonth,
            label: 'city month',
            targetMs: 100,
            runs: 20,
          },
          monthlyFigures,
        ),
      );
    }
    if (suites.has('intake')) {
      log('intake on PostgreSQL');
      const pgIntake = await intakeSuite({
        engine: 'postgres',
        databaseUrl: databases.urlOf(`cityloop_bench_${runId}_city`),
        floorDb: city.db,
        seconds: options.seconds,
        connections: options.connections,
        targetRate: 1500,
      });
      results.push(pgIntake, memoryResult(pgIntake));
      log('intake on PGlite');
      const lite = await openDatabase({ inMemory: true });
      opened.push(lite);
      await seedDictionaries(lite.db);
      await seedDemoUsers(lite.db);
      const liteIntake = await intakeSuite({
        engine: 'pglite',
        floorDb: lite.db,
        seconds: options.seconds,
        connections: options.connections,
        targetRate: 300,
      });
      results.push(liteIntake, memoryResult(liteIntake));
    }
  }

  if (suites.has('import')) {
    log('import');
    const perDay = Math.max(1, Math.floor(bigCases / (options.months * 30)));
    const days = Math.max(1, Math.min(28, Math.ceil(options.importRows / perDay)));
    const first = new Date(planRange(options).from.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const last = new Date(planRange(options).from.getTime() + (days - 1) * 86_400_000 + 8 * 3600_000)
      .toISOString()
      .slice(0, 10);
    const target = await open(await databases.create('import'));
    await prepareBenchCity(target.db, Math.ceil(bigCases / options.months));
    mkdirSync('bench/results', { recursive: true });
    results.push(
      await importSuite({
        engine: 'postgres',
        source: big.db,
        range: { from: first, to: last },
        target: target.db,
        file: join('bench/results', `import-${runId}.csv`),
        now,
      }),
    );
  }

  console.log(`\n${consoleTable(results)}\n`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/latest.json', `${JSON.stringify({ facts, results }, null, 2)}\n`);
  log('wrote bench/results/latest.json');
  if (writeDocs) {
    writePerformanceDoc(facts, results);
    log('wrote docs/performance.md');
  }
}

try {
  await main();
} finally {
  for (const database of opened) await database.close().catch(() => {});
  if (!values.keep) await databases.dropAll();
  await databases.close();
}
