import type { Db } from '../../platform/db/database.js';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { type AreaGeometry, getGrid } from '../geo/index.js';
import { collectorGridIds, collectorShifts } from '../users/index.js';
import { selectCollector } from './collectors.repository.js';
import { listCollectors, requireCollectorUser } from './collectors.service.js';
import { getFieldSettings } from './settings.service.js';
import { type DayMetrics, dayMetrics } from './track-metrics.js';
import { selectBatchesReceived } from './tracks.repository.js';
import { checkTrackAccess, dayRange, loadDayPoints } from './tracks.service.js';

// A collector's day as the contractor assessment reads it: online time in the shift, distance,
// route coverage, interval density per grid, "三定" violations, and the points not trusted.

export interface DayOverrides {
  bufferM?: number;
  gapMinutes?: number;
  intervalMinutes?: number;
}

export interface DayReport extends DayMetrics {
  userId: string;
  day: string;
  contractPackage: string;
  company: string;
  settings: { bufferM: number; gapMinutes: number; intervalMinutes: number };
  /** positions received that day that were dropped, by reason */
  rejected: { speed: number; accuracy: number; future: number; repeated: number };
}

async function computeDay(db: Db, cityCode: string, userId: string, day: string, overrides: DayOverrides) {
  const settings = { ...(await getFieldSettings(db, cityCode)), ...stripUndefined(overrides) };
  const { from, to } = dayRange(day);
  // Responsibility grids as of midday: a reassignment during the day counts from the next day.
  const midday = new Date(from.getTime() + 12 * 3_600_000);
  const [profile, points, shifts, gridIds, batches] = await Promise.all([
    selectCollector(db, cityCode, userId),
    loadDayPoints(db, cityCode, userId, day),
    collectorShifts(db, cityCode, userId, from, to),
    collectorGridIds(db, cityCode, userId, midday),
    selectBatchesReceived(db, userId, from, to),
  ]);
  const grids = await Promise.all(gridIds.map((id) => getGrid(db, cityCode, id)));
  const metrics = dayMetrics({
    points,
    shifts: shifts.map((s) => ({
      start: Math.max(s.startsAt.getTime(), from.getTime()),
      end: Math.min(s.endsAt.getTime(), to.getTime()),
    })),
    route: profile?.route ?? null,
    grids: grids.map((g) => ({ id: g.id, code: g.code, geometry: g.boundary as AreaGeometry })),
    assignedDeviceId: profile?.deviceId ?? null,
    gapMinutes: settings.gapMinutes,
    bufferM: settings.bufferM,
    intervalMinutes: settings.intervalMinutes,
  });
  const rejected = { speed: 0, accuracy: 0, future: 0, repeated: 0 };
  for (const b of batches) {
    for (const key of Object.keys(rejected) as (keyof typeof rejected)[])
      rejected[key] += b.rejected[key] ?? 0;
  }
  return {
    ...metrics,
    userId,
    day,
    contractPackage: profile?.contractPackage ?? '',
    company: profile?.company ?? '',
    settings: {
      bufferM: settings.bufferM,
      gapMinutes: settings.gapMinutes,
      intervalMinutes: settings.intervalMinutes,
    },
    rejected,
  };
}

function stripUndefined(o: DayOverrides): DayOverrides {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

export async function collectorDayReport(
  deps: AppDeps,
  actor: Actor,
  userId: string,
  day: string,
  overrides: DayOverrides = {},
): Promise<DayReport> {
  await checkTrackAccess(deps.db, actor, userId);
  await requireCollectorUser(deps.db, actor.cityCode, userId);
  return computeDay(deps.db, actor.cityCode, userId, day, overrides);
}

/** Every collector's day (optionally one contract package): the daily sheet for the assessment. */
export async function dailyReports(
  db: Db,
  cityCode: string,
  day: string,
  filter: { contractPackage?: string } & DayOverrides = {},
): Promise<DayReport[]> {
  const { contractPackage, ...overrides } = filter;
  const collectors = await listCollectors(db, cityCode, { contractPackage });
  const out: DayReport[] = [];
  for (const c of collectors) out.push(await computeDay(db, cityCode, c.userId, day, overrides));
  return out;
}
