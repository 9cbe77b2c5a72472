import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import { AppError, invalid, notFound } from '../../platform/http/errors.js';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { recordActorAudit } from '../audit/index.js';
import { findRegionByName } from '../geo/index.js';
import { storeImage } from '../media/index.js';
import { collectionFigures, monthRange, ratio, reportWindow } from '../statistics/index.js';
import { type Checklist, defaultIndicators } from './default-indicators.js';
import {
  type AssessedRow,
  assessRow,
  type CollectionInputs,
  computeFormula,
  conclusion,
} from './vendor-rules.js';
import {
  type ContractPatch,
  type ContractRow,
  deleteInspection,
  type IndicatorRow,
  insertContract,
  insertDefaultIndicators,
  insertInspection,
  packageNameTaken,
  selectAttendance,
  selectContract,
  selectContracts,
  selectIndicator,
  selectIndicators,
  selectInspection,
  selectInspections,
  updateContractRow,
  updateIndicatorRow,
  updateInspectionPhotos,
  upsertAttendance,
} from './vendors.repository.js';

const contractWord = { zh: '外包合同', en: 'contract' };

export interface ContractInput {
  checklist: Checklist;
  company: string;
  packageName: string;
  areaLabel?: string;
  districtIds?: string[];
  staffCount?: number;
  dailyQuota?: number;
  personDayBasis?: 'calendar' | 'attended';
  seq?: number;
}

export function listContracts(db: Db, cityCode: string) {
  return selectContracts(db, cityCode);
}

async function ensureIndicators(db: Db, cityCode: string, checklist: Checklist) {
  await insertDefaultIndicators(db, cityCode, checklist, defaultIndicators[checklist], uuidv7);
}

/** A new contract; its checklist's rows are created from the defaults if the city has none. */
export async function createContract(db: Db, actor: Actor, input: ContractInput): Promise<ContractRow> {
  if (input.checklist === 'collection' && (input.districtIds ?? []).length === 0) {
    throw invalid('信息采集合同须指定负责的区县', 'a collection contract needs the districts it covers');
  }
  const id = uuidv7();
  const row = {
    id,
    cityCode: actor.cityCode,
    checklist: input.checklist,
    company: input.company,
    packageName: input.packageName,
    areaLabel: input.areaLabel ?? '',
    districtIds: input.districtIds ?? [],
    staffCount: input.staffCount ?? 0,
    dailyQuota: input.dailyQuota ?? 0,
    personDayBasis: input.personDayBasis ?? 'calendar',
    seq: input.seq ?? 0,
  };
  await db.transaction().execute(async (trx) => {
    if (!(await insertContract(trx, row))) {
      throw invalid(`合同包名称已存在：${input.packageName}`, `a contract named ${input.packageName} exists`);
    }
    await ensureIndicators(trx, actor.cityCode, input.checklist);
    await recordActorAudit(trx, actor, 'vendor_contract.create', 'vendor_contract', id, {
      packageName: input.packageName,
    });
  });
  const created = await selectContract(db, actor.cityCode, id);
  if (!created) throw new Error('created contract vanished');
  return created;
}

/** 修改合同: the checklist is fixed (its rows and past entries belong to it); the rest may change. */
export async function updateContract(
  db: Db,
  actor: Actor,
  id: string,
  patch: ContractPatch,
): Promise<ContractRow> {
  const current = await requireContract(db, actor.cityCode, id);
  if (Object.keys(patch).length === 0) return current;
  const next = { ...current, ...patch };
  if (next.checklist === 'collection' && next.districtIds.length === 0) {
    throw invalid('信息采集合同须指定负责的区县', 'a collection contract needs the districts it covers');
  }
  await db.transaction().execute(async (trx) => {
    if (patch.packageName && (await packageNameTaken(trx, actor.cityCode, patch.packageName, id))) {
      throw invalid(`合同包名称已存在：${patch.packageName}`, `a contract named ${patch.packageName} exists`);
    }
    await updateContractRow(trx, id, patch);
    await recordActorAudit(trx, actor, 'vendor_contract.update', 'vendor_contract', id, {
      fields: Object.keys(patch),
    });
  });
  return requireContract(db, actor.cityCode, id);
}

