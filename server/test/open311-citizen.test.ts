import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveOk, multipart, PNG_1PX, pointIn, uploadPhoto } from './support/case-helpers.js';
import { form, issueKey, solvePow } from './support/open311.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// 公众随手拍: a citizen report travelling to closure, its public page never showing the phone,
// and the abuse controls (proof of work, rate limits, moderation); API key revocation.

let t: TestApp;
const here = pointIn();
const PHONE = '13987654321';
const ID_NO = '510402199001011234';
const PHONE_PATTERN = /(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)|510402199001011234/;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

function reportForm(fields: Record<string, string>, photos: Buffer[] = []) {
  const boundary = `----cityloop${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const photo of photos) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      photo,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function challenge(ip = '203.0.113.7') {
  const response = await t.app.inject({ method: 'GET', url: '/api/public/challenge', remoteAddress: ip });
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json() as { challenge: string; difficulty: number };
  return { ...body, nonce: solvePow(body.challenge, body.difficulty) };
}

async function submit(fields: Record<string, string>, options: { ip?: string; photos?: Buffer[] } = {}) {
  const body = reportForm(fields, options.photos);
  return t.app.inject({
    method: 'POST',
    url: '/api/public/reports',
    remoteAddress: options.ip ?? '203.0.113.7',
    ...body,
  });
}

async function validFields(ip = '203.0.113.7', extra: Record<string, string> = {}) {
  const pow = await challenge(ip);
  return {
    challenge: pow.challenge,
    nonce: pow.nonce,
    deviceId: 'device-0001-abcdef',
    serviceCode: 'E0102',
    description: `路口垃圾堆了三天，电话 ${PHONE}，另一个 139-8765-4322，座机 0812-3334445，身份证 ${ID_NO}`,
    lat: String(here.lat),
    lng: String(here.lng),
    phone: PHONE,
    ...extra,
  };
}

describe('the citizen page', () => {
  it('serves an accessible Chinese page with its script from this server only', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/report' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('lang="zh-CN"');
    expect(page.body).toContain('不清楚');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).not.toMatch(/https?:\/\//);
    const script = await t.app.inject({ method: 'GET', url: '/report/report.js' });
    expect(script.statusCode).toBe(200);
    expect(script.body).toContain('crypto.subtle.digest');
    const categories = (await t.app.inject({ method: 'GET', url: '/api/public/categories' })).json();
    expect(categories.some((c: { serviceCode: string }) => c.serviceCode === 'E0102')).toBe(true);
    expect(categories.some((c: { serviceCode: string }) => c.serviceCode === 'E0101')).toBe(false);
    const locate = await t.app.inject({
      method: 'GET',
      url: `/api/public/locate?lat=${here.lat}&lng=${here.lng}`,
    });
    expect(locate.json()).toMatchObject({ inside: true, district: '东区' });
  });

  it('a report travels to closure; the public page and JSON never show the phone or ID number', async () => {
    const response = await submit(await validFields(), { photos: [PNG_1PX] });
    expect(response.statusCode, response.body).toBe(201);
    const { trackingNo, statusUrl } = response.json();
    expect(statusUrl).toBe(`/report/status/${trackingNo}`);

    const acceptor = await t.loginAs('slj01');
    const [row] = (
      await t.app.inject({ method: 'GET', url: `/api/cases?caseNo=${trackingNo}`, headers: acceptor })
    ).json().items;
    expect(row).toMatchObject({ status: 'reported', source: 'public' });
    const intake = await t.app.inject({
      method: 'GET',
      url: `/api/open311/intake/${row.id}`,
      headers: acceptor,
    });
    expect(intake.json().contact.phone).toBe(PHONE);

    // 受理 → 核实 → 立案 → 派遣 → 处置 → 核查 → 结案, with the demo logins.
    const collectorId = (
      await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: await t.loginAs('jdy01') })
    ).json().id;
    await moveOk(t, acceptor, row.id, 'request_verify', { assigneeId: collectorId });
    const collector = await t.loginAs('jdy01');
    await moveOk(t, collector, row.id, 'verify', { confirmed: true });
    const lead = await t.loginAs('zbz01');
    await moveOk(t, lead, row.id, 'file');
    const dispatcher = await t.loginAs('pqy01');
    const dispatched = await moveOk(t, dispatcher, row.id, 'dispatch');
    const unitLogin = dispatched.unitId ? await unitLoginOf(dispatched.unitId) : 'cgj01';
    const unit = await t.loginAs(unitLogin);
    expect((await uploadPhoto(t, unit, row.id, 'dispose')).statusCode).toBe(201);
    await moveOk(t, unit, row.id, 'dispose');
    await moveOk(t, acceptor, row.id, 'request_check', { assigneeId: collectorId });
    await moveOk(t, collector, row.id, 'check_pass');
    await moveOk(t, lead, row.id, 'close');

    const json = await t.app.inject({ method: 'GET', url: `/api/public/reports/${trackingNo}` });
    expect(json.statusCode).toBe(200);
    const status = json.json();
    expect(status).toMatchObject({
      trackingNo,
      status: 'closed',
      statusLabel: '已结案',
      category: '暴露垃圾',
    });
    expect(status.steps.map((s: { label: string }) => s.label)).toEqual([
      '收到上报',
      '已派监督员现场核实',
      '现场核实：情况属实',
      '已立案',
      expect.stringMatching(/^已派遣至.+处置$/),
      '处置单位反馈已处置',
      '已派监督员现场核查',
      '现场核查通过',
      '已结案',
    ]);
    const html = await t.app.inject({ method: 'GET', url: `/report/status/${trackingNo}` });
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('已结案');
    for (const body of [
      json.body,
      html.body,
      (await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${trackingNo}.xml?extensions=true` }))
        .body,
    ]) {
      expect(body).not.toMatch(PHONE_PATTERN);
      expect(body).not.toContain('0812-3334445');
      expect(body).not.toContain('jdy01');
    }
    expect(status.description.match(/\[电话已隐去\]/g)?.length).toBe(3);
    expect(status.description).toContain('[身份证号已隐去]');

    // The citizen's photo is public through Open311, with the case's published data only.
    const [request] = (
      await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${trackingNo}.json` })
    ).json();
    expect(request.media_url).toMatch(/\/open311\/v2\/media\//);
    const photo = await t.app.inject({ method: 'GET', url: new URL(request.media_url).pathname });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');

    // Moderation hides it everywhere; shift lead only; logged.
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/open311/moderation/${trackingNo}`,
          headers: acceptor,
          payload: { hidden: true, reason: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    const hide = await t.app.inject({
      method: 'POST',
      url: `/api/open311/moderation/${trackingNo}`,
      headers: lead,
      payload: { hidden: true, reason: '照片含人脸' },
    });
    expect(hide.statusCode, hide.body).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/reports/${trackingNo}` })).statusCode).toBe(
      404,
    );
    expect((await t.app.inject({ method: 'GET', url: `/report/status/${trackingNo}` })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${trackingNo}.json` })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: new URL(request.media_url).pathname })).statusCode).toBe(
      404,
    );
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select(['action', 'login'])
      .where('action', '=', 'public.hide')
      .execute();
    expect(audit).toEqual([{ action: 'public.hide', login: 'zbz01' }]);
  });

  it('"不清楚" files under 其他 for the acceptor to correct; unknown tracking numbers → 404', async () => {
    const response = await submit(
      await validFields('203.0.113.8', { serviceCode: 'unknown', deviceId: 'device-0002-abcdef', phone: '' }),
    );
    expect(response.statusCode, response.body).toBe(201);
    const status = (
      await t.app.inject({ method: 'GET', url: `/api/public/reports/${response.json().trackingNo}` })
    ).json();
    expect(status.category).toBe('其他市容环境问题');
    expect(status.description).toMatch(/^【市民未选类别】/);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/public/reports/E2000010100001' })).statusCode,
    ).toBe(404);
  });

  it('proof of work: a wrong nonce, a reused or unknown challenge → 403, and no case is made', async () => {
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('cases')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const fields = await validFields('203.0.113.9', { deviceId: 'device-0003-abcdef' });
    const wrong = await submit({ ...fields, nonce: `${fields.nonce}x` }, { ip: '203.0.113.9' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.messageEn).toMatch(/proof of work/);
    // The challenge was consumed by the failed attempt: even the right nonce is refused now.
    expect((await submit(fields, { ip: '203.0.113.9' })).statusCode).toBe(403);
    expect((await submit({ ...fields, challenge: 'f'.repeat(32) }, { ip: '203.0.113.9' })).statusCode).toBe(
      403,
    );
    const ok = await validFields('203.0.113.9', { deviceId: 'device-0003-abcdef' });
    expect((await submit(ok, { ip: '203.0.113.9' })).statusCode).toBe(201);
    expect((await submit(ok, { ip: '203.0.113.9' })).statusCode).toBe(403);
    expect(await count()).toBe(before + 1);
  });

  it('size and type limits: HTML named .png → 415, too many photos → 400, bad fields → 400 bilingual', async () => {
    const html = await submit(await validFields('203.0.113.10', { deviceId: 'device-0004-abcdef' }), {
      ip: '203.0.113.10',
      photos: [Buffer.from('<html><script>alert(1)</script></html>')],
    });
    expect(html.statusCode).toBe(415);
    const many = await submit(await validFields('203.0.113.10', { deviceId: 'device-0004-abcdef' }), {
      ip: '203.0.113.10',
      photos: [PNG_1PX, PNG_1PX, PNG_1PX, PNG_1PX],
    });
    expect(many.statusCode).toBe(400);
    const bad = await submit(
      { ...(await validFields('203.0.113.10', { deviceId: 'device-0004-abcdef' })), phone: '12345' },
      { ip: '203.0.113.10' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('phone'),
      messageEn: expect.stringContaining('phone'),
    });
    const json = await t.app.inject({ method: 'POST', url: '/api/public/reports', payload: { a: 1 } });
    expect(json.statusCode).toBe(415);
  });

  it('rate limits per device and per IP → 429 with Retry-After (checked before the proof of work)', async () => {
    const device = 'device-limit-000001';
    for (let i = 0; i < 5; i++) {
      const ip = `198.51.100.${i + 1}`;
      expect((await submit(await validFields(ip, { deviceId: device }), { ip })).statusCode).toBe(201);
    }
    // No valid proof of work needed to be refused: the limit is checked first.
    const unsolved = {
      challenge: 'a'.repeat(32),
      nonce: '0',
      deviceId: device,
      serviceCode: 'E0102',
      description: '测试',
      lat: String(here.lat),
      lng: String(here.lng),
    };
    const limited = await submit(unsolved, { ip: '198.51.100.99' });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().error.message).toMatch(/频繁/);

    // Failed attempts count too: ten refused submissions from one address use up its hour.
    const ip = '192.0.2.50';
    for (let i = 0; i < 10; i++) {
      const refused = await submit(
        { ...unsolved, deviceId: `device-ip-${String(i).padStart(6, '0')}` },
        { ip },
      );
      expect(refused.statusCode).toBe(403);
    }
    const byIp = await submit({ ...unsolved, deviceId: 'device-ip-fresh01' }, { ip });
    expect(byIp.statusCode).toBe(429);
    expect(byIp.headers['retry-after']).toBeDefined();
    // A new hour opens a new window.
    t.clock.advanceMinutes(61);
    expect((await submit(await validFields(ip, { deviceId: 'device-ip-fresh01' }), { ip })).statusCode).toBe(
      201,
    );
  }, 90_000);
});

