import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeDailySequences } from '../src/modules/cases/cases.repository.js';
import { exportCasesCsv, importCasesCsv } from '../src/modules/cases/index.js';
import type { OpenDatabase } from '../src/platform/db/database.js';
import { AppError } from '../src/platform/http/errors.js';
import { openTestDatabase } from './support/test-db.js';

const CITY = '510400';
let database: OpenDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const db = () => database.db;

const HEADER =
  'case_no,source,reported_at,district,grid_code,kind,category_code,description,lng,lat,reporter,self_disposed,' +
  'filed_at,voided_at,parked_at,unit,dispatched_at,deadline_at,disposed_at,checked_at,closed_at,rework_count,extension_count';

// Written by hand in the canonical export form (times in +08:00, oldest first, names as stored),
// so the export of what this imports must reproduce it byte for byte.
const ROWS = [
  // reported only
  'E2019071100001,patrol,2019-07-11T08:03:00+08:00,东区,510402001002003,event,0102,新源路金海世纪城门岗旁暴露垃圾，约 2 平方米,101.71773,26.58362,jdy01,false,,,,,,,,,,0,0',
  // filed; a description that needs quoting (comma, quotes, line break)
  'C2019071100002,patrol,2019-07-11T08:15:00+08:00,西区,510403001002002,part,0101,"上水井盖破损, 有""安全隐患""\n请尽快处理",101.60473,26.62262,jdy02,false,2019-07-11T08:30:00+08:00,,,,,,,,,0,0',
  // dispatched with a deadline; script and SQL text kept inert
  "E2019071100003,video,2019-07-11T09:00:00+08:00,东区,510402002002001,event,0102,<script>alert(1)</script>'; DROP TABLE cases;--,101.73873,26.57662,jdy01,false,2019-07-11T09:10:00+08:00,,,市城市管理行政执法局,2019-07-11T09:20:00+08:00,2019-07-11T17:20:00+08:00,,,,0,0",
  // disposed
  'E2019071100004,patrol,2019-07-11T10:00:00+08:00,仁和区,510411001002001,event,0104,大河中学门前道路不洁,101.72173,26.51262,jdy02,false,2019-07-11T10:05:00+08:00,,,仁和区政府,2019-07-11T10:10:00+08:00,2019-07-12T10:10:00+08:00,2019-07-11T15:00:00+08:00,,,0,0',
  // closed normally
  'E2019071200001,patrol,2019-07-12T08:00:00+08:00,东区,510402003002004,event,0102,龙珠路路口暴露垃圾,101.72573,26.59352,jdy01,false,2019-07-12T08:10:00+08:00,,,市交通运输局,2019-07-12T08:20:00+08:00,2019-07-12T12:20:00+08:00,2019-07-12T11:00:00+08:00,2019-07-12T11:30:00+08:00,2019-07-12T11:45:00+08:00,0,0',
  // self-disposed (自行处置)
  'E2019071200002,patrol,2019-07-12T09:30:00+08:00,西区,510403002001003,event,0102,玉泉广场散落垃圾已当场清理,101.61573,26.60352,jdy02,true,2019-07-12T09:30:00+08:00,,,,,,2019-07-12T09:30:00+08:00,2019-07-12T09:30:00+08:00,2019-07-12T09:30:00+08:00,0,0',
  // voided (作废), late on the 12th Shanghai time
  'E2019071200003,public,2019-07-12T23:50:00+08:00,东区,510402005002002,event,0102,群众反映鸿海巷有垃圾（核实不属实）,101.75673,26.56762,,false,,2019-07-12T23:59:00+08:00,,,,,,,,0,0',
  // parked (挂账): the 13th in Shanghai, still the 12th in UTC
  'C2019071300001,patrol,2019-07-13T00:10:00+08:00,西区,510403004001002,part,0101,陶家渡东路井盖缺失（待道路改造）,101.63173,26.58862,jdy02,false,2019-07-13T00:30:00+08:00,,2019-07-13T09:00:00+08:00,,,,,,,0,0',
  // closed after one rework and one extension
  'E2019071300002,patrol,2019-07-13T08:00:00+08:00,东区,510402001002003,event,0102,金海世纪城门岗旁再次出现暴露垃圾,101.71773,26.58362,jdy01,false,2019-07-13T08:10:00+08:00,,,市城市管理行政执法局,2019-07-13T08:20:00+08:00,2019-07-15T18:00:00+08:00,2019-07-15T10:00:00+08:00,2019-07-15T11:00:00+08:00,2019-07-15T11:30:00+08:00,1,1',
  // from the hotline, no collector, checked (待结案)
  'E2019071300003,hotline,2019-07-13T10:00:00+08:00,西区,510403001003001,event,0102,市民来电：清香坪东街垃圾未清运,101.60773,26.62262,,false,2019-07-13T10:20:00+08:00,,,西区政府,2019-07-13T10:30:00+08:00,2019-07-13T18:30:00+08:00,2019-07-13T14:00:00+08:00,2019-07-13T15:00:00+08:00,,0,0',
  // dispatched, then returned (no current unit) → back at 待派遣
  'E2019071400001,patrol,2019-07-14T09:00:00+08:00,仁和区,510411001003003,event,0102,联通街50号暴露垃圾,101.72573,26.51352,jdy01,false,2019-07-14T09:10:00+08:00,,,,2019-07-14T09:20:00+08:00,,,,,0,0',
];
const CANONICAL = `${[HEADER, ...ROWS].join('\n')}\n`;

