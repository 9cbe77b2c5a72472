import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import {
  deleteShift,
  endCollectorGrids,
  insertCollectorGrids,
  insertShifts,
  selectCollectorGridIds,
  selectCollectorRoster,
  selectCollectorUsers,
  selectOnShiftPositions,
  selectResponsibleCollector,
  selectShifts,
  selectUserBrief,
  upsertLastPosition,
} from './collector-duty.repository.js';

// Who answers for a grid (责任网格) and who is on duty near a place. Plain functions on a Db
// (or a transaction): callers write their own audit rows in the same transaction.

/** The active collector responsible for `gridId` at `at` (the latest assignment wins), or null. */
export function responsibleCollector(
  db: Db,
  cityCode: string,
  gridId: string,
  at: Date,
): Promise<string | null> {
  return selectResponsibleCollector(db, cityCode, gridId, at);
}

/** Grid ids a collector answers for at `at`. */
export async function collectorGridIds(
  db: Db,
  cityCode: string,
  userId: string,
  at: Date,
): Promise<string[]> {
  return (await selectCollectorGridIds(db, cityCode, userId, at)).map((r) => r.gridId);
}

/**
 * Replaces a collector's responsibility grids from `at` on: grids dropped get an end, new ones
 * start; unchanged ones keep their history. Returns what changed.
 */
export async function setCollectorGrids(
  db: Db,
  cityCode: string,
  userId: string,
  gridIds: readonly string[],
  at: Date,
): Promise<{ added: string[]; removed: string[] }> {
  const current = new Set(await collectorGridIds(db, cityCode, userId, at));
  const wanted = new Set(gridIds);
  const removed = [...current].filter((id) => !wanted.has(id));
  const added = [...wanted].filter((id) => !current.has(id));
  await endCollectorGrids(db, cityCode, userId, removed, at);
  await insertCollectorGrids(
    db,
    added.map((gridId) => ({ cityCode, userId, gridId, since: at })),
  );
  return { added, removed };
}

export interface ShiftInput {
  startsAt: Date;
  endsAt: Date;
}

/** Adds shifts (a shift starting at the same instant is replaced). */
export function addCollectorShifts(
  db: Db,
  cityCode: string,
  userId: string,
  shifts: readonly ShiftInput[],
): Promise<number> {
  return insertShifts(
    db,
    shifts.map((s) => ({ id: uuidv7(), cityCode, userId, startsAt: s.startsAt, endsAt: s.endsAt })),
  );
}

export function collectorShifts(db: Db, cityCode: string, userId: string, from: Date, to: Date) {
  return selectShifts(db, cityCode, userId, from, to);
}

export function removeCollectorShift(db: Db, cityCode: string, id: string): Promise<boolean> {
  return deleteShift(db, cityCode, id);
}

export function recordLastPosition(
  db: Db,
  position: {
    userId: string;
    cityCode: string;
    deviceId: string;
    recordedAt: Date;
    lng: number;
    lat: number;
  },
): Promise<void> {
  return upsertLastPosition(db, position);
}

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/**
 * The collector on shift at `at` whose last position (no older than `freshMinutes`) is
 * closest to the point; null when nobody on shift has sent one.
 */
export async function nearestCollectorOnShift(
  db: Db,
  cityCode: string,
  point: { lng: number; lat: number },
  at: Date,
  freshMinutes = 30,
): Promise<string | null> {
  const candidates = await selectOnShiftPositions(
    db,
    cityCode,
    at,
    new Date(at.getTime() - freshMinutes * 60_000),
  );
  let best: { userId: string; d: number } | null = null;
  for (const c of candidates) {
    const d = distanceM(point, c);
    if (!best || d < best.d) best = { userId: c.userId, d };
  }
  return best?.userId ?? null;
}

/** Ground distance in metres between two nearby points (equirectangular: fine within a city). */
function distanceM(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const kx = Math.cos(a.lat * RAD);
  return Math.hypot((b.lng - a.lng) * kx, b.lat - a.lat) * RAD * EARTH_RADIUS_M;
}

export interface CollectorOnDuty {
  userId: string;
  login: string;
  displayName: string;
  /** Answers for the place's grid at `at`. */
  responsible: boolean;
  /** Answers for a grid of the place's district at `at`. */
  inDistrict: boolean;
  onShift: boolean;
  /** Metres to the place from a position no older than `freshMinutes`; null without one. */
  distanceM: number | null;
}

/**
 * Every active collector of the city with what routing a 核实/核查 task to them depends on at
 * `at` (responsibility for the place's grid or district, shift, distance), by login.
 */
export async function collectorsOnDuty(
  db: Db,
  cityCode: string,
  place: { gridId: string | null; districtId: string | null; lng: number; lat: number },
  at: Date,
  freshMinutes = 30,
): Promise<CollectorOnDuty[]> {
  const since = at.getTime() - freshMinutes * 60_000;
  const rows = await selectCollectorRoster(db, cityCode, at, place);
  return rows.map((r) => {
    const fresh =
      r.lng !== null && r.lat !== null && r.recordedAt !== null && r.recordedAt.getTime() >= since;
    return {
      userId: r.userId,
      login: r.login,
      displayName: r.displayName,
      responsible: Boolean(r.responsible),
      inDistrict: Boolean(r.inDistrict),
      onShift: Boolean(r.onShift),
      distanceM: fresh ? Math.round(distanceM(place, { lng: Number(r.lng), lat: Number(r.lat) })) : null,
    };
  });
}

export interface UserBrief {
  id: string;
  login: string;
  displayName: string;
  role: string;
  active: boolean;
  unitId: string | null;
  regionId: string | null;
  cityCode: string;
}

/** Who a user is (no credentials), or null. */
export async function userBrief(db: Db, cityCode: string, id: string): Promise<UserBrief | null> {
  return (await selectUserBrief(db, cityCode, id)) ?? null;
}

/** The city's collectors (监督员) by login. */
export function collectorUsers(db: Db, cityCode: string) {
  return selectCollectorUsers(db, cityCode);
}
