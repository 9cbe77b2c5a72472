import { randomBytes } from 'node:crypto';
import type { PublicStatus } from '@cityloop/contracts/open311';
import { z } from 'zod';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { toShanghaiIso } from '../../platform/time.js';
import { recordActorAudit } from '../audit/index.js';
import { locatePoint } from '../geo/index.js';
import { type StoredImage, storeImage } from '../media/index.js';
import { findCategory } from '../taxonomy/index.js';
import { createIntake } from './intake.service.js';
import {
  consumeChallenge,
  insertChallenge,
  selectCaseRefByNo,
  selectPublicCase,
  selectTransitionsOf,
  upsertFlag,
} from './open311.repository.js';
import { listServices, resolveCity } from './open311.service.js';
import { meetsDifficulty } from './proof-of-work.js';
import { open311Status, publicStepLabel, statusLabel } from './public-status.js';
import { consumeRate } from './rate-limit.service.js';
import { redactPersonal } from './redact.js';
import { parseServiceCode } from './service-code.js';

// Abuse controls of the citizen page (SECURITY.md item 33). Numbers a city may want to tune
// later; kept here, in one place, until then.
export const PUBLIC_LIMITS = {
  /** Leading zero bits of sha256(challenge + nonce): ~65,000 hashes, a second or two on a phone. */
  powDifficulty: 16,
  powTtlMinutes: 10,
  challengesPerIpPerMinute: 30,
  reportsPerIpPerHour: 10,
  reportsPerDevicePerHour: 5,
  locatesPerIpPerMinute: 60,
  maxPhotos: 3,
  /** Photos are capped lower than staff uploads: a phone photo re-saved by the page fits. */
  photoMaxBytes: 5 * 1024 * 1024,
} as const;

/** "不清楚" on the page: filed as 其他市容环境问题, and the acceptor corrects it at 立案. */
export const UNKNOWN_CATEGORY = { kind: 'event', code: '0199' } as const;

export async function issueChallenge(deps: AppDeps, ip: string) {
  await consumeRate(deps, `challenge-ip:${ip}`, PUBLIC_LIMITS.challengesPerIpPerMinute, 60);
  const cityCode = await resolveCity(deps);
  const challenge = randomBytes(16).toString('hex');
  const expiresAt = new Date(deps.now().getTime() + PUBLIC_LIMITS.powTtlMinutes * 60000);
  await insertChallenge(deps.db, { challenge, cityCode, difficulty: PUBLIC_LIMITS.powDifficulty, expiresAt });
  return { challenge, difficulty: PUBLIC_LIMITS.powDifficulty, expiresAt: toShanghaiIso(expiresAt) };
}

const phonePattern = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

export const publicReportFieldsSchema = z.object({
  challenge: z.string().regex(/^[0-9a-f]{32}$/),
  nonce: z.string().min(1).max(64),
  deviceId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  serviceCode: z.union([z.literal('unknown'), z.string().regex(/^[EC][0-9]{4}$/)]),
  description: z.string().trim().min(2).max(1000),
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  address: z.string().trim().max(200).optional(),
  phone: z
    .string()
    .trim()
    .regex(phonePattern, '手机号或带区号的固定电话 / a mobile or landline number')
    .optional(),
});
export type PublicReportFields = z.infer<typeof publicReportFieldsSchema>;

/**
 * A citizen's report: rate limits (IP, device), proof of work (each challenge once), then the
 * same intake as Open311 — a case in 待受理 with source public, which needs 核实 before 立案.
 * The phone is kept for the callback in the intake row only.
 */
