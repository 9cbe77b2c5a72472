import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import type { UnitRow } from '../../platform/db/schema.js';
import { AppError, invalid, notFound } from '../../platform/http/errors.js';
import type { Actor } from '../../platform/http/server-types.js';
import { recordActorAudit, recordAudit } from '../audit/index.js';
import { cleanAliases, findRegionByCode, getRegion, normaliseName } from '../geo/index.js';
import { demoUnits, type UnitKind } from './demo-units.js';
import {
  insertCityIfMissing,
  insertUnit,
  lockUnitNames,
  selectDistrictGovernment,
  selectUnitById,
  selectUnits,
  selectUnitsMatchingNames,
  type UnitRowPatch,
  updateUnitRow,
} from './org.repository.js';

export interface UnitDto {
  id: string;
  cityCode: string;
  name: string;
  kind: UnitKind;
  aliases: string[];
  regionId: string | null;
  phone: string | null;
  active: boolean;
  createdAt: Date;
}

const toUnitDto = (row: UnitRow): UnitDto => ({
  id: row.id,
  cityCode: row.cityCode,
  name: row.name,
  kind: row.kind,
  aliases: row.aliases,
  regionId: row.regionId,
  phone: row.phone,
  active: row.active,
  createdAt: row.createdAt,
});

const unitNotFound = () => notFound({ zh: '处置单位', en: 'handling unit' });

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

const nameTaken = (name: string, owner: string) =>
  new AppError(
    409,
    'UNIT_NAME_TAKEN',
    {
      zh: `名称或别名“${name}”已被单位“${owner}”使用`,
      en: `name or alias "${name}" is already used by unit "${owner}"`,
    },
    { name, usedBy: owner },
  );

/**
 * Throws 409 when any of `names` (a unit's name and aliases) equals, ignoring whitespace, the
 * name or an alias of another unit of the city. Call inside the transaction, after lockUnitNames.
 */
async function assertNamesFree(
  db: Db,
  cityCode: string,
  names: string[],
  selfId: string | null,
): Promise<void> {
  const keys = [...new Set(names.map(normaliseName).filter(Boolean))];
  const others = (await selectUnitsMatchingNames(db, cityCode, keys)).filter((u) => u.id !== selfId);
  for (const other of others) {
    const taken = new Set([other.name, ...other.aliases].map(normaliseName));
    const clash = names.find((n) => taken.has(normaliseName(n)));
    if (clash) throw nameTaken(clash, other.name);
  }
}

async function assertRegion(db: Db, cityCode: string, regionId: string | null | undefined): Promise<void> {
  if (!regionId) return;
  try {
    await getRegion(db, cityCode, regionId);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) {
      throw invalid('所属区域不存在', "the unit's region does not exist");
    }
    throw error;
  }
}

/** Creates the city row (GB/T 2260 code) when it does not exist yet. Idempotent. */
export async function ensureCity(db: Db, cityCode: string, name: string): Promise<void> {
  if (!/^[0-9]{6}$/.test(cityCode)) throw invalid('城市编码必须是 6 位数字', 'a city code must be 6 digits');
  await db.transaction().execute(async (trx) => {
    if (await insertCityIfMissing(trx, cityCode, name)) {
      await recordAudit(trx, {
        cityCode,
        action: 'city.create',
        objectType: 'city',
        objectId: cityCode,
        success: true,
        detail: { name },
      });
    }
  });
}

/**
 * Writes the demo handling units (demo-units.ts) for `cityCode`. Idempotent: a unit already
 * known under its name or any alias is updated in place (kind, region, aliases merged, so
 * aliases an administrator added survive), otherwise inserted. District governments link to
 * their district region when the geography is seeded (seedDemoGeography first); without it
 * their region stays empty.
 */
export async function seedDemoUnits(
  db: Db,
  cityCode: string,
): Promise<{ created: number; updated: number; total: number }> {
  let created = 0;
  let updated = 0;
  await db.transaction().execute(async (trx) => {
    await lockUnitNames(trx, cityCode);
    for (const unit of demoUnits) {
      const region = unit.districtCode ? await findRegionByCode(trx, cityCode, unit.districtCode) : null;
      const regionId = region?.level === 'district' ? region.id : null;
      const matches = await selectUnitsMatchingNames(
        trx,
        cityCode,
        [unit.name, ...unit.aliases].map(normaliseName),
      );
      const existing = matches.find((m) => normaliseName(m.name) === normaliseName(unit.name)) ?? matches[0];
      if (existing) {
        const aliases = cleanAliases([...existing.aliases, unit.name, ...unit.aliases], [existing.name]);
        const same =
          existing.kind === unit.kind &&
          (existing.regionId === regionId || regionId === null) &&
          aliases.length === existing.aliases.length;
        if (!same) {
          await updateUnitRow(trx, cityCode, existing.id, {
            kind: unit.kind,
            aliases,
            regionId: regionId ?? existing.regionId,
          });
          updated++;
        }
        continue;
      }
      await insertUnit(trx, {
        id: uuidv7(),
        cityCode,
        name: unit.name,
        kind: unit.kind,
        aliases: cleanAliases(unit.aliases, [unit.name]),
        regionId,
      });
      created++;
    }
    if (created + updated > 0) {
      await recordAudit(trx, {
        cityCode,
        action: 'org.seed_demo',
        objectType: 'unit',
        success: true,
        detail: { created, updated },
      });
    }
  });
  return { created, updated, total: demoUnits.length };
}

/**
 * The unit called `name` — its name or one of its aliases — ignoring all whitespace
 * ("东  区" finds 东区政府). A name match wins over an alias match. Inactive units are found
 * too: old cases and bulletins still name them.
 */
