import type { CollectorProfileInput } from '@cityloop/contracts/field';
import type { Db } from '../../platform/db/database.js';
import { AppError, invalid, notFound } from '../../platform/http/errors.js';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { recordActorAudit } from '../audit/index.js';
import { findGridByCode, getGrid } from '../geo/index.js';
import {
  addCollectorShifts,
  collectorGridIds,
  collectorShifts,
  collectorUsers,
  removeCollectorShift,
  setCollectorGrids,
  userBrief,
} from '../users/index.js';
import {
  selectCollector,
  selectCollectorByDevice,
  selectCollectorRows,
  upsertCollector,
} from './collectors.repository.js';

// Collectors (监督员/信息采集员): contractor and contract package, the assigned device, the
// patrol route, responsibility grids and shifts — what the "三定" rule and attendance are
// measured against.

const collectorWord = { zh: '监督员', en: 'collector' };

export async function requireCollectorUser(db: Db, cityCode: string, userId: string) {
  const user = await userBrief(db, cityCode, userId);
  if (!user) throw notFound(collectorWord);
  if (user.role !== 'collector') throw invalid('该用户不是监督员', 'this user is not a collector');
  return user;
}

export interface CollectorView {
  userId: string;
  login: string;
  displayName: string;
  company: string;
  contractPackage: string;
  deviceId: string | null;
  route: [number, number][] | null;
  grids: { id: string; code: string; name: string | null }[];
}

export async function getCollector(
  db: Db,
  cityCode: string,
  userId: string,
  at: Date,
): Promise<CollectorView> {
  const user = await requireCollectorUser(db, cityCode, userId);
  const profile = await selectCollector(db, cityCode, userId);
  const grids = await Promise.all(
    (await collectorGridIds(db, cityCode, userId, at)).map((id) => getGrid(db, cityCode, id)),
  );
  return {
    userId,
    login: user.login,
    displayName: user.displayName,
    company: profile?.company ?? '',
    contractPackage: profile?.contractPackage ?? '',
    deviceId: profile?.deviceId ?? null,
    route: profile?.route ?? null,
    grids: grids.map((g) => ({ id: g.id, code: g.code, name: g.name })),
  };
}

export interface CollectorListItem {
  userId: string;
  login: string;
  displayName: string;
  active: boolean;
  company: string;
  contractPackage: string;
  deviceId: string | null;
  hasRoute: boolean;
}

export async function listCollectors(
  db: Db,
  cityCode: string,
  filter: { contractPackage?: string },
): Promise<CollectorListItem[]> {
  const [users, profiles] = await Promise.all([
    collectorUsers(db, cityCode),
    selectCollectorRows(db, cityCode),
  ]);
  const byUser = new Map(profiles.map((p) => [p.userId, p]));
  return users
    .map((u) => {
      const p = byUser.get(u.id);
      return {
        userId: u.id,
        login: u.login,
        displayName: u.displayName,
        active: u.active,
        company: p?.company ?? '',
        contractPackage: p?.contractPackage ?? '',
        deviceId: p?.deviceId ?? null,
        hasRoute: p?.route != null,
      };
    })
    .filter((c) => !filter.contractPackage || c.contractPackage === filter.contractPackage);
}

export interface CollectorPageItem extends CollectorListItem {
  /** responsibility grids now (定区域) */
  gridCodes: string[];
  /** shifts that touch the asked day */
  shifts: { id: string; startsAt: Date; endsAt: Date }[];
}

/**
 * A page of collectors for the console: profile, current grids and the day's shifts. The
 * filter runs over the city's collectors (a few hundred at most); duty is read for the page only.
 */
