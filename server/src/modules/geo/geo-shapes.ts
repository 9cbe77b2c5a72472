import type { GridRow, Polygon, RegionRow } from '../../platform/db/schema.js';
import { AppError, type Bilingual, invalid, notFound } from '../../platform/http/errors.js';
import type { RegionLevel } from './demo-geography.js';
import { checkAreaGeometry } from './geometry-validation.js';
import type { GridFeatureRejection } from './grid-features.js';
import type { AreaGeometry, BBox } from './point-in-polygon.js';

// The shapes the geo module hands out (routes, other modules) and the small helpers its
// services share: row → DTO mapping, geometry checks as 422s, bilingual errors.

export interface RegionRef {
  id: string;
  code: string;
  name: string;
}

export interface RegionDto extends RegionRef {
  cityCode: string;
  level: RegionLevel;
  parentId: string | null;
  aliases: string[];
  bbox: BBox | null;
  /** GeoJSON geometry; null when the region has none or when listed without boundaries. */
  boundary: AreaGeometry | null;
}

export interface GridDto {
  id: string;
  cityCode: string;
  code: string;
  name: string | null;
  communityId: string;
  streetId: string;
  districtId: string;
  areaClass: string;
  bbox: BBox;
  boundary: AreaGeometry;
}

export interface LocateResult {
  grid: { id: string; code: string; name: string | null };
  community: RegionRef;
  street: RegionRef;
  district: RegionRef;
}

export interface GridFeatureCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id: string;
    geometry: AreaGeometry;
    properties: Omit<GridDto, 'boundary' | 'bbox' | 'cityCode'>;
  }[];
  bbox?: BBox;
  total: number;
  page: number;
  pageSize: number;
}

/** A feature an import refused, with its position and the reason in both languages. */
export type ImportRejection = GridFeatureRejection;

export interface ImportResult {
  imported: number;
  created: number;
  updated: number;
  rejected: ImportRejection[];
}

// Stored geometry was validated on the way in, so reading it back only re-types it.
export const asGeometry = (boundary: Polygon): AreaGeometry => boundary as unknown as AreaGeometry;

export const bboxOfRow = (row: {
  minLng: number | null;
  minLat: number | null;
  maxLng: number | null;
  maxLat: number | null;
}): BBox | null =>
  row.minLng === null || row.minLat === null || row.maxLng === null || row.maxLat === null
    ? null
    : [row.minLng, row.minLat, row.maxLng, row.maxLat];

export function toRegionDto(row: Omit<RegionRow, 'boundary'> & { boundary: Polygon | null }): RegionDto {
  return {
    id: row.id,
    cityCode: row.cityCode,
    code: row.code,
    name: row.name,
    level: row.level,
    parentId: row.parentId,
    aliases: row.aliases,
    bbox: bboxOfRow(row),
    boundary: row.boundary ? asGeometry(row.boundary) : null,
  };
}

export function toGridDto(row: GridRow): GridDto {
  return {
    id: row.id,
    cityCode: row.cityCode,
    code: row.code,
    name: row.name,
    communityId: row.communityId,
    streetId: row.streetId,
    districtId: row.districtId,
    areaClass: row.areaClass,
    bbox: [row.minLng, row.minLat, row.maxLng, row.maxLat],
    boundary: asGeometry(row.boundary),
  };
}

export const regionNotFound = () => notFound({ zh: '区域', en: 'region' });
export const gridNotFound = () => notFound({ zh: '网格', en: 'grid' });

export function geometryOrThrow(value: unknown): { geometry: AreaGeometry; bbox: BBox } {
  const checked = checkAreaGeometry(value);
  if (!checked.ok)
    throw invalid(`边界不合法：${checked.reason.zh}`, `invalid boundary: ${checked.reason.en}`);
  return checked;
}

export const bboxColumns = (bbox: BBox) => ({
  minLng: bbox[0],
  minLat: bbox[1],
  maxLng: bbox[2],
  maxLat: bbox[3],
});

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

export const codeTaken = (what: Bilingual, code: string) =>
  new AppError(409, 'CODE_TAKEN', {
    zh: `${what.zh}编码 ${code} 已存在`,
    en: `${what.en} code ${code} already exists`,
  });