const expected: Record<string, { status: string; log: string[] }> = {
  E2019071100001: { status: 'reported', log: ['report'] },
  C2019071100002: { status: 'filed', log: ['report', 'file'] },
  E2019071100003: { status: 'dispatched', log: ['report', 'file', 'dispatch'] },
  E2019071100004: { status: 'disposed', log: ['report', 'file', 'dispatch', 'dispose'] },
  E2019071200001: {
    status: 'closed',
    log: ['report', 'file', 'dispatch', 'dispose', 'request_check', 'check_pass', 'close'],
  },
  E2019071200002: { status: 'closed', log: ['self_dispose'] },
  E2019071200003: { status: 'voided', log: ['report', 'void'] },
  C2019071300001: { status: 'parked', log: ['report', 'file', 'park'] },
  E2019071300002: {
    status: 'closed',
    log: [
      'report',
      'file',
      'dispatch',
      'dispose',
      'request_check',
      'check_fail',
      'rework',
      'request_extension',
      'approve_extension',
      'dispose',
      'request_check',
      'check_pass',
      'close',
    ],
  },
  E2019071300003: {
    status: 'checked',
    log: ['report', 'file', 'dispatch', 'dispose', 'request_check', 'check_pass'],
  },
  E2019071400001: { status: 'filed', log: ['report', 'file', 'dispatch', 'return'] },
};

const readable = (text: string) => Readable.from([Buffer.from(text, 'utf8')]);

async function exportText(range: { from?: string; to?: string } = {}) {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      callback();
    },
  });
  const progress: [number, number | undefined][] = [];
  const count = await exportCasesCsv(db(), CITY, range, sink, (done, total) => progress.push([done, total]));
  return { count, text: Buffer.concat(chunks).toString('utf8'), progress };
}