export async function submitPublicReport(
  deps: AppDeps,
  ip: string,
  fields: PublicReportFields,
  photos: readonly Buffer[],
) {
  await consumeRate(deps, `report-ip:${ip}`, PUBLIC_LIMITS.reportsPerIpPerHour, 3600);
  await consumeRate(deps, `report-device:${fields.deviceId}`, PUBLIC_LIMITS.reportsPerDevicePerHour, 3600);
  const cityCode = await resolveCity(deps);
  const challenge = await consumeChallenge(deps.db, cityCode, fields.challenge, deps.now());
  if (!challenge || !meetsDifficulty(fields.challenge, fields.nonce, challenge.difficulty)) {
    throw new AppError(403, 'PROOF_OF_WORK_FAILED', {
      zh: '校验未通过或已过期，请刷新页面后重新提交',
      en: 'the proof of work is missing, wrong, used or expired; reload the page and submit again',
    });
  }
  if (photos.length > PUBLIC_LIMITS.maxPhotos) {
    throw new AppError(400, 'TOO_MANY_PHOTOS', {
      zh: `最多上传 ${PUBLIC_LIMITS.maxPhotos} 张照片`,
      en: `at most ${PUBLIC_LIMITS.maxPhotos} photos`,
    });
  }
  const known = fields.serviceCode === 'unknown' ? UNKNOWN_CATEGORY : parseServiceCode(fields.serviceCode);
  const category = known ? await findCategory(deps.db, cityCode, known.kind, known.code) : null;
  const service = (await listServices(deps, cityCode)).find(
    (s) => s.service_code === (fields.serviceCode === 'unknown' ? 'E0199' : fields.serviceCode),
  );
  if (!category?.active || !service || service.type === 'blackbox') {
    throw new AppError(400, 'UNKNOWN_CATEGORY', {
      zh: '请选择有效的问题类别',
      en: 'choose a valid category',
    });
  }
  if (!(await locatePoint(deps.db, cityCode, fields.lng, fields.lat))) {
    throw new AppError(400, 'OUTSIDE_CITY', {
      zh: '该位置不在本市网格范围内，请调整位置',
      en: 'the point is outside the city’s unit grids',
    });
  }
  const media: StoredImage[] = [];
  for (const bytes of photos) media.push(await storeImage(deps.files, bytes, PUBLIC_LIMITS.photoMaxBytes));
  const description =
    fields.serviceCode === 'unknown' ? `【市民未选类别】${fields.description}` : fields.description;
  const created = await createIntake(
    deps,
    {
      cityCode,
      channel: 'report_page',
      apiKeyId: null,
      serviceCode: fields.serviceCode === 'unknown' ? 'E0199' : fields.serviceCode,
      kind: category.kind,
      categoryCode: category.code,
      description,
      lng: fields.lng,
      lat: fields.lat,
      address: fields.address ?? null,
      attributes: {},
      contact: { ...(fields.phone ? { phone: fields.phone } : {}), device_id: fields.deviceId },
      media,
    },
    'now',
  );
  return { trackingNo: created.caseNo as string, statusUrl: `/report/status/${created.caseNo}` };
}

/** What anyone holding the tracking number may see: no reporter, no phone, redacted text. */
export async function publicStatus(deps: AppDeps, trackingNo: string): Promise<PublicStatus> {
  const cityCode = await resolveCity(deps);
  const row = await selectPublicCase(deps.db, cityCode, trackingNo);
  if (!row) throw notFound({ zh: '该编号的上报', en: 'report with this tracking number' });
  const steps = await selectTransitionsOf(deps.db, [row.id]);
  return {
    trackingNo: row.caseNo,
    status: open311Status(row.status),
    statusLabel: statusLabel(row.status),
    category: row.categoryName,
    description: redactPersonal(row.description),
    reportedAt: toShanghaiIso(row.reportedAt),
    expectedAt: row.deadlineAt ? toShanghaiIso(row.deadlineAt) : null,
    steps: steps.flatMap((s) => {
      const label = publicStepLabel(s);
      return label ? [{ at: toShanghaiIso(s.at), label }] : [];
    }),
  };
}

export async function publicLocate(deps: AppDeps, ip: string, lng: number, lat: number) {
  await consumeRate(deps, `locate-ip:${ip}`, PUBLIC_LIMITS.locatesPerIpPerMinute, 60);
  const cityCode = await resolveCity(deps);
  const place = await locatePoint(deps.db, cityCode, lng, lat);
  if (!place) return { inside: false as const };
  return {
    inside: true as const,
    grid: place.grid.code,
    district: place.district.name,
    street: place.street.name,
    community: place.community.name,
  };
}

/** Categories the page offers: every published service (blackbox ones are not listed). */
export async function publicCategories(deps: AppDeps) {
  const cityCode = await resolveCity(deps);
  const services = await listServices(deps, cityCode);
  return services
    .filter((s) => s.type !== 'blackbox')
    .map((s) => ({ serviceCode: s.service_code, name: s.service_name, group: s.group }));
}

/** 屏蔽/恢复: hides a case from every public output (or shows it again), with the reason logged. */
export async function moderateCase(
  deps: AppDeps,
  actor: Actor,
  caseNo: string,
  input: { hidden: boolean; reason: string },
) {
  const ref = await selectCaseRefByNo(deps.db, actor.cityCode, caseNo);
  if (!ref) throw notFound({ zh: '案卷', en: 'case' });
  await deps.db.transaction().execute(async (trx) => {
    await upsertFlag(trx, {
      caseId: ref.id,
      cityCode: actor.cityCode,
      hidden: input.hidden,
      reason: input.reason,
      changedBy: actor.userId,
      changedAt: deps.now(),
    });
    await recordActorAudit(trx, actor, input.hidden ? 'public.hide' : 'public.unhide', 'case', ref.id, {
      caseNo,
      reason: input.reason,
    });
  });
  return { caseNo, hidden: input.hidden };
}
