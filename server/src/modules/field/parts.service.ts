import type { PartChangeInput } from '@cityloop/contracts/field';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import { AppError, invalid, notFound } from '../../platform/http/errors.js';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { recordActorAudit } from '../audit/index.js';
import { computeDeadline } from '../calendar/index.js';
import {
  findPartByCode,
  locatePoint,
  type NewPartRow,
  nextPartCode,
  type PartRow,
  savePartRows,
  updatePart,
} from '../geo/index.js';
import { findUnitByName } from '../org/index.js';
import { findCategory, getCategory } from '../taxonomy/index.js';
import {
  decidePartChange,
  insertPartChange,
  type PartChangeRow,
  selectPartChange,
} from './part-changes.repository.js';
import {
  isRejection,
  type PartCandidate,
  type Rejection,
  readPartsCsv,
  readPartsGeoJson,
  rejectMessages,
} from './parts-import.js';
import { type PartChangeView, viewOf } from './parts-views.service.js';

// The parts inventory (部件普查): import with a rejected-rows report, lookups, and change
// requests by collectors timed against the contract's rule: reported within 1 working day of
// being found, in the database within 3.

const CHUNK = 500;
export const MAX_IMPORT_ROWS = 50_000;

export interface PartsImportReport {
  total: number;
  imported: number;
  rejected: (Rejection & { zh: string; en: string })[];
}

/** Called after each committed chunk (e.g. progressBar(...).update from the CLI). */
export type ImportProgress = (done: number, total: number) => void;

export async function importParts(
  deps: AppDeps,
  actor: Actor,
  input: { format: 'csv' | 'geojson'; content: string },
  onProgress?: ImportProgress,
): Promise<PartsImportReport> {
  const { db } = deps;
  let records: (PartCandidate | Rejection)[];
  if (input.format === 'csv') records = readPartsCsv(input.content);
  else {
    try {
      records = readPartsGeoJson(JSON.parse(input.content));
    } catch {
      throw invalid('GeoJSON 无法解析', 'the GeoJSON could not be parsed');
    }
  }
  if (records.length > MAX_IMPORT_ROWS) {
    throw invalid(`一次最多导入 ${MAX_IMPORT_ROWS} 行`, `at most ${MAX_IMPORT_ROWS} rows per import`);
  }
  const rejected: Rejection[] = records.filter(isRejection);
  const seen = new Set<string>();
  const candidates: PartCandidate[] = [];
  for (const r of records) {
    if (isRejection(r)) continue;
    if (seen.has(r.code)) rejected.push({ row: r.row, code: r.code, reason: 'duplicate_id' });
    else {
      seen.add(r.code);
      candidates.push(r);
    }
  }
  const categories = new Map<string, string | null>();
  const units = new Map<string, string | null>();
  const unitId = async (name: string | null): Promise<string | null | undefined> => {
    if (!name) return null;
    if (!units.has(name)) units.set(name, (await findUnitByName(db, actor.cityCode, name))?.id ?? null);
    return units.get(name) ?? undefined;
  };
  const now = deps.now();
  let imported = 0;
  for (let start = 0; start < candidates.length; start += CHUNK) {
    const rows: NewPartRow[] = [];
    for (const c of candidates.slice(start, start + CHUNK)) {
      if (!categories.has(c.categoryCode)) {
        const category = await findCategory(db, actor.cityCode, 'part', c.categoryCode);
        categories.set(c.categoryCode, category?.active ? category.id : null);
      }
      const categoryId = categories.get(c.categoryCode);
      if (!categoryId) {
        rejected.push({ row: c.row, code: c.code, reason: 'unknown_category', detail: c.categoryCode });
        continue;
      }
      const place = await locatePoint(db, actor.cityCode, c.lng, c.lat);
      if (!place) {
        rejected.push({ row: c.row, code: c.code, reason: 'outside_city' });
        continue;
      }
      const [owner, manager, maintainer] = [
        await unitId(c.ownerUnit),
        await unitId(c.managerUnit),
        await unitId(c.maintainerUnit),
      ];
      if (owner === undefined || manager === undefined || maintainer === undefined) {
        const name = [c.ownerUnit, c.managerUnit, c.maintainerUnit].find((n) => n && !units.get(n));
        rejected.push({ row: c.row, code: c.code, reason: 'unknown_unit', detail: name ?? undefined });
        continue;
      }
      rows.push({
        id: uuidv7(),
        cityCode: actor.cityCode,
        code: c.code,
        categoryId,
        name: c.name,
        status: c.status,
        lng: c.lng,
        lat: c.lat,
        gridId: place.grid.id,
        address: c.address,
        ownerUnitId: owner,
        managerUnitId: manager,
        maintainerUnitId: maintainer,
        createdAt: now,
        updatedAt: now,
      });
    }
    // Each chunk commits with its audit row: a large import survives a restart part-way and
    // is re-runnable (rows are upserted by part id).
    await db.transaction().execute(async (trx) => {
      await savePartRows(trx, rows);
      await recordActorAudit(trx, actor, 'field.parts_import', 'parts', null, {
        rows: rows.length,
        firstRow: candidates[start]?.row,
      });
    });
    imported += rows.length;
    onProgress?.(Math.min(start + CHUNK, candidates.length), candidates.length);
  }
  return {
    total: records.length,
    imported,
    rejected: rejected.sort((a, b) => a.row - b.row).map((r) => ({ ...r, ...rejectMessages[r.reason] })),
  };
}

async function getPartByCode(db: Db, cityCode: string, code: string): Promise<PartRow> {
  const part = await findPartByCode(db, cityCode, code);
  if (!part) throw notFound({ zh: `部件 ${code} `, en: `part ${code}` });
  return part;
}

