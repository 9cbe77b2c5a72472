import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseFacts, type LogRow, tallyCases } from '../src/modules/statistics/case-facts.js';
import { monthRange } from '../src/modules/statistics/month.js';
import {
  type HeadlineGroupRow,
  selectHeadlineGroups,
  selectHeadlineGroupsFromFacts,
  selectUnitCounts,
  selectUnitCountsFromFacts,
} from '../src/modules/statistics/statistics.repository.js';
import { monthlyCaseCounts } from '../src/modules/statistics/statistics.service.js';
import { moveOk, pngOfColour, pointIn, reportAs, unitIdByName, uploadPhoto } from './support/case-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// A generated month over the real case service: each case's story is chosen so the expected
// figures follow from the story (written out below), and the SQL figures are also checked
// against the reference fold over the same log (case-facts.ts).

let t: TestApp;
let cityManagement: string;
let water: string;
const ids: Record<string, string> = {};

const as = (login: string) => t.loginAs(login);
const at = (iso: string) => t.clock.set(iso);

async function dispose(id: string, login: string, colour: number) {
  const upload = await uploadPhoto(t, await as(login), id, 'dispose', pngOfColour(colour, 10, 10));
  expect(upload.statusCode, upload.body).toBe(201);
  return moveOk(t, await as(login), id, 'dispose', { note: '已处置' });
}

beforeAll(async () => {
  t = await startTestApp({ start: '2019-06-10T01:00:00Z' });
  const pq = await as('pqy01');
  cityManagement = await unitIdByName(t, pq, '市城市管理行政执法局');
  water = await unitIdByName(t, pq, '市水务集团');

  // June: two cases reported and filed (the previous month of the comparison).
  for (const name of ['june1', 'june2']) {
    const c = await reportAs(t, await as('jdy01'));
    await moveOk(t, await as('zbz01'), c.id, 'file');
    ids[name] = c.id;
  }

  // July.
  at('2019-07-02T01:00:00Z');
  // c1: filed, dispatched to 城管, disposed in time, checked and closed.
  const c1 = await reportAs(t, await as('jdy01'));
  ids.c1 = c1.id;
  await moveOk(t, await as('zbz01'), c1.id, 'file');
  await moveOk(t, await as('pqy01'), c1.id, 'dispatch', { unitId: cityManagement });
  t.clock.advanceMinutes(60);
  await dispose(c1.id, 'cgj01', 1);
  await moveOk(t, await as('slj01'), c1.id, 'request_check');
  await moveOk(t, await as('jdy01'), c1.id, 'check_pass');
  await moveOk(t, await as('zbz01'), c1.id, 'close');

  // c2: a part case dispatched to 城管 and never disposed (overdue by the month's end).
  const c2 = await reportAs(t, await as('jdy01'), {
    kind: 'part',
    categoryCode: '0101',
    description: '井盖缺失',
  });
  ids.c2 = c2.id;
  await moveOk(t, await as('zbz01'), c2.id, 'file');
  await moveOk(t, await as('pqy01'), c2.id, 'dispatch', {
    unitId: cityManagement,
    deadlineAt: '2019-07-05T10:00:00+08:00',
  });

  // c3: voided before filing (not filed).
  const c3 = await reportAs(t, await as('jdy01'));
  ids.c3 = c3.id;
  await moveOk(t, await as('slj01'), c3.id, 'void', { note: '重复上报' });

  // c4: filed, then parked (挂账) at the month's end.
  const c4 = await reportAs(t, await as('jdy01'));
  ids.c4 = c4.id;
  await moveOk(t, await as('zbz01'), c4.id, 'file');
  await moveOk(t, await as('zbz01'), c4.id, 'park', { note: '需专项整治' });

  // c5: self-disposed in 西区.
  const c5 = await reportAs(t, await as('jdy01'), { selfDisposed: true, ...pointIn('西区') });
  ids.c5 = c5.id;

  // c6: sent to 城管, returned (回退), re-dispatched to 水务, disposed by 水务.
  at('2019-07-10T02:00:00Z');
  const c6 = await reportAs(t, await as('jdy01'));
  ids.c6 = c6.id;
  await moveOk(t, await as('zbz01'), c6.id, 'file');
  await moveOk(t, await as('pqy01'), c6.id, 'dispatch', { unitId: cityManagement });
  await moveOk(t, await as('cgj01'), c6.id, 'return', { note: '不属于本单位' });
  await moveOk(t, await as('pqy01'), c6.id, 'dispatch', { unitId: water });
  t.clock.advanceMinutes(30);
  await dispose(c6.id, 'swj01', 2);

  // c7: a hotline report, filed, then voided after filing.
  const c7 = await reportAs(t, await as('rx01'), { source: 'hotline' });
  ids.c7 = c7.id;
  await moveOk(t, await as('zbz01'), c7.id, 'file');
  await moveOk(t, await as('zbz01'), c7.id, 'void', { note: '不属于城管问题' });

  // c8: reported in the month's last minutes, filed the next month (not filed as of July's end).
  at('2019-07-31T15:30:00Z');
  const c8 = await reportAs(t, await as('jdy01'));
  ids.c8 = c8.id;
  at('2019-08-01T01:00:00Z');
  await moveOk(t, await as('zbz01'), c8.id, 'file');

  at('2019-08-05T02:00:00Z');
});
afterAll(() => t.close());

