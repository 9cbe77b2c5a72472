import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { recordActorAudit } from '../audit/index.js';
import { type AreaGeometry, getGrid } from '../geo/index.js';
import { collectorGridIds } from '../users/index.js';
import { selectCollector } from './collectors.repository.js';
import { requireCollectorUser } from './collectors.service.js';
import { type DayMapCollection, dayMapCollection } from './day-map.js';
import { getFieldSettings } from './settings.service.js';
import { checkTrackAccess, dayRange, loadDayPoints } from './tracks.service.js';

/**
 * The map of a collector's day: duty grids as of midday (as the day report counts them), the
 * route and the track cut at the city's gap setting. Reading someone else's track is audited.
 */
export async function collectorDayMap(
  deps: AppDeps,
  actor: Actor,
  userId: string,
  day: string,
): Promise<DayMapCollection & { userId: string; day: string }> {
  const { db } = deps;
  await checkTrackAccess(db, actor, userId);
  await requireCollectorUser(db, actor.cityCode, userId);
  const { from } = dayRange(day);
  const midday = new Date(from.getTime() + 12 * 3_600_000);
  const [settings, profile, points, gridIds] = await Promise.all([
    getFieldSettings(db, actor.cityCode),
    selectCollector(db, actor.cityCode, userId),
    loadDayPoints(db, actor.cityCode, userId, day),
    collectorGridIds(db, actor.cityCode, userId, midday),
  ]);
  const grids = await Promise.all(gridIds.map((id) => getGrid(db, actor.cityCode, id)));
  if (actor.userId !== userId) {
    await recordActorAudit(db, actor, 'field.track_view', 'user', userId, { day });
  }
  return {
    ...dayMapCollection({
      points,
      route: profile?.route ?? null,
      grids: grids.map((g) => ({
        id: g.id,
        code: g.code,
        name: g.name,
        geometry: g.boundary as AreaGeometry,
      })),
      gapMinutes: settings.gapMinutes,
    }),
    userId,
    day,
  };
}
