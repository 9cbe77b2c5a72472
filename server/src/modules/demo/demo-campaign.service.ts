import type { Db } from '../../platform/db/database.js';
import { importCampaignHistory } from '../field/index.js';
import { demoGeography, findRegionByName } from '../geo/index.js';
import { findUserIdByLogin } from '../users/index.js';
import { generateZebraEntries, ZEBRA_CAMPAIGN, ZEBRA_COUNTS } from './demo-campaign.js';
import { DISTRICT_NAMES, type DistrictKey } from './demo-plan.js';

/** The contract areas' collectors (demo-history.service.ts makes them): login stem and how many. */
const COLLECTORS: Partial<Record<DistrictKey, { stem: string; count: number }>> = {
  dq: { stem: 'dq', count: 45 },
  xq: { stem: 'xq', count: 24 },
  rh: { stem: 'rh', count: 21 },
};

/**
 * Loads the July 2019 zebra-crossing campaign with its 5,524 entries (one transaction, bulk
 * INSERTs through the field module). Present already (by name): nothing is written.
 */
export function seedDemoCampaign(db: Db, cityCode: string) {
  return importCampaignHistory(db, cityCode, ZEBRA_CAMPAIGN, async () => {
    const districtIds = {} as Record<DistrictKey, string>;
    const reporters: Partial<Record<DistrictKey, (string | null)[]>> = {};
    for (const key of Object.keys(ZEBRA_COUNTS) as DistrictKey[]) {
      const region = await findRegionByName(db, cityCode, DISTRICT_NAMES[key]);
      if (!region) throw new Error(`demo campaign: district ${DISTRICT_NAMES[key]} is missing`);
      districtIds[key] = region.id;
      const { stem, count } = COLLECTORS[key] ?? { stem: key, count: 0 };
      const ids: (string | null)[] = [];
      for (let i = 1; i <= count; i++) {
        ids.push((await findUserIdByLogin(db, `jdy-${stem}${String(i).padStart(2, '0')}`)) ?? null);
      }
      reporters[key] = ids;
    }
    const grids = demoGeography().grids.map((g) => ({ streetCode: g.streetCode, bbox: g.bbox }));
    const entries = generateZebraEntries(
      grids,
      Object.fromEntries(Object.entries(reporters).map(([k, ids]) => [k, ids.length])),
    );
    return entries.map((e) => ({
      data: { time: e.observedAt.toISOString(), place: e.place, plate: e.plate },
      observedAt: e.observedAt,
      createdAt: e.createdAt,
      lng: e.lng,
      lat: e.lat,
      districtId: districtIds[e.district],
      reporterId: reporters[e.district]?.[e.collector] ?? null,
      featured: e.featured,
    }));
  });
}