interface Figures {
  month: string;
  asOf: string;
  cases: Record<string, unknown> & {
    received: number;
    filed: number;
    filingRate: number;
    dueForDisposal: number;
    disposed: number;
    disposalRate: number;
    selfDisposed: number;
    byDistrict: { district: string; received: number }[];
    events: { total: number; byMajor: { code: string; name: string; count: number; share: number }[] };
    parts: { total: number; byMajor: { code: string; count: number; share: number }[] };
    topMinors: { code: string; kind: string; count: number; share: number }[];
    previous: { received: number; filed: number; filingRate: number } | null;
  };
  hotline: Record<string, unknown>;
  assessment: Record<
    string,
    {
      rows: {
        unit: string;
        due: number;
        disposed: number;
        disposalRate: number | null;
        overdueOpen: number;
        score: number;
        rank: number | null;
        note: string;
      }[];
    }
  >;
}

async function monthly(query: string, login = 'ld01') {
  return t.app.inject({ method: 'GET', url: `/api/stats/monthly?${query}`, headers: await as(login) });
}

describe('monthly figures over a generated month', () => {
  it('gives the headline the story implies', async () => {
    const response = await monthly('month=2019-07');
    expect(response.statusCode, response.body).toBe(200);
    const f = response.json() as Figures;
    expect(f.asOf).toBe('2019-07-31T15:59:59.999Z');
    // received c1…c8; filed c1 c2 c4 c5 c6 c7; due = filed − c7 (voided) − c4 (parked);
    // disposed c1 c5 c6; self-disposed c5.
    expect(f.cases).toMatchObject({ received: 8, filed: 6, dueForDisposal: 4, disposed: 3, selfDisposed: 1 });
    expect(f.cases.filingRate).toBeCloseTo(6 / 8);
    expect(f.cases.disposalRate).toBeCloseTo(3 / 4);
    expect(f.cases.byDistrict).toEqual([
      expect.objectContaining({ district: '东区', received: 7 }),
      expect.objectContaining({ district: '西区', received: 1 }),
    ]);
    // events: c1 c4 c5 c6 c7 (0102 暴露垃圾); parts: c2 (0101)
    expect(f.cases.events.total).toBe(5);
    expect(f.cases.parts.total).toBe(1);
    expect(f.cases.events.total + f.cases.parts.total).toBe(f.cases.filed);
    expect(f.cases.events.byMajor[0]).toMatchObject({ count: 5, share: 1 });
    expect(f.cases.topMinors[0]).toMatchObject({ code: '0102', kind: 'event', count: 5 });
    expect(f.cases.topMinors[0]?.share).toBeCloseTo(5 / 6);
    expect(f.cases.previous).toMatchObject({ received: 2, filed: 2, filingRate: 1 });
    expect(f.hotline).toHaveProperty('received');
  });

  it('counts a re-routed case for both units in the assessment tables', async () => {
    const f = (await monthly('month=2019-07')).json() as Figures;
    const departments = f.assessment.departments?.rows ?? [];
    const enterprises = f.assessment.enterprises?.rows ?? [];
    // 城管: c1 (disposed), c2 (open, overdue), c6 (returned) → due 3, disposed 1.
    expect(departments.find((r) => r.unit === '市城市管理行政执法局')).toMatchObject({
      due: 3,
      disposed: 1,
      overdueOpen: 1,
      rank: 1,
    });
    // 水务: c6 → due 1, disposed 1.
    expect(enterprises.find((r) => r.unit === '市水务集团')).toMatchObject({ due: 1, disposed: 1, rank: 1 });
    const unitDue = [...departments, ...enterprises].reduce((s, r) => s + r.due, 0);
    expect(unitDue).toBeGreaterThan(f.cases.dueForDisposal - 1); // 4 > 3 headline-dispatched
  });

  it('agrees with the reference fold over the same log, and ignores rows after as-of', async () => {
    const db = t.database.db;
    const asOf = new Date('2019-07-31T15:59:59.999Z');
    const cases = await db
      .selectFrom('cases')
      .select('id')
      .where('reportedAt', '>=', new Date('2019-06-30T16:00:00Z'))
      .where('reportedAt', '<', new Date('2019-07-31T16:00:00Z'))
      .execute();
    const facts = [];
    for (const c of cases) {
      const rows = await db
        .selectFrom('caseTransitions')
        .select(['seq', 'action', 'toStatus', 'at', 'unitId', 'deadlineAt'])
        .where('caseId', '=', c.id)
        .execute();
      facts.push(caseFacts(rows as LogRow[], asOf));
    }
    const expected = tallyCases(facts);
    const actual = await monthlyCaseCounts(db, '510400', '2019-07', { now: t.clock.now() });
    expect(actual.headline).toMatchObject(expected.headline);
    expect(actual.units).toEqual(expected.units);

    // Just before 10 July 10:00 Shanghai, when c6 was reported: c1–c5 only (c4 parked, c3 unfiled).
    const early = await monthly(`month=2019-07&asOf=${encodeURIComponent('2019-07-10T09:59:59+08:00')}`);
    expect((early.json() as Figures).cases).toMatchObject({
      received: 5,
      filed: 4,
      dueForDisposal: 3,
      disposed: 2,
    });
  });

  it('keeps its per-case facts equal to a recount from the log, through every later change', async () => {
    const db = t.database.db;
    const agree = async (month: string, asOf: Date) => {
      const { start, end } = monthRange(month);
      const recount = { cityCode: '510400', start, end, asOf };
      const facts = { cityCode: '510400', month, asOf };
      const order = (rows: HeadlineGroupRow[]) => rows.map((r) => JSON.stringify(r)).sort();
      const fromFacts = await selectHeadlineGroupsFromFacts(db, facts);
      expect(order(fromFacts)).toEqual(order(await selectHeadlineGroups(db, recount)));
      expect(await selectUnitCountsFromFacts(db, facts)).toEqual(await selectUnitCounts(db, recount));
      return fromFacts;
    };
    const julyEnd = monthRange('2019-07').lastInstant;
    const before = await agree('2019-07', julyEnd);
    await agree('2019-06', monthRange('2019-06').lastInstant);
    // Overdue is judged at the as-of: c2's deadline (5 July) had not passed on 4 July.
    expect(
      (
        await selectUnitCountsFromFacts(db, {
          cityCode: '510400',
          month: '2019-07',
          asOf: new Date('2019-07-04T00:00:00Z'),
        })
      ).find((u) => u.unitId === cityManagement)?.overdueOpen,
    ).toBe(0);

    // c8 was reported in July and filed in August: July's facts, like the recount as of July's
    // end, keep it unfiled.
    expect(before.find((r) => r.groupDistrict === 1 && r.groupCategory === 1)?.filed).toBe(6);

    // A July case moved to another category (and so another group) moves its facts with it.
    const other = await db
      .selectFrom('categories')
      .select('id')
      .where('cityCode', '=', '510400')
      .where('kind', '=', 'event')
      .where('code', '=', '0104')
      .executeTakeFirstOrThrow();
    const original = await db
      .selectFrom('cases')
      .select('categoryId')
      .where('id', '=', ids.c1 as string)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('cases')
      .set({ categoryId: other.id })
      .where('id', '=', ids.c1 as string)
      .execute();
    const moved = await agree('2019-07', julyEnd);
    expect(moved.find((r) => r.groupCategory === 0 && r.categoryId === other.id)?.filed).toBe(1);
    await db
      .updateTable('cases')
      .set({ categoryId: original.categoryId })
      .where('id', '=', ids.c1 as string)
      .execute();
    expect(await agree('2019-07', julyEnd)).toEqual(before);
  });

  it('refuses bad months and roles with clear bilingual errors', async () => {
    const bad = await monthly('month=2019-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.messageEn).toMatch(/month/);
    const future = await monthly('month=2019-09');
    expect(future.statusCode).toBe(422);
    expect(future.json().error).toMatchObject({ code: 'FUTURE_MONTH' });
    expect(future.json().error.message).toMatch(/尚未开始/);
    expect((await monthly('month=2019-07', 'jdy01')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/stats/monthly?month=2019-07' })).statusCode).toBe(
      401,
    );
  });
});

describe('staff scoring', () => {
  it('scores the month’s collectors, acceptors, shift leads and dispatchers from the log', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/stats/staff?month=2019-07',
      headers: await as('zbz01'),
    });
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json().items as { login: string; role: string; [k: string]: unknown }[];
    // jdy01 reported c1 c2 c3 c4 c5 c6 c8 in July; c1 c2 c4 c5 c6 filed by July's end (c3 voided, c8 filed in August)
    expect(items.find((i) => i.login === 'jdy01')).toMatchObject({ reports: 7, validReports: 5, checks: 1 });
    // zbz01 filed c1 c2 c4 c6 c7 and voided c7 after filing; closed c1
    expect(items.find((i) => i.login === 'zbz01')).toMatchObject({ files: 5, filesKept: 4, closes: 1 });
    // pqy01 dispatched c1, c2, c6 twice; the first c6 dispatch was returned
    expect(items.find((i) => i.login === 'pqy01')).toMatchObject({ dispatches: 4, dispatchesReturned: 1 });
    expect(items.every((i) => typeof i.score === 'number' || i.score === null)).toBe(true);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/stats/staff?month=2019-13',
          headers: await as('zbz01'),
        })
      ).statusCode,
    ).toBe(400);
  });
});

