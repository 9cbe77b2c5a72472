import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getCase,
  multipart,
  outsidePoint,
  PNG_1PX,
  pointIn,
  reportAs,
  uploadPhoto,
} from './support/case-helpers.js';
import { startTestApp, type TestApp, testConfig } from './support/test-app.js';

let t: TestApp;
let collector: { cookie: string };

beforeAll(async () => {
  t = await startTestApp();
  collector = await t.loginAs('jdy01');
});
afterAll(() => t.close());

const countRows = async () => {
  const cases = await t.database.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const log = await t.database.db
    .selectFrom('caseTransitions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const media = await t.database.db
    .selectFrom('media')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { cases: cases.n, log: log.n, media: media.n };
};

const post = (payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { ...collector, ...headers },
    payload: payload as object,
  });

const good = () => ({ kind: 'event', categoryCode: '0102', description: '暴露垃圾', ...pointIn() });

describe('bad input is refused with a bilingual 4xx and changes nothing', () => {
  it('refuses an unknown category, a point outside the city and missing fields', async () => {
    const before = await countRows();
    const unknown = await post({ ...good(), categoryCode: '0999' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.message).toContain('未知的事件类别');
    expect(unknown.json().error.messageEn).toContain('unknown event category');
    const outside = await post({ ...good(), ...outsidePoint() });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.message).toContain('不在本市');
    const missing = await post({ kind: 'event' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('VALIDATION');
    const wrongKind = await post({ ...good(), kind: 'thing' });
    expect(wrongKind.statusCode).toBe(400);
    const future = await post({ ...good(), reportedAt: '2030-01-01T00:00:00+08:00' });
    expect(future.statusCode).toBe(422);
    expect(await countRows()).toEqual(before);
  });

  it('refuses malformed JSON with 400', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { ...collector, 'content-type': 'application/json' },
      payload: '{"kind": "event", ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe('请求体不是合法的 JSON');
  });

  it('refuses oversized and non-image uploads and stores nothing', async () => {
    const c = await reportAs(t, collector);
    const before = await countRows();
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const fake = multipart('file', 'photo.jpg', html, 'image/jpeg');
    const notImage = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/photos?stage=report`,
      headers: { ...collector, ...fake.headers },
      payload: fake.payload,
    });
    expect(notImage.statusCode).toBe(415);
    expect(notImage.json().error.messageEn).toContain('only JPEG, PNG or WebP');
    const huge = Buffer.concat([PNG_1PX, Buffer.alloc(testConfig.uploadMaxBytes + 10)]);
    const tooBig = await uploadPhoto(t, collector, c.id, 'report', huge);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.message).toContain('过大');
    const plain = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/photos`,
      headers: { ...collector, 'content-type': 'application/json' },
      payload: {},
    });
    expect(plain.statusCode).toBe(415);
    expect(await countRows()).toEqual(before);
  });

  it('stores SQL and script text inertly and returns it unchanged', async () => {
    const nasty = `'); DROP TABLE cases; -- <script>alert("x")</script> 暴露垃圾`;
    const c = await reportAs(t, collector, { description: nasty });
    const back = await getCase(t, collector, c.id);
    expect(back.body.description).toBe(nasty);
    const count = await countRows();
    expect(count.cases).toBeGreaterThan(0);
  });
});

describe('idempotent reports', () => {
  it('answers a retried report with the same case, and refuses a reused key for another report', async () => {
    const before = await countRows();
    const key = { 'idempotency-key': 'phone-7f3a-000001' };
    const first = await post(good(), key);
    expect(first.statusCode).toBe(201);
    const retry = await post(good(), key);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().id).toBe(first.json().id);
    expect(retry.json().caseNo).toBe(first.json().caseNo);
    const other = await post({ ...good(), description: '另一件事' }, key);
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const after = await countRows();
    expect(after.cases).toBe(before.cases + 1);
    expect(after.log).toBe(before.log + 1);
  });

  it('makes one case from parallel retries of one report', async () => {
    const before = await countRows();
    const key = { 'idempotency-key': 'phone-7f3a-000002' };
    const responses = await Promise.all(Array.from({ length: 8 }, () => post(good(), key)));
    const ids = new Set(responses.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect((await countRows()).cases).toBe(before.cases + 1);
  });

  it('numbers parallel reports of one day consecutively, and answers each with the page a read gives', async () => {
    const before = await countRows();
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => post(good(), { 'idempotency-key': `phone-9c1d-1000${i}` })),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    const numbers = responses.map((r) => Number(String(r.json().caseNo).slice(-5))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(12);
    expect((numbers.at(-1) ?? 0) - (numbers[0] ?? 0)).toBe(11);
    expect((await countRows()).cases).toBe(before.cases + 12);
    for (const response of responses) {
      const page = await getCase(t, collector, response.json().id);
      expect(page.status).toBe(200);
      expect(response.json()).toEqual(page.body);
      expect(page.body.timeline).toHaveLength(1);
      expect(page.body.timeline[0]).toMatchObject({ action: 'report', actorLogin: 'jdy01' });
      expect(page.body.categoryName).toBeTruthy();
      expect(page.body.districtName).toBeTruthy();
    }
  });

  it('stores a photo sent twice once', async () => {
    const c = await reportAs(t, collector);
    const a = await uploadPhoto(t, collector, c.id, 'report');
    const b = await uploadPhoto(t, collector, c.id, 'report');
    expect(a.json().items[0].id).toBe(b.json().items[0].id);
    expect((await getCase(t, collector, c.id)).body.photos).toHaveLength(1);
  });
});
