import { type AreaGeometry, type BBox, bboxContains, bboxOf, pointInGeometry } from '../geo/index.js';
import { type CoverageResult, distanceM, type LngLat, routeCoverage } from './coverage.js';

// Per collector and day: what the contractor assessment measures from the GPS track. Pure:
// the service loads the points, shifts, route and grids and hands them in.

export interface TrackPoint {
  /** epoch milliseconds */
  t: number;
  lng: number;
  lat: number;
  deviceId: string;
}

export interface Interval {
  start: number;
  end: number;
}

export interface DutyGrid {
  id: string;
  code: string;
  geometry: AreaGeometry;
}

export interface DayMetricsInput {
  points: readonly TrackPoint[];
  shifts: readonly Interval[];
  route: readonly LngLat[] | null;
  grids: readonly DutyGrid[];
  assignedDeviceId: string | null;
  /** a silence longer than this breaks the track (offline) */
  gapMinutes: number;
  bufferM: number;
  /** 间隔密度: two visits of a grid count separately only this far apart */
  intervalMinutes: number;
}

export interface GridVisits {
  gridId: string;
  gridCode: string;
  visits: number;
  required: number;
  met: boolean;
}

export interface DayMetrics {
  points: number;
  /** online (sending positions) inside the shifts */
  onlineMinutes: number;
  shiftMinutes: number;
  distanceM: number;
  /** silences longer than gapMinutes */
  gaps: number;
  coverage: CoverageResult | null;
  intervals: GridVisits[];
  threeFixed: {
    /** points sent from another device than the assigned one (定设备) */
    otherDevicePoints: number;
    otherDevices: string[];
    /** minutes on shift spent outside every responsibility grid (定区域) */
    minutesOutsideGrids: number;
  };
}

/** Continuous stretches of a time-sorted track: a new stretch starts after every long silence. */
export function splitAtGaps<P extends { t: number }>(points: readonly P[], gapMs: number): P[][] {
  const parts: P[][] = [];
  let current: P[] = [];
  for (const p of points) {
    const last = current[current.length - 1];
    if (last && p.t - last.t > gapMs) {
      parts.push(current);
      current = [];
    }
    current.push(p);
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/** Length of the overlap of [start, end] with the union of the (non-overlapping) shifts. */
export function overlapMs(start: number, end: number, shifts: readonly Interval[]): number {
  let total = 0;
  for (const s of shifts) total += Math.max(0, Math.min(end, s.end) - Math.max(start, s.start));
  return total;
}

const inShift = (t: number, shifts: readonly Interval[]) => shifts.some((s) => t >= s.start && t < s.end);

/**
 * Visits to one grid: the first position inside counts, and another one counts only once
 * `intervalMs` has passed since the last counted visit (so lingering is one visit).
 */
export function countVisits(times: readonly number[], intervalMs: number): number {
  let visits = 0;
  let last = Number.NEGATIVE_INFINITY;
  for (const t of times) {
    if (t - last >= intervalMs) {
      visits++;
      last = t;
    }
  }
  return visits;
}

function gridLocator(grids: readonly DutyGrid[]) {
  const boxes: [DutyGrid, BBox][] = grids.map((g) => [g, bboxOf(g.geometry)]);
  return (p: TrackPoint): DutyGrid | null => {
    for (const [grid, box] of boxes) {
      if (bboxContains(box, p.lng, p.lat) && pointInGeometry(p.lng, p.lat, grid.geometry)) return grid;
    }
    return null;
  };
}

export function dayMetrics(input: DayMetricsInput): DayMetrics {
  const points = [...input.points].sort((a, b) => a.t - b.t);
  const gapMs = input.gapMinutes * 60_000;
  const intervalMs = input.intervalMinutes * 60_000;
  const parts = splitAtGaps(points, gapMs);
  const shiftMs = input.shifts.reduce((sum, s) => sum + Math.max(0, s.end - s.start), 0);
  const locate = gridLocator(input.grids);

  let onlineMs = 0;
  let distance = 0;
  let outsideMs = 0;
  for (const part of parts) {
    const first = part[0] as TrackPoint;
    const last = part[part.length - 1] as TrackPoint;
    onlineMs += overlapMs(first.t, last.t, input.shifts);
    for (let i = 1; i < part.length; i++) {
      const a = part[i - 1] as TrackPoint;
      const b = part[i] as TrackPoint;
      distance += distanceM([a.lng, a.lat], [b.lng, b.lat]);
      if (input.grids.length > 0 && locate(a) === null) outsideMs += overlapMs(a.t, b.t, input.shifts);
    }
  }

  const timesByGrid = new Map<string, number[]>();
  for (const p of points) {
    const grid = locate(p);
    if (!grid) continue;
    const times = timesByGrid.get(grid.id);
    if (times) times.push(p.t);
    else timesByGrid.set(grid.id, [p.t]);
  }
  const required = intervalMs > 0 && shiftMs > 0 ? Math.max(1, Math.floor(shiftMs / intervalMs)) : 0;
  const intervals = input.grids.map((grid) => {
    const visits = countVisits(
      (timesByGrid.get(grid.id) ?? []).filter((t) => input.shifts.length === 0 || inShift(t, input.shifts)),
      intervalMs,
    );
    return { gridId: grid.id, gridCode: grid.code, visits, required, met: visits >= required };
  });

  const others = input.assignedDeviceId ? points.filter((p) => p.deviceId !== input.assignedDeviceId) : [];
  const coverage =
    input.route && input.route.length >= 2
      ? routeCoverage(
          input.route,
          parts.map((part) => part.map((p) => [p.lng, p.lat] as const)),
          { bufferM: input.bufferM },
        )
      : null;
  return {
    points: points.length,
    onlineMinutes: onlineMs / 60_000,
    shiftMinutes: shiftMs / 60_000,
    distanceM: distance,
    gaps: Math.max(0, parts.length - 1),
    coverage,
    intervals,
    threeFixed: {
      otherDevicePoints: others.length,
      otherDevices: [...new Set(others.map((p) => p.deviceId))].sort(),
      minutesOutsideGrids: outsideMs / 60_000,
    },
  };
}
