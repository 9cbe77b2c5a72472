import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { uuidv7 } from 'uuidv7';
import { demoGeography } from '../../server/src/modules/geo/index.js';
import { DEMO_PASSWORD } from '../../server/src/modules/users/index.js';
import type { Db } from '../../server/src/platform/db/database.js';
import { picker, round, sampleRss } from '../lib/measure.js';
import { rawQuery } from '../lib/raw-sql.js';
import { CITY, type SuiteResult } from './types.js';

export interface IntakeOptions {
  engine: 'postgres' | 'pglite';
  /** PostgreSQL database the server uses (prepared city); absent: the server runs PGlite in memory. */
  databaseUrl?: string;
  /** The database the floor writes into: the same PostgreSQL database, or a PGlite of its own. */
  floorDb: Db;
  seconds: number;
  connections: number;
  /** ≥ reports/s for this engine. */
  targetRate: number;
}

const CATEGORY_CODES = ['0102', '0511', '0505', '0504', '0201', '0104'];

/** A phone photo's declaration (digest, type, size): the bytes follow in uploads not measured here. */
function photoDeclaration(report: number, n: number) {
  return {
    stage: 'report',
    sha256: createHash('sha256').update(`bench photo ${report}.${n}`).digest('hex'),
    contentType: 'image/jpeg',
    byteSize: 180_000 + ((report * 7919 + n * 104_729) % 420_000),
  };
}

/** The photo metadata the floor writes into its log row, as a report with two photos carries it. */
const FLOOR_LOG_DATA = JSON.stringify({
  source: 'patrol',
  photos: [photoDeclaration(0, 1), photoDeclaration(0, 2)],
});

/**
 * Points inside the demo grids (their centres), the commonest event categories, and one to
 * three declared photos per report (a collector's usual evidence).
 */
function reportBodies(count: number): string[] {
  const grids = demoGeography().grids;
  const pick = picker(11);
  return Array.from({ length: count }, (_, i) => {
    const g = pick(grids);
    const [minLng, minLat, maxLng, maxLat] = g.bbox;
    return JSON.stringify({
      photos: Array.from({ length: 1 + (i % 3) }, (_, n) => photoDeclaration(i, n + 1)),
      kind: 'event',
      categoryCode: CATEGORY_CODES[i % CATEGORY_CODES.length],
      description: `压测上报 ${i}：路边暴露垃圾约 1 平方米`,
      lng: round((minLng + maxLng) / 2, 7),
      lat: round((minLat + maxLat) / 2, 7),
      address: '压测地址',
      source: 'patrol',
    });
  });
}

async function startServer(databaseUrl: string | undefined): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/lib/intake-server.ts',
      ...(databaseUrl ? ['--database-url', databaseUrl] : []),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`intake server exited with ${code}`)));
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
  });
  return { child, port };
}

export async function intakeSuite(o: IntakeOptions): Promise<SuiteResult> {
  const { child, port } = await startServer(o.databaseUrl);
  const url = `http://127.0.0.1:${port}`;
  try {
    // One session per connection, as 50 collectors' phones would hold (not 50 sharing one).
    const tokens: string[] = [];
    for (let i = 0; i < o.connections; i++) {
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: i % 2 === 0 ? 'jdy01' : 'jdy02', password: DEMO_PASSWORD }),
      });
      if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
      tokens.push(((await login.json()) as { token: string }).token);
    }
    let clients = 0;
    const bodies = reportBodies(997);
    const runId = Date.now().toString(36);
    let n = 0;
    const load = (overallRate?: number) =>
      autocannon({
        url,
        connections: o.connections,
        duration: o.seconds,
        overallRate,
        requests: [
          {
            method: 'POST',
            path: '/api/cases',
            setupRequest: (request, context) => {
              n++;
              context.token ??= tokens[clients++ % tokens.length] as string;
              return {
                ...request,
                headers: {
                  cookie: `cityloop_session=${context.token}`,
                  'content-type': 'application/json',
                  // Unique per request: every one is a new report, never a replay.
                  'idempotency-key': `bench-${runId}-${n}`,
                },
                body: bodies[n % bodies.length],
              };
            },
          },
        ],
      });
    const rss = sampleRss(child.pid);
    const closed = await load();
    const maxRate = closed['2xx'] / closed.duration;
    const fixedRate = Math.max(1, Math.round(maxRate * 0.7));
    const fixed = await load(fixedRate);
    const rssSamples = rss.stop();
    const floor = await floorInserts(o.floorDb, o.connections, o.seconds);
    const rssMax = Math.max(...rssSamples);
    const p99 = fixed.latency.p99;
    const ratio = floor > 0 ? round(maxRate / floor) : null;
    const met =
      maxRate >= o.targetRate && (o.engine === 'pglite' || p99 <= 50) && (ratio === null || ratio >= 0.4);
    const notes: string[] = [];
    if (maxRate < o.targetRate)
      notes.push(
        `${round(maxRate, 0)}/s is ${round((100 * maxRate) / o.targetRate, 0)}% of ${o.targetRate}/s`,
      );
    if (o.engine === 'postgres' && p99 > 50) notes.push(`p99 ${p99} ms at ${fixedRate}/s is over 50 ms`);
    if (ratio !== null && ratio < 0.4)
      notes.push(`${round(ratio * 100, 0)}% of the plain-SQL floor (target ≥ 40%)`);
    if (closed.non2xx + fixed.non2xx + closed.errors + fixed.errors > 0)
      notes.push(`non-2xx ${closed.non2xx + fixed.non2xx}, errors ${closed.errors + fixed.errors}`);
    return {
      suite: 'intake',
      engine: o.engine,
      measure: `POST /api/cases over HTTP (case + log with 1–3 declared photos + audit rows, case page returned), ${o.connections} connections, ${o.seconds} s closed loop, then ${o.seconds} s at ${fixedRate}/s (70%)`,
      ours: {
        reports_per_s: round(maxRate, 0),
        closed_p99_ms: closed.latency.p99,
        fixed_rate_per_s: fixedRate,
        p50_ms: fixed.latency.p50,
        p90_ms: fixed.latency.p90,
        p99_ms: p99,
        server_rss_max_mb: rssMax,
      },
      floor: { inserts_per_s: round(floor, 0) },
      ratio,
      target: o.engine === 'postgres' ? '≥ 1,500/s, p99 ≤ 50 ms, ≥ 40% of floor' : '≥ 300/s, ≥ 40% of floor',
      met,
      notes,
    };
  } finally {
    child.kill('SIGTERM');
  }
}