describe('scoring schemes and ranking exclusions', () => {
  const scheme = (weights: [number, number]) => ({
    table: 'departments',
    name: '处置率为主',
    effectiveFrom: '2019-07',
    definition: {
      indicators: [
        { key: 'disposalRate', weight: weights[0], method: 'rate', direction: 'up' },
        { key: 'onTimeDisposalRate', weight: weights[1], method: 'rate', direction: 'up' },
      ],
      zeroIfNoneDisposed: false,
    },
  });

  it('refuses a scheme whose weights do not sum to 100% and stores nothing', async () => {
    const admin = await as('admin');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/stats/schemes',
      headers: admin,
      payload: scheme([60, 30]),
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toMatch(/100%/);
    expect(response.json().error.messageEn).toMatch(/sum to 90%/);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/stats/schemes?month=2019-07',
      headers: admin,
    });
    expect(list.json().history).toEqual([]);
    const forbidden = await t.app.inject({
      method: 'POST',
      url: '/api/stats/schemes',
      headers: await as('ld01'),
      payload: scheme([50, 50]),
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it('a new version applies from its month on; earlier months keep the old scheme', async () => {
    const admin = await as('admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/stats/schemes',
      headers: admin,
      payload: scheme([50, 50]),
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ version: 1, effectiveFrom: '2019-07' });
    const f = (await monthly('month=2019-07')).json() as Figures;
    const row = f.assessment.departments?.rows.find((r) => r.unit === '市城市管理行政执法局');
    // 处置率 1/3, 按期处置率 1/3 (c1 before its deadline) → 33.33
    expect(row?.score).toBeCloseTo(33.33, 2);
    const june = (await monthly('month=2019-06')).json() as {
      assessment: { departments: { scheme: { version: number } } };
    };
    expect(june.assessment.departments.scheme.version).toBe(0);
  });

  it('marks a unit 暂不参与排名 with no rank', async () => {
    const admin = await as('admin');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/stats/ranking-exclusions',
      headers: admin,
      payload: { table: 'regions', unitId: water, fromMonth: '2019-07' },
    });
    expect(bad.statusCode).toBe(422);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/stats/ranking-exclusions',
      headers: admin,
      payload: { table: 'enterprises', unitId: water, fromMonth: '2019-07' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const f = (await monthly('month=2019-07')).json() as Figures;
    expect(f.assessment.enterprises?.rows.find((r) => r.unit === '市水务集团')).toMatchObject({
      rank: null,
      note: '暂不参与排名',
    });
  });
});

