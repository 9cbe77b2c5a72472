import { type Kysely, sql } from 'kysely';

// The queue pages' indexes over open cases only (issue 8). Forward-only.
//
// A 待派遣/处置中 page is an open-state page of a district (and often a category) by deadline.
// At 10 M cases the full index of 0013 keeps a district's category in one range, but that range
// lies scattered over a 35 GB table, and without the id in the index the page read all of it
// (589 cases for a 50-row page) to sort. Open cases are ~2-4% of a city's history; indexes over
// them alone stay in memory, and with the deadline and id last they hand over a page in its
// order, so LIMIT 50 reads 50 cases. One index per page shape: with a category and without.
// 0013's full index stays for the pages of closed or voided cases of a district.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX cases_open_district_category_idx
      ON cases (city_code, district_id, status, category_id, stage_deadline_at, id)
      WHERE status NOT IN ('closed', 'voided');
    CREATE INDEX cases_open_district_idx
      ON cases (city_code, district_id, status, stage_deadline_at, id)
      WHERE status NOT IN ('closed', 'voided');
  `.execute(db);
}
