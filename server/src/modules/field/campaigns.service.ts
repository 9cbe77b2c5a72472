import type {
  CampaignEntryFilter,
  CampaignEntryInput,
  CampaignField,
  CampaignInput,
} from '@cityloop/contracts/field';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import type { CampaignEntryPhoto } from '../../platform/db/schema.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/http/errors.js';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { shanghaiDate, startOfShanghaiDay } from '../../platform/time.js';
import { recordActorAudit } from '../audit/index.js';
import { findRegionByName, getRegion, locatePoint } from '../geo/index.js';
import { storeImage } from '../media/index.js';
import { checkEntry, checkFieldDefinitions } from './campaign-fields.js';
import {
  countCampaignEntriesByDistrict,
  countEntries,
  type EntryFilter,
  insertCampaign,
  insertEntry,
  selectCampaign,
  selectCampaigns,
  selectEntries,
  selectEntry,
  selectEntryByKey,
  updateEntryFeatured,
  updateEntryPhotos,
} from './campaigns.repository.js';

// Campaigns (专项行动): a period, extra fields, an entry list collected in the field (with
// photos), 典型 entries for the bulletin. Exports and counts: campaign-reports.service.ts.

const campaignWord = { zh: '专项行动', en: 'campaign' };
const entryWord = { zh: '采集记录', en: 'campaign entry' };
const MAX_PHOTOS = 9;
const DAY_MS = 24 * 3_600_000;

function problemsError(problems: { zh: string; en: string }[]) {
  return invalid(problems.map((p) => p.zh).join('；'), problems.map((p) => p.en).join('; '), { problems });
}

