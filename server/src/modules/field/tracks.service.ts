import type { PositionsBatch, PositionsResult } from '@cityloop/contracts/field';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import { AppError, forbidden } from '../../platform/http/errors.js';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { startOfShanghaiDay } from '../../platform/time.js';
import { recordActorAudit } from '../audit/index.js';
import { recordLastPosition } from '../users/index.js';
import { requireCollectorUser } from './collectors.service.js';
import { getFieldSettings } from './settings.service.js';
import { filterPoints } from './track-filter.js';
import {
  E7,
  insertBatch,
  insertTrackPoints,
  selectBatch,
  selectPointBefore,
  selectUserPoints,
} from './tracks.repository.js';

// GPS positions from the field app: filtered, stored once, read back as a day's track.

const centreOrLeader: readonly Actor['role'][] = ['acceptor', 'shift_lead', 'dispatcher', 'admin', 'leader'];

/** Stores a batch of the actor's own positions (see filterPoints for what is dropped). */
export async function ingestPositions(
  deps: AppDeps,
  actor: Actor,
  batch: PositionsBatch,
): Promise<PositionsResult> {
  const { db } = deps;
  if (actor.role !== 'collector') throw forbidden();
  if (batch.batchId) {
    const seen = await selectBatch(db, actor.userId, batch.batchId);
    if (seen) return replayOf(seen);
  }
  const settings = await getFieldSettings(db, actor.cityCode);
  const raw = batch.points.map((p) => ({ t: Date.parse(p.t), lng: p.lng, lat: p.lat, accuracy: p.accuracy }));
  const earliest = Math.min(...raw.map((p) => p.t));
  const anchorRow = await selectPointBefore(db, batch.deviceId, new Date(earliest));
  const anchor = anchorRow
    ? { t: anchorRow.recordedAt.getTime(), lng: anchorRow.lngE7 / E7, lat: anchorRow.latE7 / E7 }
    : null;
  const { kept, rejected } = filterPoints(
    raw,
    deps.now().getTime(),
    { maxSpeedKmh: settings.maxSpeedKmh, maxAccuracyM: settings.maxAccuracyM, maxFutureMs: 2 * 60_000 },
    anchor,
  );
  const batchId = batch.batchId ?? uuidv7();
  try {
    return await db.transaction().execute(async (trx) => {
      const stored = await insertTrackPoints(
        trx,
        { cityCode: actor.cityCode, userId: actor.userId, deviceId: batch.deviceId },
        {
          recordedAt: kept.map((p) => new Date(p.t).toISOString()),
          lngE7: kept.map((p) => Math.round(p.lng * E7)),
          latE7: kept.map((p) => Math.round(p.lat * E7)),
          accuracyM: kept.map((p) => (p.accuracy == null ? null : Math.min(32_767, Math.round(p.accuracy)))),
        },
      );
      const result = { received: raw.length, stored, duplicates: kept.length - stored, rejected };
      const recorded = await insertBatch(trx, {
        ...result,
        userId: actor.userId,
        batchId,
        cityCode: actor.cityCode,
        deviceId: batch.deviceId,
        receivedAt: deps.now(),
      });
      // A concurrent retry of the same batch got here first: roll ours back, answer with its result.
      if (!recorded) throw new BatchRace();
      const last = kept[kept.length - 1];
      if (last) {
        await recordLastPosition(trx, {
          userId: actor.userId,
          cityCode: actor.cityCode,
          deviceId: batch.deviceId,
          recordedAt: new Date(last.t),
          lng: last.lng,
          lat: last.lat,
        });
      }
      await recordActorAudit(trx, actor, 'field.positions', 'device', batch.deviceId, { batchId, ...result });
      return { ...result, replayed: false };
    });
  } catch (error) {
    const seen = error instanceof BatchRace ? await selectBatch(db, actor.userId, batchId) : undefined;
    if (seen) return replayOf(seen);
    throw error;
  }
}

class BatchRace extends Error {}

function replayOf(seen: {
  received: number;
  stored: number;
  duplicates: number;
  rejected: Record<string, number>;
}) {
  return {
    received: seen.received,
    stored: seen.stored,
    duplicates: seen.duplicates,
    rejected: {
      speed: seen.rejected.speed ?? 0,
      accuracy: seen.rejected.accuracy ?? 0,
      future: seen.rejected.future ?? 0,
      repeated: seen.rejected.repeated ?? 0,
    },
    replayed: true,
  };
}

/** Collectors see their own track; centre staff and leaders anyone's (行踪轨迹 is personal data: reads are audited). */
export async function checkTrackAccess(db: Db, actor: Actor, userId: string): Promise<void> {
  if (actor.userId === userId) return;
  if (!centreOrLeader.includes(actor.role)) throw forbidden();
  await requireCollectorUser(db, actor.cityCode, userId);
}

export function dayRange(day: string): { from: Date; to: Date } {
  const from = startOfShanghaiDay(day);
  if (Number.isNaN(from.getTime())) {
    throw new AppError(400, 'BAD_DAY', { zh: '日期格式应为 YYYY-MM-DD', en: 'day must be YYYY-MM-DD' });
  }
  return { from, to: new Date(from.getTime() + 24 * 3_600_000) };
}

export async function loadDayPoints(db: Db, cityCode: string, userId: string, day: string) {
  const { from, to } = dayRange(day);
  const rows = await selectUserPoints(db, cityCode, userId, from, to);
  return rows.map((r) => ({
    t: r.recordedAt.getTime(),
    lng: r.lngE7 / E7,
    lat: r.latE7 / E7,
    deviceId: r.deviceId,
    accuracy: r.accuracyM,
  }));
}

export interface DayTrackFeature {
  type: 'Feature';
  geometry: { type: 'LineString'; coordinates: [number, number][] } | null;
  properties: { userId: string; day: string; points: number; times: string[]; devices: string[] };
}

/** A collector's day as one GeoJSON LineString (null geometry under two points), times alongside. */
export async function dayTrack(
  deps: AppDeps,
  actor: Actor,
  userId: string,
  day: string,
): Promise<DayTrackFeature> {
  await checkTrackAccess(deps.db, actor, userId);
  const points = await loadDayPoints(deps.db, actor.cityCode, userId, day);
  if (actor.userId !== userId) {
    await recordActorAudit(deps.db, actor, 'field.track_view', 'user', userId, { day });
  }
  return {
    type: 'Feature',
    geometry:
      points.length >= 2 ? { type: 'LineString', coordinates: points.map((p) => [p.lng, p.lat]) } : null,
    properties: {
      userId,
      day,
      points: points.length,
      times: points.map((p) => new Date(p.t).toISOString()),
      devices: [...new Set(points.map((p) => p.deviceId))].sort(),
    },
  };
}
