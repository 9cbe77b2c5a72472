// npx tsx bench/track-ingest.ts [--points 400000] [--batch 1000] [--devices 100] [--parallel 8]
// Track ingest through the real service (filter, unnest insert, batch row, last position,
// audit row) into a fresh PostgreSQL database on the DATABASE_URL server, then the daily
// patrol computation (coverage, online time, intervals) for 100 synthetic collectors. Prints
// points/s (target ≥ 20,000) and the daily computation time (target < 5 s). The database
// cityloop_bench_tracks_<pid> is dropped at the end.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { localProjection } from '../server/src/modules/field/coverage.js';
import { getFieldSettings } from '../server/src/modules/field/index.js';
import { dayMetrics } from '../server/src/modules/field/track-metrics.js';
import { ingestPositions } from '../server/src/modules/field/tracks.service.js';
import { createUser } from '../server/src/modules/users/index.js';
import { openDatabase } from '../server/src/platform/db/database.js';
import type { Actor, AppDeps } from '../server/src/platform/http/server-types.js';
import { DEMO_CITY, seedDictionaries } from '../server/src/seeding.js';

const { values } = parseArgs({
  options: {
    points: { type: 'string', default: '400000' },
    batch: { type: 'string', default: '1000' },
    devices: { type: 'string', default: '100' },
    parallel: { type: 'string', default: '8' },
  },
});
const totalPoints = Number(values.points);
const batchSize = Number(values.batch);
const deviceCount = Number(values.devices);
const parallel = Number(values.parallel);

const baseUrl = process.env.DATABASE_URL;
if (!baseUrl) {
  console.error('bench/track-ingest.ts needs PostgreSQL: set DATABASE_URL');
  process.exit(2);
}
const name = `cityloop_bench_tracks_${process.pid}`;
const admin = new pg.Pool({ connectionString: baseUrl, max: 1 });
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(baseUrl);
url.pathname = `/${name}`;
const database = await openDatabase({ databaseUrl: url.toString() });

try {
  const { db } = database;
  await seedDictionaries(db);
  const origin: [number, number] = [101.7185, 26.5823];
  const projection = localProjection(origin);
  // One collector per device (real users: batch rows and last positions reference them).
  const actors: Actor[] = [];
  for (let i = 0; i < deviceCount; i++) {
    const login = `bench${String(i).padStart(3, '0')}`;
    const user = await createUser(db, null, DEMO_CITY.code, {
      login,
      displayName: login,
      role: 'collector',
      password: 'Bench#2019pzh',
      unitId: null,
      regionId: null,
    });
    actors.push({
      userId: user.id,
      login,
      role: 'collector',
      cityCode: DEMO_CITY.code,
      unitId: null,
      regionId: null,
    });
  }
  const start = Date.parse('2019-07-09T00:00:00Z');
  const deps = {
    db,
    now: () => new Date(start + 48 * 3_600_000),
    config: {} as AppDeps['config'],
    files: {} as AppDeps['files'],
  } as AppDeps;
  await getFieldSettings(db, DEMO_CITY.code);

  // Each device walks east-west at 1.2 m/s, one point a second, in consecutive batches.
  const batchesPerDevice = Math.ceil(totalPoints / deviceCount / batchSize);
  const jobs: (() => Promise<number>)[] = [];
  for (let d = 0; d < deviceCount; d++) {
    for (let b = 0; b < batchesPerDevice; b++) {
      jobs.push(async () => {
        const points = Array.from({ length: batchSize }, (_, k) => {
          const s = b * batchSize + k;
          const [lng, lat] = projection.toLngLat([((s * 1.2) % 2000) - 1000, d * 20]);
          return { t: new Date(start + s * 1000).toISOString(), lng, lat, accuracy: 8 };
        });
        const actor = actors[d] as Actor;
        const result = await ingestPositions(deps, actor, {
          deviceId: `DEV-${d}`,
          batchId: `${d}-${b}-${uuidv7()}`,
          points,
        });
        return result.stored;
      });
    }
  }
  let stored = 0;
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        // Await first, then add: `stored += await …` would read `stored` before the await.
        const n = job ? await job() : 0;
        stored += n;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `track ingest: ${stored} points in ${seconds.toFixed(2)} s = ${Math.round(stored / seconds)} points/s ` +
      `(batches of ${batchSize}, ${parallel} in parallel, ${deviceCount} devices; target ≥ 20,000)`,
  );

  // Daily computation for 100 collectors: an 8-hour shift, a point every 10 s, a 10 km route.
  const route = Array.from({ length: 101 }, (_, i) => projection.toLngLat([50, i * 100]));
  const t1 = performance.now();
  for (let c = 0; c < 100; c++) {
    const points = Array.from({ length: 2880 }, (_, i) => {
      const [lng, lat] = projection.toLngLat([(i * 7) % 100, ((i * 12) % 10_000) + c]);
      return { t: start + i * 10_000, lng, lat, deviceId: 'DEV' };
    });
    dayMetrics({
      points,
      shifts: [{ start, end: start + 8 * 3_600_000 }],
      route,
      grids: [],
      assignedDeviceId: 'DEV',
      gapMinutes: 10,
      bufferM: 30,
      intervalMinutes: 120,
    });
  }
  console.log(
    `daily patrol metrics for 100 collectors: ${((performance.now() - t1) / 1000).toFixed(2)} s (target < 5 s)`,
  );
} finally {
  await database.close();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
