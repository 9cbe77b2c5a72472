import { distanceM } from './coverage.js';

// Which reported GPS positions the server trusts. Phones report jumps (multipath, a cold start
// far from the true place), coarse network fixes and wrong clocks; such points are dropped and
// counted, never stored, so tracks, distances and coverage are computed from plausible points.

export interface RawPoint {
  /** epoch milliseconds */
  t: number;
  lng: number;
  lat: number;
  /** horizontal accuracy radius in metres, when the device reports it */
  accuracy?: number | null;
}

export interface PointLimits {
  /** faster than this between two kept points is impossible on foot, bike or car in town */
  maxSpeedKmh: number;
  /** a fix whose accuracy radius is worse than this is not trusted */
  maxAccuracyM: number;
  /** tolerated clock skew: a point later than now + this is from a wrong clock */
  maxFutureMs: number;
}

export const defaultPointLimits: PointLimits = {
  maxSpeedKmh: 120,
  maxAccuracyM: 100,
  maxFutureMs: 2 * 60_000,
};

export interface FilterCounts {
  speed: number;
  accuracy: number;
  future: number;
  /** the same instant twice in one batch (the first is kept) */
  repeated: number;
}

export interface FilterResult<P extends RawPoint> {
  kept: P[];
  rejected: FilterCounts;
}

const speedKmh = (a: RawPoint, b: RawPoint) => {
  const hours = Math.abs(b.t - a.t) / 3_600_000;
  const km = distanceM([a.lng, a.lat], [b.lng, b.lat]) / 1000;
  if (hours === 0) return km === 0 ? 0 : Number.POSITIVE_INFINITY;
  return km / hours;
};

/**
 * Sorts a batch by time and drops what cannot be trusted: future timestamps, coarse fixes,
 * repeated instants, and points that would need an impossible speed from the previous kept
 * point. `anchor` is the device's last stored point before the batch (so a batch is judged
 * against what came before it, whatever order batches arrive in). Without an anchor the first
 * point is itself checked against the next one: a single wild first fix must not make the
 * whole batch look impossible.
 */
export function filterPoints<P extends RawPoint>(
  points: readonly P[],
  now: number,
  limits: PointLimits,
  anchor: RawPoint | null,
): FilterResult<P> {
  const rejected: FilterCounts = { speed: 0, accuracy: 0, future: 0, repeated: 0 };
  const plausible: P[] = [];
  for (const p of [...points].sort((a, b) => a.t - b.t)) {
    if (p.t > now + limits.maxFutureMs) rejected.future++;
    else if (p.accuracy != null && p.accuracy > limits.maxAccuracyM) rejected.accuracy++;
    else if (plausible.length > 0 && plausible[plausible.length - 1]?.t === p.t) rejected.repeated++;
    else plausible.push(p);
  }
  const kept: P[] = [];
  let previous: RawPoint | null = anchor;
  plausible.forEach((p, i) => {
    if (previous === null) {
      const next = plausible[i + 1];
      const afterNext = plausible[i + 2];
      // Drop a lone wild first fix: impossible to reach the next point, while the next two agree.
      const wild =
        next !== undefined &&
        speedKmh(p, next) > limits.maxSpeedKmh &&
        (afterNext === undefined || speedKmh(next, afterNext) <= limits.maxSpeedKmh);
      if (wild) {
        rejected.speed++;
        return;
      }
    } else if (p.t !== previous.t && speedKmh(previous, p) > limits.maxSpeedKmh) {
      rejected.speed++;
      return;
    }
    kept.push(p);
    previous = p;
  });
  return { kept, rejected };
}