export function listIndicators(db: Db, cityCode: string, checklist: Checklist) {
  return selectIndicators(db, cityCode, checklist);
}

export type IndicatorPatch = Partial<
  Pick<
    IndicatorRow,
    | 'name'
    | 'definition'
    | 'dataSource'
    | 'ruleText'
    | 'threshold'
    | 'direction'
    | 'step'
    | 'moneyPerStep'
    | 'moneyPerOccurrence'
    | 'defaultResult'
    | 'active'
  >
>;

export async function updateIndicator(db: Db, actor: Actor, id: string, patch: IndicatorPatch) {
  const current = await selectIndicator(db, actor.cityCode, id);
  if (!current) throw notFound({ zh: '考核指标', en: 'indicator' });
  const next = { ...current, ...patch };
  const ruleParts = [next.threshold, next.direction, next.step, next.moneyPerStep];
  if (ruleParts.some((p) => p !== null) && ruleParts.some((p) => p === null)) {
    throw invalid(
      '阈值规则须同时给出阈值、方向、步长和每步扣款',
      'a threshold rule needs threshold, direction, step and money per step together',
    );
  }
  await db.transaction().execute(async (trx) => {
    await updateIndicatorRow(trx, id, patch);
    await recordActorAudit(trx, actor, 'vendor_indicator.update', 'vendor_indicator', id, {
      code: current.code,
      fields: Object.keys(patch),
    });
  });
  return next;
}

export interface InspectionInput {
  contractId: string;
  month: string;
  indicatorCode: string;
  occurrences?: number;
  measured?: number | null;
  deduction?: number | null;
  resultText?: string;
  evidence: string;
}

async function requireContract(db: Db, cityCode: string, id: string) {
  const contract = await selectContract(db, cityCode, id);
  if (!contract) throw notFound(contractWord);
  return contract;
}

/** 考核记录: an inspector's finding for one indicator, with its evidence. */
export async function addInspection(db: Db, actor: Actor, now: Date, input: InspectionInput) {
  const contract = await requireContract(db, actor.cityCode, input.contractId);
  reportWindow(input.month, now);
  const indicators = await selectIndicators(db, actor.cityCode, contract.checklist);
  const indicator = indicators.find((i) => i.code === input.indicatorCode && i.active);
  if (!indicator) {
    throw invalid(
      `该合同的考核表中没有指标 ${input.indicatorCode}`,
      `no indicator ${input.indicatorCode} in this checklist`,
    );
  }
  const measured = input.measured ?? null;
  if (measured !== null && indicator.threshold === null) {
    throw invalid(
      '该指标没有阈值规则，不能录入测量值',
      'this indicator has no threshold rule to measure against',
    );
  }
  const row = {
    id: uuidv7(),
    cityCode: actor.cityCode,
    contractId: contract.id,
    month: input.month,
    indicatorCode: indicator.code,
    occurrences: input.occurrences ?? 0,
    measured,
    deduction: input.deduction ?? null,
    resultText: input.resultText ?? '',
    evidence: input.evidence,
    inspectorId: actor.userId,
    at: now,
  };
  await db.transaction().execute(async (trx) => {
    await insertInspection(trx, row);
    await recordActorAudit(trx, actor, 'vendor_inspection.add', 'vendor_contract', contract.id, {
      month: input.month,
      indicator: indicator.code,
      occurrences: row.occurrences,
      deduction: row.deduction,
    });
  });
  return { ...row, photos: [] };
}

const inspectionWord = { zh: '考核记录', en: 'inspection' };
const MAX_EVIDENCE_PHOTOS = 9;

async function requireInspection(db: Db, cityCode: string, id: string, forUpdate = false) {
  const found = await selectInspection(db, cityCode, id, forUpdate);
  if (!found) throw notFound(inspectionWord);
  return found;
}

