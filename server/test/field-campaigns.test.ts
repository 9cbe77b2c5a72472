import { zebraCrossingFields } from '@cityloop/contracts/field';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignCountsByDistrict } from '../src/modules/field/index.js';
import { multipart, pngOfColour, pointIn, reportAs } from './support/case-helpers.js';
import { CITY } from './support/field-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Campaigns (专项行动): the zebra-crossing list from entry to Excel and bulletin counts; tags
// on categories for the civilised-city inspection.

let t: TestApp;
let lead: { cookie: string };
let jdy01: { cookie: string };
let admin: { cookie: string };
let campaignId: string;

const entry = (over: Record<string, unknown> = {}, data: Record<string, unknown> = {}) => ({
  data: { time: '2019-07-09T08:15:00+08:00', place: '炳草岗大街与人民街路口', plate: '川D12345', ...data },
  observedAt: '2019-07-09T08:20:00+08:00',
  ...over,
});
const postEntry = (payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/api/field/campaigns/${campaignId}/entries`,
    headers: { ...jdy01, ...headers },
    payload,
  });
const entryCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('campaignEntries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await startTestApp({ kind: 'seeded' });
  lead = await t.loginAs('zbz01');
  jdy01 = await t.loginAs('jdy01');
  admin = await t.loginAs('admin');
});
afterAll(async () => t.close());

describe('campaigns', () => {
  it('a shift lead creates the zebra-crossing campaign; bad definitions are refused', async () => {
    const body = {
      name: '斑马线不礼让行人',
      startsOn: '2019-07-01',
      endsOn: '2019-07-31',
      fields: zebraCrossingFields,
    };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/field/campaigns',
      headers: lead,
      payload: body,
    });
    expect(created.statusCode, created.body).toBe(201);
    campaignId = created.json().id;
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/field/campaigns', headers: lead, payload: body }))
        .statusCode,
    ).toBe(409);
    const backwards = await t.app.inject({
      method: 'POST',
      url: '/api/field/campaigns',
      headers: lead,
      payload: { ...body, name: 'x', startsOn: '2019-08-01' },
    });
    expect(backwards.statusCode).toBe(422);
    const badPattern = await t.app.inject({
      method: 'POST',
      url: '/api/field/campaigns',
      headers: lead,
      payload: { ...body, name: 'y', fields: [{ key: 'a', label: 'A', type: 'text', pattern: '([' }] },
    });
    expect(badPattern.statusCode).toBe(422);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/field/campaigns',
          headers: jdy01,
          payload: { ...body, name: 'z' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('collects entries by position or district; a retry with the same key adds nothing', async () => {
    for (const district of ['东区', '东区', '东区']) {
      expect((await postEntry(entry(pointIn(district)))).statusCode).toBe(201);
    }
    expect((await postEntry(entry({ districtName: '西区' }))).statusCode).toBe(201);
    const keyed = await postEntry(entry({ districtName: '西区' }, { plate: '川D54321' }), {
      'idempotency-key': 'entry-0001',
    });
    expect(keyed.statusCode).toBe(201);
    const retry = await postEntry(entry({ districtName: '西区' }, { plate: '川D54321' }), {
      'idempotency-key': 'entry-0001',
    });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().id).toBe(keyed.json().id);
    expect((await postEntry(entry({ districtName: '仁和区' }))).statusCode).toBe(201);
    expect(await entryCount()).toBe(6);
  });

  it('refuses a bad plate, an entry outside the period, an unknown district — storing nothing', async () => {
    const before = await entryCount();
    const badPlate = await postEntry(entry({ districtName: '东区' }, { plate: 'ABC123' }));
    expect(badPlate.statusCode).toBe(422);
    expect(badPlate.json().error).toMatchObject({
      message: '车牌格式不正确',
      messageEn: 'plate has the wrong format',
    });
    const late = await postEntry(entry({ districtName: '东区', observedAt: '2019-08-01T09:00:00+08:00' }));
    expect(late.statusCode).toBe(422);
    expect((await postEntry(entry({ districtName: '火星区' }))).statusCode).toBe(422);
    expect((await postEntry(entry())).statusCode).toBe(422);
    expect(await entryCount()).toBe(before);
  });

  it('exports the list to Excel with the field labels as headers', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/field/campaigns/${campaignId}/export.xlsx`,
      headers: lead,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([
      undefined,
      '序号',
      '时间',
      '地点',
      '车牌',
      '区县',
      '采集时间',
      '典型',
    ]);
    expect(sheet?.rowCount).toBe(7);
    expect(sheet?.getRow(2).getCell(2).value).toBe('2019-07-09T08:15:00+08:00');
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/field/campaigns/${campaignId}/export.xlsx`,
          headers: jdy01,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('counts entries by district for the bulletin', async () => {
    const [zebra] = await campaignCountsByDistrict(t.database.db, CITY, '2019-07');
    expect(zebra).toMatchObject({ campaignName: '斑马线不礼让行人', total: 6 });
    expect(zebra?.districts.map((d) => [d.districtName, d.count])).toEqual([
      ['东区', 3],
      ['西区', 2],
      ['仁和区', 1],
    ]);
    expect(await campaignCountsByDistrict(t.database.db, CITY, '2019-06')).toEqual([]);
    const http = await t.app.inject({
      method: 'GET',
      url: '/api/field/reports/campaigns?month=2019-07',
      headers: lead,
    });
    expect(http.json().items[0].total).toBe(6);
  });
});

describe('the entry list in the console', () => {
  const list = async (query: string, headers: { cookie: string } = lead) =>
    t.app.inject({ method: 'GET', url: `/api/field/campaigns/${campaignId}/entries?${query}`, headers });
  const districtId = async (name: string) =>
    (
      await t.database.db
        .selectFrom('regions')
        .select('id')
        .where('name', '=', name)
        .where('level', '=', 'district')
        .executeTakeFirstOrThrow()
    ).id;

  it('lists the running campaigns for the field app, with their entry counts', async () => {
    const active = await t.app.inject({
      method: 'GET',
      url: '/api/field/campaigns?active=true',
      headers: jdy01,
    });
    expect(active.json().items.map((c: { name: string; entries: number }) => [c.name, c.entries])).toEqual([
      ['斑马线不礼让行人', 6],
    ]);
    t.clock.set('2019-08-02T01:00:00Z');
    const later = await t.app.inject({
      method: 'GET',
      url: '/api/field/campaigns?active=true',
      headers: await t.loginAs('jdy01'),
    });
    expect(later.json().items).toEqual([]);
    t.clock.set('2019-07-09T01:00:00Z');
    jdy01 = await t.loginAs('jdy01');
    lead = await t.loginAs('zbz01');
  });

  it('pages on the server and filters by district and date', async () => {
    const first = await list('page=1&pageSize=4');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ total: 6, page: 1, pageSize: 4 });
    expect(first.json().items).toHaveLength(4);
    expect((await list('page=2&pageSize=4')).json().items).toHaveLength(2);
    const east = await list(`districtId=${await districtId('东区')}`);
    expect(east.json().total).toBe(3);
    expect(east.json().items.every((e: { districtName: string }) => e.districtName === '东区')).toBe(true);
    expect((await list('from=2019-07-09&to=2019-07-09')).json().total).toBe(6);
    expect((await list('from=2019-07-10&to=2019-07-31')).json().total).toBe(0);
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/field/campaigns/${campaignId}`,
      headers: lead,
    });
    expect(
      detail.json().districts.map((d: { districtName: string; count: number }) => [d.districtName, d.count]),
    ).toEqual([
      ['东区', 3],
      ['西区', 2],
      ['仁和区', 1],
    ]);
    expect((await list('from=2019-07-10&to=2019-07-01')).statusCode).toBe(422);
    expect((await list('districtId=nope')).statusCode).toBe(400);
    expect((await list('', jdy01)).statusCode).toBe(403);
  });

  it('a district leader sees only the district’s entries', async () => {
    const leader = await t.loginAs('ld-dq');
    const own = await list('', leader);
    expect(own.json().total).toBe(3);
    expect((await list(`districtId=${await districtId('西区')}`, leader)).statusCode).toBe(403);
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/field/campaigns/${campaignId}`,
      headers: leader,
    });
    expect(detail.json().entries).toBe(3);
  });

  it('marks 典型 entries (managers only) and filters by them', async () => {
    const [entry] = (await list('pageSize=1')).json().items;
    const url = `/api/field/campaigns/${campaignId}/entries/${entry.id}`;
    expect(
      (await t.app.inject({ method: 'PATCH', url, headers: jdy01, payload: { featured: true } })).statusCode,
    ).toBe(403);
    const marked = await t.app.inject({ method: 'PATCH', url, headers: lead, payload: { featured: true } });
    expect(marked.statusCode, marked.body).toBe(200);
    expect((await list('featured=true')).json().total).toBe(1);
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/field/campaigns/${campaignId}/export.xlsx?featured=true`,
      headers: lead,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.rowCount).toBe(2);
    expect(workbook.worksheets[0]?.getRow(2).getCell(7).value).toBe('是');
  });

  it('takes photos from the collector who made the entry; the hall can view them', async () => {
    const [entry] = (await list('pageSize=1')).json().items;
    const url = `/api/field/campaigns/${campaignId}/entries/${entry.id}/photos`;
    const upload = multipart('file', 'a.png', pngOfColour(10, 200, 30), 'image/png');
    const sent = await t.app.inject({
      method: 'POST',
      url,
      headers: { ...jdy01, ...upload.headers },
      payload: upload.payload,
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const sha = sent.json().items[0].sha256;
    // The same photo again (a retry) is kept once.
    await t.app.inject({
      method: 'POST',
      url,
      headers: { ...jdy01, ...upload.headers },
      payload: upload.payload,
    });
    expect((await list('pageSize=1')).json().items[0].photos).toEqual([sha]);
    const view = await t.app.inject({ method: 'GET', url: `${url}/${sha}`, headers: lead });
    expect(view.statusCode).toBe(200);
    expect(view.headers['content-type']).toBe('image/png');
    const other = await t.loginAs('jdy02');
    const denied = await t.app.inject({
      method: 'POST',
      url,
      headers: { ...other, ...upload.headers },
      payload: upload.payload,
    });
    expect(denied.statusCode).toBe(403);
    const notImage = multipart('file', 'a.txt', Buffer.from('hello'), 'text/plain');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url,
          headers: { ...jdy01, ...notImage.headers },
          payload: notImage.payload,
        })
      ).statusCode,
    ).toBe(415);
  });
});

