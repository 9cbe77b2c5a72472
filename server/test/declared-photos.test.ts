import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase, PNG_1PX, pngOfColour, pointIn, uploadPhoto } from './support/case-helpers.js';
import { startTestApp, type TestApp, testConfig } from './support/test-app.js';

// 照片登记: a report carries its photos' metadata; the bytes follow and answer the declarations.

let t: TestApp;
let collector: { cookie: string };
let acceptor: { cookie: string };

beforeAll(async () => {
  t = await startTestApp();
  collector = await t.loginAs('jdy01');
  acceptor = await t.loginAs('slj01');
});
afterAll(() => t.close());

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The 1×1 PNG with a text chunk after its header: the stored copy loses it, so its digest differs. */
function pngWithText(text: string): Buffer {
  const body = Buffer.concat([Buffer.from('tEXt', 'latin1'), Buffer.from(`Comment\0${text}`, 'latin1')]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length - 4);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  const headerEnd = 8 + 25;
  return Buffer.concat([PNG_1PX.subarray(0, headerEnd), length, body, crc, PNG_1PX.subarray(headerEnd)]);
}

const declare = (bytes: Buffer, stage = 'report') => ({
  stage,
  sha256: sha256(bytes),
  contentType: 'image/png',
  byteSize: bytes.length,
});

const report = (cookie: { cookie: string }, photos: unknown) =>
  t.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: cookie,
    payload: { kind: 'event', categoryCode: '0102', description: '路边暴露垃圾', ...pointIn(), photos },
  });

const counts = async () => {
  const count = async (table: 'cases' | 'caseTransitions' | 'auditLog') =>
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  return { cases: await count('cases'), log: await count('caseTransitions'), audit: await count('auditLog') };
};

describe('photos declared with a report', () => {
  it('shows the declared photos as pending until their bytes arrive, matched by the uploaded digest', async () => {
    const withText = pngWithText('GPS 26.58,101.71');
    const plain = pngOfColour(200, 30, 30);
    const before = pngOfColour(10, 200, 10);
    const response = await report(collector, [declare(withText), declare(plain), declare(before, 'before')]);
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json();
    expect(created.pendingPhotos).toHaveLength(3);
    expect(created.timeline[0].data.photos).toHaveLength(3);

    // The stored copy is stripped of the text chunk: a different digest, still the declared photo.
    const first = await uploadPhoto(t, collector, created.id, 'report', withText);
    expect(first.statusCode, first.body).toBe(201);
    const stored = await t.database.db
      .selectFrom('media')
      .select(['sha256', 'uploadedSha256'])
      .where('caseId', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(stored.uploadedSha256).toBe(sha256(withText));
    expect(stored.sha256).not.toBe(stored.uploadedSha256);

    // A photo at another stage than declared does not answer the declaration.
    expect((await uploadPhoto(t, collector, created.id, 'after', plain)).statusCode).toBe(201);
    let page = (await getCase(t, collector, created.id)).body;
    expect((page.pendingPhotos as { sha256: string }[]).map((p) => p.sha256).sort()).toEqual(
      [sha256(plain), sha256(before)].sort(),
    );
    expect(page.photos).toHaveLength(2);
    expect(JSON.stringify(page.photos)).not.toContain('uploadedSha256');

    await uploadPhoto(t, collector, created.id, 'report', plain);
    await uploadPhoto(t, collector, created.id, 'before', before);
    page = (await getCase(t, collector, created.id)).body;
    expect(page.pendingPhotos).toEqual([]);
  });

  it('keeps a report without declarations as it was', async () => {
    const response = await report(collector, undefined);
    expect(response.statusCode).toBe(201);
    expect(response.json().pendingPhotos).toEqual([]);
    expect(response.json().timeline[0].data).toEqual({ source: 'patrol' });
  });

  it('refuses bad declarations with a bilingual 400/422 and writes nothing', async () => {
    const start = await counts();
    const photo = declare(PNG_1PX);
    // 400: the request's shape; 422: well-formed, refused by the rules.
    const bad: [string, unknown, number][] = [
      ['digest not hex', [{ ...photo, sha256: 'x'.repeat(64) }], 400],
      ['digest too short', [{ ...photo, sha256: photo.sha256.slice(1) }], 400],
      ['not an image type', [{ ...photo, contentType: 'application/pdf' }], 400],
      ['zero bytes', [{ ...photo, byteSize: 0 }], 400],
      ['a stage no reporter has', [{ ...photo, stage: 'dispose' }], 400],
      ['declared twice', [photo, photo], 400],
      ['ten photos', Array.from({ length: 10 }, (_, i) => declare(pngOfColour(i, i, i))), 400],
      ['over the upload limit', [{ ...photo, byteSize: testConfig.uploadMaxBytes + 1 }], 422],
    ];
    for (const [why, photos, status] of bad) {
      const response = await report(collector, photos);
      expect(response.statusCode, why).toBe(status);
      const { error } = response.json();
      expect(error.message, why).toMatch(/[\u4e00-\u9fff]/);
      expect(error.messageEn, why).toBeTruthy();
    }
    // An acceptor reports from the hall: it may declare report photos, not the collector's before/after.
    const role = await report(acceptor, [declare(PNG_1PX, 'before')]);
    expect(role.statusCode).toBe(422);
    expect(role.json().error.message).toContain('处置前');
    expect(await counts()).toEqual(start);
    expect((await report(acceptor, [declare(PNG_1PX)])).statusCode).toBe(201);
  });
});
