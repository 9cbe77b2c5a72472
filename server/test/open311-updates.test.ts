import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointIn } from './support/case-helpers.js';
import { form, issueKey, parseXml, sparkOf, stringified } from './support/open311.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// mySociety's Open311 update extension, POST servicerequestupdates (PEERS.md §2): a client posts
// a citizen's comment on a request. It becomes a public note; the status it asks for is
// recorded, never applied; a resend with the same update_id is the same update.

let t: TestApp;
let key: string;
let otherKey: string;
let requestId: string;
let caseId: string;
const here = pointIn();
const PHONE = '13912345678';

beforeAll(async () => {
  t = await startTestApp();
  key = (await issueKey(t, 'FixMyStreet')).key;
  otherKey = (await issueKey(t, '另一客户端')).key;
  const created = await t.app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    ...form({
      api_key: key,
      service_code: 'E0102',
      lat: String(here.lat),
      long: String(here.lng),
      description: '路口有暴露垃圾',
      'attribute[waste_kind][]': ['household'],
    }),
  });
  expect(created.statusCode, created.body).toBe(201);
  requestId = created.json()[0].service_request_id;
  const row = await t.database.db
    .selectFrom('cases')
    .select('id')
    .where('caseNo', '=', requestId)
    .executeTakeFirstOrThrow();
  caseId = row.id;
});
afterAll(async () => t.close());

const update = (extra: Record<string, string | string[]> = {}) => ({
  api_key: key,
  service_request_id: requestId,
  update_id: 'fms-1001',
  status: 'FIXED',
  updated_datetime: '2019-07-09T10:00:00+08:00',
  description: `垃圾已经清走了，谢谢！有问题请打 ${PHONE}`,
  first_name: '李',
  last_name: '四',
  email: 'lisi@example.cn',
  phone: PHONE,
  media_url: ['https://fms.example.org/photo/1.jpg'],
  ...extra,
});

async function postUpdate(format: 'json' | 'xml', fields: Record<string, string | string[]>) {
  return t.app.inject({
    method: 'POST',
    url: `/open311/v2/servicerequestupdates.${format}`,
    ...form(fields),
  });
}

const stored = () => t.database.db.selectFrom('open311RequestUpdates').selectAll().execute();
const receiptAudits = () =>
  t.database.db.selectFrom('auditLog').selectAll().where('action', '=', 'open311.update_receive').execute();