async function counts() {
  const cases = await db()
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const log = await db()
    .selectFrom('caseTransitions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { cases: Number(cases.n), log: Number(log.n) };
}

function caseByNo(caseNo: string) {
  return db()
    .selectFrom('cases')
    .selectAll()
    .where('cityCode', '=', CITY)
    .where('caseNo', '=', caseNo)
    .executeTakeFirstOrThrow();
}

function logOf(caseId: string) {
  return db().selectFrom('caseTransitions').selectAll().where('caseId', '=', caseId).orderBy('seq').execute();
}

function auditRows(action: string) {
  return db().selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('id').execute();
}

describe('exchange CSV import and export (案件台账)', () => {
  it('imports every kind of history with a rebuilt log', async () => {
    const progress: number[] = [];
    const report = await importCasesCsv(db(), CITY, readable(CANONICAL), (done) => progress.push(done));
    expect(report).toEqual({ imported: ROWS.length, skipped: 0, rejected: [] });
    expect(progress[progress.length - 1]).toBe(ROWS.length);

    for (const [caseNo, want] of Object.entries(expected)) {
      const row = await caseByNo(caseNo);
      const log = await logOf(row.id);
      expect(row.status, caseNo).toBe(want.status);
      expect(
        log.map((l) => l.action),
        caseNo,
      ).toEqual(want.log);
      expect(row.version, caseNo).toBe(log.length);
      expect(log.map((l) => l.seq)).toEqual(log.map((_, i) => i + 1));
      expect(log[log.length - 1]?.toStatus).toBe(want.status);
      for (let i = 1; i < log.length; i++) {
        expect(log[i]?.fromStatus).toBe(log[i - 1]?.toStatus);
        expect(log[i]?.at.getTime()).toBeGreaterThanOrEqual(log[i - 1]?.at.getTime() ?? 0);
      }
    }
    const all = await counts();
    expect(all).toEqual({
      cases: ROWS.length,
      log: Object.values(expected).reduce((n, e) => n + e.log.length, 0),
    });
  });

  it('rebuilds a reworked, extended case with marked reconstructed steps', async () => {
    const row = await caseByNo('E2019071300002');
    const unit = await db()
      .selectFrom('units')
      .select('id')
      .where('name', '=', '市城市管理行政执法局')
      .executeTakeFirstOrThrow();
    const jdy01 = await db()
      .selectFrom('users')
      .select('id')
      .where('login', '=', 'jdy01')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      reworkCount: 1,
      extensionCount: 1,
      unitId: unit.id,
      reporterId: jdy01.id,
      returnCount: 0,
    });
    const log = await logOf(row.id);
    expect(log[0]).toMatchObject({
      actorId: jdy01.id,
      actorRole: 'collector',
      data: { imported: true, source: 'patrol' },
    });
    const reconstructed = log
      .filter((l) => (l.data as { reconstructed?: boolean }).reconstructed)
      .map((l) => l.action);
    expect(reconstructed).toEqual([
      'dispose',
      'request_check',
      'check_fail',
      'rework',
      'request_extension',
      'approve_extension',
      'request_check',
    ]);
    expect(log.filter((l) => l.unitId === unit.id).map((l) => l.action)).toEqual(['dispatch', 'rework']);
    expect(log.filter((l) => l.deadlineAt).map((l) => [l.action, l.deadlineAt?.toISOString()])).toEqual([
      ['approve_extension', '2019-07-15T10:00:00.000Z'],
    ]);
    // placed between the first dispatch and the final disposal
    for (const l of log.slice(3, 9)) {
      expect(l.at > new Date('2019-07-13T00:20:00Z') && l.at < new Date('2019-07-15T02:00:00Z')).toBe(true);
    }
  });

  it('keeps references, stamps and inert text as given', async () => {
    const returned = await caseByNo('E2019071400001');
    expect(returned).toMatchObject({ unitId: null, returnCount: 1, stageDeadlineAt: expect.any(Date) });
    const dispatched = await caseByNo('E2019071100003');
    expect(dispatched.description).toBe("<script>alert(1)</script>'; DROP TABLE cases;--");
    expect(dispatched.stageDeadlineAt?.toISOString()).toBe('2019-07-11T09:20:00.000Z');
    const selfDisposed = await caseByNo('E2019071200002');
    expect(selfDisposed).toMatchObject({ selfDisposed: true, status: 'closed', stageDeadlineAt: null });
    const hotline = await caseByNo('E2019071300003');
    expect(hotline).toMatchObject({ source: 'hotline', reporterId: null });
    const grid = await db()
      .selectFrom('grids')
      .selectAll()
      .where('id', '=', hotline.gridId as string)
      .executeTakeFirstOrThrow();
    expect(grid.code).toBe('510403001003001');
    expect(hotline.districtId).toBe(grid.districtId);
    expect(hotline.streetId).toBe(grid.streetId);
  });

  it('raises the daily counters so live reports never reuse an imported number', async () => {
    expect(await takeDailySequences(db(), CITY, '2019-07-11', 1)).toBe(5);
    expect(await takeDailySequences(db(), CITY, '2019-07-13', 1)).toBe(4);
  });

  it('writes one audit row per batch', async () => {
    const rows = await auditRows('case.import');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.detail).toEqual({
      count: ROWS.length,
      firstCaseNo: 'E2019071100001',
      lastCaseNo: 'E2019071400001',
    });
  });

  it('exports exactly what it imported (export → import → export is identical)', async () => {
    const { count, text, progress } = await exportText();
    expect(count).toBe(ROWS.length);
    expect(text).toBe(CANONICAL);
    expect(progress[progress.length - 1]).toEqual([ROWS.length, ROWS.length]);
    const audit = await auditRows('case.export');
    expect(audit[audit.length - 1]).toMatchObject({
      success: true,
      detail: { count: ROWS.length, from: null, to: null },
    });
  });

  it('filters the export by Shanghai calendar dates, both inclusive', async () => {
    const day12 = await exportText({ from: '2019-07-12', to: '2019-07-12' });
    expect(day12.text).toBe(`${[HEADER, ...ROWS.slice(4, 7)].join('\n')}\n`);
    const from13 = await exportText({ from: '2019-07-13' });
    expect(from13.count).toBe(4);
    const to11 = await exportText({ to: '2019-07-11' });
    expect(to11.text).toBe(`${[HEADER, ...ROWS.slice(0, 4)].join('\n')}\n`);
    const none = await exportText({ from: '2020-01-01' });
    expect(none).toMatchObject({ count: 0, text: `${HEADER}\n` });
    const audit = await auditRows('case.export');
    expect(audit[audit.length - 1]?.detail).toEqual({ count: 0, from: '2020-01-01', to: null });
    await expect(exportText({ from: '2019-02-30' })).rejects.toMatchObject({ status: 422 });
    await expect(exportText({ from: '2019-07-13', to: '2019-07-12' })).rejects.toMatchObject({ status: 422 });
  });

  it('skips every row on a re-import, and refuses a known number with another report time', async () => {
    const before = await counts();
    const again = await importCasesCsv(db(), CITY, readable(CANONICAL), () => {});
    expect(again).toEqual({ imported: 0, skipped: ROWS.length, rejected: [] });
    const moved = ROWS[0]?.replace('2019-07-11T08:03:00+08:00', '2019-07-11T08:04:00+08:00');
    const clash = await importCasesCsv(db(), CITY, readable(`${HEADER}\n${moved}\n`), () => {});
    expect(clash.rejected.map((r) => [r.line, r.column])).toEqual([[2, 'case_no']]);
    expect(await counts()).toEqual(before);
  });
});

