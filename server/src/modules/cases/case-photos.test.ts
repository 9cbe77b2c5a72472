import { describe, expect, it } from 'vitest';
import { declaredPhotosOf, mayAttachPhoto, pendingPhotos } from './case-photos.js';

const photo = (stage: 'report' | 'before' | 'after', digit: string) => ({
  stage,
  sha256: digit.repeat(64),
  contentType: 'image/jpeg' as const,
  byteSize: 1000,
});

describe('declared photos', () => {
  it('is pending until an upload of the same stage carries the declared digest', () => {
    const declared = [photo('report', 'a'), photo('report', 'b'), photo('before', 'c')];
    expect(pendingPhotos(declared, [])).toEqual(declared);
    expect(
      pendingPhotos(declared, [
        { stage: 'report', uploadedSha256: 'a'.repeat(64) },
        // Same digest at another stage, and a row from before digests were kept: neither answers.
        { stage: 'after', uploadedSha256: 'c'.repeat(64) },
        { stage: 'report', uploadedSha256: null },
      ]),
    ).toEqual([photo('report', 'b'), photo('before', 'c')]);
  });

  it('reads the declarations from the first log entry, none when it has none', () => {
    expect(declaredPhotosOf({ source: 'patrol', photos: [photo('report', 'a')] })).toEqual([
      photo('report', 'a'),
    ]);
    expect(declaredPhotosOf({ source: 'patrol' })).toEqual([]);
    expect(declaredPhotosOf(null)).toEqual([]);
    expect(declaredPhotosOf(undefined)).toEqual([]);
  });

  it('lets reporters declare report photos and only collectors their before/after photos', () => {
    expect(mayAttachPhoto('acceptor', 'report')).toBe(true);
    expect(mayAttachPhoto('acceptor', 'before')).toBe(false);
    expect(mayAttachPhoto('collector', 'after')).toBe(true);
    expect(mayAttachPhoto('unit_staff', 'report')).toBe(false);
    expect(mayAttachPhoto('unit_staff', 'dispose')).toBe(true);
  });
});
