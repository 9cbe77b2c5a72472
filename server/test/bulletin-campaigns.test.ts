import { zebraCrossingFields } from '@cityloop/contracts/field';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointIn } from './support/case-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// The bulletin's campaign section (issue 6): the month's zebra-crossing entries, counted by
// district, with the 典型 entries staff marked as the exposure table — read back from the Word
// and Excel files. A month without entries has no such section.

let t: TestApp;
let campaignId: string;
const entryIds: string[] = [];

const SUMMARY =
  '本月在斑马线秩序持续监督行动中，各区监督员共发现不文明现象6件。其中，东区3件，西区2件，仁和区1件。';
const CLOSING = '上述案件信息已推送媒体曝光，同时派遣至市交警支队依法查处。';

async function docxText(month: string): Promise<string> {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/bulletins/${month}.docx`,
    headers: await t.loginAs('ld01'),
  });
  expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
  const zip = await JSZip.loadAsync(response.rawPayload);
  return ((await zip.file('word/document.xml')?.async('string')) ?? '').replace(/<[^>]+>/g, '');
}

async function workbook(month: string): Promise<ExcelJS.Workbook> {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/bulletins/${month}.xlsx`,
    headers: await t.loginAs('ld01'),
  });
  expect(response.statusCode).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  return book;
}

