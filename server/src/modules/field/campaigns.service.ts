import type { CampaignEntryInput, CampaignField, CampaignInput } from '@cityloop/contracts/field';
import ExcelJS from 'exceljs';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import { AppError, invalid, notFound } from '../../platform/http/errors.js';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { shanghaiDate, toShanghaiIso } from '../../platform/time.js';
import { recordActorAudit } from '../audit/index.js';
import { findRegionByName, getRegion, locatePoint } from '../geo/index.js';
import { checkEntry, checkFieldDefinitions } from './campaign-fields.js';
import {
  countEntries,
  countEntriesByDistrict,
  insertCampaign,
  insertEntry,
  selectCampaign,
  selectCampaigns,
  selectEntries,
  selectEntryByKey,
} from './campaigns.repository.js';
import { monthRange } from './verification-rates.service.js';

// Campaigns (专项行动): a period, extra fields, an entry list collected in the field, an Excel
// list for the media and the traffic police, and counts by district for the bulletin.

const campaignWord = { zh: '专项行动', en: 'campaign' };

function problemsError(problems: { zh: string; en: string }[]) {
  return invalid(problems.map((p) => p.zh).join('；'), problems.map((p) => p.en).join('; '), { problems });
}

export async function createCampaign(deps: AppDeps, actor: Actor, input: CampaignInput) {
  if (input.endsOn < input.startsOn)
    throw invalid('结束日期不能早于开始日期', 'the campaign cannot end before it starts');
  const problems = checkFieldDefinitions(input.fields);
  if (problems.length > 0) throw problemsError(problems);
  const id = uuidv7();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await insertCampaign(trx, {
        id,
        cityCode: actor.cityCode,
        ...input,
        createdBy: actor.userId,
        createdAt: deps.now(),
      });
      await recordActorAudit(trx, actor, 'field.campaign', 'campaign', id, { name: input.name });
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new AppError(409, 'CAMPAIGN_EXISTS', {
        zh: `专项行动“${input.name}”已存在`,
        en: `campaign ${input.name} exists`,
      });
    }
    throw error;
  }
  return getCampaign(deps.db, actor.cityCode, id);
}

export async function getCampaign(db: Db, cityCode: string, id: string) {
  const row = await selectCampaign(db, cityCode, id);
  if (!row) throw notFound(campaignWord);
  return { ...row, fields: row.fields as CampaignField[], entries: await countEntries(db, id) };
}

export function listCampaigns(db: Db, cityCode: string) {
  return selectCampaigns(db, cityCode);
}

/** Adds an entry (from the field app); with an idempotency key a retry returns the first entry. */
export async function addCampaignEntry(
  deps: AppDeps,
  actor: Actor,
  campaignId: string,
  input: CampaignEntryInput,
  idempotencyKey?: string,
) {
  const { db } = deps;
  const campaign = await getCampaign(db, actor.cityCode, campaignId);
  if (idempotencyKey) {
    const previous = await selectEntryByKey(db, campaignId, idempotencyKey);
    if (previous) return { entry: previous, created: false };
  }
  const now = deps.now();
  const observedAt = input.observedAt ? new Date(input.observedAt) : now;
  const day = shanghaiDate(observedAt);
  if (day < campaign.startsOn || day > campaign.endsOn) {
    throw invalid(
      `不在专项行动期间（${campaign.startsOn} 至 ${campaign.endsOn}）`,
      `outside the campaign period (${campaign.startsOn} to ${campaign.endsOn})`,
    );
  }
  const checked = checkEntry(campaign.fields, input.data);
  if (!checked.ok) throw problemsError(checked.problems);
  let districtId: string | null = null;
  if (input.lng !== undefined && input.lat !== undefined) {
    districtId = (await locatePoint(db, actor.cityCode, input.lng, input.lat))?.district.id ?? null;
    if (!districtId) throw invalid('该位置不在本市网格范围内', 'the point is outside the city’s unit grids');
  } else if (input.districtName) {
    const region = await findRegionByName(db, actor.cityCode, input.districtName);
    districtId = region?.level === 'district' ? region.id : null;
    if (!districtId)
      throw invalid(`未知的区县：${input.districtName}`, `unknown district: ${input.districtName}`);
  } else {
    throw invalid('须提供坐标或所在区县', 'give a position or the district');
  }
  const id = uuidv7();
  await db.transaction().execute(async (trx) => {
    await insertEntry(trx, {
      id,
      cityCode: actor.cityCode,
      campaignId,
      data: checked.value,
      observedAt,
      lng: input.lng ?? null,
      lat: input.lat ?? null,
      districtId: districtId as string,
      reporterId: actor.userId,
      idempotencyKey: idempotencyKey ?? null,
      createdAt: now,
    });
    await recordActorAudit(trx, actor, 'field.campaign_entry', 'campaign', campaignId, { entryId: id });
  });
  return { entry: { id, campaignId, data: checked.value, observedAt, districtId }, created: true };
}