describe('exchange CSV rejections', () => {
  const good = (caseNo: string, patch: Record<number, string> = {}) => {
    const fields = [
      caseNo,
      'patrol',
      '2019-07-20T08:00:00+08:00',
      '攀枝花市东区',
      '',
      'event',
      '0102',
      '暴露垃圾',
      '101.71773',
      '26.58362',
      'jdy01',
      'false',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '0',
      '0',
    ];
    for (const [i, v] of Object.entries(patch)) fields[Number(i)] = v;
    return fields.join(',');
  };
  // column indexes
  const C = {
    reported: 2,
    district: 3,
    grid: 4,
    kind: 5,
    category: 6,
    description: 7,
    lng: 8,
    lat: 9,
    reporter: 10,
  };
  const dispatchedTo = (unit: string) => ({
    12: '2019-07-20T08:10:00+08:00',
    15: unit,
    16: '2019-07-20T08:20:00+08:00',
    17: '2019-07-20T12:20:00+08:00',
  });

  const lines = [
    HEADER, // 1
    good('E2019072000007', dispatchedTo('市交通局')), // 2 good: alias district, located point, alias unit
    good('E2019072000008', { [C.category]: '0188' }), // 3
    good('E2019072000009', { [C.district]: '南区' }), // 4
    good('E2019072000010', { [C.lng]: '104.0657', [C.lat]: '30.6595' }), // 5 point outside, no grid code
    good('E2019072000011', { [C.reported]: '2019-07-20 08:00' }), // 6
    good('E2019072000012', { [C.lng]: 'abc' }), // 7
    good('E2019072000013', { [C.kind]: 'thing' }), // 8
    good('E2019072000014', dispatchedTo('市不存在局')), // 9
    good('E2019072000007'), // 10 duplicate of line 2
    good('', { 11: 'true' }), // 11 good, numbered on import
    good('E2019072000015', { [C.description]: '"两行的描述\n第二行"' }), // 12–13 good
    good('E2019072000016', { [C.reporter]: 'nobody' }), // 14
    'E2019072000017,patrol', // 15
    good('E2019072000018', { [C.grid]: '510402001002003', [C.lng]: '104.0657', [C.lat]: '30.6595' }), // 16
    good('E2019072000019', { 12: '2019-07-20T07:00:00+08:00' }), // 17 filed before reported
    good('E2019072000020', { [C.district]: '西区' }), // 18 the point is in 东区
    good('E2019072000021', { [C.lng]: '101.7145', [C.lat]: '26.5835' }), // 19 in the city, between grids
  ];

  it('refuses each bad row with its line and column and imports the rest whole', async () => {
    const before = await counts();
    const auditBefore = (await auditRows('case.import')).length;
    const report = await importCasesCsv(db(), CITY, readable(`${lines.join('\n')}\n`), () => {});
    expect(report.rejected.map((r) => [r.line, r.column])).toEqual([
      [3, 'category_code'],
      [4, 'district'],
      [5, 'lng'],
      [6, 'reported_at'],
      [7, 'lng'],
      [8, 'kind'],
      [9, 'unit'],
      [10, 'case_no'],
      [14, 'reporter'],
      [15, '*'],
      [16, 'lng'],
      [17, 'filed_at'],
      [18, 'district'],
      [19, 'lng'],
    ]);
    for (const r of report.rejected) expect(r.reason).toMatch(/^[^/]+ \/ [^/]+/);
    expect(report.rejected.find((r) => r.line === 3)?.reason).toBe(
      '未知的事件类别：0188 / unknown event category: 0188',
    );
    expect(report.rejected.find((r) => r.line === 10)?.reason).toContain('line 2');
    expect(report).toMatchObject({ imported: 3, skipped: 0 });

    // nothing of a refused row was written: exactly the three good cases and their logs
    expect(await counts()).toEqual({ cases: before.cases + 3, log: before.log + 3 + 1 + 1 });
    const written = await db()
      .selectFrom('cases')
      .select('caseNo')
      .where('reportedAt', '>=', new Date('2019-07-20T00:00:00Z'))
      .orderBy('caseNo')
      .execute();
    // the numberless row comes after every number the file uses that day, refused rows' included
    expect(written.map((r) => r.caseNo)).toEqual(['E2019072000007', 'E2019072000015', 'E2019072000022']);
    expect((await auditRows('case.import')).length).toBe(auditBefore + 2);

    const located = await caseByNo('E2019072000007');
    const grid = await db()
      .selectFrom('grids')
      .select('code')
      .where('id', '=', located.gridId as string)
      .executeTakeFirstOrThrow();
    const unit = await db()
      .selectFrom('units')
      .select('name')
      .where('id', '=', located.unitId as string)
      .executeTakeFirstOrThrow();
    expect([grid.code, unit.name, located.status]).toEqual(['510402001002003', '市交通运输局', 'dispatched']);
    expect((await caseByNo('E2019072000015')).description).toBe('两行的描述\n第二行');
    expect(await caseByNo('E2019072000022')).toMatchObject({
      selfDisposed: true,
      status: 'closed',
      version: 1,
    });
  });

  it('counts lines right in a CRLF file with a byte-order mark', async () => {
    const text = `\ufeff${[
      HEADER,
      good('E2019072100001', {
        [C.reported]: '2019-07-21T08:00:00+08:00',
        [C.description]: '"第一行\r\n第二行\r\n第三行"',
      }),
      '',
      good('E2019072100002', { [C.reported]: '2019-07-21T08:00:00+08:00', [C.kind]: 'thing' }),
    ].join('\r\n')}\r\n`;
    const report = await importCasesCsv(db(), CITY, readable(text), () => {});
    expect(report.imported).toBe(1);
    expect(report.rejected.map((r) => [r.line, r.column])).toEqual([[6, 'kind']]);
    expect((await caseByNo('E2019072100001')).description).toBe('第一行\n第二行\n第三行');
  });

  it('refuses a file whose header lacks a column, importing nothing', async () => {
    const before = await counts();
    const header = HEADER.replace(',unit', '');
    const row = good('E2019072200001').split(',');
    row.splice(15, 1);
    const error = await importCasesCsv(db(), CITY, readable(`${header}\n${row.join(',')}\n`), () => {}).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 422, code: 'INVALID_EXCHANGE_HEADER' });
    expect((error as AppError).messages.en).toContain('missing columns: unit');
    const unknown = await importCasesCsv(db(), CITY, readable(`${HEADER},remark\n`), () => {}).catch(
      (e) => e,
    );
    expect(unknown).toMatchObject({ status: 422 });
    expect((unknown as AppError).messages.zh).toContain('未知列：remark');
    await expect(importCasesCsv(db(), CITY, readable(''), () => {})).rejects.toMatchObject({ status: 422 });
    expect(await counts()).toEqual(before);
  });

  it('reports malformed CSV as a 422 with the line', async () => {
    const text = `${HEADER}\n${good('E2019072300001', { [C.description]: '"never closed' })}\n`;
    await expect(importCasesCsv(db(), CITY, readable(text), () => {})).rejects.toMatchObject({ status: 422 });
  });
});

