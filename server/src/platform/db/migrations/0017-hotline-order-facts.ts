import { type Kysely, sql } from 'kysely';

// Incrementally maintained facts of each 12345 work order (issue 8). Forward-only.
//
// A month's hotline figures (hotline-figures.ts) are counts over what each order's log says as of
// the month's end. Reading every order's log for that (hotline.repository selectOrderFacts) took
// ~1.8 s for a 1 M-case month's ~144,000 orders on the bench machine; here each order keeps one
// row of those facts, refreshed in the same statement as any write to the order or its log, as
// 0006 does for cases. The figures of a settled month are then one grouped scan of small rows.
//
// The facts are as of the last instant of the order's month (Asia/Shanghai): log rows written later (a
// callback in the next month) change nothing here, as they change nothing in the log's recount
// for that month. Whether the order was merged away is kept as its time, compared when read.
// Rows are per order (never a shared counter row), so concurrent writers never wait on each other.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE hotline_order_facts (
      order_id uuid PRIMARY KEY REFERENCES hotline_orders(id) ON DELETE CASCADE,
      city_code text NOT NULL,
      month text NOT NULL,
      valid boolean NOT NULL,
      appeal_type text,
      subject_id uuid,
      merged_at timestamptz,
      answered boolean NOT NULL,
      transferred boolean NOT NULL,
      converted_to_case boolean NOT NULL,
      last_lead_unit_id uuid,
      status_at_month_end text
    );
    CREATE INDEX hotline_order_facts_month_idx ON hotline_order_facts (city_code, month);

    CREATE FUNCTION refresh_hotline_order_facts(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $fn$
    BEGIN
      INSERT INTO hotline_order_facts (order_id, city_code, month, valid, appeal_type, subject_id,
        merged_at, answered, transferred, converted_to_case, last_lead_unit_id, status_at_month_end)
      SELECT o.id, o.city_code, to_char(o.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'),
        o.valid, o.appeal_type, o.subject_id, o.merged_at,
        coalesce(l.answered, false), coalesce(l.transferred, false), coalesce(l.converted_to_case, false),
        l.last_lead_unit_id, l.status
      FROM hotline_orders o
      LEFT JOIN LATERAL (
        SELECT
          bool_or(l.action = 'answer') AS answered,
          bool_or(l.action = 'transfer') AS transferred,
          bool_or(l.action = 'convert') AS converted_to_case,
          (array_agg(l.unit_id ORDER BY l.seq DESC) FILTER (WHERE l.action = 'transfer'))[1]
            AS last_lead_unit_id,
          (array_agg(l.to_status ORDER BY l.seq DESC))[1] AS status
        FROM hotline_order_log l
        WHERE l.order_id = o.id
          AND l.at < (date_trunc('month', o.received_at AT TIME ZONE 'Asia/Shanghai') + interval '1 month')
            AT TIME ZONE 'Asia/Shanghai'
      ) l ON true
      WHERE o.id = ANY(ids)
      ON CONFLICT (order_id) DO UPDATE SET
        city_code = EXCLUDED.city_code, month = EXCLUDED.month, valid = EXCLUDED.valid,
        appeal_type = EXCLUDED.appeal_type, subject_id = EXCLUDED.subject_id,
        merged_at = EXCLUDED.merged_at, answered = EXCLUDED.answered,
        transferred = EXCLUDED.transferred, converted_to_case = EXCLUDED.converted_to_case,
        last_lead_unit_id = EXCLUDED.last_lead_unit_id, status_at_month_end = EXCLUDED.status_at_month_end;
    END
    $fn$;

    CREATE FUNCTION hotline_order_facts_after_order_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM refresh_hotline_order_facts(ARRAY(SELECT id FROM new_rows));
      RETURN NULL;
    END
    $fn$;
    CREATE TRIGGER hotline_order_facts_order_insert AFTER INSERT ON hotline_orders
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
      EXECUTE FUNCTION hotline_order_facts_after_order_insert();

    -- Most updates of an order (its state, version, deadline) leave its facts' own columns alone;
    -- those are taken from the log's trigger.
    CREATE FUNCTION hotline_order_facts_after_order_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM refresh_hotline_order_facts(ARRAY(
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.valid, n.appeal_type, n.subject_id, n.merged_at, n.received_at, n.city_code)
          IS DISTINCT FROM (o.valid, o.appeal_type, o.subject_id, o.merged_at, o.received_at, o.city_code)));
      RETURN NULL;
    END
    $fn$;
    CREATE TRIGGER hotline_order_facts_order_update AFTER UPDATE ON hotline_orders
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
      EXECUTE FUNCTION hotline_order_facts_after_order_update();

    CREATE FUNCTION hotline_order_facts_after_log_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM refresh_hotline_order_facts(ARRAY(SELECT DISTINCT order_id FROM new_rows));
      RETURN NULL;
    END
    $fn$;
    CREATE TRIGGER hotline_order_facts_log_insert AFTER INSERT ON hotline_order_log
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
      EXECUTE FUNCTION hotline_order_facts_after_log_insert();

    SELECT refresh_hotline_order_facts(ARRAY(SELECT id FROM hotline_orders));
    ANALYZE hotline_order_facts;
  `.execute(db);
}
