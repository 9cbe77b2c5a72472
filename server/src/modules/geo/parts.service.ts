import type { Db } from '../../platform/db/database.js';
import {
  type NewPartRow,
  type PartRow,
  selectMaxPartSequence,
  selectPartByCode,
  selectPartById,
  selectPartsPage,
  updatePartRow,
  upsertPartRows,
} from './parts.repository.js';

// Storage of the parts inventory. Validation of imports and change requests (categories,
// units, timing) lives in the field module, which calls these inside its own transactions.

export type { NewPartRow, PartRow };

export const partStatuses = ['intact', 'damaged', 'lost', 'scrapped', 'removed'] as const;
export type PartStatus = (typeof partStatuses)[number];
export const partStatusLabels: Record<PartStatus, string> = {
  intact: '完好',
  damaged: '破损',
  lost: '丢失',
  scrapped: '废弃',
  removed: '移除',
};

export async function getPart(db: Db, cityCode: string, id: string): Promise<PartRow | null> {
  return (await selectPartById(db, cityCode, id)) ?? null;
}

export async function findPartByCode(db: Db, cityCode: string, code: string): Promise<PartRow | null> {
  return (await selectPartByCode(db, cityCode, code)) ?? null;
}

export function savePartRows(db: Db, rows: readonly NewPartRow[]): Promise<void> {
  return upsertPartRows(db, rows);
}

export function updatePart(
  db: Db,
  cityCode: string,
  id: string,
  patch: Partial<Pick<PartRow, 'status' | 'lng' | 'lat' | 'gridId' | 'updatedAt'>>,
): Promise<boolean> {
  return updatePartRow(db, cityCode, id, patch);
}

export function listParts(
  db: Db,
  cityCode: string,
  filter: {
    gridId?: string;
    categoryId?: string;
    status?: PartStatus;
    bbox?: readonly [number, number, number, number];
    limit: number;
    offset: number;
  },
) {
  return selectPartsPage(db, cityCode, filter);
}

/** The next free 16-digit id for area + category prefix (10 digits), e.g. for a newly found part. */
export async function nextPartCode(db: Db, cityCode: string, prefix: string): Promise<string> {
  const max = (await selectMaxPartSequence(db, cityCode, prefix))?.code;
  const next = max ? Number(max.slice(10)) + 1 : 1;
  return `${prefix}${String(next).padStart(6, '0')}`;
}
