import type { CampaignEntryFilter, CampaignInput } from '@cityloop/contracts/field';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import { newWorkbook } from '../../platform/files/workbook.js';
import { invalid } from '../../platform/http/errors.js';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { shanghaiDate, toShanghaiIso } from '../../platform/time.js';
import { recordActorAudit, recordAudit } from '../audit/index.js';
import { checkEntry, checkFieldDefinitions } from './campaign-fields.js';
import {
  countEntriesByDistrict,
  type EntryRow,
  insertCampaign,
  insertEntries,
  selectCampaignByName,
  selectCampaigns,
  selectEntries,
  selectFeaturedEntries,
} from './campaigns.repository.js';
import { districtNamer, entryScope, requireCampaign } from './campaigns.service.js';
import { monthRange } from './verification-rates.service.js';

// What campaigns give to others: the Excel list (for the media and the traffic police), the
// month's counts by district and the 典型 rows (for the bulletin and the monthly figures), and
// a bulk load of a campaign's history (the demo city).

const EXPORT_LIMIT = 100_000;
/** At most this many 典型 rows per campaign go into the bulletin. */
const FEATURED_LIMIT = 200;

/** The campaign's list (as filtered) as an Excel workbook; audited. */
export async function exportCampaignXlsx(
  deps: AppDeps,
  actor: Actor,
  campaignId: string,
  query: CampaignEntryFilter = {},
) {
  const campaign = await requireCampaign(deps.db, actor.cityCode, campaignId);
  const filter = entryScope(actor, query);
  const entries = await selectEntries(deps.db, campaignId, { ...filter, limit: EXPORT_LIMIT, offset: 0 });
  const name = districtNamer(deps.db, actor.cityCode);
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet(campaign.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || '清单');
  sheet.addRow(['序号', ...campaign.fields.map((f) => f.label), '区县', '采集时间', '典型']).font = {
    bold: true,
  };
  for (const [i, e] of entries.entries()) {
    sheet.addRow([
      i + 1,
      ...campaign.fields.map((f) => {
        const v = e.data[f.key];
        return f.type === 'datetime' && typeof v === 'string' ? toShanghaiIso(new Date(v)) : (v ?? '');
      }),
      await name(e.districtId),
      toShanghaiIso(e.observedAt),
      e.featured ? '是' : '',
    ]);
  }
  sheet.columns.forEach((c) => {
    c.width = 20;
  });
  await recordActorAudit(deps.db, actor, 'field.campaign_export', 'campaign', campaignId, {
    rows: entries.length,
    ...query,
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
 * Entries per campaign and district in a month (by when they were observed), stored before
 * `asOf` (default: the month's end), for the bulletin and the monthly figures (e.g. the
 * zebra-crossing list: 5,524 = 东区 2,741 + 西区 1,500 + 仁和区 1,283).
 */
export async function campaignCountsByDistrict(
  db: Db,
  cityCode: string,
  month: string,
  options: { asOf?: Date } = {},
): Promise<CampaignDistrictCounts[]> {
  const { from, to } = monthRange(month);
  const rows = await countEntriesByDistrict(db, cityCode, from, to, options.asOf ?? to);
  const name = districtNamer(db, cityCode);
  const byCampaign = new Map<string, CampaignDistrictCounts>();
  for (const r of rows) {
    let c = byCampaign.get(r.campaignId);
    if (!c) {
      c = { campaignId: r.campaignId, campaignName: r.campaignName, total: 0, districts: [] };
      byCampaign.set(r.campaignId, c);
    }
    c.total += r.count;
    c.districts.push({ districtId: r.districtId, districtName: await name(r.districtId), count: r.count });
  }
  for (const c of byCampaign.values()) c.districts.sort((a, b) => b.count - a.count);
  return [...byCampaign.values()];
}

export interface CampaignMonthList extends CampaignDistrictCounts {
  /** the bulletin section's heading and closing sentence as the campaign sets them */
  bulletinTitle: string | null;
  bulletinClosing: string | null;
  /** the month's 典型 entries (only for campaigns with 地点 and 车牌 fields), by time */
  rows: { time: Date; place: string; plate: string }[];
}

/**
 * Every campaign with entries in the month, as the bulletin prints it: counts by district and
 * the 典型 rows (time = the entry's 时间 field, else when it was observed), all as of `asOf`.
 */
export async function campaignMonthLists(
  db: Db,
  cityCode: string,
  month: string,
  asOf: Date,
): Promise<CampaignMonthList[]> {
  const counts = await campaignCountsByDistrict(db, cityCode, month, { asOf });
  if (counts.length === 0) return [];
  const campaigns = new Map((await selectCampaigns(db, cityCode)).map((c) => [c.id, c]));
  const listable = counts
    .map((c) => c.campaignId)
    .filter((id) => {
      const keys = new Set(((campaigns.get(id)?.fields ?? []) as { key: string }[]).map((f) => f.key));
      return keys.has('place') && keys.has('plate');
    });
  const { from, to } = monthRange(month);
  const featured = await selectFeaturedEntries(db, listable, from, to, asOf, FEATURED_LIMIT);
  return counts.map((c) => {
    const campaign = campaigns.get(c.campaignId);
    return {
      ...c,
      bulletinTitle: campaign?.bulletinTitle ?? null,
      bulletinClosing: campaign?.bulletinClosing ?? null,
      rows: featured
        .filter((f) => f.campaignId === c.campaignId)
        .map((f) => {
          const time = typeof f.data.time === 'string' ? new Date(f.data.time) : f.observedAt;
          return {
            time: Number.isNaN(time.getTime()) ? f.observedAt : time,
            place: String(f.data.place ?? ''),
            plate: String(f.data.plate ?? ''),
          };
        }),
    };
  });
}

export interface HistoricEntry {
  data: Record<string, unknown>;
  observedAt: Date;
  /** when the entry reached the server */
  createdAt: Date;
  lng: number | null;
  lat: number | null;
  districtId: string;
  reporterId: string | null;
  featured: boolean;
}

/**
 * Loads a past campaign with its raw entries in one transaction (bulk INSERTs; the demo city).
 * Every entry is checked like a live one. A campaign of that name already there: nothing is
 * made or written.
 */
export async function importCampaignHistory(
  db: Db,
  cityCode: string,
  input: CampaignInput,
  makeEntries: () => Promise<readonly HistoricEntry[]>,
): Promise<{ created: number; skipped: boolean }> {
  if (await selectCampaignByName(db, cityCode, input.name)) return { created: 0, skipped: true };
  const entries = await makeEntries();
  const problems = checkFieldDefinitions(input.fields);
  if (problems.length > 0) throw invalid(problems[0]?.zh ?? '', problems[0]?.en ?? '');
  const id = uuidv7();
  const rows: EntryRow[] = entries.map((e, i) => {
    const day = shanghaiDate(e.observedAt);
    if (day < input.startsOn || day > input.endsOn)
      throw invalid(`第${i + 1}条不在专项行动期间`, `entry ${i + 1} is outside the campaign period`);
    const checked = checkEntry(input.fields, e.data);
    if (!checked.ok) {
      const p = checked.problems[0];
      throw invalid(`第${i + 1}条：${p?.zh}`, `entry ${i + 1}: ${p?.en}`);
    }
    return { ...e, id: uuidv7(), cityCode, campaignId: id, data: checked.value, idempotencyKey: null };
  });
  await db.transaction().execute(async (trx) => {
    await insertCampaign(trx, {
      id,
      cityCode,
      ...input,
      createdBy: null,
      createdAt: rows[0]?.createdAt ?? new Date(`${input.startsOn}T00:00:00+08:00`),
    });
    await insertEntries(trx, rows);
    await recordAudit(trx, {
      cityCode,
      userId: null,
      login: 'system',
      role: null,
      action: 'field.campaign_import',
      objectType: 'campaign',
      objectId: id,
      success: true,
      ip: null,
      detail: { name: input.name, entries: rows.length },
    });
  });
  return { created: rows.length, skipped: false };
}
