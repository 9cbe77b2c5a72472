import { type Kysely, sql } from 'kysely';

// The monthly-facts refresh of 0006, cheaper per statement (issue 8). Forward-only.
//
// Every write to a case's log runs refresh_case_month_facts. As a LANGUAGE sql function its
// three statements were planned again on every call: ~7 ms of a ~9 ms refresh for one case,
// which capped intake at about a hundred reports a second. The same statements in plpgsql keep
// their plans for the session. The body is taken from the function 0006 created, so the
// definitions stay the ones the tests compare with the recount.
//
// A report writes its case and first log row in one statement, and both insert triggers used
// to refresh the same case. The case trigger now refreshes only cases that have no log row yet;
// a case with log rows is refreshed by the log trigger of the statement that wrote them (the
// same statement, or — a case's log never precedes the case — a later one).
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
    DECLARE
      ids uuid[] := ARRAY(
        SELECT n.id FROM new_rows n
        WHERE NOT EXISTS (SELECT 1 FROM case_transitions t WHERE t.case_id = n.id));
    BEGIN
      IF cardinality(ids) > 0 THEN
        PERFORM refresh_case_month_facts(ids);
      END IF;
      RETURN NULL;
    END
    $fn$;
  `.execute(db);
}