/** A collector reports a new, moved or removed part (部件变更上报). */
export async function reportPartChange(
  deps: AppDeps,
  actor: Actor,
  input: PartChangeInput,
): Promise<PartChangeView> {
  const { db } = deps;
  const now = deps.now();
  const observedAt = input.observedAt ? new Date(input.observedAt) : now;
  if (observedAt.getTime() > now.getTime() + 5 * 60_000) {
    throw invalid('发现时间不能晚于当前时间', 'observedAt cannot be in the future');
  }
  let part: PartRow | null = null;
  let categoryId: string | null = null;
  if (input.kind === 'new') {
    if (!input.categoryCode || input.lng === undefined || input.lat === undefined) {
      throw invalid('新增部件须填写类别和坐标', 'a new part needs its category and position');
    }
    const category = await findCategory(db, actor.cityCode, 'part', input.categoryCode);
    if (!category?.active)
      throw invalid(`未知的部件类别：${input.categoryCode}`, `unknown part category: ${input.categoryCode}`);
    categoryId = category.id;
  } else {
    if (!input.partCode) throw invalid('须填写部件标识码', 'the part id is required');
    part = await getPartByCode(db, actor.cityCode, input.partCode);
    if (input.kind === 'moved' && (input.lng === undefined || input.lat === undefined)) {
      throw invalid('移位须填写新坐标', 'a moved part needs its new position');
    }
  }
  if (input.lng !== undefined && input.lat !== undefined) {
    if (!(await locatePoint(db, actor.cityCode, input.lng, input.lat))) {
      throw invalid('该位置不在本市网格范围内', 'the point is outside the city’s unit grids');
    }
  }
  const [reportDue, applyDue] = await Promise.all([
    computeDeadline(db, actor.cityCode, observedAt, { amount: 1, unit: 'day' }),
    computeDeadline(db, actor.cityCode, observedAt, { amount: 3, unit: 'day' }),
  ]);
  const id = uuidv7();
  await db.transaction().execute(async (trx) => {
    await insertPartChange(trx, {
      id,
      cityCode: actor.cityCode,
      kind: input.kind,
      partId: part?.id ?? null,
      partCode: part?.code ?? null,
      categoryId: categoryId ?? part?.categoryId ?? null,
      lng: input.lng ?? null,
      lat: input.lat ?? null,
      note: input.note ?? null,
      reporterId: actor.userId,
      observedAt,
      reportedAt: now,
      reportDueAt: reportDue.at,
      applyDueAt: applyDue.at,
      status: 'pending',
      decidedAt: null,
      decidedBy: null,
    });
    await recordActorAudit(trx, actor, 'field.part_change', 'part_change', id, {
      kind: input.kind,
      partCode: part?.code,
    });
  });
  return viewOf((await selectPartChange(db, actor.cityCode, id)) as PartChangeRow, now);
}

/** The centre applies (入库) or rejects a change request; applying writes the inventory. */
export async function decidePartChangeRequest(
  deps: AppDeps,
  actor: Actor,
  id: string,
  decision: 'apply' | 'reject',
): Promise<PartChangeView> {
  const { db } = deps;
  const change = await selectPartChange(db, actor.cityCode, id);
  if (!change) throw notFound({ zh: '部件变更', en: 'part change' });
  if (change.status !== 'pending') {
    throw new AppError(409, 'ALREADY_DECIDED', { zh: '该变更已处理', en: 'this change was already decided' });
  }
  const now = deps.now();
  const place =
    change.lng !== null && change.lat !== null
      ? await locatePoint(db, actor.cityCode, change.lng, change.lat)
      : null;
  let newPart: NewPartRow | null = null;
  if (decision === 'apply' && change.kind === 'new') {
    const category = change.categoryId
      ? (await getCategory(db, actor.cityCode, change.categoryId)).code
      : null;
    if (!category || !place)
      throw invalid('变更信息不完整，无法入库', 'the change is incomplete and cannot be applied');
    // Part ids start with the 6-digit county-level code: the district's region code.
    const areaCode = place.district.code.slice(0, 6);
    newPart = {
      id: uuidv7(),
      cityCode: actor.cityCode,
      code: await nextPartCode(db, actor.cityCode, `${areaCode}${category}`),
      categoryId: change.categoryId as string,
      name: null,
      status: 'intact',
      lng: change.lng as number,
      lat: change.lat as number,
      gridId: place.grid.id,
      address: null,
      ownerUnitId: null,
      managerUnitId: null,
      maintainerUnitId: null,
      createdAt: now,
      updatedAt: now,
    };
  }
  await db.transaction().execute(async (trx) => {
    if (decision === 'apply') {
      if (newPart) await savePartRows(trx, [newPart]);
      else if (change.kind === 'moved' && change.partId && place) {
        await updatePart(trx, actor.cityCode, change.partId, {
          lng: change.lng as number,
          lat: change.lat as number,
          gridId: place.grid.id,
          updatedAt: now,
        });
      } else if (change.kind === 'removed' && change.partId) {
        await updatePart(trx, actor.cityCode, change.partId, { status: 'removed', updatedAt: now });
      }
    }
    const decided = await decidePartChange(trx, actor.cityCode, id, {
      status: decision === 'apply' ? 'applied' : 'rejected',
      decidedAt: now,
      decidedBy: actor.userId,
      ...(newPart ? { partId: newPart.id } : {}),
    });
    if (!decided)
      throw new AppError(409, 'ALREADY_DECIDED', {
        zh: '该变更已处理',
        en: 'this change was already decided',
      });
    await recordActorAudit(trx, actor, `field.part_change_${decision}`, 'part_change', id, {
      kind: change.kind,
      partCode: newPart?.code ?? change.partCode,
    });
  });
  return viewOf((await selectPartChange(db, actor.cityCode, id)) as PartChangeRow, now);
}
