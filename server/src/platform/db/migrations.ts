import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { Migrator } from 'kysely';
import * as foundation from './migrations/0001-foundation.js';
import * as hotline from './migrations/0002-hotline.js';
import * as statistics from './migrations/0003-statistics.js';
import * as field from './migrations/0004-field.js';
import * as open311 from './migrations/0005-open311.js';
import * as caseRollups from './migrations/0006-case-rollups.js';
import * as campaignExposure from './migrations/0007-campaign-exposure.js';
import * as open311Updates from './migrations/0009-open311-updates.js';
import * as vendorEvidence from './migrations/0010-vendor-evidence.js';
import * as calendarRevision from './migrations/0011-calendar-revision.js';
import * as caseFactsCachedPlans from './migrations/0012-case-facts-cached-plans.js';
import * as queuePageIndex from './migrations/0013-queue-page-index.js';
import * as declaredPhotos from './migrations/0014-declared-photos.js';
import * as mergedOrdersIndex from './migrations/0015-merged-orders-index.js';
import * as openCaseQueueIndexes from './migrations/0016-open-case-queue-indexes.js';
import * as hotlineOrderFacts from './migrations/0017-hotline-order-facts.js';

// Listed explicitly (not read from disk) so the set is the same under tsx, bundlers and tests.
const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-hotline': hotline,
  '0003-statistics': statistics,
  '0004-field': field,
  '0005-open311': open311,
  '0006-case-rollups': caseRollups,
  '0007-campaign-exposure': campaignExposure,
  '0009-open311-updates': open311Updates,
  '0010-vendor-evidence': vendorEvidence,
  '0011-calendar-revision': calendarRevision,
  '0012-case-facts-cached-plans': caseFactsCachedPlans,
  '0013-queue-page-index': queuePageIndex,
  '0014-declared-photos': declaredPhotos,
  '0015-merged-orders-index': mergedOrdersIndex,
  '0016-open-case-queue-indexes': openCaseQueueIndexes,
  '0017-hotline-order-facts': hotlineOrderFacts,
};

const provider: MigrationProvider = {
  getMigrations: async () => migrations,
};

export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
