// npm run bench:generate -- --cases N --months M --seed S [--orders N] [--database-url URL | --data-dir DIR]
// A deterministic synthetic city — cases and 12345 work orders (by default the seed's ~14% of
// the cases) — written into PostgreSQL (DATABASE_URL or --database-url) or, without a URL, into
// an embedded PGlite folder. The database must not hold the city's cases yet.
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { openDatabase } from '../server/src/platform/db/database.js';
import { generateBenchCity } from './generator/generate.js';
import { orderCount } from './generator/orders.js';
import { DEFAULT_LAST_MONTH } from './generator/plan.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    months: { type: 'string', default: '12' },
    seed: { type: 'string', default: '1' },
    'last-month': { type: 'string', default: DEFAULT_LAST_MONTH },
    'database-url': { type: 'string' },
    'data-dir': { type: 'string', default: 'bench/results/pglite' },
    batch: { type: 'string' },
    orders: { type: 'string' },
  },
});

const atLeast = (min: number, what: string) => (name: string, raw: string | undefined) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a ${what}, got "${raw}"`);
  return n;
};
const positive = atLeast(1, 'positive integer');
// --orders 0 writes the cases alone, as the generator did before it planned orders.
const wholeNumber = atLeast(0, 'whole number');

const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
const options = {
  cases: positive('cases', values.cases),
  months: positive('months', values.months),
  seed: positive('seed', values.seed),
  lastMonth: values['last-month'] as string,
  batch: values.batch ? positive('batch', values.batch) : undefined,
  orders: values.orders === undefined ? undefined : wholeNumber('orders', values.orders),
};
if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(options.lastMonth)) throw new Error('--last-month must be YYYY-MM');

const database = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: values['data-dir'] });
const bar = new cliProgress.SingleBar(
  {
    format: ' {bar} {percentage}% | {value}/{total} cases and orders | {rate}/s | ETA {eta_formatted}',
    hideCursor: true,
  },
  cliProgress.Presets.shades_classic,
);
const started = Date.now();
let done = 0;
bar.start(options.cases + orderCount(options), 0, { rate: 0 });
try {
  const result = await generateBenchCity(database, {
    ...options,
    onProgress: (written) => {
      done += written;
      bar.update(done, { rate: Math.round(done / ((Date.now() - started) / 1000)) });
    },
  });
  bar.stop();
  const { summary } = result;
  console.log(
    JSON.stringify(
      {
        engine: database.engine,
        ...options,
        seconds: Math.round(result.ms / 100) / 10,
        casesPerSecond: Math.round(summary.cases / (result.ms / 1000)),
        transitions: summary.transitions,
        databaseMB: Math.round(result.databaseBytes / 1024 / 1024),
        byStatus: summary.byStatus,
        byOutcome: summary.byOutcome,
        hotlineOrders: {
          count: result.orders.orders,
          logRows: result.orders.logRows,
          byMonth: result.orders.byMonth,
          byStatus: result.orders.byStatus,
          byOutcome: result.orders.byOutcome,
        },
      },
      null,
      2,
    ),
  );
} finally {
  bar.stop();
  await database.close();
}