describe('the contractors’ assessment', () => {
  it('computes the collection indicators and adds an inspector’s deduction', async () => {
    const lead = await as('zbz01');
    const contracts = (
      await t.app.inject({ method: 'GET', url: '/api/vendors/contracts', headers: lead })
    ).json().items as { id: string; packageName: string }[];
    const first = contracts.find((c) => c.packageName === '第一合同包');
    expect(first).toBeDefined();
    const entry = await t.app.inject({
      method: 'POST',
      url: '/api/vendors/inspections',
      headers: lead,
      payload: {
        contractId: first?.id,
        month: '2019-07',
        indicatorCode: 'C05',
        occurrences: 1,
        resultText: '本月有重复案件，扣款200元。',
        evidence: '7月20日抽查案卷 E2019072000012 与 E2019072000009 重复',
      },
    });
    expect(entry.statusCode, entry.body).toBe(201);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/vendors/inspections',
      headers: lead,
      payload: { contractId: first?.id, month: '2019-07', indicatorCode: 'X99', evidence: '—' },
    });
    expect(unknown.statusCode).toBe(422);
    const result = await t.app.inject({
      method: 'GET',
      url: `/api/vendors/contracts/${first?.id}/assessment?month=2019-07`,
      headers: lead,
    });
    expect(result.statusCode, result.body).toBe(200);
    const body = result.json();
    // 东区 patrol reports: c1 c2 c3 c4 c6 c8 (c5 is 西区, c7 is a hotline report)
    expect(body.collection).toMatchObject({ reported: 6, filed: 4, selfDisposed: 0 });
    const c05 = body.rows.find((r: { code: string }) => r.code === 'C05');
    // 上报差错: c3 voided before filing → 1 / (6 reports + 1 check reply)
    expect(c05.value).toBeCloseTo(1 / 7);
    // 14.29% is 11.29 points over 3%: 23 steps of 0.5% × 500 + the entry's 200
    expect(c05.deduction).toBe(23 * 500 + 200);
    expect(body.totalDeduction).toBeGreaterThan(0);
    expect(body.conclusion).toMatch(/^本月扣款\d+元$/);
  });
});

