import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOpen311Jobs } from '../src/modules/open311/index.js';
import { moveOk, outsidePoint, pointIn, reportAs } from './support/case-helpers.js';
import { form, issueKey, open311Validators, parseXml, sparkOf, stringified } from './support/open311.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// GeoReport v2 conformance, written from the spec's text (PEERS.md §2, "Conformance tests").

const validators = open311Validators();
let t: TestApp;
let key: string;
const here = pointIn();

async function get(url: string) {
  return t.app.inject({ method: 'GET', url });
}

async function post(format: 'json' | 'xml', fields: Record<string, string | string[]>) {
  const body = form(fields);
  return t.app.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, ...body });
}

const garbage = (extra: Record<string, string | string[]> = {}) => ({
  api_key: key,
  service_code: 'E0102',
  lat: String(here.lat),
  long: String(here.lng),
  description: '小区门口有一堆垃圾',
  'attribute[waste_kind][]': ['household', 'bulky'],
  ...extra,
});

beforeAll(async () => {
  t = await startTestApp();
  key = (await issueKey(t)).key;
});
afterAll(async () => t.close());

describe('discovery and services', () => {
  it('discovery lists both formats, in both formats (12)', async () => {
    const json = await get('/open311/v2/discovery.json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = json.json();
    expect(body.endpoints[0].formats).toEqual(['text/xml', 'application/json']);
    expect(body.endpoints[0].specification).toBe('http://wiki.open311.org/GeoReport_v2');
    const xml = await get('/open311/v2/discovery.xml');
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xml.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(parseXml(xml.body).name).toBe('discovery');
  });

  it('services: every active category, kind letter + code, group = major, schema-valid; XML carries the same', async () => {
    const json = await get('/open311/v2/services.json');
    const services = json.json() as {
      service_code: string;
      service_name: string;
      group: string;
      metadata: boolean;
      type: string;
    }[];
    expect(validators.services(services)).toEqual([]);
    const garbageService = services.find((s) => s.service_code === 'E0102');
    expect(garbageService).toMatchObject({
      service_name: '暴露垃圾',
      group: '市容环境',
      metadata: true,
      type: 'realtime',
    });
    expect(services.find((s) => s.service_code === 'C0101')).toMatchObject({
      service_name: '上水井盖',
      group: '公共设施',
    });
    expect(services.find((s) => s.service_code === 'C0118')?.type).toBe('batch');
    const xml = await get('/open311/v2/services.xml');
    const fromXml = sparkOf(parseXml(xml.body));
    expect(fromXml).toEqual(stringified(services));
  });

  it('service definition: attributes with datatype, required, order, values; unknown → 404 in both formats (3)', async () => {
    const json = await get('/open311/v2/services/E0102.json');
    expect(json.statusCode).toBe(200);
    const definition = json.json();
    expect(validators.serviceDefinition(definition)).toEqual([]);
    expect(definition.attributes.map((a: { code: string }) => a.code)).toEqual([
      'waste_kind',
      'volume_m3',
      'notice',
    ]);
    expect(definition.attributes[0]).toMatchObject({ datatype: 'multivaluelist', required: true, order: 1 });
    const xml = await get('/open311/v2/services/E0102.xml');
    expect(sparkOf(parseXml(xml.body), false)).toEqual(stringified(definition));

    for (const format of ['json', 'xml']) {
      const missing = await get(`/open311/v2/services/E9999.${format}`);
      expect(missing.statusCode).toBe(404);
      if (format === 'json')
        expect(missing.json()).toEqual([{ code: 404, description: expect.stringContaining('E9999') }]);
      else
        expect(parseXml(missing.body).children[0]?.children.map((c) => c.name)).toEqual([
          'code',
          'description',
        ]);
    }
    expect((await get('/open311/v2/services/0102.json')).statusCode).toBe(404);
    expect((await get('/open311/v2/services.html')).statusCode).toBe(404);
    expect((await get('/open311/v2/services.json?jurisdiction_id=999999')).statusCode).toBe(404);
    // An empty jurisdiction_id is the same as none.
    expect((await get('/open311/v2/services.json?jurisdiction_id=')).statusCode).toBe(200);
  });
});

describe('POST requests', () => {
  it('missing or bad api_key → 403 with an error list; nothing is created (3)', async () => {
    const before = (await get('/open311/v2/requests.json')).json().length;
    const { api_key: _unused, ...noKey } = garbage();
    const missing = await post('json', noKey);
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toEqual([{ code: 403, description: expect.any(String) }]);
    const wrong = await post('xml', garbage({ api_key: 'cl_not-a-key' }));
    expect(wrong.statusCode).toBe(403);
    expect(parseXml(wrong.body).name).toBe('errors');
    const empty = await post('json', garbage({ api_key: '' }));
    expect(empty.statusCode).toBe(403);
    expect((await get('/open311/v2/requests.json')).json().length).toBe(before);
  });

  it('unknown service → 404; missing service_code → 400', async () => {
    expect((await post('json', garbage({ service_code: 'E9998' }))).statusCode).toBe(404);
    const { service_code: _s, ...none } = garbage();
    expect((await post('json', none)).statusCode).toBe(400);
  });

  it('missing location → 400 (4); address alone is refused with a clear reason; outside the city → 400', async () => {
    const { lat: _a, long: _b, ...noPlace } = garbage();
    const response = await post('json', noPlace);
    expect(response.statusCode).toBe(400);
    expect(response.json()[0].description).toMatch(/lat/);
    const address = await post('json', { ...noPlace, address_string: '炳草岗大街1号' });
    expect(address.statusCode).toBe(400);
    expect(address.json()[0].description).toMatch(/addresses alone/);
    const half = await post('json', garbage({ long: '' }));
    expect(half.statusCode).toBe(400);
    const outside = outsidePoint();
    expect(
      (await post('json', garbage({ lat: String(outside.lat), long: String(outside.lng) }))).statusCode,
    ).toBe(400);
  });

  it('required attribute missing → 400; bad values listed together; description over 4,000 → 400 (5, 11)', async () => {
    const missing = await post('json', garbage({ 'attribute[waste_kind][]': [] }));
    expect(missing.statusCode).toBe(400);
    expect(missing.json()[0].description).toMatch(/waste_kind/);
    const several = await post(
      'json',
      garbage({
        'attribute[waste_kind][]': ['household', 'plutonium'],
        'attribute[volume_m3]': 'lots',
        'attribute[colour]': 'red',
      }),
    );
    expect(several.statusCode).toBe(400);
    const descriptions = several
      .json()
      .map((e: { description: string }) => e.description)
      .join('\n');
    expect(several.json().length).toBe(3);
    expect(descriptions).toMatch(/plutonium/);
    expect(descriptions).toMatch(/volume_m3/);
    expect(descriptions).toMatch(/colour/);
    const long = await post('json', garbage({ description: '垃'.repeat(4001) }));
    expect(long.statusCode).toBe(400);
    const html = await post('json', garbage({ description: '<script>alert(1)</script>' }));
    expect(html.statusCode).toBe(400);
    const cover = await post('json', {
      api_key: key,
      service_code: 'C0101',
      lat: String(here.lat),
      long: String(here.lng),
      'attribute[cover_state]': ['missing', 'broken'],
    });
    expect(cover.statusCode).toBe(400); // singlevaluelist takes one value
  });

  it('realtime: returns service_request_id; the case waits in 待受理 with source public; a multivaluelist round-trips (5)', async () => {
    const response = await post('json', garbage({ phone: '13812345678', email: 'a@b.cn', first_name: '张' }));
    expect(response.statusCode, response.body).toBe(201);
    const [created] = response.json();
    expect(created.service_request_id).toMatch(/^E\d{13}$/);
    expect(created.token).toBeUndefined();
    const shift = await t.loginAs('slj01');
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/cases?caseNo=${created.service_request_id}`,
      headers: shift,
    });
    const [row] = list.json().items;
    expect(row).toMatchObject({ status: 'reported', source: 'public' });
    const intake = await t.app.inject({
      method: 'GET',
      url: `/api/open311/intake/${row.id}`,
      headers: shift,
    });
    expect(intake.json().attributes).toEqual({ waste_kind: ['household', 'bulky'] });
    expect(intake.json().contact).toMatchObject({ phone: '13812345678', email: 'a@b.cn', first_name: '张' });
    const mine = await get(`/open311/v2/requests/${created.service_request_id}.json`);
    expect(mine.json()[0].description).toContain('生活垃圾、大件垃圾');
  });

  it('XML POST answers in XML', async () => {
    const response = await post('xml', garbage());
    expect(response.statusCode).toBe(201);
    const doc = parseXml(response.body);
    expect(doc.name).toBe('service_requests');
    expect(doc.children[0]?.children.find((c) => c.name === 'service_request_id')?.text).toMatch(/^E\d{13}$/);
  });

  it('batch: POST → token → (job) → service_request_id (9)', async () => {
    const response = await post('json', {
      api_key: key,
      service_code: 'C0118',
      lat: String(here.lat),
      long: String(here.lng),
      'attribute[lamp_no]': 'LD-0231',
      'attribute[noticed_at]': '2019-07-08T21:30:00+08:00',
    });
    expect(response.statusCode, response.body).toBe(201);
    const [answer] = response.json();
    expect(answer.service_request_id).toBeUndefined();
    const pending = await get(`/open311/v2/tokens/${answer.token}.json`);
    expect(pending.json()).toEqual([{ service_request_id: null, token: answer.token }]);
    expect(await runOpen311Jobs(t.deps)).toMatchObject({ done: 1 });
    const resolved = await get(`/open311/v2/tokens/${answer.token}.json`);
    const [pair] = resolved.json();
    expect(pair.service_request_id).toMatch(/^C\d{13}$/);
    const xml = sparkOf(parseXml((await get(`/open311/v2/tokens/${answer.token}.xml`)).body));
    expect(xml).toEqual(stringified(resolved.json()));
    expect((await get(`/open311/v2/requests/${pair.service_request_id}.json`)).statusCode).toBe(200);
    expect((await get('/open311/v2/tokens/nope.json')).statusCode).toBe(404);
  });

  it('blackbox: accepted, no id, never listed', async () => {
    const response = await post('json', {
      api_key: key,
      service_code: 'E0101',
      lat: String(here.lat),
      long: String(here.lng),
      description: '楼顶私搭乱建',
    });
    expect(response.statusCode).toBe(201);
    expect(Object.keys(response.json()[0])).toEqual(['service_notice']);
    const all = (await get('/open311/v2/requests.json')).json() as { service_code: string }[];
    expect(all.some((r) => r.service_code === 'E0101')).toBe(false);
  });
});

describe('GET requests', () => {
  it('XML and JSON carry the same data; every datetime has a timezone; schema-valid (1, 2)', async () => {
    const json = await get('/open311/v2/requests.json?extensions=true');
    const list = json.json() as Record<string, unknown>[];
    expect(list.length).toBeGreaterThan(0);
    const plain = (await get('/open311/v2/requests.json')).json();
    expect(validators.requests(plain)).toEqual([]);
    const xml = await get('/open311/v2/requests.xml?extensions=true');
    expect(sparkOf(parseXml(xml.body))).toEqual(stringified(list));
    for (const item of plain as Record<string, unknown>[]) {
      for (const field of ['requested_datetime', 'updated_datetime', 'expected_datetime']) {
        const value = item[field];
        if (value !== null) expect(value).toMatch(/\+08:00$/);
      }
      for (const personal of ['email', 'phone', 'first_name', 'last_name', 'device_id', 'account_id']) {
        expect(item).not.toHaveProperty(personal);
      }
    }
    expect(JSON.stringify(list)).not.toMatch(/13812345678|a@b\.cn/);
  });

  it('service_request_id overrides every other filter (6)', async () => {
    const [first] = (await get('/open311/v2/requests.json')).json();
    const response = await get(
      `/open311/v2/requests.json?service_request_id=${first.service_request_id}&service_code=C0999&status=closed&start_date=2001-01-01T00:00:00Z&end_date=2001-01-02T00:00:00Z`,
    );
    expect(response.json().map((r: { service_request_id: string }) => r.service_request_id)).toEqual([
      first.service_request_id,
    ]);
    expect((await get('/open311/v2/requests/E2019070999999.json')).statusCode).toBe(404);
  });

  it('filters: service_code list, status, bbox', async () => {
    const byCode = (await get('/open311/v2/requests.json?service_code=C0118')).json();
    expect(byCode.length).toBe(1);
    expect((await get('/open311/v2/requests.json?status=closed')).json()).toEqual([]);
    expect((await get('/open311/v2/requests.json?status=open,closed')).json().length).toBeGreaterThan(1);
    expect((await get('/open311/v2/requests.json?status=pending')).statusCode).toBe(400);
    const box = `${here.lng - 0.001},${here.lat - 0.001},${here.lng + 0.001},${here.lat + 0.001}`;
    expect((await get(`/open311/v2/requests.json?bbox=${box}`)).json().length).toBeGreaterThan(0);
    expect((await get('/open311/v2/requests.json?bbox=0,0,1,1')).json()).toEqual([]);
    expect((await get('/open311/v2/requests.json?bbox=1,2,3')).statusCode).toBe(400);
  });

  it('a span over 90 days → 400; bad or zone-less dates → 400; a start date alone spans 90 days (7)', async () => {
    const wide = await get(
      '/open311/v2/requests.json?start_date=2019-01-01T00:00:00%2B08:00&end_date=2019-07-09T00:00:00%2B08:00',
    );
    expect(wide.statusCode).toBe(400);
    expect(wide.json()[0].description).toMatch(/90/);
    expect((await get('/open311/v2/requests.json?start_date=yesterday')).statusCode).toBe(400);
    expect((await get('/open311/v2/requests.json?start_date=2019-07-01T00:00:00')).statusCode).toBe(400);
    expect(
      (await get('/open311/v2/requests.json?start_date=2019-07-09&end_date=2019-07-01')).statusCode,
    ).toBe(400);
    expect(
      (await get('/open311/v2/requests.json?start_date=2019-07-01T00:00:00%2B08:00')).json().length,
    ).toBeGreaterThan(0);
    expect((await get('/open311/v2/requests.json?start_date=2019-01-01T00:00:00Z')).json()).toEqual([]);
  });

  it('an empty parameter behaves like an absent one (10)', async () => {
    const plain = (await get('/open311/v2/requests.json')).json();
    const empties = await get(
      '/open311/v2/requests.json?service_request_id=&service_code=&start_date=&end_date=&status=&jurisdiction_id=&page=&page_size=&bbox=',
    );
    expect(empties.statusCode).toBe(200);
    expect(empties.json()).toEqual(plain);
  });

  it('the default window (last 90 days) and the 1,000 cap hold; page/page_size page through (8)', async () => {
    const collector = await t.loginAs('jdy01');
    // 1,005 reports spread over today, plus one 100 days ago (outside the default window).
    t.clock.advanceMinutes(-100 * 24 * 60);
    const old = await reportAs(t, collector);
    t.clock.advanceMinutes(100 * 24 * 60);
    const db = t.database.db;
    const template = await db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', old.id)
      .executeTakeFirstOrThrow();
    const rows = Array.from({ length: 1005 }, (_, i) => ({
      ...template,
      id: `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`,
      caseNo: `E20190709${String(50000 + i).padStart(5, '0')}`,
      reportedAt: new Date(t.clock.now().getTime() - (i + 1) * 60000),
      idempotencyKey: null,
    }));
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto('cases')
        .values(rows.slice(i, i + 200))
        .execute();
    const list = (await get('/open311/v2/requests.json')).json() as { service_request_id: string }[];
    expect(list.length).toBe(1000);
    expect(list.some((r) => r.service_request_id === old.caseNo)).toBe(false);
    const page2 = (await get('/open311/v2/requests.json?page=2&page_size=600')).json() as typeof list;
    expect(page2.slice(0, 400)).toEqual(list.slice(600, 1000));
    expect((await get('/open311/v2/requests.json?page_size=1001')).statusCode).toBe(400);
  });

  it('closed: 结案 and 作废 are closed, the reason in status_notes; updated_datetime = the close time', async () => {
    const collector = await t.loginAs('jdy01');
    const acceptor = await t.loginAs('slj01');
    const voided = await reportAs(t, collector, { description: '误报' });
    await moveOk(t, acceptor, voided.id, 'void', { note: '重复上报，联系人13900001111' });
    const [item] = (await get(`/open311/v2/requests/${voided.caseNo}.json`)).json();
    expect(item.status).toBe('closed');
    expect(item.status_notes).toContain('重复上报');
    expect(item.status_notes).not.toContain('13900001111');
    expect(item.updated_datetime).toMatch(/\+08:00$/);
    const filedCase = await reportAs(t, collector);
    const lead = await t.loginAs('zbz01');
    await moveOk(t, lead, filedCase.id, 'file');
    const dispatcher = await t.loginAs('pqy01');
    await moveOk(t, dispatcher, filedCase.id, 'dispatch');
    const [open] = (await get(`/open311/v2/requests/${filedCase.caseNo}.json?extensions=true`)).json();
    expect(open).toMatchObject({ status: 'open', status_notes: '处置中' });
    expect(open.agency_responsible).toBeTruthy();
    expect(open.expected_datetime).toMatch(/\+08:00$/);
    expect(open.notes.map((n: { type: string }) => n.type)).toEqual(['report', 'file', 'dispatch']);
  });

  it('servicerequestupdates lists public steps in both formats', async () => {
    const json = (await get('/open311/v2/servicerequestupdates.json')).json() as {
      status: string;
      external_status_code: string;
    }[];
    expect(json.length).toBeGreaterThan(0);
    expect(json.some((u) => u.external_status_code === 'CANCELLED')).toBe(true);
    const xml = await get('/open311/v2/servicerequestupdates.xml');
    expect(parseXml(xml.body).name).toBe('service_request_updates');
    expect(sparkOf(parseXml(xml.body))).toEqual(stringified(json));
  });
});