export async function listCampaignEntries(
  db: Db,
  cityCode: string,
  campaignId: string,
  page: { page: number; pageSize: number },
) {
  const campaign = await getCampaign(db, cityCode, campaignId);
  const items = await selectEntries(db, campaignId, {
    limit: page.pageSize,
    offset: (page.page - 1) * page.pageSize,
  });
  return { items, total: campaign.entries, page: page.page, pageSize: page.pageSize };
}

const EXPORT_LIMIT = 100_000;

/** The campaign's list as an Excel workbook (for the media and the traffic police); audited. */
export async function exportCampaignXlsx(deps: AppDeps, actor: Actor, campaignId: string) {
  const campaign = await getCampaign(deps.db, actor.cityCode, campaignId);
  const entries = await selectEntries(deps.db, campaignId, { limit: EXPORT_LIMIT, offset: 0 });
  const districtNames = new Map<string, string>();
  for (const id of new Set(entries.map((e) => e.districtId))) {
    districtNames.set(id, (await getRegion(deps.db, actor.cityCode, id)).name);
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'CityLoop';
  const sheet = workbook.addWorksheet(campaign.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || '清单');
  sheet.addRow(['序号', ...campaign.fields.map((f) => f.label), '区县', '采集时间']).font = { bold: true };
  entries.forEach((e, i) => {
    sheet.addRow([
      i + 1,
      ...campaign.fields.map((f) => {
        const v = e.data[f.key];
        return f.type === 'datetime' && typeof v === 'string' ? toShanghaiIso(new Date(v)) : (v ?? '');
      }),
      districtNames.get(e.districtId) ?? '',
      toShanghaiIso(e.observedAt),
    ]);
  });
  sheet.columns.forEach((c) => {
    c.width = 20;
  });
  await recordActorAudit(deps.db, actor, 'field.campaign_export', 'campaign', campaignId, {
    rows: entries.length,
  });
  return { fileName: `${campaign.name}.xlsx`, bytes: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

export interface CampaignDistrictCounts {
  campaignId: string;
  campaignName: string;
  total: number;
  districts: { districtId: string; districtName: string; count: number }[];
}

/**
 * Entries per campaign and district in a month (by when they were observed), for the bulletin
 * (e.g. the zebra-crossing list: 5,524 = 东区 2,741 + 西区 1,500 + 仁和区 1,283).
 */
export async function campaignCountsByDistrict(
  db: Db,
  cityCode: string,
  month: string,
): Promise<CampaignDistrictCounts[]> {
  const { from, to } = monthRange(month);
  const rows = await countEntriesByDistrict(db, cityCode, from, to);
  const names = new Map<string, string>();
  for (const id of new Set(rows.map((r) => r.districtId)))
    names.set(id, (await getRegion(db, cityCode, id)).name);
  const byCampaign = new Map<string, CampaignDistrictCounts>();
  for (const r of rows) {
    let c = byCampaign.get(r.campaignId);
    if (!c) {
      c = { campaignId: r.campaignId, campaignName: r.campaignName, total: 0, districts: [] };
      byCampaign.set(r.campaignId, c);
    }
    c.total += r.count;
    c.districts.push({
      districtId: r.districtId,
      districtName: names.get(r.districtId) ?? '',
      count: r.count,
    });
  }
  for (const c of byCampaign.values()) c.districts.sort((a, b) => b.count - a.count);
  return [...byCampaign.values()];
}