/** 撤销考核记录: a finding entered in error is removed; the audit row keeps what it said. */
export async function removeInspection(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await requireInspection(trx, actor.cityCode, id, true);
    await deleteInspection(trx, id);
    await recordActorAudit(trx, actor, 'vendor_inspection.remove', 'vendor_contract', current.contractId, {
      inspection: id,
      month: current.month,
      indicator: current.indicatorCode,
      occurrences: current.occurrences,
      deduction: current.deduction,
      evidence: current.evidence,
    });
  });
}

/** A photo as evidence of a finding: checked by content, location metadata stripped (media). */
export async function addInspectionPhoto(deps: AppDeps, actor: Actor, id: string, bytes: Buffer) {
  await requireInspection(deps.db, actor.cityCode, id);
  const stored = await storeImage(deps.files, bytes, deps.config.uploadMaxBytes);
  return deps.db.transaction().execute(async (trx) => {
    const current = await requireInspection(trx, actor.cityCode, id, true);
    const others = current.photos.filter((p) => p.sha256 !== stored.sha256);
    if (others.length >= MAX_EVIDENCE_PHOTOS) {
      throw new AppError(422, 'TOO_MANY_PHOTOS', {
        zh: `每条考核记录最多${MAX_EVIDENCE_PHOTOS}张照片`,
        en: `at most ${MAX_EVIDENCE_PHOTOS} photos per inspection`,
      });
    }
    const photos = [...others, stored];
    await updateInspectionPhotos(trx, id, photos);
    await recordActorAudit(trx, actor, 'vendor_inspection.photo', 'vendor_contract', current.contractId, {
      inspection: id,
      sha256: stored.sha256,
    });
    return { ...current, photos };
  });
}

/** An evidence photo's bytes, for users who may read the contract's findings. */
export async function readInspectionPhoto(deps: AppDeps, cityCode: string, id: string, sha256: string) {
  const inspection = await requireInspection(deps.db, cityCode, id);
  const photo = inspection.photos.find((p) => p.sha256 === sha256);
  if (!photo) throw notFound({ zh: '照片', en: 'photo' });
  return { contentType: photo.contentType, bytes: await deps.files.get(photo.storageKey) };
}

export function listInspections(db: Db, cityCode: string, contractId: string, month: string) {
  return selectInspections(db, cityCode, contractId, month);
}

export async function setAttendance(
  db: Db,
  actor: Actor,
  contractId: string,
  month: string,
  personDays: number,
) {
  await requireContract(db, actor.cityCode, contractId);
  monthRange(month);
  await db.transaction().execute(async (trx) => {
    await upsertAttendance(trx, { cityCode: actor.cityCode, contractId, month, personDays });
    await recordActorAudit(trx, actor, 'vendor_attendance.set', 'vendor_contract', contractId, {
      month,
      personDays,
    });
  });
  return { contractId, month, personDays };
}

export interface VendorAssessment {
  contract: ContractRow;
  month: string;
  /** Collection contracts: what the area's collectors reported (the paragraph above the table). */
  collection: {
    reported: number;
    filed: number;
    filingRate: number | null;
    selfDisposed: number;
    personDays: number;
    personDayBasis: 'calendar' | 'attended';
  } | null;
  rows: AssessedRow[];
  totalDeduction: number;
  conclusion: string;
}

