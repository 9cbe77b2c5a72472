import { once } from 'node:events';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { parse } from 'csv-parse';
import { exchangeColumns, exportCasesCsv, importCasesCsv } from '../../server/src/modules/cases/index.js';
import type { Db } from '../../server/src/platform/db/database.js';
import { round, rssMb, sampleRss } from '../lib/measure.js';
import { rawQuery } from '../lib/raw-sql.js';
import { CITY, type SuiteResult } from './types.js';

export interface ImportOptions {
  engine: 'postgres' | 'pglite';
  /** Where the file comes from: the generated city, exported with the exchange CSV. */
  source: Db;
  range: { from: string; to: string };
  /** An empty city with the same dictionaries and logins, to import into. */
  target: Db;
  file: string;
  now: Date;
}

export async function importSuite(o: ImportOptions): Promise<SuiteResult> {
  const out = createWriteStream(o.file);
  const rows = await exportCasesCsv(o.source, CITY, o.range, out);
  if (!out.writableFinished) await once(out, 'finish');
  const bytes = statSync(o.file).size;

  global.gc?.();
  const before = rssMb();
  const rss = sampleRss(undefined, 200);
  const started = performance.now();
  const report = await importCasesCsv(o.target, CITY, createReadStream(o.file), () => {}, { now: o.now });
  const seconds = (performance.now() - started) / 1000;
  const samples = rss.stop();

  const floorSeconds = await floorCopy(o.target, o.file);
  const rate = report.imported / seconds;
  const floorRate = rows / floorSeconds;
  const rssMax = Math.max(before, ...samples);
  // Flat: the last half of the run holds no more than the first half plus a margin.
  const half = samples.slice(Math.floor(samples.length / 2));
  const firstHalfMax = Math.max(before, ...samples.slice(0, Math.floor(samples.length / 2)));
  const flat = half.length === 0 || Math.max(...half) <= firstHalfMax * 1.15 + 20;
  const met = rate >= 20_000 && flat && report.rejected.length === 0;
  const notes: string[] = [];
  if (rate < 20_000)
    notes.push(`${round(rate, 0)} rows/s is ${round((100 * rate) / 20_000, 0)}% of 20,000/s`);
  if (!flat) notes.push('memory grew during the import');
  if (report.rejected.length > 0)
    notes.push(`${report.rejected.length} rows rejected: ${JSON.stringify(report.rejected.slice(0, 3))}`);
  return {
    suite: 'import',
    engine: o.engine,
    measure: `exchange CSV → cases with rebuilt logs (importCasesCsv): ${rows.toLocaleString('en')} rows, ${round(bytes / 1024 / 1024, 1)} MB`,
    ours: {
      rows_per_s: round(rate, 0),
      seconds: round(seconds, 1),
      imported: report.imported,
      rss_before_mb: before,
      rss_max_mb: rssMax,
      rss_end_mb: samples.at(-1) ?? before,
    },
    floor: { rows_per_s: round(floorRate, 0), seconds: round(floorSeconds, 1) },
    ratio: round(rate / floorRate),
    target: '≥ 20,000 rows/s, flat memory',
    met,
    notes,
  };
}

/**
 * The floor: the same file parsed and written as text into a bare table (no checks, no
 * indexes, no logs), in 5,000-row unnest batches — what COPY does, from this process.
 */
async function floorCopy(db: Db, file: string): Promise<number> {
  const columns = [...exchangeColumns];
  await rawQuery(db, 'drop table if exists bench_import_floor');
  await rawQuery(db, `create table bench_import_floor (${columns.map((c) => `"${c}" text`).join(', ')})`);
  const insert = `insert into bench_import_floor select * from unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(', ')})`;
  const started = performance.now();
  const parser = createReadStream(file).pipe(parse({ columns: true, bom: true }));
  let batch: Record<string, string>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    await rawQuery(
      db,
      insert,
      columns.map((c) => rows.map((r) => (r[c] === '' ? null : (r[c] ?? null)))),
    );
  };
  for await (const record of parser) {
    batch.push(record as Record<string, string>);
    if (batch.length >= 5000) await flush();
  }
  await flush();
  const seconds = (performance.now() - started) / 1000;
  await rawQuery(db, 'drop table bench_import_floor');
  return seconds;
}
