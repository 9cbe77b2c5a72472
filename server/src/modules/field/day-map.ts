import { type AreaGeometry, bboxOf } from '../geo/index.js';
import { splitAtGaps } from './track-metrics.js';

// A collector's day as one GeoJSON FeatureCollection for the console map: the duty grids, the
// assigned route and the track cut at every silence longer than the gap (an offline stretch is
// not drawn as a straight line), with its first and last positions. Pure.

export type LngLat = [number, number];
type BBox = [number, number, number, number];

export interface DayMapInput {
  points: readonly { t: number; lng: number; lat: number; deviceId: string }[];
  route: readonly LngLat[] | null;
  grids: readonly { id: string; code: string; name: string | null; geometry: AreaGeometry }[];
  gapMinutes: number;
}

export type DayMapFeature =
  | {
      type: 'Feature';
      id: string;
      geometry: AreaGeometry;
      properties: { layer: 'grid'; code: string; name: string | null };
    }
  | {
      type: 'Feature';
      id: 'route';
      geometry: { type: 'LineString'; coordinates: LngLat[] };
      properties: { layer: 'route' };
    }
  | {
      type: 'Feature';
      id: 'track';
      geometry: { type: 'MultiLineString'; coordinates: LngLat[][] };
      properties: { layer: 'track'; points: number; stretches: number; devices: string[] };
    }
  | {
      type: 'Feature';
      id: 'start' | 'end';
      geometry: { type: 'Point'; coordinates: LngLat };
      properties: { layer: 'start' | 'end'; at: string };
    };

export interface DayMapCollection {
  type: 'FeatureCollection';
  /** what is drawn, minLng,minLat,maxLng,maxLat (null when nothing is) */
  bbox: BBox | null;
  features: DayMapFeature[];
}

function extend(box: BBox | null, [lng, lat]: readonly number[]): BBox {
  const x = lng as number;
  const y = lat as number;
  if (!box) return [x, y, x, y];
  return [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)];
}

export function dayMapCollection(input: DayMapInput): DayMapCollection {
  const features: DayMapFeature[] = [];
  let box: BBox | null = null;
  for (const grid of input.grids) {
    features.push({
      type: 'Feature',
      id: grid.id,
      geometry: grid.geometry,
      properties: { layer: 'grid', code: grid.code, name: grid.name },
    });
    const [minLng, minLat, maxLng, maxLat] = bboxOf(grid.geometry);
    box = extend(extend(box, [minLng, minLat]), [maxLng, maxLat]);
  }
  if (input.route && input.route.length >= 2) {
    features.push({
      type: 'Feature',
      id: 'route',
      geometry: { type: 'LineString', coordinates: input.route.map(([lng, lat]) => [lng, lat]) },
      properties: { layer: 'route' },
    });
    for (const p of input.route) box = extend(box, p);
  }
  const points = [...input.points].sort((a, b) => a.t - b.t);
  const first = points[0];
  const last = points[points.length - 1];
  if (first && last) {
    const stretches = splitAtGaps(points, input.gapMinutes * 60_000);
    features.push({
      type: 'Feature',
      id: 'track',
      geometry: {
        type: 'MultiLineString',
        // A lone position between two silences is still a line (of zero length) so it shows.
        coordinates: stretches.map((s) => {
          const line = s.map((p): LngLat => [p.lng, p.lat]);
          return line.length === 1 ? [line[0] as LngLat, line[0] as LngLat] : line;
        }),
      },
      properties: {
        layer: 'track',
        points: points.length,
        stretches: stretches.length,
        devices: [...new Set(points.map((p) => p.deviceId))].sort(),
      },
    });
    for (const [id, p] of [
      ['start', first],
      ['end', last],
    ] as const) {
      features.push({
        type: 'Feature',
        id,
        geometry: { type: 'Point', coordinates: [p.lng, p.lat] },
        properties: { layer: id, at: new Date(p.t).toISOString() },
      });
    }
    for (const p of points) box = extend(box, [p.lng, p.lat]);
  }
  return { type: 'FeatureCollection', bbox: box, features };
}
