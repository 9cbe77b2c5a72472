import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import type { CategoryRow } from '../../platform/db/schema.js';
import { AppError, invalid, notFound } from '../../platform/http/errors.js';
import type { Actor } from '../../platform/http/server-types.js';
import { recordActorAudit, recordAudit } from '../audit/index.js';
import type { CategoryKind } from './category-kind.js';
import {
  type CategoryCreateInput,
  type CategoryPatchInput,
  categoryCreateSchema,
  categoryPatchSchema,
} from './category-schemas.js';
import { type CategoryTreeKind, groupCategoryTree } from './category-tree.js';
import { parseOrInvalid } from './category-validation.js';
import { buildDemoCategories, type DemoCategory } from './demo-categories.js';
import { orderTimeLimits, sameTimeLimits, type TimeLimits } from './stages.js';
import {
  type CategoryQuery,
  type CategoryRowPatch,
  insertCategories,
  insertCategory,
  type NewCategoryRow,
  refreshSeededCategory,
  selectCategories,
  selectCategoryByCode,
  selectCategoryById,
  selectMajorName,
  selectUnitCityCode,
  updateCategoryVersioned,
} from './taxonomy.repository.js';

export type { CategoryRow } from '../../platform/db/schema.js';
export type CategoryFilter = CategoryQuery;

const CATEGORY = { zh: '案件类别', en: 'category' };

// Callers that already hold a transaction (a seed run, another module's command) pass it in;
// Kysely cannot nest transactions, so join theirs instead of opening a second one.
function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

async function assertUnitInCity(db: Db, cityCode: string, unitId: string | null | undefined): Promise<void> {
  if (!unitId) return;
  const unitCity = await selectUnitCityCode(db, unitId);
  if (unitCity !== cityCode) throw invalid('默认处置单位不存在', 'default unit does not exist in this city');
}

// ---- reads ----

/** The category with this code, or null (e.g. when a report names an unknown code). */
export async function findCategory(
  db: Db,
  cityCode: string,
  kind: CategoryKind,
  code: string,
): Promise<CategoryRow | null> {
  return (await selectCategoryByCode(db, cityCode, kind, code)) ?? null;
}

/** The category with this id; 404 if the city has none. */
export async function getCategory(db: Db, cityCode: string, id: string): Promise<CategoryRow> {
  const row = await selectCategoryById(db, cityCode, id);
  if (!row) throw notFound(CATEGORY);
  return row;
}

/** Minors ordered by kind and code; retired ones only with includeInactive. */
export function listCategories(
  db: Db,
  cityCode: string,
  filter: CategoryFilter = {},
): Promise<CategoryRow[]> {
  return selectCategories(db, cityCode, filter);
}

/** The same selection as listCategories, grouped kind → major → minors (the pickers' shape). */
export async function listCategoryTree(
  db: Db,
  cityCode: string,
  filter: CategoryFilter = {},
): Promise<CategoryTreeKind<CategoryRow>[]> {
  return groupCategoryTree(await selectCategories(db, cityCode, filter));
}

// ---- writes ----

export async function createCategory(db: Db, actor: Actor, input: CategoryCreateInput): Promise<CategoryRow> {
  const data = parseOrInvalid(categoryCreateSchema, input);
  return inTransaction(db, async (trx) => {
    const cityCode = actor.cityCode;
    // A major has one name per city: cases and bulletins group by it.
    const knownMajor = await selectMajorName(trx, cityCode, data.kind, data.majorCode);
    if (knownMajor !== undefined && data.majorName !== undefined && data.majorName !== knownMajor) {
      throw invalid(
        `大类 ${data.majorCode} 已命名为“${knownMajor}”，与提交的“${data.majorName}”不一致`,
        `major ${data.majorCode} is already named "${knownMajor}", not "${data.majorName}"`,
      );
    }
    const majorName = knownMajor ?? data.majorName;
    if (majorName === undefined) {
      throw invalid(
        `新大类 ${data.majorCode} 须提供大类名称`,
        `a new major ${data.majorCode} needs majorName`,
      );
    }
    if (await selectCategoryByCode(trx, cityCode, data.kind, data.code)) {
      throw new AppError(409, 'CONFLICT', {
        zh: `类别代码 ${data.code} 已存在`,
        en: `${data.kind} category ${data.code} already exists`,
      });
    }
    await assertUnitInCity(trx, cityCode, data.defaultUnitId);
    const row = await insertCategory(trx, {
      id: uuidv7(),
      cityCode,
      // Codes added by the city itself are not from any standard; the scheme says so.
      scheme: 'local',
      kind: data.kind,
      majorCode: data.majorCode,
      majorName,
      code: data.code,
      name: data.name,
      nameEn: data.nameEn ?? null,
      filingStandard: data.filingStandard,
      closingStandard: data.closingStandard,
      defaultUnitId: data.defaultUnitId ?? null,
      timeLimits: JSON.stringify(orderTimeLimits(data.timeLimits)),
      active: data.active ?? true,
    });
    await recordActorAudit(trx, actor, 'category.create', 'category', row.id, {
      kind: row.kind,
      code: row.code,
      name: row.name,
    });
    return row;
  });
}

type PatchField =
  | 'name'
  | 'nameEn'
  | 'filingStandard'
  | 'closingStandard'
  | 'defaultUnitId'
  | 'timeLimits'
  | 'active';
const PATCH_FIELDS: readonly PatchField[] = [
  'name',
  'nameEn',
  'filingStandard',
  'closingStandard',
  'defaultUnitId',
  'timeLimits',
  'active',
];

