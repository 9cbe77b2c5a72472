// Pure planar geometry on GeoJSON polygons in lng/lat degrees. Unit grids are ~100 m across,
// so treating degrees as a plane is exact enough; nothing here crosses the antimeridian.

/** [lng, lat] (GeoJSON order). Extra ordinates (altitude) are ignored. */
export type Position = [number, number] | number[];
export type LinearRing = Position[];

export interface PolygonGeometry {
  type: 'Polygon';
  /** First ring is the outer boundary, the rest are holes. */
  coordinates: LinearRing[];
}

export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: LinearRing[][];
}

export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

/** [minLng, minLat, maxLng, maxLat] */
export type BBox = [number, number, number, number];

// Points closer than this (in degrees, ~0.1 mm) to an edge count as on it: enough to absorb
// floating-point noise in coordinates that were typed as decimals, far below survey accuracy.
const EDGE_EPSILON = 1e-9;

function onSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): boolean {
  const cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
  const length = Math.hypot(bx - ax, by - ay);
  if (length === 0) return Math.hypot(px - ax, py - ay) <= EDGE_EPSILON;
  if (Math.abs(cross) / length > EDGE_EPSILON) return false;
  const dot = (px - ax) * (bx - ax) + (py - ay) * (by - ay);
  return dot >= -EDGE_EPSILON * length && dot <= length * length + EDGE_EPSILON * length;
}

function coord(ring: LinearRing, i: number): [number, number] {
  const p = ring[i];
  return [p?.[0] ?? Number.NaN, p?.[1] ?? Number.NaN];
}

/** True when the point lies on one of the ring's edges. */
export function pointOnRing(lng: number, lat: number, ring: LinearRing): boolean {
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [ax, ay] = coord(ring, j);
    const [bx, by] = coord(ring, i);
    if (onSegment(lng, lat, ax, ay, bx, by)) return true;
  }
  return false;
}

/**
 * Even-odd ray casting (a ray to +lng counts edge crossings). Points exactly on an edge give
 * an arbitrary answer here; the callers below test the boundary first.
 */
export function pointInRing(lng: number, lat: number, ring: LinearRing): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = coord(ring, i);
    const [xj, yj] = coord(ring, j);
    // The half-open test (yi > lat) !== (yj > lat) counts a vertex on the ray once, not twice.
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Polygons are CLOSED sets here: a point on the outer boundary or on a hole's boundary is
 * inside. A collector standing on the line between two grids must land in one of them, never in
 * none; when two grids share the edge the caller picks one deterministically (locatePoint takes
 * the smallest grid code).
 */
function pointInPolygonRings(lng: number, lat: number, rings: LinearRing[]): boolean {
  const [outer, ...holes] = rings;
  if (!outer || outer.length < 4) return false;
  if (pointOnRing(lng, lat, outer)) return true;
  if (!pointInRing(lng, lat, outer)) return false;
  for (const hole of holes) {
    if (pointOnRing(lng, lat, hole)) return true;
    if (pointInRing(lng, lat, hole)) return false;
  }
  return true;
}

/** Point-in-polygon for a GeoJSON Polygon or MultiPolygon (holes respected, boundary inside). */
export function pointInGeometry(lng: number, lat: number, geometry: AreaGeometry): boolean {
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) return false;
  if (geometry.type === 'Polygon') return pointInPolygonRings(lng, lat, geometry.coordinates);
  return geometry.coordinates.some((polygon) => pointInPolygonRings(lng, lat, polygon));
}

/** The bounding box of every position of the geometry (holes cannot extend it, but are read). */
export function bboxOf(geometry: AreaGeometry): BBox {
  let minLng = Number.POSITIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLng = Number.NEGATIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const position of ring) {
        const [lng, lat] = [position[0] ?? Number.NaN, position[1] ?? Number.NaN];
        if (lng < minLng) minLng = lng;
        if (lng > maxLng) maxLng = lng;
        if (lat < minLat) minLat = lat;
        if (lat > maxLat) maxLat = lat;
      }
    }
  }
  return [minLng, minLat, maxLng, maxLat];
}

/** True when the box contains the point (edges included). */
export function bboxContains(bbox: BBox, lng: number, lat: number): boolean {
  return lng >= bbox[0] && lng <= bbox[2] && lat >= bbox[1] && lat <= bbox[3];
}

/** Signed area of a ring in square degrees (positive = counter-clockwise). */
export function ringArea(ring: LinearRing): number {
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = coord(ring, i);
    const [xj, yj] = coord(ring, j);
    twice += (xj - xi) * (yj + yi);
  }
  return twice / 2;
}

/** An axis-aligned rectangle as a closed counter-clockwise GeoJSON Polygon. */
export function rectangle(minLng: number, minLat: number, maxLng: number, maxLat: number): PolygonGeometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [minLng, minLat],
        [maxLng, minLat],
        [maxLng, maxLat],
        [minLng, maxLat],
        [minLng, minLat],
      ],
    ],
  };
}
