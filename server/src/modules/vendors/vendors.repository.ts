import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { InspectionPhoto } from '../../platform/db/schema.js';
import type { Checklist, IndicatorSpec } from './default-indicators.js';

export interface ContractRow {
  id: string;
  checklist: Checklist;
  company: string;
  packageName: string;
  areaLabel: string;
  districtIds: string[];
  staffCount: number;
  dailyQuota: number;
  personDayBasis: 'calendar' | 'attended';
  seq: number;
  active: boolean;
}

const contractColumns = [
  'id',
  'checklist',
  'company',
  'packageName',
  'areaLabel',
  'districtIds',
  'staffCount',
  'dailyQuota',
  'personDayBasis',
  'seq',
  'active',
] as const;

export function selectContracts(db: Db, cityCode: string): Promise<ContractRow[]> {
  return db
    .selectFrom('vendorContracts')
    .select(contractColumns)
    .where('cityCode', '=', cityCode)
    .orderBy('seq')
    .orderBy('packageName')
    .execute();
}

export function selectContract(db: Db, cityCode: string, id: string): Promise<ContractRow | undefined> {
  return db
    .selectFrom('vendorContracts')
    .select(contractColumns)
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Inserts unless the package already exists; true when a row was written. */
export type ContractPatch = Partial<Omit<ContractRow, 'id' | 'checklist'>>;

export async function updateContractRow(db: Db, id: string, patch: ContractPatch): Promise<void> {
  await db.updateTable('vendorContracts').set(patch).where('id', '=', id).execute();
}

/** Another contract of the city already using this package name (names are unique per city). */
export async function packageNameTaken(db: Db, cityCode: string, name: string, exceptId: string) {
  const row = await db
    .selectFrom('vendorContracts')
    .select('id')
    .where('cityCode', '=', cityCode)
    .where('packageName', '=', name)
    .where('id', '<>', exceptId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertContract(db: Db, row: Omit<ContractRow, 'active'> & { cityCode: string }) {
  const result = await db
    .insertInto('vendorContracts')
    .values(row)
    .onConflict((oc) => oc.columns(['cityCode', 'packageName']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export interface IndicatorRow {
  id: string;
  checklist: Checklist;
  code: string;
  seq: number;
  groupLabel: string;
  name: string;
  definition: string;
  dataSource: string;
  ruleText: string;
  formula: string | null;
  unitLabel: string;
  threshold: number | null;
  direction: 'min' | 'max' | null;
  step: number | null;
  moneyPerStep: number | null;
  moneyPerOccurrence: number | null;
  defaultResult: string;
  active: boolean;
}

const indicatorColumns = [
  'id',
  'checklist',
  'code',
  'seq',
  'groupLabel',
  'name',
  'definition',
  'dataSource',
  'ruleText',
  'formula',
  'unitLabel',
  'threshold',
  'direction',
  'step',
  'moneyPerStep',
  'moneyPerOccurrence',
  'defaultResult',
  'active',
] as const;

export function selectIndicators(db: Db, cityCode: string, checklist: Checklist): Promise<IndicatorRow[]> {
  return db
    .selectFrom('vendorIndicators')
    .select(indicatorColumns)
    .where('cityCode', '=', cityCode)
    .where('checklist', '=', checklist)
    .orderBy('seq')
    .execute();
}

export function selectIndicator(db: Db, cityCode: string, id: string): Promise<IndicatorRow | undefined> {
  return db
    .selectFrom('vendorIndicators')
    .select(indicatorColumns)
    .where('cityCode', '=', cityCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The checklist's default rows, for a city that has none yet (existing rows are kept). */
export async function insertDefaultIndicators(
  db: Db,
  cityCode: string,
  checklist: Checklist,
  specs: readonly IndicatorSpec[],
  ids: () => string,
): Promise<void> {
  await db
    .insertInto('vendorIndicators')
    .values(
      specs.map((s, i) => ({
        id: ids(),
        cityCode,
        checklist,
        code: s.code,
        seq: i + 1,
        groupLabel: s.groupLabel ?? '',
        name: s.name,
        definition: s.definition,
        dataSource: s.dataSource ?? '',
        ruleText: s.ruleText,
        formula: s.formula ?? null,
        unitLabel: s.unitLabel ?? '',
        threshold: s.threshold ?? null,
        direction: s.direction ?? null,
        step: s.step ?? null,
        moneyPerStep: s.moneyPerStep ?? null,
        moneyPerOccurrence: s.moneyPerOccurrence ?? null,
        defaultResult: s.defaultResult,
      })),
    )
    .onConflict((oc) => oc.columns(['cityCode', 'checklist', 'code']).doNothing())
    .execute();
}

export async function updateIndicatorRow(db: Db, id: string, patch: Partial<IndicatorRow>): Promise<void> {
  await db.updateTable('vendorIndicators').set(patch).where('id', '=', id).execute();
}

export interface InspectionRow {
  id: string;
  contractId: string;
  month: string;
  indicatorCode: string;
  occurrences: number;
  measured: number | null;
  deduction: number | null;
  resultText: string;
  evidence: string;
  inspectorId: string | null;
  inspector: string | null;
  at: Date;
  photos: InspectionPhoto[];
}

export function selectInspections(
  db: Db,
  cityCode: string,
  contractId: string,
  month: string,
): Promise<InspectionRow[]> {
  return db
    .selectFrom('vendorInspections')
    .leftJoin('users', 'users.id', 'vendorInspections.inspectorId')
    .select([
      'vendorInspections.id',
      'vendorInspections.contractId',
      'vendorInspections.month',
      'vendorInspections.indicatorCode',
      'vendorInspections.occurrences',
      'vendorInspections.measured',
      'vendorInspections.deduction',
      'vendorInspections.resultText',
      'vendorInspections.evidence',
      'vendorInspections.inspectorId',
      'users.displayName as inspector',
      'vendorInspections.at',
      'vendorInspections.photos',
    ])
    .where('vendorInspections.cityCode', '=', cityCode)
    .where('vendorInspections.contractId', '=', contractId)
    .where('vendorInspections.month', '=', month)
    .orderBy('vendorInspections.at')
    .execute();
}

export async function insertInspection(
  db: Db,
  row: Omit<InspectionRow, 'inspector' | 'photos'> & { cityCode: string },
): Promise<void> {
  await db.insertInto('vendorInspections').values(row).execute();
}

/** One finding, locked for the rest of the transaction when `forUpdate` (photo changes). */
export function selectInspection(
  db: Db,
  cityCode: string,
  id: string,
  forUpdate = false,
): Promise<Omit<InspectionRow, 'inspector'> | undefined> {
  const query = db
    .selectFrom('vendorInspections')
    .select([
      'id',
      'contractId',
      'month',
      'indicatorCode',
      'occurrences',
      'measured',
      'deduction',
      'resultText',
      'evidence',
      'inspectorId',
      'at',
      'photos',
    ])
    .where('cityCode', '=', cityCode)
    .where('id', '=', id);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function deleteInspection(db: Db, id: string): Promise<void> {
  await db.deleteFrom('vendorInspections').where('id', '=', id).execute();
}

export async function updateInspectionPhotos(db: Db, id: string, photos: InspectionPhoto[]): Promise<void> {
  await db
    .updateTable('vendorInspections')
    .set({ photos: JSON.stringify(photos) })
    .where('id', '=', id)
    .execute();
}

export async function selectAttendance(db: Db, contractId: string, month: string): Promise<number | null> {
  const row = await db
    .selectFrom('vendorAttendance')
    .select('personDays')
    .where('contractId', '=', contractId)
    .where('month', '=', month)
    .executeTakeFirst();
  return row ? Number(row.personDays) : null;
}

export async function upsertAttendance(
  db: Db,
  row: { cityCode: string; contractId: string; month: string; personDays: number },
): Promise<void> {
  await db
    .insertInto('vendorAttendance')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['contractId', 'month']).doUpdateSet({ personDays: sql`excluded.person_days` }),
    )
    .execute();
}