describe('API keys', () => {
  it('admin only; listed without secrets; revoke → 403; per-key budget → 429 with Retry-After', async () => {
    const lead = await t.loginAs('zbz01');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/open311/keys',
          headers: lead,
          payload: { name: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    const { id, key } = await issueKey(t, 'FixMyStreet 攀枝花', 3);
    const admin = await t.loginAs('admin');
    const list = await t.app.inject({ method: 'GET', url: '/api/open311/keys', headers: admin });
    expect(list.body).not.toContain(key);
    expect(list.json().total).toBeGreaterThanOrEqual(1);
    expect(list.json().items.find((k: { id: string }) => k.id === id)).toMatchObject({
      name: 'FixMyStreet 攀枝花',
      revokedAt: null,
    });
    const stored = await t.database.db
      .selectFrom('open311ApiKeys')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(key);

    const post = () =>
      t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        ...form({
          api_key: key,
          service_code: 'C0101',
          lat: String(here.lat),
          long: String(here.lng),
          'attribute[cover_state]': 'missing',
        }),
      });
    for (let i = 0; i < 3; i++) expect((await post()).statusCode).toBe(201);
    const limited = await post();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json()[0].code).toBe(429);
    t.clock.advanceMinutes(1);
    // Bearer works as well as api_key.
    const bearer = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        service_code: 'C0101',
        lat: String(here.lat),
        long: String(here.lng),
        'attribute[cover_state]': 'loose',
      }).toString(),
    });
    expect(bearer.statusCode, bearer.body).toBe(201);

    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/open311/keys/${id}`, headers: admin })).statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/open311/keys/${id}`, headers: admin })).statusCode,
    ).toBe(404);
    expect((await post()).statusCode).toBe(403);
    const actions = await t.database.db
      .selectFrom('auditLog')
      .select('action')
      .where('objectId', '=', id)
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['open311.key_create', 'open311.key_revoke']);
  });

  it('multipart media on Open311 POST is stored with the case', async () => {
    const { key } = await issueKey(t, 'media client');
    const upload = multipart('media', 'photo.png', PNG_1PX, 'image/png');
    const boundary = upload.headers['content-type'].split('boundary=')[1];
    const fields = {
      api_key: key,
      service_code: 'C0102',
      lat: String(here.lat),
      long: String(here.lng),
      'attribute[cover_state]': 'broken',
    };
    const head = Object.entries(fields)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join('');
    const response = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: upload.headers,
      payload: Buffer.concat([Buffer.from(head), upload.payload]),
    });
    expect(response.statusCode, response.body).toBe(201);
    const [request] = (
      await t.app.inject({
        method: 'GET',
        url: `/open311/v2/requests/${response.json()[0].service_request_id}.json`,
      })
    ).json();
    expect(request.media_url).toMatch(/\/open311\/v2\/media\//);
  });
});

async function unitLoginOf(unitId: string): Promise<string> {
  const user = await t.database.db
    .selectFrom('users')
    .select('login')
    .where('unitId', '=', unitId)
    .where('role', '=', 'unit_staff')
    .executeTakeFirst();
  if (!user) throw new Error('no unit login for the dispatched unit');
  return user.login;
}
