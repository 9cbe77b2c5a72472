import { localProjection } from '../../src/modules/field/coverage.js';
import { locatePoint } from '../../src/modules/geo/index.js';
import type { TestApp } from './test-app.js';

// Fixtures for the field tests: user ids, a metric frame around a known city point.

export const CITY = '510400';

export async function userId(t: TestApp, login: string): Promise<string> {
  const row = await t.database.db
    .selectFrom('users')
    .select('id')
    .where('login', '=', login)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function gridCodeAt(t: TestApp, lng: number, lat: number): Promise<string> {
  const place = await locatePoint(t.database.db, CITY, lng, lat);
  if (!place) throw new Error('point outside grids');
  return place.grid.code;
}

/** Metres → lng/lat around an origin, with the projection the coverage uses. */
export function metricFrame(origin: { lng: number; lat: number }) {
  const projection = localProjection([origin.lng, origin.lat]);
  return (x: number, y: number): [number, number] => projection.toLngLat([x, y]);
}