/** Region names by id, read once per id. */
export function districtNamer(db: Db, cityCode: string) {
  const names = new Map<string, Promise<string>>();
  return (id: string) => {
    let name = names.get(id);
    if (!name) {
      name = getRegion(db, cityCode, id).then((r) => r.name);
      names.set(id, name);
    }
    return name;
  };
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

export async function requireCampaign(db: Db, cityCode: string, id: string) {
  const row = await selectCampaign(db, cityCode, id);
  if (!row) throw notFound(campaignWord);
  return { ...row, fields: row.fields as CampaignField[] };
}

/** A campaign with its fields, its number of entries and their count per district. */
export async function getCampaign(db: Db, cityCode: string, id: string, scope: EntryFilter = {}) {
  const campaign = await requireCampaign(db, cityCode, id);
  const name = districtNamer(db, cityCode);
  const byDistrict = await countCampaignEntriesByDistrict(db, id, scope);
  const districts = await Promise.all(
    byDistrict.map(async (d) => ({
      districtId: d.districtId,
      districtName: await name(d.districtId),
      count: d.count,
    })),
  );
  return {
    ...campaign,
    entries: districts.reduce((s, d) => s + d.count, 0),
    districts: districts.sort((a, b) => b.count - a.count),
  };
}

/** The campaigns, newest first; `activeOn` (a Shanghai date) keeps those running that day. */
export async function listCampaigns(db: Db, cityCode: string, activeOn?: string) {
  const rows = await selectCampaigns(db, cityCode, activeOn);
  return rows.map((r) => ({ ...r, fields: r.fields as CampaignField[], entries: Number(r.entries ?? 0) }));
}

type StoredEntry = NonNullable<Awaited<ReturnType<typeof selectEntry>>>;

function entryView(e: StoredEntry, districtName: string) {
  return {
    id: e.id,
    campaignId: e.campaignId,
    data: e.data,
    observedAt: e.observedAt,
    lng: e.lng,
    lat: e.lat,
    districtId: e.districtId,
    districtName,
    featured: e.featured,
    photos: e.photos.map((p) => p.sha256),
    createdAt: e.createdAt,
  };
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
  const campaign = await requireCampaign(db, actor.cityCode, campaignId);
  const name = districtNamer(db, actor.cityCode);
  if (idempotencyKey) {
    const previous = await selectEntryByKey(db, campaignId, idempotencyKey);
    if (previous) return { entry: entryView(previous, await name(previous.districtId)), created: false };
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
  const stored = (await selectEntry(db, campaignId, id)) as StoredEntry;
  return { entry: entryView(stored, await name(stored.districtId)), created: true };
}

/**
 * The slice of the entries an actor sees, as a filter: a district leader only the district's.
 * Asking a leader's list for another district is refused.
 */
export function entryScope(actor: Actor, filter: CampaignEntryFilter = {}): EntryFilter {
  let districtId = filter.districtId;
  if (actor.role === 'leader' && actor.regionId) {
    if (districtId && districtId !== actor.regionId) throw forbidden();
    districtId = actor.regionId;
  }
  if (filter.from && filter.to && filter.to < filter.from)
    throw invalid('结束日期不能早于开始日期', 'the end date is before the start date');
  return {
    districtId,
    from: filter.from ? startOfShanghaiDay(filter.from) : undefined,
    to: filter.to ? new Date(startOfShanghaiDay(filter.to).getTime() + DAY_MS) : undefined,
    featured: filter.featured === undefined ? undefined : filter.featured === 'true',
  };
}

export async function listCampaignEntries(
  db: Db,
  actor: Actor,
  campaignId: string,
  query: CampaignEntryFilter & { page: number; pageSize: number },
) {
  await requireCampaign(db, actor.cityCode, campaignId);
  const filter = entryScope(actor, query);
  const [rows, total] = await Promise.all([
    selectEntries(db, campaignId, {
      ...filter,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    }),
    countEntries(db, campaignId, filter),
  ]);
  const name = districtNamer(db, actor.cityCode);
  const items = await Promise.all(rows.map(async (r) => entryView(r, await name(r.districtId))));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

async function requireEntry(db: Db, actor: Actor, campaignId: string, entryId: string) {
  await requireCampaign(db, actor.cityCode, campaignId);
  const entry = await selectEntry(db, campaignId, entryId);
  if (!entry) throw notFound(entryWord);
  return entry;
}

/** 典型: marks (or unmarks) an entry for the bulletin's exposure table. */
export async function setEntryFeatured(
  deps: AppDeps,
  actor: Actor,
  campaignId: string,
  entryId: string,
  featured: boolean,
) {
  const entry = await requireEntry(deps.db, actor, campaignId, entryId);
  await deps.db.transaction().execute(async (trx) => {
    await updateEntryFeatured(trx, entryId, featured);
    await recordActorAudit(trx, actor, 'field.campaign_entry_featured', 'campaign', campaignId, {
      entryId,
      featured,
    });
  });
  const name = districtNamer(deps.db, actor.cityCode);
  return entryView({ ...entry, featured }, await name(entry.districtId));
}

/** A photo of an entry, by the collector who made it (or the hall); the same bytes twice are kept once. */
export async function addEntryPhoto(
  deps: AppDeps,
  actor: Actor,
  campaignId: string,
  entryId: string,
  bytes: Buffer,
) {
  const entry = await requireEntry(deps.db, actor, campaignId, entryId);
  if (actor.role === 'collector' && entry.reporterId !== actor.userId) throw forbidden();
  const stored = await storeImage(deps.files, bytes, deps.config.uploadMaxBytes);
  if (!entry.photos.some((p) => p.sha256 === stored.sha256)) {
    if (entry.photos.length >= MAX_PHOTOS) {
      throw new AppError(422, 'TOO_MANY_PHOTOS', {
        zh: `每条记录最多${MAX_PHOTOS}张照片`,
        en: `at most ${MAX_PHOTOS} photos per entry`,
      });
    }
    const photos: CampaignEntryPhoto[] = [...entry.photos, stored];
    await deps.db.transaction().execute(async (trx) => {
      await updateEntryPhotos(trx, entryId, photos);
      await recordActorAudit(trx, actor, 'field.campaign_entry_photo', 'campaign', campaignId, {
        entryId,
        sha256: stored.sha256,
      });
    });
  }
  return { sha256: stored.sha256 };
}

/** A photo's bytes, for the hall's readers and the collector who took it. */
export async function readEntryPhoto(
  deps: AppDeps,
  actor: Actor,
  campaignId: string,
  entryId: string,
  sha256: string,
) {
  const entry = await requireEntry(deps.db, actor, campaignId, entryId);
  if (actor.role === 'collector' && entry.reporterId !== actor.userId) throw forbidden();
  if (actor.role === 'leader' && actor.regionId && entry.districtId !== actor.regionId) throw forbidden();
  const photo = entry.photos.find((p) => p.sha256 === sha256);
  if (!photo) throw notFound({ zh: '照片', en: 'photo' });
  return { contentType: photo.contentType, bytes: await deps.files.get(photo.storageKey) };
}
