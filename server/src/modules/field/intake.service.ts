import { createHash, randomBytes } from 'node:crypto';
import type { IntakeFields } from '@cityloop/contracts/field';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import { AppError, invalid, notFound } from '../../platform/http/errors.js';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { recordActorAudit } from '../audit/index.js';
import { attachCasePhoto, findOpenCasesNear, reportCase } from '../cases/index.js';
import { locatePoint } from '../geo/index.js';
import { checkImage } from '../media/index.js';
import { findCategory } from '../taxonomy/index.js';
import { findUserIdByLogin, userBrief } from '../users/index.js';
import {
  countDetections,
  deactivateToken,
  insertDetection,
  insertToken,
  selectDetection,
  selectTokenByHash,
  selectTokens,
} from './intake.repository.js';
import { getFieldSettings } from './settings.service.js';
import { monthRange } from './verification-rates.service.js';

// Cases found by video surveillance and drones enter the same 受理 queue as everyone else's,
// tagged with their source and device. A detection next to an open case of the same category
// is flagged as its duplicate instead of being filed twice.

export type MachineSource = 'video' | 'drone';
const sourceLabels: Record<MachineSource, string> = { video: '视频监控', drone: '无人机' };
/** Centre roles whose users may post detections themselves or be the identity of a token. */
const intakeRoles: readonly Actor['role'][] = ['acceptor', 'shift_lead'];

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const badToken = () =>
  new AppError(401, 'BAD_INTAKE_TOKEN', {
    zh: '接入令牌无效或已停用',
    en: 'the intake token is invalid or revoked',
  });

/**
 * Who a detection is filed as: the centre user behind an intake token (machines), or a
 * logged-in 受理员/值班长 (people watching the video wall). A token serves one source only.
 */
export async function resolveIntakeActor(
  db: Db,
  token: string | undefined,
  session: Actor | null,
  source: MachineSource,
  ip: string,
): Promise<{ actor: Actor; tokenId: string | null }> {
  if (token) {
    const row = await selectTokenByHash(db, hashToken(token));
    if (!row?.active) throw badToken();
    if (row.source !== source) {
      throw new AppError(403, 'WRONG_INTAKE_SOURCE', {
        zh: `该令牌只能接入${sourceLabels[row.source]}案件`,
        en: `this token only accepts ${row.source} detections`,
      });
    }
    const user = await userBrief(db, row.cityCode, row.actingUserId);
    if (!user?.active || !intakeRoles.includes(user.role as Actor['role'])) throw badToken();
    return {
      actor: {
        userId: user.id,
        login: user.login,
        role: user.role as Actor['role'],
        cityCode: user.cityCode,
        unitId: user.unitId,
        regionId: user.regionId,
        ip,
      },
      tokenId: row.id,
    };
  }
  if (!session) throw new AppError(401, 'UNAUTHENTICATED', { zh: '请先登录', en: 'please log in first' });
  if (!intakeRoles.includes(session.role)) {
    throw new AppError(403, 'FORBIDDEN', {
      zh: '当前角色无权执行此操作',
      en: 'your role is not allowed to do this',
    });
  }
  return { actor: session, tokenId: null };
}

export interface IntakeOutcome {
  duplicate: boolean;
  caseId: string;
  caseNo?: string;
  /** a duplicate: how far the open case is */
  distanceM?: number;
  /** the same detection was posted before; this is its outcome */
  replayed: boolean;
}