describe('cityloop import / export (CLI)', () => {
  const run = promisify(execFile);
  const bin = join(import.meta.dirname, '..', 'bin', 'cityloop.mjs');
  // The embedded database in a temp folder, whatever engine the rest of the run uses; without
  // the demo history (its July 2019 numbers would take the ones these rows bring).
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const env = { ...rest, CITYLOOP_DEMO_HISTORY: '0' };
  const cli = (dir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    run(process.execPath, [bin, '--data-dir', dir, ...args], { env, encoding: 'utf8' }).then(
      (done) => ({ code: 0, ...done }),
      (failed: { code: number; stdout: string; stderr: string }) => failed,
    );

  it('imports with a report of rejected rows and exports the same text', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cityloop-cli-'));
    try {
      expect((await cli(dir, 'seed', '--demo')).code).toBe(0);
      const bad = ROWS[1]?.replace(',西区,', ',南区,') ?? '';
      writeFileSync(join(dir, 'in.csv'), `${[HEADER, ROWS[0], bad, ...ROWS.slice(2)].join('\n')}\n`);
      const imported = await cli(dir, 'import', join(dir, 'in.csv'));
      expect(imported.code).toBe(1); // rejected rows make the exit status non-zero
      expect(imported.stdout).toContain(`imported: ${ROWS.length - 1} 条`);
      expect(imported.stdout).toContain(
        '第 3 行 line 3, 列 column district: 未知的区县：南区 / unknown district: 南区',
      );
      const exported = await cli(dir, 'export', join(dir, 'out.csv'), '--to', '2019-07-11');
      expect(exported.code).toBe(0);
      expect(exported.stdout).toContain('exported: 3 条');
      expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe(
        `${[HEADER, ROWS[0], ROWS[2], ROWS[3]].join('\n')}\n`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
