import { describe, expect, it } from 'vitest';
import {
  type AreaGeometry,
  bboxOf,
  type MultiPolygonGeometry,
  type PolygonGeometry,
  pointInGeometry,
  rectangle,
  ringArea,
} from './point-in-polygon.js';

const square: PolygonGeometry = rectangle(0, 0, 10, 10);

// An L: the 10×10 square without its top-right 5×5 quarter (concave corner at 5,5).
const lShape: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [10, 0],
      [10, 5],
      [5, 5],
      [5, 10],
      [0, 10],
      [0, 0],
    ],
  ],
};

// A 10×10 square with a 4×4 hole in the middle (clockwise hole, as GeoJSON recommends).
const withHole: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [
    square.coordinates[0] ?? [],
    [
      [3, 3],
      [3, 7],
      [7, 7],
      [7, 3],
      [3, 3],
    ],
  ],
};

const multi: MultiPolygonGeometry = {
  type: 'MultiPolygon',
  coordinates: [rectangle(0, 0, 1, 1).coordinates, rectangle(5, 5, 6, 6).coordinates],
};

const inside = (g: AreaGeometry, x: number, y: number) => pointInGeometry(x, y, g);

describe('pointInGeometry', () => {
  it('square: inside, outside, far away', () => {
    expect(inside(square, 5, 5)).toBe(true);
    expect(inside(square, 0.001, 9.999)).toBe(true);
    expect(inside(square, -0.001, 5)).toBe(false);
    expect(inside(square, 10.001, 5)).toBe(false);
    expect(inside(square, 5, 11)).toBe(false);
    expect(inside(square, 100, 100)).toBe(false);
  });

  it('concave L-shape: the notch is outside, both arms inside', () => {
    expect(inside(lShape, 2, 2)).toBe(true);
    expect(inside(lShape, 8, 2)).toBe(true); // right arm
    expect(inside(lShape, 2, 8)).toBe(true); // top arm
    expect(inside(lShape, 8, 8)).toBe(false); // the missing quarter
    expect(inside(lShape, 5.5, 5.5)).toBe(false);
    expect(inside(lShape, 4.5, 5.5)).toBe(true);
  });

  it('rays through vertices are counted once (point level with a vertex)', () => {
    // y = 5 passes exactly through the vertices (10,5) and (5,5) of the L.
    expect(inside(lShape, 2, 5)).toBe(true);
    expect(inside(lShape, -1, 5)).toBe(false);
    expect(inside(lShape, 11, 5)).toBe(false);
    // y = 0 and y = 10 run along horizontal edges of the square.
    expect(inside(square, -1, 0)).toBe(false);
    expect(inside(square, -1, 10)).toBe(false);
  });

  it('hole: the hole is outside, the ring around it inside', () => {
    expect(inside(withHole, 1, 1)).toBe(true);
    expect(inside(withHole, 5, 5)).toBe(false);
    expect(inside(withHole, 8, 5)).toBe(true);
    expect(inside(withHole, 5, 2.5)).toBe(true);
  });

  it('boundary counts as inside (closed polygons): edges, vertices, hole edges', () => {
    expect(inside(square, 0, 5)).toBe(true); // left edge
    expect(inside(square, 10, 5)).toBe(true); // right edge
    expect(inside(square, 5, 10)).toBe(true); // top edge
    expect(inside(square, 10, 10)).toBe(true); // vertex
    expect(inside(lShape, 7, 5)).toBe(true); // edge of the notch
    expect(inside(lShape, 5, 5)).toBe(true); // the reflex vertex
    expect(inside(withHole, 3, 5)).toBe(true); // on the hole's edge
    expect(inside(withHole, 3 - 1e-6, 5)).toBe(true);
    expect(inside(withHole, 3 + 1e-6, 5)).toBe(false);
  });

  it('adjacent rectangles both claim their shared edge; a point just off it belongs to one', () => {
    const left = rectangle(101.712, 26.583, 101.713, 26.5839);
    const right = rectangle(101.713, 26.583, 101.714, 26.5839);
    expect(inside(left, 101.713, 26.5835)).toBe(true);
    expect(inside(right, 101.713, 26.5835)).toBe(true);
    expect(inside(left, 101.7130001, 26.5835)).toBe(false);
    expect(inside(right, 101.7130001, 26.5835)).toBe(true);
  });

  it('MultiPolygon: inside any part', () => {
    expect(inside(multi, 0.5, 0.5)).toBe(true);
    expect(inside(multi, 5.5, 5.5)).toBe(true);
    expect(inside(multi, 3, 3)).toBe(false);
  });

  it('non-finite input is never inside', () => {
    expect(inside(square, Number.NaN, 5)).toBe(false);
    expect(inside(square, 5, Number.POSITIVE_INFINITY)).toBe(false);
  });
});

describe('bboxOf', () => {
  it('covers every ring and every polygon', () => {
    expect(bboxOf(lShape)).toEqual([0, 0, 10, 10]);
    expect(bboxOf(withHole)).toEqual([0, 0, 10, 10]);
    expect(bboxOf(multi)).toEqual([0, 0, 6, 6]);
    expect(bboxOf(rectangle(101.6, 26.5, 101.7, 26.6))).toEqual([101.6, 26.5, 101.7, 26.6]);
  });
});

describe('ringArea', () => {
  it('is positive for counter-clockwise rings', () => {
    expect(ringArea(square.coordinates[0] ?? [])).toBe(100);
    expect(ringArea(lShape.coordinates[0] ?? [])).toBe(75);
    expect(ringArea(withHole.coordinates[1] ?? [])).toBe(-16);
  });
});
