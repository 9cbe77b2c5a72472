import { describe, expect, it } from 'vitest';
import type { PolygonGeometry } from '../geo/index.js';
import { localProjection } from './coverage.js';
import { countVisits, type DutyGrid, dayMetrics, splitAtGaps, type TrackPoint } from './track-metrics.js';

const projection = localProjection([101.72, 26.58]);
const T0 = Date.parse('2019-07-09T00:00:00Z'); // 08:00 in 攀枝花
const MIN = 60_000;
const p = (x: number, y: number, seconds: number, deviceId = 'PAD-1'): TrackPoint => {
  const [lng, lat] = projection.toLngLat([x, y]);
  return { t: T0 + seconds * 1000, lng, lat, deviceId };
};
/** Walk east along y at 1 m/s, one point every 10 m. */
const walk = (from: number, to: number, startSecond: number, y = 0, deviceId = 'PAD-1') =>
  Array.from({ length: Math.round((to - from) / 10) + 1 }, (_, i) =>
    p(from + i * 10, y, startSecond + i * 10, deviceId),
  );
const square = (x0: number, y0: number, x1: number, y1: number): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ].map(([x, y]) => projection.toLngLat([x as number, y as number])),
  ],
});
const shift = [{ start: T0, end: T0 + 60 * MIN }];
const base = {
  shifts: shift,
  route: [projection.toLngLat([0, 0]), projection.toLngLat([1000, 0])] as [number, number][],
  grids: [] as DutyGrid[],
  assignedDeviceId: 'PAD-1',
  gapMinutes: 10,
  bufferM: 30,
  intervalMinutes: 120,
};

describe('dayMetrics', () => {
  it('a 20-minute silence breaks the track: online time, distance and coverage skip it', () => {
    // 0–400 m in 400 s, silence 20 min, 600–1000 m from 1,600 s to 2,000 s.
    const points = [...walk(0, 400, 0), ...walk(600, 1000, 1600)];
    const m = dayMetrics({ ...base, points });
    expect(m.gaps).toBe(1);
    expect(m.onlineMinutes).toBeCloseTo(800 / 60, 9);
    expect(m.shiftMinutes).toBe(60);
    expect(m.distanceM).toBeCloseTo(800, 3);
    expect(m.coverage?.coverage).toBeCloseTo(0.86, 9);
  });

  it('online time counts only inside the shift', () => {
    const points = walk(0, 1000, -500); // starts 500 s before the shift
    expect(dayMetrics({ ...base, points }).onlineMinutes).toBeCloseTo(500 / 60, 9);
  });

  it('三定: positions from another device and time outside the responsibility grids', () => {
    const grids: DutyGrid[] = [{ id: 'g1', code: '510402001001001', geometry: square(-50, -50, 500, 50) }];
    // 0–1000 m in 1,000 s; the grid ends at 500 m; the last 200 m come from another phone.
    const points = [...walk(0, 790, 0), ...walk(800, 1000, 800, 0, 'PAD-9')];
    const m = dayMetrics({ ...base, grids, points });
    expect(m.threeFixed.otherDevicePoints).toBe(21);
    expect(m.threeFixed.otherDevices).toEqual(['PAD-9']);
    // Segments starting at 510 … 990 m are outside: 49 segments of 10 s.
    expect(m.threeFixed.minutesOutsideGrids).toBeCloseTo(490 / 60, 9);
  });

  it('interval density: visits to a grid count only when 2 h apart', () => {
    const grids: DutyGrid[] = [{ id: 'g1', code: '510402001001001', geometry: square(-50, -50, 50, 50) }];
    const visitAt = (minute: number) => p(0, 0, minute * 60);
    const points = [0, 30, 120, 130, 240, 250, 360].map(visitAt);
    const shifts = [{ start: T0, end: T0 + 8 * 60 * MIN }];
    const m = dayMetrics({ ...base, shifts, grids, points, gapMinutes: 300 });
    expect(m.intervals).toEqual([
      { gridId: 'g1', gridCode: '510402001001001', visits: 4, required: 4, met: true },
    ]);
    const fewer = dayMetrics({ ...base, shifts, grids, points: points.slice(0, 4), gapMinutes: 300 });
    expect(fewer.intervals[0]).toMatchObject({ visits: 2, met: false });
  });

  it('no route means no coverage figure', () => {
    expect(dayMetrics({ ...base, route: null, points: walk(0, 100, 0) }).coverage).toBeNull();
  });
});

describe('helpers', () => {
  it('splitAtGaps and countVisits', () => {
    expect(splitAtGaps([{ t: 0 }, { t: 5 }, { t: 20 }, { t: 21 }], 10).map((x) => x.length)).toEqual([2, 2]);
    expect(countVisits([0, 1, 2, 10, 11, 25], 10)).toBe(3);
  });
});