export async function findUnitByName(db: Db, cityCode: string, name: string): Promise<UnitDto | null> {
  const key = normaliseName(name);
  if (!key) return null;
  const rows = await selectUnitsMatchingNames(db, cityCode, [key]);
  const row = rows.find((r) => normaliseName(r.name) === key) ?? rows[0];
  return row ? toUnitDto(row) : null;
}

/** The district or county government (区县政府) of a district: the default handler of street matters there. */
export async function findDistrictGovernmentUnit(
  db: Db,
  cityCode: string,
  districtId: string | null,
): Promise<UnitDto | null> {
  if (!districtId) return null;
  const row = await selectDistrictGovernment(db, cityCode, districtId);
  return row ? toUnitDto(row) : null;
}

/** findUnitByName, but a miss is a bilingual 404 (for the HTTP route). */
export async function lookupUnitOrThrow(db: Db, cityCode: string, name: string): Promise<UnitDto> {
  const unit = await findUnitByName(db, cityCode, name);
  if (!unit) {
    throw new AppError(404, 'NOT_FOUND', {
      zh: `没有名称或别名为“${name}”的处置单位`,
      en: `no handling unit is named "${name}"`,
    });
  }
  return unit;
}

export async function getUnit(db: Db, cityCode: string, id: string): Promise<UnitDto> {
  const row = await selectUnitById(db, cityCode, id);
  if (!row) throw unitNotFound();
  return toUnitDto(row);
}

export async function listUnits(
  db: Db,
  cityCode: string,
  filter: { kind?: UnitKind; q?: string; active?: boolean; page: number; pageSize: number },
): Promise<{ items: UnitDto[]; total: number; page: number; pageSize: number }> {
  const q = filter.q === undefined ? undefined : normaliseName(filter.q) || undefined;
  const { rows, total } = await selectUnits(db, {
    cityCode,
    kind: filter.kind,
    q,
    active: filter.active,
    limit: filter.pageSize,
    offset: (filter.page - 1) * filter.pageSize,
  });
  return { items: rows.map(toUnitDto), total, page: filter.page, pageSize: filter.pageSize };
}

export interface UnitInput {
  name: string;
  kind: UnitKind;
  aliases?: string[];
  regionId?: string | null;
  phone?: string | null;
}

export async function createUnit(db: Db, actor: Actor, input: UnitInput): Promise<UnitDto> {
  const name = input.name.trim();
  if (!name) throw invalid('单位名称不能为空', 'unit name must not be empty');
  const aliases = cleanAliases(input.aliases ?? [], [name]);
  return db.transaction().execute(async (trx) => {
    await lockUnitNames(trx, actor.cityCode);
    await assertNamesFree(trx, actor.cityCode, [name, ...aliases], null);
    await assertRegion(trx, actor.cityCode, input.regionId);
    let row: UnitRow;
    try {
      row = await insertUnit(trx, {
        id: uuidv7(),
        cityCode: actor.cityCode,
        name,
        kind: input.kind,
        aliases,
        regionId: input.regionId ?? null,
        phone: input.phone?.trim() || null,
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(name, name);
      throw error;
    }
    await recordActorAudit(trx, actor, 'unit.create', 'unit', row.id, {
      name,
      kind: input.kind,
      aliases,
      regionId: row.regionId,
    });
    return toUnitDto(row);
  });
}

export interface UnitPatch {
  name?: string;
  kind?: UnitKind;
  aliases?: string[];
  active?: boolean;
  regionId?: string | null;
  phone?: string | null;
}

/**
 * Changes a unit. A name or alias already used (ignoring whitespace) by another unit is a 409
 * and nothing changes. Renaming keeps cases and history pointing at the same id; add the old
 * name as an alias when old documents still use it.
 */
export async function updateUnit(db: Db, actor: Actor, id: string, patch: UnitPatch): Promise<UnitDto> {
  if (patch.name !== undefined && !patch.name.trim())
    throw invalid('单位名称不能为空', 'unit name must not be empty');
  return db.transaction().execute(async (trx) => {
    await lockUnitNames(trx, actor.cityCode);
    const before = await selectUnitById(trx, actor.cityCode, id);
    if (!before) throw unitNotFound();
    const name = patch.name?.trim() ?? before.name;
    const aliases = cleanAliases(patch.aliases ?? before.aliases, [name]);

    const set: UnitRowPatch = {};
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    const change = <K extends keyof UnitRowPatch & keyof UnitRow>(key: K, to: UnitRow[K]) => {
      const from = before[key];
      if (JSON.stringify(from) === JSON.stringify(to)) return;
      (set as Record<string, unknown>)[key] = to;
      changed[key] = { from, to };
    };
    change('name', name);
    change('aliases', aliases);
    if (patch.kind !== undefined) change('kind', patch.kind);
    if (patch.active !== undefined) change('active', patch.active);
    if (patch.regionId !== undefined) change('regionId', patch.regionId);
    if (patch.phone !== undefined) change('phone', patch.phone?.trim() || null);
    if (Object.keys(set).length === 0) return toUnitDto(before);

    if (set.name !== undefined || set.aliases !== undefined) {
      await assertNamesFree(trx, actor.cityCode, [name, ...aliases], id);
    }
    if (set.regionId) await assertRegion(trx, actor.cityCode, set.regionId as string);
    let row: UnitRow;
    try {
      row = await updateUnitRow(trx, actor.cityCode, id, set);
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(name, name);
      throw error;
    }
    await recordActorAudit(trx, actor, 'unit.update', 'unit', id, { name: row.name, changed });
    return toUnitDto(row);
  });
}
