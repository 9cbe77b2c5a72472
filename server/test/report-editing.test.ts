import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, pngOfColour } from './support/case-helpers.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// What the console's 通报编辑 and 外包考核 pages need beyond the bulletin and assessment
// themselves: reordering and photos of the text blocks, editing contracts, and withdrawing an
// inspector's finding or adding photo evidence to it.

let t: TestApp;
const as = (login: string) => t.loginAs(login);

interface Block {
  id: string;
  section: string;
  seq: number;
  title: string;
  version: number;
  photos: { sha256: string; caption: string }[];
}

async function addBlock(title: string, section = 'work_news') {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/bulletins/2019-07/blocks',
    headers: await as('zbz01'),
    payload: { section, title, body: `${title}的正文。` },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Block;
}

async function blocks(): Promise<Block[]> {
  const response = await t.app.inject({
    method: 'GET',
    url: '/api/bulletins/2019-07/blocks',
    headers: await as('ld01'),
  });
  expect(response.statusCode).toBe(200);
  return response.json().items;
}

async function auditActions(action: string) {
  return t.database.db
    .selectFrom('auditLog')
    .select(['action', 'detail'])
    .where('action', '=', action)
    .execute();
}

beforeAll(async () => {
  t = await startTestApp({ start: '2019-07-20T02:00:00Z' });
});

afterAll(async () => {
  await t?.close();
});

describe('bulletin text blocks', () => {
  it('reorders a section in one step, and refuses a stale or partial order', async () => {
    const a = await addBlock('推进会');
    const b = await addBlock('专家调研');
    const c = await addBlock('迎检工作');
    const other = await addBlock('东区来稿', 'district_news');
    const lead = await as('zbz01');
    const put = (ids: string[], headers = lead, section = 'work_news') =>
      t.app.inject({
        method: 'PUT',
        url: '/api/bulletins/2019-07/blocks/order',
        headers,
        payload: { section, ids },
      });

    const moved = await put([c.id, a.id, b.id]);
    expect(moved.statusCode, moved.body).toBe(200);
    const work = (moved.json().items as Block[]).filter((x) => x.section === 'work_news');
    expect(work.map((x) => x.title)).toEqual(['迎检工作', '推进会', '专家调研']);
    expect(work.map((x) => x.seq)).toEqual([1, 2, 3]);
    // Each moved block is a new version: an editor holding the old one is told to reload.
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/bulletin-blocks/${a.id}`,
      headers: lead,
      payload: { version: a.version, body: '旧版本上的修改' },
    });
    expect(stale.statusCode).toBe(409);

    // A list missing a block, naming another section's block or repeating one changes nothing.
    for (const ids of [
      [a.id, b.id],
      [a.id, b.id, other.id],
      [a.id, a.id, b.id],
    ]) {
      const refused = await put(ids);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toMatch(/刷新/);
    }
    expect((await blocks()).filter((x) => x.section === 'work_news').map((x) => x.title)).toEqual([
      '迎检工作',
      '推进会',
      '专家调研',
    ]);
    expect((await put([a.id, b.id, c.id], await as('ld01'))).statusCode).toBe(403);
    expect((await put([a.id, b.id, c.id], lead, 'nonsense')).statusCode).toBe(400);
    expect(await auditActions('bulletin_block.reorder')).toHaveLength(1);
  });

  it('serves a block photo to readers and takes it off again', async () => {
    const block = await addBlock('暴雨抢险');
    const lead = await as('zbz01');
    const photo = pngOfColour(10, 120, 200);
    const upload = multipart('file', 'rain.png', photo, 'image/png');
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/bulletin-blocks/${block.id}/photos?caption=${encodeURIComponent('清理积水')}`,
      headers: { ...lead, ...upload.headers },
      payload: upload.payload,
    });
    expect(added.statusCode, added.body).toBe(201);
    const sha = (added.json() as Block).photos[0]?.sha256 ?? '';
    expect(sha).toMatch(/^[0-9a-f]{64}$/);

    const url = `/api/bulletin-blocks/${block.id}/photos/${sha}`;
    const seen = await t.app.inject({ method: 'GET', url, headers: await as('ld01') });
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['content-type']).toBe('image/png');
    expect(seen.rawPayload.equals(photo)).toBe(true);
    expect((await t.app.inject({ method: 'GET', url, headers: await as('cgj01') })).statusCode).toBe(403);

    expect((await t.app.inject({ method: 'DELETE', url, headers: await as('ld01') })).statusCode).toBe(403);
    const removed = await t.app.inject({ method: 'DELETE', url, headers: lead });
    expect(removed.statusCode, removed.body).toBe(200);
    expect((removed.json() as Block).photos).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url, headers: lead })).statusCode).toBe(404);
    const again = await t.app.inject({ method: 'DELETE', url, headers: lead });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.message).toContain('照片不存在');
    expect(await auditActions('bulletin_block.photo_remove')).toHaveLength(1);
  });
});

interface Contract {
  id: string;
  checklist: string;
  packageName: string;
  staffCount: number;
  districtIds: string[];
  active: boolean;
}

interface Assessment {
  collection: { personDays: number } | null;
  rows: { code: string; deduction: number; result: string; entries: number }[];
  totalDeduction: number;
  conclusion: string;
}

