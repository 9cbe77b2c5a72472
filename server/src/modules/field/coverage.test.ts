import { describe, expect, it } from 'vitest';
import { type LngLat, localProjection, routeCoverage } from './coverage.js';

// Hand-built geometry in metres around a point in 攀枝花, converted to lng/lat with the same
// projection the computation uses, so the expected answers are exact.
const projection = localProjection([101.72, 26.58]);
const at = (x: number, y: number): LngLat => projection.toLngLat([x, y]);
const walk = (from: number, to: number, y = 0, step = 10): LngLat[] => {
  const out: LngLat[] = [];
  for (let x = from; x <= to + 1e-9; x += step) out.push(at(x, y));
  return out;
};
const route = [at(0, 0), at(1000, 0)];

describe('routeCoverage', () => {
  it('a track that ends 30 m short of the 750 m mark covers exactly 75% of a 1 km route', () => {
    // The 30 m buffer reaches 30 m past the track's end: 720 m of track patrol 750 m of route.
    const result = routeCoverage(route, [walk(0, 720)]);
    expect(result.routeLengthM).toBeCloseTo(1000, 6);
    expect(result.coveredLengthM).toBeCloseTo(750, 6);
    expect(result.coverage).toBeCloseTo(0.75, 9);
  });

  it('a full walk along the route, 20 m beside it, covers all of it', () => {
    expect(routeCoverage(route, [walk(0, 1000, 20)]).coverage).toBeCloseTo(1, 9);
  });

  it('a detour 100 m off the route leaves the bypassed stretch uncovered', () => {
    // On the route 0–300 m, 100 m north from 300 to 700 m, back on the route 700–1000 m.
    const track = [...walk(0, 300), at(300, 100), ...walk(300, 700, 100), at(700, 0), ...walk(700, 1000)];
    // Covered: 0–330 m and 670–1000 m (the buffer reaches 30 m beyond each turn).
    expect(routeCoverage(route, [track]).coveredLengthM).toBeCloseTo(660, 6);
    expect(routeCoverage(route, [track]).coverage).toBeCloseTo(0.66, 9);
  });

  it('a gap splits the track: the jump across it patrols nothing', () => {
    const parts = [walk(0, 400), walk(600, 1000)];
    expect(routeCoverage(route, parts).coverage).toBeCloseTo(0.86, 9);
    // Joined into one line, the straight jump would count the unvisited 200 m.
    expect(routeCoverage(route, [[...walk(0, 400), ...walk(600, 1000)]]).coverage).toBeCloseTo(1, 9);
  });

  it('the buffer is configurable', () => {
    expect(routeCoverage(route, [walk(0, 1000, 40)]).coverage).toBe(0);
    expect(routeCoverage(route, [walk(0, 1000, 40)], { bufferM: 50 }).coverage).toBeCloseTo(1, 9);
  });

  it('an L-shaped route is measured along both legs', () => {
    const lRoute = [at(0, 0), at(500, 0), at(500, 500)];
    const result = routeCoverage(lRoute, [walk(0, 500)]);
    expect(result.routeLengthM).toBeCloseTo(1000, 6);
    // The first leg, plus 30 m of the second leg near the corner.
    expect(result.coveredLengthM).toBeCloseTo(530, 6);
  });

  it('an empty route or no track gives 0', () => {
    expect(routeCoverage([at(0, 0)], [walk(0, 100)]).coverage).toBe(0);
    expect(routeCoverage(route, []).coverage).toBe(0);
  });
});