describe('civilised-city tags on categories', () => {
  it('counts and exports the cases of a tag’s categories', async () => {
    const set = await t.app.inject({
      method: 'PUT',
      url: `/api/field/category-tags/${encodeURIComponent('文明城市测评')}`,
      headers: admin,
      payload: {
        categories: [
          { kind: 'event', code: '0102' },
          { kind: 'event', code: '0505' },
        ],
      },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().categories).toHaveLength(2);
    const acceptor = await t.loginAs('slj01');
    await reportAs(t, acceptor, { categoryCode: '0102' });
    await reportAs(t, acceptor, { categoryCode: '0505', ...pointIn('西区') });
    await reportAs(t, acceptor, { categoryCode: '0104' });
    const counts = await t.app.inject({
      method: 'GET',
      url: `/api/field/category-tags/${encodeURIComponent('文明城市测评')}/cases?from=2019-07-01&to=2019-07-31`,
      headers: lead,
    });
    expect(counts.statusCode, counts.body).toBe(200);
    expect(counts.json()).toMatchObject({ total: 2, closed: 0 });
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/field/category-tags/${encodeURIComponent('文明城市测评')}/cases.xlsx?from=2019-07-01&to=2019-07-31`,
      headers: lead,
    });
    expect(xlsx.statusCode).toBe(200);
  });

  it('refuses unknown categories and tags without categories', async () => {
    const unknown = await t.app.inject({
      method: 'PUT',
      url: '/api/field/category-tags/x',
      headers: admin,
      payload: { categories: [{ kind: 'event', code: '9999' }] },
    });
    expect(unknown.statusCode).toBe(422);
    const empty = await t.app.inject({
      method: 'GET',
      url: '/api/field/category-tags/nothing/cases?from=2019-07-01&to=2019-07-31',
      headers: lead,
    });
    expect(empty.statusCode).toBe(422);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/api/field/category-tags/x',
          headers: lead,
          payload: { categories: [] },
        })
      ).statusCode,
    ).toBe(403);
  });
});
