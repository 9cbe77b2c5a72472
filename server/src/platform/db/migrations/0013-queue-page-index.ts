import { type Kysely, sql } from 'kysely';

// The queue page's index (issue 8). Forward-only.
//
// A 待派遣/处置中 page filtered by district and category read every open case of the district in
// those states through cases_district_idx (city, district, status) and dropped the other
// categories row by row: ~2,700 rows for a 50-row page in a 1 M-case city, ten times that at
// 10 M. With the category and the deadline in the index, the scan reads only the page's
// category (the district-only queries use the same leading columns, so the old index goes).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX cases_district_queue_idx
      ON cases (city_code, district_id, status, category_id, stage_deadline_at);
    DROP INDEX cases_district_idx;
  `.execute(db);
}
