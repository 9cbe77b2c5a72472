// Pure geometry for patrol coverage (巡查覆盖率). Routes and tracks span a few kilometres, so a
// local equirectangular projection around a reference point is accurate to well under a metre
// there, and lets every distance be a plain planar distance in metres.

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** GeoJSON order: [lng, lat] in degrees (WGS-84). */
export type LngLat = readonly [number, number];
/** Metres east/north of the projection's origin. */
export type Xy = readonly [number, number];

export interface LocalProjection {
  toXy(point: LngLat): Xy;
  toLngLat(point: Xy): [number, number];
}

/** Equirectangular projection centred on `origin`: x scales with cos(latitude of the origin). */
export function localProjection(origin: LngLat): LocalProjection {
  const [lng0, lat0] = origin;
  const kx = Math.cos(lat0 * RAD) * EARTH_RADIUS_M * RAD;
  const ky = EARTH_RADIUS_M * RAD;
  return {
    toXy: ([lng, lat]) => [(lng - lng0) * kx, (lat - lat0) * ky],
    toLngLat: ([x, y]) => [lng0 + x / kx, lat0 + y / ky],
  };
}

/** Metres between two nearby points (same projection as the coverage, origin at the first). */
export function distanceM(a: LngLat, b: LngLat): number {
  const [x, y] = localProjection(a).toXy(b);
  return Math.hypot(x, y);
}

/** Distance from p to the segment a–b (all planar, metres). */
export function pointSegmentDistance(p: Xy, a: Xy, b: Xy): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSq = dx * dx + dy * dy;
  let t = lengthSq === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSq;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

export function lineLengthM(line: readonly LngLat[]): number {
  let total = 0;
  for (let i = 1; i < line.length; i++) total += distanceM(line[i - 1] as LngLat, line[i] as LngLat);
  return total;
}

/** A piece of the route: its midpoint stands for it, its length is its weight. */
interface RouteSample {
  at: Xy;
  length: number;
}

/** Cuts every route segment into equal pieces of at most `step` metres. */
function densify(route: readonly Xy[], step: number): RouteSample[] {
  const samples: RouteSample[] = [];
  for (let i = 1; i < route.length; i++) {
    const a = route[i - 1] as Xy;
    const b = route[i] as Xy;
    const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (length === 0) continue;
    const pieces = Math.ceil(length / step - 1e-9);
    for (let k = 0; k < pieces; k++) {
      const t = (k + 0.5) / pieces;
      samples.push({ at: [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])], length: length / pieces });
    }
  }
  return samples;
}

/** A numeric key per cell (string keys cost more than the distance tests they save). */
const cellKey = (cx: number, cy: number) => (cx + 2 ** 24) * 2 ** 25 + (cy + 2 ** 24);

/**
 * Track segments bucketed in square cells of the buffer's size: a route sample then only
 * tests the segments of its own and the 8 neighbouring cells, so the work grows with the
 * track's length instead of (route samples × track segments).
 */
class SegmentIndex {
  private readonly cells = new Map<number, number[]>();
  private readonly cellSize: number;
  constructor(
    private readonly segments: readonly (readonly [Xy, Xy])[],
    cellSize: number,
  ) {
    this.cellSize = Math.max(cellSize, 1);
    segments.forEach(([a, b], i) => {
      const size = this.cellSize;
      const x0 = Math.floor(Math.min(a[0], b[0]) / size);
      const x1 = Math.floor(Math.max(a[0], b[0]) / size);
      const y0 = Math.floor(Math.min(a[1], b[1]) / size);
      const y1 = Math.floor(Math.max(a[1], b[1]) / size);
      for (let cx = x0; cx <= x1; cx++) {
        for (let cy = y0; cy <= y1; cy++) {
          const key = cellKey(cx, cy);
          const bucket = this.cells.get(key);
          if (bucket) bucket.push(i);
          else this.cells.set(key, [i]);
        }
      }
    });
  }

  /** True when some segment passes within `radius` (≤ the cell size) of p. */
  near(p: Xy, radius: number): boolean {
    const cx = Math.floor(p[0] / this.cellSize);
    const cy = Math.floor(p[1] / this.cellSize);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const i of this.cells.get(cellKey(cx + dx, cy + dy)) ?? []) {
          const [a, b] = this.segments[i] as readonly [Xy, Xy];
          if (pointSegmentDistance(p, a, b) <= radius) return true;
        }
      }
    }
    return false;
  }
}

export interface CoverageOptions {
  /** Half-width of the corridor around the track that counts as patrolled (default 30 m). */
  bufferM?: number;
  /** Route sampling step (default 5 m). */
  stepM?: number;
}

export interface CoverageResult {
  routeLengthM: number;
  coveredLengthM: number;
  /** coveredLengthM / routeLengthM, 0..1; 0 for an empty route. */
  coverage: number;
}

/**
 * 巡查覆盖率 = patrolled route length / route length: the route is cut into ~5 m pieces and a
 * piece counts as patrolled when some segment of the track passes within the buffer of its
 * midpoint. `trackParts` are the continuous stretches of the track (split at signal gaps, so a
 * jump across a gap never "patrols" the streets in between).
 */
export function routeCoverage(
  route: readonly LngLat[],
  trackParts: readonly (readonly LngLat[])[],
  options: CoverageOptions = {},
): CoverageResult {
  const buffer = options.bufferM ?? 30;
  const step = options.stepM ?? 5;
  const first = route[0];
  if (!first || route.length < 2) return { routeLengthM: 0, coveredLengthM: 0, coverage: 0 };
  const projection = localProjection(first);
  const samples = densify(route.map(projection.toXy), step);
  const segments: [Xy, Xy][] = [];
  for (const part of trackParts) {
    const xy = part.map(projection.toXy);
    if (xy.length === 1) segments.push([xy[0] as Xy, xy[0] as Xy]);
    for (let i = 1; i < xy.length; i++) segments.push([xy[i - 1] as Xy, xy[i] as Xy]);
  }
  const index = new SegmentIndex(segments, buffer);
  let routeLength = 0;
  let covered = 0;
  for (const sample of samples) {
    routeLength += sample.length;
    if (index.near(sample.at, buffer)) covered += sample.length;
  }
  return {
    routeLengthM: routeLength,
    coveredLengthM: covered,
    coverage: routeLength === 0 ? 0 : covered / routeLength,
  };
}