describe('POST servicerequestupdates', () => {
  it('JSON: stores a public note with an audit row, answers update_id; the workflow does not move', async () => {
    const before = await t.database.db
      .selectFrom('cases')
      .select(['status', 'version'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    const response = await postUpdate('json', update());
    expect(response.statusCode, response.body).toBe(201);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = response.json();
    expect(body).toEqual([{ update_id: expect.any(String) }]);

    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: body[0].update_id,
      caseId,
      clientUpdateId: 'fms-1001',
      requestedStatus: 'FIXED',
      mediaUrls: ['https://fms.example.org/photo/1.jpg'],
      contact: { first_name: '李', last_name: '四', email: 'lisi@example.cn', phone: PHONE },
    });
    const after = await t.database.db
      .selectFrom('cases')
      .select(['status', 'version'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    const audit = await receiptAudits();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ objectType: 'case', objectId: caseId, success: true });
    expect(audit[0]?.detail).toMatchObject({ requestedStatus: 'FIXED', statusApplied: false });
  });

  it('XML answers <service_request_updates><request_update><update_id>, the same data as JSON', async () => {
    const response = await postUpdate('xml', update({ update_id: 'fms-1002', status: 'reopen' }));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.headers['content-type']).toBe('text/xml; charset=utf-8');
    const doc = parseXml(response.body);
    expect(doc.name).toBe('service_request_updates');
    expect(doc.children.map((c) => c.name)).toEqual(['request_update']);
    const [item] = sparkOf(doc) as { update_id: string }[];
    const row = (await stored()).find((r) => r.clientUpdateId === 'fms-1002');
    expect(item).toEqual(stringified({ update_id: row?.id }));
    expect(row?.requestedStatus).toBe('REOPEN');
  });

  it('is idempotent on the client update_id (per key); a reused id with other content → 400', async () => {
    const first = (await stored()).find((r) => r.clientUpdateId === 'fms-1001');
    const again = await postUpdate('json', update());
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual([{ update_id: first?.id }]);
    const changed = await postUpdate('json', update({ description: '其实没有清走' }));
    expect(changed.statusCode).toBe(400);
    expect(changed.json()[0]).toMatchObject({ code: 400, description: expect.stringContaining('update_id') });
    // Another client may use the same id for its own update.
    const other = await postUpdate('json', update({ api_key: otherKey }));
    expect(other.statusCode).toBe(201);
    expect(other.json()[0].update_id).not.toBe(first?.id);
    expect(await stored()).toHaveLength(3);
    expect(await receiptAudits()).toHaveLength(3);
  });

  it('the note is public with extensions=true, redacted; no personal field in either format', async () => {
    for (const format of ['json', 'xml'] as const) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/open311/v2/requests/${requestId}.${format}?extensions=true`,
      });
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain(PHONE);
      expect(response.body).not.toContain('lisi@example.cn');
      expect(response.body).not.toContain('李');
      if (format === 'json') {
        const notes = response.json()[0].notes as { type: string; description: string; datetime: string }[];
        const comments = notes.filter((n) => n.type === 'comment');
        expect(comments).toHaveLength(3);
        expect(comments[0]?.description).toBe('垃圾已经清走了，谢谢！有问题请打 [电话已隐去]');
        expect(comments[0]?.datetime).toMatch(/\+08:00$/);
        expect(notes[0]?.type).toBe('report');
      } else {
        expect(response.body).toContain('<type>comment</type>');
      }
    }
    // The update feed lists what the city did, not the clients' own notes.
    const feed = await t.app.inject({ method: 'GET', url: '/open311/v2/servicerequestupdates.json' });
    expect(feed.body).not.toContain('垃圾已经清走了');
  });

  it('staff read the notes with the contact in the intake view (audited)', async () => {
    const acceptor = await t.loginAs('slj01');
    const intake = await t.app.inject({
      method: 'GET',
      url: `/api/open311/intake/${caseId}`,
      headers: acceptor,
    });
    expect(intake.statusCode).toBe(200);
    const updates = intake.json().updates as { client: string; requestedStatus: string; contact: unknown }[];
    expect(updates.map((u) => u.client)).toEqual(['FixMyStreet', 'FixMyStreet', '另一客户端']);
    expect(updates[0]).toMatchObject({ requestedStatus: 'FIXED', contact: { phone: PHONE } });
  });
});

describe('POST servicerequestupdates: errors', () => {
  it('missing or unknown api_key → 403 in both formats', async () => {
    const { api_key: _, ...noKey } = update({ update_id: 'x-1' });
    const json = await postUpdate('json', noKey);
    expect(json.statusCode).toBe(403);
    expect(json.json()).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
    const xml = await postUpdate('xml', { ...noKey, api_key: 'cl_not-a-key' });
    expect(xml.statusCode).toBe(403);
    const doc = parseXml(xml.body);
    expect(doc.name).toBe('errors');
    expect(sparkOf(doc)).toEqual([{ code: '403', description: expect.stringContaining('api_key') }]);
  });

  it('unknown or non-public service_request_id → 404 in both formats; missing → 400', async () => {
    const json = await postUpdate(
      'json',
      update({ service_request_id: 'E20190709999999', update_id: 'x-2' }),
    );
    expect(json.statusCode).toBe(404);
    expect(json.json()[0]).toMatchObject({
      code: 404,
      description: expect.stringContaining('E20190709999999'),
    });
    const xml = await postUpdate('xml', update({ service_request_id: 'E20190709999999', update_id: 'x-2' }));
    expect(xml.statusCode).toBe(404);
    expect(parseXml(xml.body).name).toBe('errors');

    const lead = await t.loginAs('zbz01');
    const hide = await t.app.inject({
      method: 'POST',
      url: `/api/open311/moderation/${requestId}`,
      headers: lead,
      payload: { hidden: true, reason: '测试屏蔽' },
    });
    expect(hide.statusCode, hide.body).toBe(200);
    expect((await postUpdate('json', update({ update_id: 'x-3' }))).statusCode).toBe(404);
    await t.app.inject({
      method: 'POST',
      url: `/api/open311/moderation/${requestId}`,
      headers: lead,
      payload: { hidden: false, reason: '恢复' },
    });

    const { service_request_id: _, ...noId } = update({ update_id: 'x-4' });
    const missing = await postUpdate('json', noId);
    expect(missing.statusCode).toBe(400);
    expect(missing.json()[0].description).toContain('service_request_id');
  });

  it('bad fields → 400 listing every problem, in both formats; nothing stored', async () => {
    const before = (await stored()).length;
    const bad = {
      api_key: key,
      service_request_id: requestId,
      status: 'DONE',
      updated_datetime: '2019-07-09',
      description: '',
      media_url: 'ftp://fms.example.org/1.jpg',
    };
    const json = await postUpdate('json', bad);
    expect(json.statusCode).toBe(400);
    const descriptions = (json.json() as { code: number; description: string }[]).map((e) => e.description);
    expect(descriptions).toHaveLength(5);
    for (const field of ['update_id', 'status', 'updated_datetime', 'description', 'media_url'])
      expect(descriptions.some((d) => d.includes(field))).toBe(true);
    const xml = await postUpdate('xml', bad);
    expect(xml.statusCode).toBe(400);
    expect((sparkOf(parseXml(xml.body)) as unknown[]).length).toBe(5);

    const html = await postUpdate(
      'json',
      update({ update_id: 'x-5', description: '<script>alert(1)</script>' }),
    );
    expect(html.statusCode).toBe(400);
    const long = await postUpdate('json', update({ update_id: 'x-6', description: '长'.repeat(4001) }));
    expect(long.statusCode).toBe(400);
    expect((await stored()).length).toBe(before);
  });
});
