import { type ServiceAttribute, serviceAttributeSchema } from '@cityloop/contracts/open311';
import { z } from 'zod';
import { AppError, type Bilingual } from '../../platform/http/errors.js';
import type { AppDeps } from '../../platform/http/server-types.js';
import { startOfShanghaiDay, toShanghaiIso } from '../../platform/time.js';
import { locatePoint } from '../geo/index.js';
import { type StoredImage, storeImage } from '../media/index.js';
import { findCategory, listCategories } from '../taxonomy/index.js';
import { authenticateApiKey } from './api-keys.service.js';
import { attributePairs, checkAttributes } from './attributes.js';
import { createIntake } from './intake.service.js';
import {
  selectCityCodes,
  selectIntakeByToken,
  selectPublicCase,
  selectPublicCases,
  selectPublicUpdates,
  selectReportPhotos,
  selectServiceSettings,
  selectTransitionsOf,
} from './open311.repository.js';
import { externalStatusCode, open311Status, publicStepLabel, statusLabel } from './public-status.js';
import { redactPersonal } from './redact.js';
import { selectPublicNotes } from './request-updates.repository.js';
import { formatServiceCode, parseServiceCode } from './service-code.js';

/** Query or form parameters; an empty value reads as absent (GeoReport v2 requires this). */
export type Params = (name: string) => string | undefined;

export function paramsOf(pairs: readonly [string, string][]): Params {
  return (name) => {
    for (const [key, value] of pairs) {
      if (key === name && value.trim() !== '') return value.trim();
    }
    return undefined;
  };
}

export const DEFAULT_WINDOW_DAYS = 90;
export const MAX_RECORDS = 1000;
const DAY_MS = 24 * 3600 * 1000;
const DESCRIPTION_MAX = 4000;

const badRequest = (zh: string, en: string) => new AppError(400, 'BAD_REQUEST', { zh, en });
const notFound311 = (zh: string, en: string) => new AppError(404, 'NOT_FOUND', { zh, en });

/** Several problems at once: the Open311 error list carries one entry each. */
function badRequests(errors: Bilingual[]): AppError {
  const first = errors[0] ?? { zh: '请求无效', en: 'bad request' };
  return new AppError(400, 'BAD_REQUEST', first, { errors });
}

/**
 * The city an Open311 call is about: `jurisdiction_id` if given (404 if unknown), else the API
 * key's city, else the installation's only city (jurisdiction_id is required only when one
 * endpoint serves several).
 */
export async function resolveCity(deps: AppDeps, jurisdictionId?: string, keyCity?: string): Promise<string> {
  const cities = (await selectCityCodes(deps.db)).map((c) => c.code);
  if (jurisdictionId) {
    if (!cities.includes(jurisdictionId) || (keyCity && keyCity !== jurisdictionId)) {
      throw notFound311(
        `未知的 jurisdiction_id：${jurisdictionId}`,
        `unknown jurisdiction_id: ${jurisdictionId}`,
      );
    }
    return jurisdictionId;
  }
  if (keyCity) return keyCity;
  if (cities.length === 1) return cities[0] as string;
  throw badRequest(
    '本接口服务多个城市，须提供 jurisdiction_id',
    'jurisdiction_id is required: this endpoint serves several cities',
  );
}