describe('contractors', () => {
  async function contracts(): Promise<Contract[]> {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/vendors/contracts',
      headers: await as('zbz01'),
    });
    return response.json().items;
  }

  async function assessment(id: string): Promise<Assessment> {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/vendors/contracts/${id}/assessment?month=2019-07`,
      headers: await as('ld01'),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  it('lets an admin edit a contract; the person-days follow the staff count', async () => {
    const first = (await contracts()).find((c) => c.packageName === '第一合同包') as Contract;
    const admin = await as('admin');
    const patch = (payload: Record<string, unknown>, headers = admin, id = first.id) =>
      t.app.inject({ method: 'PATCH', url: `/api/vendors/contracts/${id}`, headers, payload });

    const edited = await patch({ staffCount: 40, areaLabel: '东区（含银江镇）' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      staffCount: 40,
      areaLabel: '东区（含银江镇）',
      checklist: 'collection',
    });
    // 40 collectors × 31 days of July.
    expect((await assessment(first.id)).collection?.personDays).toBe(40 * 31);

    const noDistricts = await patch({ districtIds: [] });
    expect(noDistricts.statusCode).toBe(422);
    expect(noDistricts.json().error.message).toContain('区县');
    const taken = await patch({ packageName: '第二合同包' });
    expect(taken.statusCode).toBe(422);
    expect(taken.json().error.message).toContain('已存在');
    expect((await patch({ staffCount: 1 }, await as('zbz01'))).statusCode).toBe(403);
    // The checklist is fixed: its rows and past findings belong to it.
    expect((await patch({ checklist: 'hall' })).statusCode).toBe(400);
    expect((await patch({})).statusCode).toBe(200);
    expect((await contracts()).find((c) => c.id === first.id)).toMatchObject({
      checklist: 'collection',
      staffCount: 40,
      packageName: '第一合同包',
    });
    expect((await patch({ staffCount: 1 }, admin, '00000000-0000-7000-8000-000000000000')).statusCode).toBe(
      404,
    );
  });

  it('takes photo evidence on a finding and withdraws a finding entered in error', async () => {
    const hall = (await contracts()).find((c) => c.checklist === 'hall') as Contract;
    const before = await assessment(hall.id);
    expect(before.conclusion).toBe('本月基本达标');
    const lead = await as('zbz01');

    // H03 日常考勤: 200 元 each time; two found.
    const entered = await t.app.inject({
      method: 'POST',
      url: '/api/vendors/inspections',
      headers: lead,
      payload: {
        contractId: hall.id,
        month: '2019-07',
        indicatorCode: 'H03',
        occurrences: 2,
        evidence: '7月15日夜班抽查，2人脱岗',
      },
    });
    expect(entered.statusCode, entered.body).toBe(201);
    const inspection = entered.json() as { id: string; photos: unknown[] };
    expect(inspection.photos).toEqual([]);
    const during = await assessment(hall.id);
    expect(during.rows.find((r) => r.code === 'H03')).toMatchObject({ deduction: 400, entries: 1 });
    expect(during.totalDeduction).toBe(400);
    expect(during.conclusion).toBe('本月扣款400元');

    const photo = pngOfColour(90, 30, 30);
    const upload = multipart('file', 'post.png', photo, 'image/png');
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/vendors/inspections/${inspection.id}/photos`,
      headers: { ...lead, ...upload.headers },
      payload: upload.payload,
    });
    expect(added.statusCode, added.body).toBe(201);
    const sha = (added.json() as { photos: { sha256: string }[] }).photos[0]?.sha256;
    const listed = await t.app.inject({
      method: 'GET',
      url: `/api/vendors/contracts/${hall.id}/inspections?month=2019-07`,
      headers: await as('ld01'),
    });
    expect(listed.json().items[0]).toMatchObject({
      evidence: '7月15日夜班抽查，2人脱岗',
      photos: [{ sha256: sha }],
    });
    const bytes = await t.app.inject({
      method: 'GET',
      url: `/api/vendors/inspections/${inspection.id}/photos/${sha}`,
      headers: await as('ld01'),
    });
    expect(bytes.statusCode).toBe(200);
    expect(bytes.rawPayload.equals(photo)).toBe(true);

    const text = multipart('file', 'note.txt', Buffer.from('不是图片'), 'text/plain');
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/vendors/inspections/${inspection.id}/photos`,
      headers: { ...lead, ...text.headers },
      payload: text.payload,
    });
    expect(refused.statusCode).toBe(415);
    const byDispatcher = await t.app.inject({
      method: 'POST',
      url: `/api/vendors/inspections/${inspection.id}/photos`,
      headers: { ...(await as('pqy01')), ...upload.headers },
      payload: upload.payload,
    });
    expect(byDispatcher.statusCode).toBe(403);

    const del = (headers: { cookie: string }) =>
      t.app.inject({ method: 'DELETE', url: `/api/vendors/inspections/${inspection.id}`, headers });
    expect((await del(await as('pqy01'))).statusCode).toBe(403);
    expect((await del(lead)).statusCode).toBe(204);
    expect((await del(lead)).statusCode).toBe(404);
    const after = await assessment(hall.id);
    expect(after.totalDeduction).toBe(0);
    expect(after.conclusion).toBe('本月基本达标');
    const audits = await auditActions('vendor_inspection.remove');
    expect(audits).toHaveLength(1);
    expect(audits[0]?.detail).toMatchObject({
      indicator: 'H03',
      occurrences: 2,
      evidence: '7月15日夜班抽查，2人脱岗',
    });
  });
});