/** The memory row: the server's resident set during the intake runs. */
export function memoryResult(intake: SuiteResult): SuiteResult {
  const rss = intake.ours.server_rss_max_mb ?? 0;
  return {
    suite: 'memory',
    engine: intake.engine,
    measure: 'server RSS, maximum over the intake runs (sampled every 250 ms)',
    ours: { rss_max_mb: rss },
    floor: {},
    ratio: null,
    target: '≤ 300 MB',
    met: rss <= 300,
    notes: rss <= 300 ? [] : [`${rss} MB is ${round(rss / 300)}× the target`],
  };
}

/**
 * The floor: the same three rows a report leaves (case, log with its photo metadata, audit) by plain SQL, one
 * transaction each, from as many concurrent clients; returns transactions per second.
 */
async function floorInserts(db: Db, clients: number, seconds: number): Promise<number> {
  const [ref] = await rawQuery<{
    categoryId: string;
    gridId: string;
    districtId: string;
    streetId: string;
    userId: string;
  }>(
    db,
    `select (select id from categories where city_code = $1 and kind = 'event' and code = '0102') as category_id,
            g.id as grid_id, g.district_id, g.street_id, (select id from users where login = 'jdy01') as user_id
     from grids g where g.city_code = $1 limit 1`,
    [CITY],
  );
  if (!ref) throw new Error('floor: the city has no grids');
  const prefix = `F${Date.now().toString(36)}`;
  let done = 0;
  let n = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  const worker = async () => {
    while (performance.now() < until) {
      const id = uuidv7();
      const now = new Date();
      const no = `${prefix}${++n}`;
      await db.transaction().execute(async (trx) => {
        await rawQuery(
          trx,
          `insert into cases (id, city_code, case_no, source, kind, category_id, description, address, lng, lat,
             grid_id, district_id, street_id, reporter_id, status, reported_at, stage_deadline_at, stage_warning_at,
             idempotency_key, request_hash, created_at, updated_at)
           values ($1, $2, $3, 'patrol', 'event', $4, '压测上报：路边暴露垃圾约 1 平方米', '压测地址', 101.7, 26.58,
             $5, $6, $7, $8, 'reported', $9, $9, $9, $3, 'x', $9, $9)`,
          [id, CITY, no, ref.categoryId, ref.gridId, ref.districtId, ref.streetId, ref.userId, now],
        );
        await rawQuery(
          trx,
          `insert into case_transitions (city_code, case_id, seq, action, to_status, actor_id, actor_role, at, data)
           values ($1, $2, 1, 'report', 'reported', $3, 'collector', $4, $5)`,
          [CITY, id, ref.userId, now, FLOOR_LOG_DATA],
        );
        await rawQuery(
          trx,
          `insert into audit_log (city_code, user_id, login, role, action, object_type, object_id, success, detail)
           values ($1, $2, 'jdy01', 'collector', 'case.report', 'case', $3, true, $4)`,
          [CITY, ref.userId, id, JSON.stringify({ caseNo: no })],
        );
      });
      done++;
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  return done / ((performance.now() - started) / 1000);
}
