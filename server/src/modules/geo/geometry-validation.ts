import type { Bilingual } from '../../platform/http/errors.js';
import { type AreaGeometry, type BBox, bboxOf, type LinearRing, ringArea } from './point-in-polygon.js';

export type GeometryCheck =
  | { ok: true; geometry: AreaGeometry; bbox: BBox }
  | { ok: false; reason: Bilingual };

const fail = (zh: string, en: string): GeometryCheck => ({ ok: false, reason: { zh, en } });

type RingCheck = { ok: true; ring: [number, number][] } | { ok: false; zh: string; en: string };

function checkRing(value: unknown, where: { zh: string; en: string }): RingCheck {
  if (!Array.isArray(value))
    return { ok: false, zh: `${where.zh}不是坐标数组`, en: `${where.en} is not an array` };
  if (value.length < 4) {
    return {
      ok: false,
      zh: `${where.zh}至少需要 4 个坐标点（首尾相同）`,
      en: `${where.en} needs at least 4 positions (first = last)`,
    };
  }
  const ring: [number, number][] = [];
  for (const [i, position] of value.entries()) {
    if (!Array.isArray(position) || position.length < 2) {
      return {
        ok: false,
        zh: `${where.zh}第 ${i + 1} 个坐标不是 [经度, 纬度]`,
        en: `${where.en} position ${i} is not [lng, lat]`,
      };
    }
    const [lng, lat] = position as unknown[];
    if (
      typeof lng !== 'number' ||
      typeof lat !== 'number' ||
      !Number.isFinite(lng) ||
      !Number.isFinite(lat)
    ) {
      return {
        ok: false,
        zh: `${where.zh}第 ${i + 1} 个坐标不是数字`,
        en: `${where.en} position ${i} is not numeric`,
      };
    }
    if (lng < -180 || lng > 180 || lat < -90 || lat > 90) {
      return {
        ok: false,
        zh: `${where.zh}第 ${i + 1} 个坐标超出经纬度范围（经度 ±180，纬度 ±90）`,
        en: `${where.en} position ${i} is out of range (lng ±180, lat ±90)`,
      };
    }
    // Altitude, if any, is dropped: grids are 2-D and the stored shape stays small.
    ring.push([lng, lat]);
  }
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) {
    return {
      ok: false,
      zh: `${where.zh}未闭合（首尾坐标必须相同）`,
      en: `${where.en} is not closed (first position must equal last)`,
    };
  }
  if (ringArea(ring) === 0) {
    return { ok: false, zh: `${where.zh}面积为零`, en: `${where.en} has zero area` };
  }
  return { ok: true, ring };
}

function checkPolygon(
  value: unknown,
  label: { zh: string; en: string },
): { ok: true; rings: LinearRing[] } | { ok: false; zh: string; en: string } {
  if (!Array.isArray(value) || value.length === 0) {
    return { ok: false, zh: `${label.zh}没有边界环`, en: `${label.en} has no rings` };
  }
  const rings: LinearRing[] = [];
  for (const [i, ringValue] of value.entries()) {
    const where =
      i === 0
        ? { zh: `${label.zh}外环`, en: `${label.en} outer ring` }
        : { zh: `${label.zh}第 ${i} 个内环（洞）`, en: `${label.en} hole ${i}` };
    const checked = checkRing(ringValue, where);
    if (!checked.ok) return checked;
    rings.push(checked.ring);
  }
  return { ok: true, rings };
}

/**
 * Checks a GeoJSON Polygon/MultiPolygon as typed by a person or another system: closed rings of
 * at least 4 positions, finite lng/lat in range, no zero-area ring. Returns a 2-D copy.
 * Self-intersection is not checked (it needs O(n²) work per ring and GIS tools export valid
 * shapes); a bow-tie ring still answers point tests by the even-odd rule.
 */
export function checkAreaGeometry(value: unknown): GeometryCheck {
  if (typeof value !== 'object' || value === null) return fail('缺少几何图形', 'geometry is missing');
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (type === 'Polygon') {
    const checked = checkPolygon(coordinates, { zh: '多边形', en: 'polygon' });
    if (!checked.ok) return fail(checked.zh, checked.en);
    const geometry: AreaGeometry = { type: 'Polygon', coordinates: checked.rings };
    return { ok: true, geometry, bbox: bboxOf(geometry) };
  }
  if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0) {
      return fail('多多边形没有任何多边形', 'multipolygon has no polygons');
    }
    const polygons: LinearRing[][] = [];
    for (const [i, polygonValue] of coordinates.entries()) {
      const checked = checkPolygon(polygonValue, { zh: `第 ${i + 1} 个多边形`, en: `polygon ${i}` });
      if (!checked.ok) return fail(checked.zh, checked.en);
      polygons.push(checked.rings);
    }
    const geometry: AreaGeometry = { type: 'MultiPolygon', coordinates: polygons };
    return { ok: true, geometry, bbox: bboxOf(geometry) };
  }
  return fail('几何类型必须是 Polygon 或 MultiPolygon', 'geometry type must be Polygon or MultiPolygon');
}