/**
 * Edits a category (names, standards, default unit, time limits, active) in one transaction
 * with its audit row. Bumps the version; a no-op edit changes nothing and writes no audit.
 * Bad input → 422; stale expectedVersion or a concurrent edit → 409.
 */
export async function updateCategory(
  db: Db,
  actor: Actor,
  id: string,
  patch: CategoryPatchInput,
): Promise<CategoryRow> {
  const data = parseOrInvalid(categoryPatchSchema, patch);
  return inTransaction(db, async (trx) => {
    const current = await selectCategoryById(trx, actor.cityCode, id, { forUpdate: true });
    if (!current) throw notFound(CATEGORY);
    if (data.expectedVersion !== undefined && data.expectedVersion !== current.version) {
      throw staleVersion(current.version);
    }

    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const set: CategoryRowPatch = {};
    for (const field of PATCH_FIELDS) {
      const next = data[field];
      if (next === undefined) continue;
      if (field === 'timeLimits') {
        const limits = orderTimeLimits(next as TimeLimits);
        if (sameTimeLimits(current.timeLimits, limits)) continue;
        changes.timeLimits = { from: current.timeLimits, to: limits };
        set.timeLimits = JSON.stringify(limits);
        continue;
      }
      if (current[field] === next) continue;
      changes[field] = { from: current[field], to: next };
      Object.assign(set, { [field]: next });
    }
    if (Object.keys(changes).length === 0) return current;
    if (set.defaultUnitId) await assertUnitInCity(trx, actor.cityCode, set.defaultUnitId as string);

    const updated = await updateCategoryVersioned(trx, actor.cityCode, id, current.version, set);
    if (!updated) throw staleVersion(current.version);
    await recordActorAudit(trx, actor, 'category.update', 'category', id, {
      kind: updated.kind,
      code: updated.code,
      version: updated.version,
      changes,
    });
    return updated;
  });
}

function staleVersion(version: number): AppError {
  return new AppError(
    409,
    'STALE_VERSION',
    {
      zh: '该类别已被他人修改，请刷新后重试',
      en: 'the category was changed by someone else; reload and retry',
    },
    { currentVersion: version },
  );
}

// ---- seed ----

export interface SeedCategoriesResult {
  inserted: number;
  /** Rows still as seeded (version 1) whose demo data changed, e.g. a unit now resolves. */
  updated: number;
  unchanged: number;
  /** Rows an admin has edited (version > 1): the seed never overwrites them. */
  kept: number;
  /** Unit names the resolver did not know; those categories got no default unit. */
  unresolvedUnits: string[];
}

/**
 * Loads the demo dictionary into a city. Idempotent: missing rows are inserted, untouched
 * seeded rows are brought up to date, edited rows are left alone. `resolveUnit` maps a unit
 * name to its id (the org module's lookup in production, a stub in tests), so taxonomy needs
 * neither org's tables nor its seeding order: run the seed again after units exist and the
 * defaults fill in.
 */
export async function seedDemoCategories(
  db: Db,
  cityCode: string,
  resolveUnit: (name: string) => Promise<string | null>,
  options: { categories?: readonly DemoCategory[] } = {},
): Promise<SeedCategoriesResult> {
  const demo = options.categories ?? buildDemoCategories();

  const unitIds = new Map<string, string | null>();
  for (const name of new Set(
    demo.map((c) => c.defaultUnitName).filter((n): n is NonNullable<typeof n> => n !== null),
  )) {
    unitIds.set(name, await resolveUnit(name));
  }
  const unresolvedUnits = [...unitIds].filter(([, id]) => id === null).map(([name]) => name);

  return inTransaction(db, async (trx) => {
    const existing = new Map(
      (await selectCategories(trx, cityCode, { includeInactive: true })).map((r) => [
        `${r.kind}|${r.code}`,
        r,
      ]),
    );
    const toInsert: NewCategoryRow[] = [];
    let updated = 0;
    let unchanged = 0;
    let kept = 0;
    for (const c of demo) {
      const limits = orderTimeLimits(c.timeLimits);
      const wanted = {
        scheme: c.scheme,
        majorCode: c.majorCode,
        majorName: c.majorName,
        name: c.name,
        nameEn: c.nameEn,
        filingStandard: c.filingStandard,
        closingStandard: c.closingStandard,
        defaultUnitId: c.defaultUnitName === null ? null : (unitIds.get(c.defaultUnitName) ?? null),
      };
      const row = existing.get(`${c.kind}|${c.code}`);
      if (!row) {
        toInsert.push({
          id: uuidv7(),
          cityCode,
          kind: c.kind,
          code: c.code,
          ...wanted,
          timeLimits: JSON.stringify(limits),
        });
        continue;
      }
      if (row.version !== 1) {
        kept++;
        continue;
      }
      const differs =
        (Object.keys(wanted) as (keyof typeof wanted)[]).some((k) => row[k] !== wanted[k]) ||
        !sameTimeLimits(row.timeLimits, limits);
      if (!differs) {
        unchanged++;
        continue;
      }
      if (await refreshSeededCategory(trx, row.id, { ...wanted, timeLimits: JSON.stringify(limits) }))
        updated++;
      else kept++;
    }
    await insertCategories(trx, toInsert);
    const result = { inserted: toInsert.length, updated, unchanged, kept, unresolvedUnits };
    if (result.inserted + result.updated > 0) {
      // A seed is a system action (CLI / first start): no actor, but the dictionary changed.
      await recordAudit(trx, {
        cityCode,
        action: 'category.seed',
        objectType: 'category',
        success: true,
        detail: { ...result },
      });
    }
    return result;
  });
}
