import { type Kysely, sql } from 'kysely';

// The monthly-facts refresh of 0006, cheaper per statement (issue 8). Forward-only.
//
// Every write to a case's log runs refresh_case_month_facts. As a LANGUAGE sql function its
// three statements were planned again on every call: ~7 ms of a ~9 ms refresh for one case,
// which capped intake at about a hundred reports a second. The same statements in plpgsql keep
// their plans for the session. The body is taken from the function 0006 created, so the
// definitions stay the ones the tests compare with the recount.
//
// A new case without log rows has all of its facts false, so the case trigger now writes that
// row directly instead of running the refresh: a bulk writer (demo history, import, generator)
// inserts its cases and then their logs, and the log's trigger did the same work again. A case
// whose log rows came in the same statement (a report: case, log and audit in one WITH) is left
// to the log's trigger. A case's log never precedes the case (foreign key), so no case is left
// without its row.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DO $do$
    DECLARE
      body text;
    BEGIN
      SELECT prosrc INTO body FROM pg_proc WHERE proname = 'refresh_case_month_facts';
      EXECUTE format(
        'CREATE OR REPLACE FUNCTION refresh_case_month_facts(ids uuid[]) RETURNS void LANGUAGE plpgsql AS %L',
        'BEGIN ' || rtrim(body, E' \n\t;') || '; END');
    END
    $do$;

    CREATE OR REPLACE FUNCTION case_facts_after_case_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      INSERT INTO case_month_facts (case_id, city_code, month, district_id, category_id, source,
        filed, self_disposed, due, disposed, on_time, closed)
      SELECT n.id, n.city_code, to_char(n.reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'),
        n.district_id, n.category_id, n.source, false, false, false, false, false, false
      FROM new_rows n
      WHERE NOT EXISTS (SELECT 1 FROM case_transitions t WHERE t.case_id = n.id)
      ON CONFLICT (case_id) DO NOTHING;
      RETURN NULL;
    END
    $fn$;
  `.execute(db);
}