export async function assessContract(
  db: Db,
  cityCode: string,
  contract: ContractRow,
  month: string,
  options: { now: Date; asOf?: Date },
): Promise<VendorAssessment> {
  const { range } = reportWindow(month, options.now, options.asOf);
  const rules = await selectIndicators(db, cityCode, contract.checklist);
  const entries = await selectInspections(db, cityCode, contract.id, month);
  let inputs: CollectionInputs | null = null;
  let collection: VendorAssessment['collection'] = null;
  if (contract.checklist === 'collection') {
    const counts = await collectionFigures(db, cityCode, month, contract.districtIds, options);
    const attended =
      contract.personDayBasis === 'attended' ? await selectAttendance(db, contract.id, month) : null;
    const personDays = attended ?? contract.staffCount * range.days;
    inputs = { ...counts, personDays };
    collection = {
      reported: counts.reported,
      filed: counts.filed,
      filingRate: ratio(counts.filed, counts.reported),
      selfDisposed: counts.selfDisposed,
      personDays,
      personDayBasis: attended === null ? 'calendar' : 'attended',
    };
  }
  const rows = rules
    .filter((r) => r.active)
    .map((rule) =>
      assessRow(
        rule,
        rule.formula && inputs ? computeFormula(rule.formula, inputs) : null,
        entries.map((e) => ({ ...e, measured: e.measured === null ? null : Number(e.measured) })),
      ),
    );
  const totalDeduction = rows.reduce((sum, r) => sum + r.deduction, 0);
  return { contract, month, collection, rows, totalDeduction, conclusion: conclusion(totalDeduction) };
}

export async function vendorAssessments(
  db: Db,
  cityCode: string,
  month: string,
  options: { now: Date; asOf?: Date },
): Promise<VendorAssessment[]> {
  const contracts = (await selectContracts(db, cityCode)).filter((c) => c.active);
  const out: VendorAssessment[] = [];
  for (const contract of contracts) out.push(await assessContract(db, cityCode, contract, month, options));
  return out;
}

export async function contractAssessment(
  db: Db,
  cityCode: string,
  contractId: string,
  month: string,
  options: { now: Date; asOf?: Date },
) {
  const contract = await requireContract(db, cityCode, contractId);
  return assessContract(db, cityCode, contract, month, options);
}

/**
 * The demo city's contracts as the seed names them: three collection packages by area, the hall
 * service (第四合同包) and the hotline operator. Idempotent. The seed does not name the hall
 * operator, so that row says only what it is.
 */
export async function seedDemoVendorContracts(db: Db, cityCode: string): Promise<void> {
  const ids = async (names: string[]) => {
    const found = await Promise.all(names.map((n) => findRegionByName(db, cityCode, n)));
    return found.flatMap((r) => (r ? [r.id] : []));
  };
  const eGova = '北京数字政通科技股份有限公司';
  const contracts: ContractInput[] = [
    {
      checklist: 'collection',
      company: eGova,
      packageName: '第一合同包',
      areaLabel: '东区',
      districtIds: await ids(['东区']),
      staffCount: 45,
      dailyQuota: 10,
      seq: 1,
    },
    {
      checklist: 'collection',
      company: eGova,
      packageName: '第二合同包',
      areaLabel: '西区',
      districtIds: await ids(['西区']),
      staffCount: 24,
      dailyQuota: 10,
      seq: 2,
    },
    {
      checklist: 'collection',
      company: eGova,
      packageName: '第三合同包',
      areaLabel: '仁和区、钒钛高新区',
      districtIds: await ids(['仁和区', '钒钛高新区']),
      staffCount: 24,
      dailyQuota: 10,
      seq: 3,
    },
    {
      checklist: 'hall',
      company: '大厅服务外包单位',
      packageName: '第四合同包',
      areaLabel: '指挥大厅',
      seq: 4,
    },
    {
      checklist: 'hotline',
      company: '四川厚加源科技有限公司',
      packageName: '12345热线服务合同',
      areaLabel: '12345民生政务服务热线',
      seq: 5,
    },
  ];
  for (const c of contracts) {
    await db.transaction().execute(async (trx) => {
      await insertContract(trx, {
        id: uuidv7(),
        cityCode,
        checklist: c.checklist,
        company: c.company,
        packageName: c.packageName,
        areaLabel: c.areaLabel ?? '',
        districtIds: c.districtIds ?? [],
        staffCount: c.staffCount ?? 0,
        dailyQuota: c.dailyQuota ?? 0,
        personDayBasis: 'calendar',
        seq: c.seq ?? 0,
      });
      await ensureIndicators(trx, cityCode, c.checklist);
    });
  }
}
