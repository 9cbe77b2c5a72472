import { describe, expect, it } from 'vitest';
import { localProjection } from './coverage.js';
import { defaultPointLimits, filterPoints, type RawPoint } from './track-filter.js';

const projection = localProjection([101.72, 26.58]);
const NOW = Date.parse('2019-07-09T04:00:00Z');
const T0 = NOW - 3_600_000;
/** A point x metres east of the origin, s seconds after T0. */
const pt = (x: number, s: number, accuracy?: number): RawPoint => {
  const [lng, lat] = projection.toLngLat([x, 0]);
  return { t: T0 + s * 1000, lng, lat, accuracy };
};
const walking = (n: number) => Array.from({ length: n }, (_, i) => pt(i * 15, i * 10)); // 5.4 km/h

describe('filterPoints', () => {
  it('keeps a plausible walk, sorted by time whatever the arrival order', () => {
    const points = walking(10).reverse();
    const result = filterPoints(points, NOW, defaultPointLimits, null);
    expect(result.kept.map((p) => p.t)).toEqual(walking(10).map((p) => p.t));
    expect(result.rejected).toEqual({ speed: 0, accuracy: 0, future: 0, repeated: 0 });
  });

  it('drops and counts a 500 km/h jump, a 2 km accuracy fix and a future timestamp', () => {
    const points = [
      ...walking(5),
      pt(60 + 1389, 50), // 1,389 m in 10 s = 500 km/h
      pt(75, 60, 2000), // accuracy 2 km
      { ...pt(90, 70), t: NOW + 10 * 60_000 }, // ten minutes in the future
      pt(75, 70),
    ];
    const result = filterPoints(points, NOW, defaultPointLimits, null);
    expect(result.rejected).toEqual({ speed: 1, accuracy: 1, future: 1, repeated: 0 });
    expect(result.kept).toHaveLength(6);
  });

  it('tolerates clock skew up to two minutes', () => {
    const result = filterPoints([{ ...pt(0, 0), t: NOW + 60_000 }], NOW, defaultPointLimits, null);
    expect(result.kept).toHaveLength(1);
  });

  it('judges a batch against the last stored point before it', () => {
    const anchor = pt(0, 0);
    const farAway = pt(50_000, 60); // 50 km in a minute
    const result = filterPoints([farAway, pt(50_010, 70)], NOW, defaultPointLimits, anchor);
    expect(result.rejected.speed).toBe(2);
  });

  it('a wild first fix does not condemn the rest of the batch', () => {
    const result = filterPoints([pt(20_000, 0), ...walking(5).slice(1)], NOW, defaultPointLimits, null);
    expect(result.rejected.speed).toBe(1);
    expect(result.kept).toHaveLength(4);
  });

  it('counts a repeated instant once', () => {
    const result = filterPoints([pt(0, 0), pt(0, 0), pt(15, 10)], NOW, defaultPointLimits, null);
    expect(result.rejected.repeated).toBe(1);
    expect(result.kept).toHaveLength(2);
  });
});
