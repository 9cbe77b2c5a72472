import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { AppError } from '../../platform/http/errors.js';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { recordAudit } from '../audit/index.js';
import { attachCasePhoto, reportCase } from '../cases/index.js';
import type { StoredImage } from '../media/index.js';
import { findUserIdByLogin } from '../users/index.js';
import {
  insertIntake,
  leasePendingIntake,
  markIntakeDone,
  markIntakeFailed,
  recordIntakeError,
  selectIntakeById,
} from './open311.repository.js';
import { intakeLogin } from './open311-seed.js';

/** A validated request from Open311 or the citizen page, before it becomes a case. */
export interface IntakeInput {
  cityCode: string;
  channel: 'open311' | 'report_page';
  apiKeyId: string | null;
  serviceCode: string;
  kind: 'event' | 'part';
  categoryCode: string;
  description: string;
  lng: number;
  lat: number;
  address: string | null;
  attributes: Record<string, unknown>;
  /** Personal fields (phone, email, names, device and account ids): stored here, never published. */
  contact: Record<string, string>;
  media: StoredImage[];
}

const LEASE_MS = 60_000;
/** A batch request that keeps failing is given up after this many tries (and stays visible). */
const MAX_ATTEMPTS = 5;

async function intakeActor(deps: AppDeps, cityCode: string): Promise<Actor> {
  const login = intakeLogin(cityCode);
  const userId = await findUserIdByLogin(deps.db, login);
  if (!userId) {
    throw new AppError(503, 'PUBLIC_INTAKE_NOT_SET_UP', {
      zh: '本市尚未开通公众上报（缺少系统受理账号，请运行 seed）',
      en: 'public intake is not set up for this city (run seed)',
    });
  }
  return { userId, login, role: 'acceptor', cityCode, unitId: null, regionId: null };
}

/**
 * Records the request; `now` also turns it into a case at once (realtime services and the
 * citizen page), `later` leaves it to the intake job (batch services). The realtime path holds
 * a short lease so the job does not process the same row meanwhile; if this process dies
 * half-way, the job finishes the row after the lease (reportCase is idempotent by the row id).
 */
export async function createIntake(
  deps: AppDeps,
  input: IntakeInput,
  mode: 'now' | 'later',
): Promise<{ token: string; caseNo: string | null }> {
  const id = uuidv7();
  const token = randomBytes(12).toString('hex');
  const now = deps.now();
  await insertIntake(deps.db, {
    id,
    cityCode: input.cityCode,
    token,
    channel: input.channel,
    apiKeyId: input.apiKeyId,
    serviceCode: input.serviceCode,
    input: {
      kind: input.kind,
      categoryCode: input.categoryCode,
      description: input.description,
      lng: input.lng,
      lat: input.lat,
      address: input.address,
    },
    attributes: input.attributes,
    contact: input.contact,
    media: input.media,
    createdAt: now,
    lockedUntil: mode === 'now' ? new Date(now.getTime() + LEASE_MS) : null,
  });
  if (mode === 'later') return { token, caseNo: null };
  return { token, caseNo: await processIntake(deps, id) };
}

/** Turns one recorded request into a case (idempotent) and attaches its photos. */
export async function processIntake(deps: AppDeps, id: string): Promise<string> {
  const row = await selectIntakeById(deps.db, id);
  if (!row) throw new Error(`intake ${id} vanished`);
  const input = row.input as {
    kind: 'event' | 'part';
    categoryCode: string;
    description: string;
    lng: number;
    lat: number;
    address: string | null;
  };
  const actor = await intakeActor(deps, row.cityCode);
  const { case: created } = await reportCase(
    deps,
    actor,
    {
      kind: input.kind,
      categoryCode: input.categoryCode,
      description: input.description,
      lng: input.lng,
      lat: input.lat,
      address: input.address ?? undefined,
      source: 'public',
      urgent: false,
      selfDisposed: false,
      reportedAt: row.createdAt.toISOString(),
    },
    `open311:${row.id}`,
  );
  for (const photo of row.media) {
    await attachCasePhoto(deps, actor, created.id, 'report', await deps.files.get(photo.storageKey));
  }
  await markIntakeDone(deps.db, row.id, created.id, deps.now());
  return created.caseNo;
}

/**
 * One pass of the intake job: leases pending rows (so parallel workers and a restart never
 * double-process) and files each as a case. Failures are recorded on the row and in the audit
 * log; after MAX_ATTEMPTS the row is marked failed instead of retried forever.
 */
export async function runIntakeJob(deps: AppDeps, limit = 50): Promise<{ done: number; failed: number }> {
  const now = deps.now();
  const ids = await leasePendingIntake(deps.db, now, new Date(now.getTime() + LEASE_MS), limit);
  let done = 0;
  let failed = 0;
  for (const id of ids) {
    try {
      await processIntake(deps, id);
      done++;
    } catch (error) {
      failed++;
      const detail =
        error instanceof AppError
          ? { code: error.code, zh: error.messages.zh, en: error.messages.en }
          : { code: 'INTERNAL', en: String(error) };
      const row = await selectIntakeById(deps.db, id);
      if (!row) continue;
      if (row.attempts >= MAX_ATTEMPTS) await markIntakeFailed(deps.db, id, detail, deps.now());
      else await recordIntakeError(deps.db, id, detail);
      await recordAudit(deps.db, {
        cityCode: row.cityCode,
        action: 'open311.intake_failed',
        objectType: 'open311_request',
        objectId: id,
        success: false,
        detail: { ...detail, attempts: row.attempts },
      });
    }
  }
  return { done, failed };
}