export function discovery(baseUrl: string, now: Date) {
  return {
    changeset: toShanghaiIso(new Date(Date.UTC(2025, 0, 1))),
    contact: '城市综合管理指挥中心 / city management command centre',
    key_service: `${baseUrl}/api/open311/keys（由管理员发放 / issued by an administrator）`,
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${baseUrl}/open311/v2`,
        changeset: toShanghaiIso(now),
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}

interface ServiceSetting {
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string | null;
  attributes: ServiceAttribute[];
}

async function settingsOf(deps: AppDeps, cityCode: string): Promise<Map<string, ServiceSetting>> {
  const rows = await selectServiceSettings(deps.db, cityCode);
  return new Map(
    rows.map((r) => [
      r.serviceCode,
      {
        type: r.type,
        keywords: r.keywords,
        attributes: z
          .array(serviceAttributeSchema)
          .parse(r.attributes)
          .sort((a, b) => a.order - b.order),
      },
    ]),
  );
}

const defaultSetting: ServiceSetting = { type: 'realtime', keywords: null, attributes: [] };

/** The city's active categories as Open311 services (group = 大类). */
export async function listServices(deps: AppDeps, cityCode: string) {
  const [categories, settings] = await Promise.all([
    listCategories(deps.db, cityCode),
    settingsOf(deps, cityCode),
  ]);
  return categories.map((c) => {
    const code = formatServiceCode(c.kind, c.code);
    const setting = settings.get(code) ?? defaultSetting;
    return {
      service_code: code,
      service_name: c.name,
      description: c.filingStandard || null,
      metadata: setting.attributes.length > 0,
      type: setting.type,
      keywords: setting.keywords,
      group: c.majorName,
    };
  });
}

async function requireService(deps: AppDeps, cityCode: string, serviceCode: string) {
  const parsed = parseServiceCode(serviceCode);
  const category = parsed ? await findCategory(deps.db, cityCode, parsed.kind, parsed.code) : null;
  if (!parsed || !category?.active) {
    throw notFound311(`未知的 service_code：${serviceCode}`, `unknown service_code: ${serviceCode}`);
  }
  const setting = (await settingsOf(deps, cityCode)).get(serviceCode) ?? defaultSetting;
  return { category, setting };
}

export async function serviceDefinition(deps: AppDeps, cityCode: string, serviceCode: string) {
  const { setting } = await requireService(deps, cityCode, serviceCode);
  return {
    service_code: serviceCode,
    attributes: setting.attributes.map((a) => ({
      variable: a.variable,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: a.datatype_description,
      order: a.order,
      description: a.description,
      ...(a.values ? { values: a.values } : {}),
    })),
  };
}

const PERSONAL_FIELDS = ['email', 'device_id', 'account_id', 'first_name', 'last_name', 'phone'] as const;

/**
 * POST requests: key (403) → service (404) → location, description, attributes (400, all
 * problems listed at once) → a case in the 待受理 queue with source public (realtime), or a
 * token for later (batch), or nothing to look up (blackbox).
 */
export async function submitRequest(
  deps: AppDeps,
  input: { params: Params; pairs: readonly [string, string][]; apiKey?: string; photos: readonly Buffer[] },
) {
  const { params } = input;
  const key = await authenticateApiKey(deps, input.apiKey);
  const cityCode = await resolveCity(deps, params('jurisdiction_id'), key.cityCode);
  const serviceCode = params('service_code');
  if (!serviceCode) throw badRequest('缺少 service_code', 'service_code is required');
  const { category, setting } = await requireService(deps, cityCode, serviceCode);

  const errors: Bilingual[] = [];
  const lat = params('lat');
  const lng = params('long');
  const address = params('address_string');
  let point: { lat: number; lng: number } | null = null;
  if (lat === undefined && lng === undefined) {
    // We cannot geocode: an address alone does not place a case on a grid.
    errors.push(
      address || params('address_id')
        ? {
            zh: '本市须提供经纬度 lat 和 long（暂不支持仅凭地址定位）',
            en: 'lat and long are required here (addresses alone cannot be located)',
          }
        : { zh: '缺少位置：须提供 lat 和 long', en: 'location missing: lat and long are required' },
    );
  } else if (lat === undefined || lng === undefined) {
    errors.push({ zh: 'lat 和 long 须同时提供', en: 'lat and long must be given together' });
  } else {
    const la = Number(lat);
    const lo = Number(lng);
    if (!Number.isFinite(la) || !Number.isFinite(lo) || Math.abs(la) > 90 || Math.abs(lo) > 180) {
      errors.push({ zh: 'lat/long 不是合法的 WGS84 坐标', en: 'lat/long are not valid WGS84 coordinates' });
    } else if (!(await locatePoint(deps.db, cityCode, lo, la))) {
      errors.push({ zh: '该位置不在本市网格范围内', en: 'the location is outside the city’s unit grids' });
    } else point = { lat: la, lng: lo };
  }
  const description = params('description') ?? '';
  if (description.length > DESCRIPTION_MAX) {
    errors.push({
      zh: `description 不能超过 ${DESCRIPTION_MAX} 字`,
      en: `description is longer than ${DESCRIPTION_MAX} characters`,
    });
  }
  if (/<[a-zA-Z/!][^>]*>/.test(description)) {
    errors.push({ zh: 'description 不能包含 HTML', en: 'description must not contain HTML' });
  }
  const attributes = checkAttributes(setting.attributes, attributePairs(input.pairs));
  errors.push(...attributes.errors);
  if (errors.length > 0 || !point) throw badRequests(errors);
  // Multipart media (Bloomington/Helsinki extension): checked by content, EXIF/GPS stripped.
  const media: StoredImage[] = [];
  for (const bytes of input.photos)
    media.push(await storeImage(deps.files, bytes, deps.config.uploadMaxBytes));

  const contact: Record<string, string> = {};
  for (const field of PERSONAL_FIELDS) {
    const value = params(field);
    if (value) contact[field] = value.slice(0, 200);
  }
  const mediaUrl = params('media_url');
  if (mediaUrl) contact.media_url = mediaUrl.slice(0, 2000);
  const created = await createIntake(
    deps,
    {
      cityCode,
      channel: 'open311',
      apiKeyId: key.id,
      serviceCode,
      kind: category.kind,
      categoryCode: category.code,
      description: withAttributes(description || category.name, setting.attributes, attributes.values),
      lng: point.lng,
      lat: point.lat,
      address: address?.slice(0, 200) ?? null,
      attributes: attributes.values,
      contact,
      media,
    },
    setting.type === 'batch' ? 'later' : 'now',
  );
  const notice = '已收到，将由指挥中心受理核实 / received; the command centre will verify it';
  if (setting.type === 'batch') return [{ token: created.token, service_notice: notice }];
  if (setting.type === 'blackbox') return [{ service_notice: notice }];
  return [{ service_request_id: created.caseNo, service_notice: notice }];
}

/** Staff read the case, not the Open311 row: the answers go into the description too. */
function withAttributes(
  description: string,
  defs: readonly ServiceAttribute[],
  values: Record<string, unknown>,
): string {
  const lines = defs
    .filter((d) => values[d.code] !== undefined)
    .map((d) => {
      const value = values[d.code];
      const names = (Array.isArray(value) ? value : [value]).map(
        (v) => d.values?.find((option) => option.key === v)?.name ?? String(v),
      );
      return `${d.description}：${names.join('、')}`;
    });
  return lines.length > 0 ? `${description}\n【补充信息】${lines.join('；')}` : description;
}

// ── Reading requests ──

type PublicRow = NonNullable<Awaited<ReturnType<typeof selectPublicCase>>>;

export interface RequestViewOptions {
  baseUrl: string;
  extensions: boolean;
}

async function requestViews(deps: AppDeps, rows: PublicRow[], options: RequestViewOptions) {
  const ids = rows.map((r) => r.id);
  const [transitions, photos, clientNotes] = await Promise.all([
    selectTransitionsOf(deps.db, ids),
    selectReportPhotos(deps.db, ids),
    options.extensions ? selectPublicNotes(deps.db, ids) : Promise.resolve([]),
  ]);
  return rows.map((row) => {
    const steps = transitions.filter((t) => t.caseId === row.id);
    const casePhotos = photos.filter((p) => p.caseId === row.id);
    const closed = open311Status(row.status) === 'closed';
    const voidStep = [...steps].reverse().find((s) => s.toStatus === 'voided');
    const statusNotes =
      row.status === 'voided'
        ? `作废：${redactPersonal(voidStep?.note ?? (voidStep?.action === 'verify' ? '现场核实不属实' : '不予立案'))}`
        : statusLabel(row.status);
    const mediaUrls = casePhotos.map((p) => `${options.baseUrl}/open311/v2/media/${p.id}`);
    const updated = closed ? (row.closedAt ?? row.voidedAt ?? row.updatedAt) : row.updatedAt;
    const view: Record<string, unknown> = {
      service_request_id: row.caseNo,
      status: open311Status(row.status),
      status_notes: statusNotes,
      service_name: row.categoryName,
      service_code: formatServiceCode(row.kind, row.categoryCode),
      description: redactPersonal(row.description),
      agency_responsible: row.unitName ?? null,
      service_notice: null,
      requested_datetime: toShanghaiIso(row.reportedAt),
      updated_datetime: toShanghaiIso(updated),
      expected_datetime: row.deadlineAt ? toShanghaiIso(row.deadlineAt) : null,
      address: row.address ?? null,
      address_id: null,
      zipcode: null,
      lat: row.lat,
      long: row.lng,
      media_url: mediaUrls[0] ?? null,
    };
    if (options.extensions) {
      view.extended_attributes = {
        channel: row.source,
        external_status_code: externalStatusCode(row.status),
        photos: mediaUrls,
      };
      const stepNotes = steps.flatMap((s) => {
        const label = publicStepLabel(s);
        return label ? [{ at: s.at, description: label, type: s.action }] : [];
      });
      // Comments that Open311 clients posted (servicerequestupdates), redacted like descriptions.
      const comments = clientNotes
        .filter((n) => n.caseId === row.id)
        .map((n) => ({ at: n.receivedAt, description: redactPersonal(n.description), type: 'comment' }));
      view.notes = [...stepNotes, ...comments]
        .sort((a, b) => a.at.getTime() - b.at.getTime())
        .map((n) => ({ datetime: toShanghaiIso(n.at), description: n.description, type: n.type }));
    }
    return view;
  });
}

function parseInstant(value: string, name: string, endOfDay: boolean): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = startOfShanghaiDay(value);
    if (!Number.isNaN(start.getTime())) return endOfDay ? new Date(start.getTime() + DAY_MS - 1) : start;
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    const at = new Date(value);
    if (!Number.isNaN(at.getTime())) return at;
  }
  throw badRequest(
    `${name} 须为带时区的 W3C 时间（如 2019-07-01T00:00:00+08:00）`,
    `${name} must be a W3C datetime with a timezone (e.g. 2019-07-01T00:00:00+08:00)`,
  );
}

/** start/end on requested_datetime: default the last 90 days; a wider span is refused. */
export function dateWindow(params: Params, now: Date): { from: Date; to: Date } {
  const start = params('start_date');
  const end = params('end_date');
  const span = DEFAULT_WINDOW_DAYS * DAY_MS;
  const from = start ? parseInstant(start, 'start_date', false) : undefined;
  const to = end ? parseInstant(end, 'end_date', true) : undefined;
  if (from && to) {
    if (to < from) throw badRequest('end_date 早于 start_date', 'end_date is before start_date');
    if (to.getTime() - from.getTime() > span) {
      throw badRequest(
        `查询区间不能超过 ${DEFAULT_WINDOW_DAYS} 天`,
        `the date range may not exceed ${DEFAULT_WINDOW_DAYS} days`,
      );
    }
    return { from, to };
  }
  if (from) return { from, to: new Date(from.getTime() + span) };
  if (to) return { from: new Date(to.getTime() - span), to };
  return { from: new Date(now.getTime() - span), to: now };
}

function positiveInt(params: Params, name: string, fallback: number, max: number): number {
  const raw = params(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw badRequest(`${name} 须为 1 至 ${max} 的整数`, `${name} must be an integer from 1 to ${max}`);
  }
  return value;
}

function parseBbox(raw: string) {
  const parts = raw.split(',').map((p) => Number(p.trim()));
  const [minLng, minLat, maxLng, maxLat] = parts;
  if (
    parts.length !== 4 ||
    parts.some((p) => !Number.isFinite(p)) ||
    (minLng as number) > (maxLng as number) ||
    (minLat as number) > (maxLat as number)
  ) {
    throw badRequest('bbox 格式为 minLng,minLat,maxLng,maxLat', 'bbox is minLng,minLat,maxLng,maxLat');
  }
  return {
    minLng: minLng as number,
    minLat: minLat as number,
    maxLng: maxLng as number,
    maxLat: maxLat as number,
  };
}

/** GET requests: service_request_id overrides every other filter; at most 1,000 records. */
export async function listRequests(deps: AppDeps, params: Params, baseUrl: string) {
  const cityCode = await resolveCity(deps, params('jurisdiction_id'));
  const extensions = params('extensions') === 'true';
  const pageSize = positiveInt(params, 'page_size', MAX_RECORDS, MAX_RECORDS);
  const page = positiveInt(params, 'page', 1, 1_000_000);
  const ids = params('service_request_id');
  if (ids) {
    const caseNos = [
      ...new Set(
        ids
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ].slice(0, MAX_RECORDS);
    const rows = await selectPublicCases(deps.db, { cityCode, caseNos, limit: MAX_RECORDS, offset: 0 });
    return requestViews(deps, rows, { baseUrl, extensions });
  }
  const serviceCodes = params('service_code')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const services = serviceCodes?.map((code) => {
    const parsed = parseServiceCode(code);
    if (!parsed) throw badRequest(`service_code 格式不正确：${code}`, `malformed service_code: ${code}`);
    return parsed;
  });
  const statusList = params('status')
    ?.split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (statusList?.some((s) => s !== 'open' && s !== 'closed')) {
    throw badRequest('status 只能为 open 或 closed', 'status must be open and/or closed');
  }
  const { from, to } = dateWindow(params, deps.now());
  const bboxRaw = params('bbox');
  const rows = await selectPublicCases(deps.db, {
    cityCode,
    services,
    statuses: statusList as ('open' | 'closed')[] | undefined,
    from,
    to,
    bbox: bboxRaw ? parseBbox(bboxRaw) : undefined,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return requestViews(deps, rows, { baseUrl, extensions });
}

export async function getRequest(deps: AppDeps, params: Params, id: string, baseUrl: string) {
  const cityCode = await resolveCity(deps, params('jurisdiction_id'));
  const row = await selectPublicCase(deps.db, cityCode, id);
  if (!row) throw notFound311(`未找到服务请求：${id}`, `service request not found: ${id}`);
  return requestViews(deps, [row], { baseUrl, extensions: params('extensions') === 'true' });
}

export async function resolveToken(deps: AppDeps, params: Params, token: string) {
  const cityCode = await resolveCity(deps, params('jurisdiction_id'));
  const row = await selectIntakeByToken(deps.db, cityCode, token);
  if (!row) throw notFound311(`未找到 token：${token}`, `token not found: ${token}`);
  return [{ service_request_id: row.caseNo ?? null, token: row.token }];
}

/** mySociety's update feed: one entry per public step, in time order (FixMyStreet polls it). */
export async function listUpdates(deps: AppDeps, params: Params) {
  const cityCode = await resolveCity(deps, params('jurisdiction_id'));
  const { from, to } = dateWindow(params, deps.now());
  const rows = await selectPublicUpdates(deps.db, cityCode, from, to, MAX_RECORDS * 5);
  return rows
    .flatMap((r) => {
      const label = publicStepLabel(r);
      if (!label) return [];
      return [
        {
          update_id: String(r.id),
          service_request_id: r.caseNo,
          status: open311Status(r.toStatus),
          updated_datetime: toShanghaiIso(r.at),
          description: r.action === 'void' && r.note ? `${label}：${redactPersonal(r.note)}` : label,
          media_url: null,
          external_status_code: externalStatusCode(r.toStatus),
        },
      ];
    })
    .slice(0, MAX_RECORDS);
}