export async function collectorsPage(
  db: Db,
  cityCode: string,
  filter: {
    q?: string;
    contractPackage?: string;
    day: { from: Date; to: Date };
    page: number;
    pageSize: number;
  },
  at: Date,
): Promise<{ items: CollectorPageItem[]; total: number }> {
  const q = filter.q?.trim().toLowerCase();
  const all = (await listCollectors(db, cityCode, { contractPackage: filter.contractPackage })).filter(
    (c) =>
      !q ||
      c.login.toLowerCase().includes(q) ||
      c.displayName.toLowerCase().includes(q) ||
      c.company.toLowerCase().includes(q) ||
      (c.deviceId ?? '').toLowerCase().includes(q),
  );
  const slice = all.slice((filter.page - 1) * filter.pageSize, filter.page * filter.pageSize);
  const items: CollectorPageItem[] = [];
  for (const c of slice) {
    const gridIds = await collectorGridIds(db, cityCode, c.userId, at);
    const grids = await Promise.all(gridIds.map((id) => getGrid(db, cityCode, id)));
    const shifts = await collectorShifts(db, cityCode, c.userId, filter.day.from, filter.day.to);
    items.push({
      ...c,
      gridCodes: grids.map((g) => g.code).sort(),
      shifts: shifts.map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt })),
    });
  }
  return { items, total: all.length };
}

/** Sets a collector's profile; with gridCodes also their responsibility grids from now on. */
export async function saveCollectorProfile(
  deps: AppDeps,
  actor: Actor,
  userId: string,
  input: CollectorProfileInput,
): Promise<CollectorView> {
  const { db } = deps;
  await requireCollectorUser(db, actor.cityCode, userId);
  if (input.deviceId) {
    const holder = await selectCollectorByDevice(db, actor.cityCode, input.deviceId);
    if (holder && holder.userId !== userId) {
      throw new AppError(409, 'DEVICE_TAKEN', {
        zh: `设备 ${input.deviceId} 已分配给其他监督员`,
        en: `device ${input.deviceId} is assigned to another collector`,
      });
    }
  }
  let gridIds: string[] | undefined;
  if (input.gridCodes) {
    gridIds = [];
    for (const code of new Set(input.gridCodes)) {
      const grid = await findGridByCode(db, actor.cityCode, code);
      if (!grid) throw invalid(`网格 ${code} 不存在`, `grid ${code} does not exist`);
      gridIds.push(grid.id);
    }
  }
  const now = deps.now();
  await db.transaction().execute(async (trx) => {
    await upsertCollector(trx, {
      userId,
      cityCode: actor.cityCode,
      company: input.company,
      contractPackage: input.contractPackage,
      deviceId: input.deviceId,
      route: input.route,
      updatedAt: now,
    });
    const changed = gridIds ? await setCollectorGrids(trx, actor.cityCode, userId, gridIds, now) : null;
    await recordActorAudit(trx, actor, 'field.collector', 'user', userId, {
      contractPackage: input.contractPackage,
      deviceId: input.deviceId,
      routePoints: input.route?.length ?? 0,
      gridsAdded: changed?.added.length ?? 0,
      gridsRemoved: changed?.removed.length ?? 0,
    });
  });
  return getCollector(db, actor.cityCode, userId, now);
}

export async function addShifts(
  deps: AppDeps,
  actor: Actor,
  userId: string,
  shifts: readonly { startsAt: string; endsAt: string }[],
): Promise<{ saved: number }> {
  await requireCollectorUser(deps.db, actor.cityCode, userId);
  const parsed = shifts.map((s) => ({ startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) }));
  for (const s of parsed) {
    if (s.endsAt <= s.startsAt)
      throw invalid('班次结束时间须晚于开始时间', 'a shift must end after it starts');
    if (s.endsAt.getTime() - s.startsAt.getTime() > 24 * 3_600_000) {
      throw invalid('单个班次不能超过24小时', 'a shift cannot be longer than 24 hours');
    }
  }
  return deps.db.transaction().execute(async (trx) => {
    const saved = await addCollectorShifts(trx, actor.cityCode, userId, parsed);
    await recordActorAudit(trx, actor, 'field.shifts', 'user', userId, { shifts: parsed.length });
    return { saved };
  });
}

export async function listShifts(db: Db, cityCode: string, userId: string, from: Date, to: Date) {
  await requireCollectorUser(db, cityCode, userId);
  return collectorShifts(db, cityCode, userId, from, to);
}

export async function deleteShift(deps: AppDeps, actor: Actor, shiftId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await removeCollectorShift(trx, actor.cityCode, shiftId))) {
      throw notFound({ zh: '班次', en: 'shift' });
    }
    await recordActorAudit(trx, actor, 'field.shift_delete', 'shift', shiftId);
  });
}