describe('the bulletin', () => {
  it('includes staff text blocks with photos, and refuses writers without the role', async () => {
    const lead = await as('zbz01');
    const block = await t.app.inject({
      method: 'POST',
      url: '/api/bulletins/2019-07/blocks',
      headers: lead,
      payload: {
        section: 'work_news',
        title: '垃圾处理设施监管平台推进会',
        body: '7月26日上午召开推进会。\n\n会议提出明确要求。',
        byline: '指挥中心',
      },
    });
    expect(block.statusCode, block.body).toBe(201);
    const photo = pngOfColour(200, 100, 50);
    const boundary = '----cityloopbulletin';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      photo,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const uploaded = await t.app.inject({
      method: 'POST',
      url: `/api/bulletin-blocks/${block.json().id}/photos?caption=${encodeURIComponent('会议现场')}`,
      headers: { ...lead, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json().photos).toHaveLength(1);
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/bulletins/2019-07/blocks',
      headers: await as('jdy01'),
      payload: { section: 'work_news', body: 'x' },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('renders Word with Chinese fonts, headings, tables and the computed sentences', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/bulletins/2019-07.docx',
      headers: await as('ld01'),
    });
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    expect(response.headers['content-type']).toMatch(/wordprocessingml/);
    const zip = await JSZip.loadAsync(response.rawPayload);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const text = xml.replace(/<[^>]+>/g, '');
    expect(xml).toContain('w:eastAsia="宋体"');
    expect(text).toContain('攀枝花市数字化城市管理2019年7月简报');
    expect(text).toContain('工作动态');
    expect(text).toContain('垃圾处理设施监管平台推进会');
    expect(text).toContain('一、本月总体情况');
    expect(text).toContain('共收到各类案件8件');
    expect(text).toContain('共立案6件，立案率75%，应处置案件4件，处置案件3件，处置率75%');
    expect(text).toContain('较上月案件上报总数增加了6件，立案率下降了25%');
    expect(text).toContain('7月业务工作考核表（二）有处置业务的市级部门');
    expect(text).toContain('市城市管理行政执法局');
    expect(text).toContain('信息采集外包单位月度综合评价表');
    expect(text).toContain('附录：统计口径');
    expect(Object.keys(zip.files).some((f) => f.startsWith('word/media/'))).toBe(true);
    // Tables are fixed at the A4 text width.
    expect(xml).toContain('w:tblLayout w:type="fixed"');
  });

  it('renders Excel with one sheet per table, numbers as numbers', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/bulletins/2019-07.xlsx',
      headers: await as('ld01'),
    });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const names = workbook.worksheets.map((w) => w.name);
    expect(names).toEqual(
      expect.arrayContaining([
        '简报正文',
        '热线联动单位',
        '案件类别',
        '高发案件',
        '考核表一',
        '考核表二',
        '考核表三',
      ]),
    );
    const departments = workbook.getWorksheet('考核表二');
    expect(departments?.getRow(2).values).toEqual([
      undefined,
      '单位',
      '应处置数',
      '处置数',
      '处置率',
      '考核得分',
      '月度排名',
      '备注',
    ]);
    const row = departments?.getRow(3).values as unknown[];
    expect(row.slice(1, 5)).toEqual(['市城市管理行政执法局', 3, 1, '33.33%']);
  });

  it('renders the web page, and every export is audited', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/bulletins/2019-07.html',
      headers: await as('ld01'),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body).toContain('<table>');
    expect(response.body).toContain('本月总体情况');
    expect(response.body).toContain('data:image/png;base64,');
    const audits = await t.database.db
      .selectFrom('auditLog')
      .select(['action', 'detail'])
      .where('action', '=', 'bulletin.export')
      .execute();
    expect(audits.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a malformed or future month and a role without access', async () => {
    const ld = await as('ld01');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/bulletins/2019-13.docx', headers: ld })).statusCode,
    ).toBe(400);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/bulletins/2019-07.pdf', headers: ld })).statusCode,
    ).toBe(400);
    const future = await t.app.inject({ method: 'GET', url: '/api/bulletins/2030-01.docx', headers: ld });
    expect(future.statusCode).toBe(422);
    expect(future.json().error.messageEn).toMatch(/not begun/);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/bulletins/2019-07.docx', headers: await as('cgj01') }))
        .statusCode,
    ).toBe(403);
  });
});