export async function intakeDetection(
  deps: AppDeps,
  actor: Actor,
  tokenId: string | null,
  source: MachineSource,
  fields: IntakeFields,
  frame: Buffer,
): Promise<IntakeOutcome> {
  const { db } = deps;
  const capturedAt = new Date(fields.capturedAt);
  const now = deps.now();
  if (capturedAt.getTime() > now.getTime() + 5 * 60_000) {
    throw invalid('拍摄时间不能晚于当前时间', 'capturedAt cannot be in the future');
  }
  // The frame is checked first: a bad upload is refused even when the detection is a duplicate.
  await checkImage(frame, deps.config.uploadMaxBytes);
  const previous = await selectDetection(db, actor.cityCode, source, fields.deviceId, capturedAt);
  if (previous) return { duplicate: previous.duplicate, caseId: previous.caseId, replayed: true };

  const category = await findCategory(db, actor.cityCode, fields.kind, fields.categoryCode);
  if (!category?.active) {
    throw invalid(
      `未知的类别：${fields.categoryCode}`,
      `unknown ${fields.kind} category: ${fields.categoryCode}`,
    );
  }
  const place = await locatePoint(db, actor.cityCode, fields.lng, fields.lat);
  if (!place) throw invalid('该位置不在本市网格范围内', 'the point is outside the city’s unit grids');
  const settings = await getFieldSettings(db, actor.cityCode);
  const detection = {
    cityCode: actor.cityCode,
    source,
    deviceId: fields.deviceId,
    capturedAt,
    receivedAt: now,
    lng: fields.lng,
    lat: fields.lat,
    categoryId: category.id,
    districtId: place.district.id,
    tokenId,
  };

  const [open] = await findOpenCasesNear(db, actor.cityCode, {
    categoryId: category.id,
    lng: fields.lng,
    lat: fields.lat,
    radiusM: settings.duplicateRadiusM,
    since: new Date(capturedAt.getTime() - settings.duplicateWindowHours * 3_600_000),
  });
  if (open) {
    await db.transaction().execute(async (trx) => {
      await insertDetection(trx, { ...detection, id: uuidv7(), caseId: open.id, duplicate: true });
      await recordActorAudit(trx, actor, 'field.intake_duplicate', 'case', open.id, {
        source,
        deviceId: fields.deviceId,
        distanceM: Math.round(open.distanceM),
      });
    });
    return {
      duplicate: true,
      caseId: open.id,
      caseNo: open.caseNo,
      distanceM: open.distanceM,
      replayed: false,
    };
  }

  // The idempotency key makes a resent detection find the case its first attempt filed; the
  // detection row below is then written once (unique per device and instant).
  const { case: filed } = await reportCase(
    deps,
    actor,
    {
      kind: fields.kind,
      categoryCode: fields.categoryCode,
      description:
        fields.description ?? `${sourceLabels[source]}发现：${category.name}（设备 ${fields.deviceId}）`,
      lng: fields.lng,
      lat: fields.lat,
      source,
      urgent: false,
      selfDisposed: false,
      reportedAt: capturedAt.toISOString(),
    },
    `${source}:${fields.deviceId}:${capturedAt.toISOString()}`,
  );
  await attachCasePhoto(deps, actor, filed.id, 'report', frame);
  await db.transaction().execute(async (trx) => {
    await insertDetection(trx, { ...detection, id: uuidv7(), caseId: filed.id, duplicate: false });
    await recordActorAudit(trx, actor, 'field.intake', 'case', filed.id, {
      source,
      deviceId: fields.deviceId,
    });
  });
  return { duplicate: false, caseId: filed.id, caseNo: filed.caseNo, replayed: false };
}

/** Makes a token for a camera platform or drone system; the clear token is shown only here. */
export async function createIntakeToken(
  deps: AppDeps,
  actor: Actor,
  input: { name: string; source: MachineSource; actingLogin: string },
): Promise<{ id: string; token: string }> {
  const userId = await findUserIdByLogin(deps.db, input.actingLogin);
  const user = userId ? await userBrief(deps.db, actor.cityCode, userId) : null;
  if (!user?.active || !intakeRoles.includes(user.role as Actor['role'])) {
    throw invalid(
      '代理用户须为在用的受理员或值班长',
      'the acting user must be an active acceptor or shift lead',
    );
  }
  const token = `cli_${randomBytes(24).toString('base64url')}`;
  const id = uuidv7();
  await deps.db.transaction().execute(async (trx) => {
    await insertToken(trx, {
      id,
      cityCode: actor.cityCode,
      name: input.name,
      source: input.source,
      tokenHash: hashToken(token),
      actingUserId: user.id,
      createdBy: actor.userId,
      createdAt: deps.now(),
    });
    await recordActorAudit(trx, actor, 'field.intake_token', 'intake_token', id, {
      name: input.name,
      source: input.source,
    });
  });
  return { id, token };
}

export function listIntakeTokens(db: Db, cityCode: string) {
  return selectTokens(db, cityCode);
}

export async function revokeIntakeToken(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await deactivateToken(trx, actor.cityCode, id)))
      throw notFound({ zh: '接入令牌', en: 'intake token' });
    await recordActorAudit(trx, actor, 'field.intake_token_revoke', 'intake_token', id);
  });
}

/**
 * 视频/无人机 detections per district and source in a month (by capture time): filed cases
 * and flagged duplicates — the input of the contractor quota indicators (≥100 / ≥200 a month).
 */
export async function machineIntakeCounts(db: Db, cityCode: string, month: string) {
  const { from, to } = monthRange(month);
  return countDetections(db, cityCode, from, to);
}
