import { describe, expect, it } from 'vitest';
import { checkAreaGeometry } from './geometry-validation.js';
import { rectangle } from './point-in-polygon.js';

const reasonOf = (value: unknown) => {
  const checked = checkAreaGeometry(value);
  if (checked.ok) throw new Error('expected a rejection');
  return checked.reason;
};

describe('checkAreaGeometry', () => {
  it('accepts a closed polygon and returns its bbox', () => {
    const checked = checkAreaGeometry(rectangle(101.7, 26.5, 101.71, 26.51));
    expect(checked.ok && checked.bbox).toEqual([101.7, 26.5, 101.71, 26.51]);
  });

  it('accepts a MultiPolygon and drops altitude', () => {
    const checked = checkAreaGeometry({
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [1, 1, 1200],
            [2, 1, 1200],
            [2, 2, 1200],
            [1, 1, 1200],
          ],
        ],
      ],
    });
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(checked.geometry.coordinates[0]?.[0]?.[0]).toEqual([1, 1]);
  });

  it('rejects open rings, short rings, bad numbers, out-of-range positions, wrong types — in both languages', () => {
    const open = reasonOf({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ],
      ],
    });
    expect(open.zh).toContain('未闭合');
    expect(open.en).toContain('not closed');

    const short = reasonOf({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [0, 0],
        ],
      ],
    });
    expect(short.en).toContain('at least 4');

    expect(
      reasonOf({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 'x'],
            [1, 1],
            [0, 0],
          ],
        ],
      }).en,
    ).toContain('not numeric');
    expect(reasonOf(rectangle(179, 0, 181, 1)).en).toContain('out of range');
    expect(reasonOf(rectangle(0, 89, 1, 91)).zh).toContain('超出经纬度范围');
    expect(reasonOf({ type: 'Point', coordinates: [1, 2] }).en).toContain('Polygon or MultiPolygon');
    expect(reasonOf(null).en).toContain('missing');
    expect(reasonOf({ type: 'Polygon', coordinates: [] }).en).toContain('no rings');
    expect(reasonOf({ type: 'MultiPolygon', coordinates: [] }).en).toContain('no polygons');
    // A hole is checked like the outer ring.
    const badHole = reasonOf({
      type: 'Polygon',
      coordinates: [
        rectangle(0, 0, 10, 10).coordinates[0],
        [
          [3, 3],
          [3, 7],
          [7, 7],
        ],
      ],
    });
    expect(badHole.en).toContain('hole 1');
  });

  it('rejects zero-area rings', () => {
    const flat = reasonOf({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 1],
          [2, 2],
          [0, 0],
        ],
      ],
    });
    expect(flat.en).toContain('zero area');
  });
});