beforeAll(async () => {
  t = await startTestApp({ start: '2019-07-09T01:00:00Z' });
  const lead = await t.loginAs('zbz01');
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/field/campaigns',
    headers: lead,
    payload: {
      name: '斑马线秩序持续监督行动',
      startsOn: '2019-07-01',
      endsOn: '2019-07-31',
      fields: zebraCrossingFields,
      bulletinTitle: '斑马线前不礼让行为曝光',
      bulletinClosing: CLOSING,
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  campaignId = created.json().id;
  const collector = await t.loginAs('jdy01');
  const entries: [Record<string, unknown>, string, string, string][] = [
    [pointIn('东区'), '2019-07-02T08:03:00+08:00', '东区龙珠路路口', '川DY0103'],
    [pointIn('东区'), '2019-07-03T17:55:00+08:00', '东区江边街42号', '川D2A178'],
    [pointIn('东区'), '2019-07-04T12:10:00+08:00', '东区攀枝花大道中段698号', '川DV9182'],
    [pointIn('西区'), '2019-07-05T08:20:00+08:00', '西区苏铁中路玉泉广场', '川DKN669'],
    [{ districtName: '西区' }, '2019-07-06T09:27:00+08:00', '西区陶家渡东路86号', '川D68B83'],
    [pointIn('仁和区'), '2019-07-08T18:03:00+08:00', '仁和区和苑路大河中学门前', '川D87A22'],
  ];
  for (const [where, time, place, plate] of entries) {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/field/campaigns/${campaignId}/entries`,
      headers: collector,
      payload: { data: { time, place, plate }, observedAt: time, ...where },
    });
    expect(response.statusCode, response.body).toBe(201);
    entryIds.push(response.json().id);
  }
  // 典型: the first (东区) and the last (仁和区) entry.
  for (const id of [entryIds[0], entryIds[5]]) {
    const marked = await t.app.inject({
      method: 'PATCH',
      url: `/api/field/campaigns/${campaignId}/entries/${id}`,
      headers: lead,
      payload: { featured: true },
    });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json().featured).toBe(true);
  }
  // After the month: a late upload of a July observation is not in July's figures (as-of).
  t.clock.set('2019-08-05T02:00:00Z');
  const late = await t.app.inject({
    method: 'POST',
    url: `/api/field/campaigns/${campaignId}/entries`,
    headers: await t.loginAs('jdy01'),
    payload: {
      data: { time: '2019-07-31T18:00:00+08:00', place: '东区龙珠路路口', plate: '川DZZ688' },
      observedAt: '2019-07-31T18:00:00+08:00',
      districtName: '东区',
    },
  });
  expect(late.statusCode, late.body).toBe(201);
}, 120_000);
afterAll(() => t?.close());

describe('the bulletin’s campaign section', () => {
  it('Word: the heading, the summary with the total and the districts, the 典型 rows, the closing', async () => {
    const text = await docxText('2019-07');
    expect(text).toContain('四、斑马线前不礼让行为曝光');
    expect(text).toContain(SUMMARY);
    expect(text).toContain('典型不文明行为如下：');
    expect(text).toContain('2019.7.2 8:03');
    expect(text).toContain('东区龙珠路路口');
    expect(text).toContain('川DY0103');
    expect(text).toContain('2019.7.8 18:03');
    expect(text).toContain('仁和区和苑路大河中学门前');
    expect(text).toContain('川D87A22');
    // Not marked 典型: counted, not listed.
    expect(text).not.toContain('川DKN669');
    // Uploaded after the month's end: neither counted nor listed.
    expect(text).not.toContain('川DZZ688');
    expect(text).toContain(CLOSING);
    // The assessment tables follow as the seed numbers them.
    expect(text).toContain('五、案件处置率及排名');
    expect(text.indexOf('四、斑马线前不礼让行为曝光')).toBeLessThan(text.indexOf('五、案件处置率及排名'));
  });

  it('Excel: the summary on the text sheet, the rows on their own sheet', async () => {
    const book = await workbook('2019-07');
    const textSheet = book.getWorksheet('简报正文');
    const lines: string[] = [];
    textSheet?.eachRow((row) => {
      lines.push(String(row.getCell(1).value ?? ''));
    });
    expect(lines).toContain('四、斑马线前不礼让行为曝光');
    expect(lines).toContain(SUMMARY);
    expect(lines).toContain(CLOSING);
    const sheet = book.getWorksheet('曝光1');
    expect(sheet).toBeDefined();
    expect(sheet?.getRow(1).getCell(1).value).toBe('斑马线前不礼让行为曝光（典型不文明行为）');
    expect(sheet?.getRow(2).values).toEqual([undefined, '时间', '地点', '车牌']);
    expect(sheet?.getRow(3).values).toEqual([undefined, '2019.7.2 8:03', '东区龙珠路路口', '川DY0103']);
    expect(sheet?.getRow(4).values).toEqual([
      undefined,
      '2019.7.8 18:03',
      '仁和区和苑路大河中学门前',
      '川D87A22',
    ]);
    expect(sheet?.rowCount).toBe(4);
  });

  it('the monthly figures carry the same counts', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/stats/monthly?month=2019-07',
      headers: await t.loginAs('ld01'),
    });
    expect(response.statusCode).toBe(200);
    const [zebra] = response.json().campaigns;
    expect(zebra).toMatchObject({ campaignName: '斑马线秩序持续监督行动', total: 6 });
    expect(
      zebra.districts.map((d: { districtName: string; count: number }) => [d.districtName, d.count]),
    ).toEqual([
      ['东区', 3],
      ['西区', 2],
      ['仁和区', 1],
    ]);
  });

  it('a month without campaign entries has no such section', async () => {
    const text = await docxText('2019-06');
    expect(text).not.toContain('不文明现象');
    expect(text).not.toContain('斑马线');
    expect(text).toContain('四、案件处置率及排名');
    const book = await workbook('2019-06');
    expect(book.worksheets.map((w) => w.name).some((n) => n.startsWith('曝光'))).toBe(false);
  });

  it('without 典型 entries the section prints the counts only', async () => {
    const lead = await t.loginAs('zbz01');
    for (const id of [entryIds[0], entryIds[5]]) {
      await t.app.inject({
        method: 'PATCH',
        url: `/api/field/campaigns/${campaignId}/entries/${id}`,
        headers: lead,
        payload: { featured: false },
      });
    }
    const text = await docxText('2019-07');
    expect(text).toContain(SUMMARY);
    expect(text).not.toContain('典型不文明行为如下');
    expect(text).not.toContain('川DY0103');
  });
});
