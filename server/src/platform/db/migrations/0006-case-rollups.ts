import { type Kysely, sql } from 'kysely';

// Incrementally maintained monthly facts (issues 4 and 8). Forward-only.
//
// A month's figures are counts over the facts of each case received in it, as of the month's
// end. Recomputing those facts from the transition log takes seconds for a big month; here each
// case keeps one row of them (and one row per unit it was sent to), refreshed in the same
// statement as any change to the case's log, so a month's figures are one indexed scan of small
// rows. The definitions are those of modules/statistics/case-facts.ts (the reference fold) and
// the recount in statistics.repository.ts; tests check that facts and recount agree.
//
// Why triggers: every writer of the log (API, bulk demo history, exchange import, the benchmark
// generator's COPY-style batches) must keep the facts true, and a statement-level trigger does
// that once per statement for all the rows it wrote, inside the writer's transaction. Rows are
// per case (never a shared counter row), so concurrent reports never wait on each other.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE case_month_facts (
      case_id uuid PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
      city_code text NOT NULL,
      month text NOT NULL,
      district_id uuid,
      category_id uuid,
      source text NOT NULL,
      filed boolean NOT NULL,
      self_disposed boolean NOT NULL,
      due boolean NOT NULL,
      disposed boolean NOT NULL,
      on_time boolean NOT NULL,
      closed boolean NOT NULL
    );
    CREATE INDEX case_month_facts_month_idx ON case_month_facts (city_code, month);

    -- One row per (case, unit) for due cases sent to the unit. open_deadline is the deadline in
    -- force when, at the month's end, the case still lay undisposed with the unit: whether that
    -- is overdue depends on the as-of instant, so it is compared when the figures are read.
    CREATE TABLE case_unit_month_facts (
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      unit_id uuid NOT NULL,
      city_code text NOT NULL,
      month text NOT NULL,
      disposed boolean NOT NULL,
      on_time boolean,
      closed boolean NOT NULL,
      extended boolean NOT NULL,
      reworked boolean NOT NULL,
      open_deadline timestamptz,
      PRIMARY KEY (case_id, unit_id)
    );
    CREATE INDEX case_unit_month_facts_month_idx ON case_unit_month_facts (city_code, month);

    CREATE FUNCTION refresh_case_month_facts(ids uuid[]) RETURNS void LANGUAGE sql AS $fn$
      WITH m AS (
        SELECT c.id, c.city_code, c.category_id, c.district_id, c.source,
          to_char(c.reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
          (date_trunc('month', c.reported_at AT TIME ZONE 'Asia/Shanghai') + interval '1 month')
            AT TIME ZONE 'Asia/Shanghai' AS month_end
        FROM cases c WHERE c.id = ANY(ids)
      ),
      p AS (
        SELECT m.id, m.city_code, m.month, m.category_id, m.district_id, m.source,
          coalesce(bool_or(t.action IN ('file', 'self_dispose')), false) AS filed,
          coalesce(bool_or(t.action = 'self_dispose'), false) AS self_disposed,
          coalesce(bool_or(t.action = 'void'), false) AS voided,
          coalesce(max(t.seq) FILTER (WHERE t.action = 'park'), 0)
            > coalesce(max(t.seq) FILTER (WHERE t.action = 'unpark'), 0) AS parked,
          coalesce(bool_or(t.action IN ('dispose', 'self_dispose')), false) AS disposed,
          coalesce(bool_or(t.action IN ('close', 'self_dispose')), false) AS closed,
          max(t.seq) FILTER (WHERE t.action = 'dispose') AS last_dispose_seq,
          max(t.at) FILTER (WHERE t.action = 'dispose') AS last_dispose_at
        FROM m LEFT JOIN case_transitions t ON t.case_id = m.id AND t.at < m.month_end
        GROUP BY m.id, m.city_code, m.month, m.category_id, m.district_id, m.source
      )
      INSERT INTO case_month_facts AS f (case_id, city_code, month, district_id, category_id, source,
        filed, self_disposed, due, disposed, on_time, closed)
      SELECT p.id, p.city_code, p.month, p.district_id, p.category_id, p.source,
        p.filed, p.self_disposed, p.filed AND NOT p.voided AND NOT p.parked, p.disposed,
        CASE
          WHEN p.self_disposed THEN true
          WHEN p.last_dispose_seq IS NULL THEN false
          ELSE coalesce((
            SELECT d.deadline_at IS NULL OR p.last_dispose_at <= d.deadline_at
            FROM case_transitions d
            WHERE d.case_id = p.id AND d.seq < p.last_dispose_seq
              AND d.action IN ('dispatch', 'rework', 'approve_extension')
            ORDER BY d.seq DESC LIMIT 1
          ), true)
        END,
        p.closed
      FROM p
      ON CONFLICT (case_id) DO UPDATE SET city_code = excluded.city_code, month = excluded.month,
        district_id = excluded.district_id, category_id = excluded.category_id,
        source = excluded.source, filed = excluded.filed, self_disposed = excluded.self_disposed,
        due = excluded.due, disposed = excluded.disposed, on_time = excluded.on_time,
        closed = excluded.closed;

      DELETE FROM case_unit_month_facts WHERE case_id = ANY(ids);

      WITH m AS (
        SELECT c.id, c.city_code,
          to_char(c.reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
          (date_trunc('month', c.reported_at AT TIME ZONE 'Asia/Shanghai') + interval '1 month')
            AT TIME ZONE 'Asia/Shanghai' AS month_end
        FROM cases c WHERE c.id = ANY(ids)
      ),
      r AS (
        SELECT m.city_code, m.month, t.case_id, t.seq, t.action, t.at, t.unit_id, t.to_status,
          t.deadline_at,
          lag(t.unit_id) OVER (PARTITION BY t.case_id ORDER BY t.seq) AS prev_unit,
          count(*) FILTER (WHERE t.action IN ('dispatch', 'rework', 'approve_extension'))
            OVER (PARTITION BY t.case_id ORDER BY t.seq) AS setter_group,
          max(t.seq) OVER whole AS last_seq,
          bool_or(t.action IN ('file', 'self_dispose')) OVER whole
            AND NOT bool_or(t.action = 'void') OVER whole
            AND coalesce(max(t.seq) FILTER (WHERE t.action = 'park') OVER whole, 0)
              <= coalesce(max(t.seq) FILTER (WHERE t.action = 'unpark') OVER whole, 0) AS due
        FROM m JOIN case_transitions t ON t.case_id = m.id AND t.at < m.month_end
        WINDOW whole AS (PARTITION BY t.case_id)
      ),
      rd AS (
        SELECT r.*,
          CASE WHEN r.setter_group = 0 THEN NULL
            ELSE first_value(r.deadline_at) OVER (PARTITION BY r.case_id, r.setter_group ORDER BY r.seq)
          END AS deadline_in_force
        FROM r
      ),
      ev AS (
        SELECT rd.city_code, rd.month, rd.case_id, rd.unit_id, rd.action, rd.seq, rd.at,
          rd.to_status, rd.deadline_in_force, rd.last_seq
        FROM rd WHERE rd.unit_id IS NOT NULL AND rd.due
        UNION ALL
        SELECT rd.city_code, rd.month, rd.case_id, rd.prev_unit, 'rework_of', rd.seq, rd.at,
          rd.to_status, NULL, rd.last_seq
        FROM rd WHERE rd.action = 'rework' AND rd.prev_unit IS NOT NULL AND rd.due
      )
      INSERT INTO case_unit_month_facts (case_id, unit_id, city_code, month, disposed, on_time,
        closed, extended, reworked, open_deadline)
      SELECT ev.case_id, ev.unit_id, min(ev.city_code), min(ev.month),
        bool_or(ev.action = 'dispose'),
        (array_agg(ev.deadline_in_force IS NULL OR ev.at <= ev.deadline_in_force ORDER BY ev.seq DESC)
          FILTER (WHERE ev.action = 'dispose'))[1],
        bool_or(ev.action = 'close'),
        bool_or(ev.action = 'approve_extension'),
        bool_or(ev.action = 'rework_of'),
        max(ev.deadline_in_force) FILTER (WHERE ev.action <> 'rework_of' AND ev.seq = ev.last_seq
          AND ev.to_status = 'dispatched')
      FROM ev
      GROUP BY ev.case_id, ev.unit_id
      HAVING bool_or(ev.action IN ('dispatch', 'rework'));
    $fn$;

    CREATE FUNCTION case_facts_after_log_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM refresh_case_month_facts(ARRAY(SELECT DISTINCT case_id FROM new_rows));
      RETURN NULL;
    END
    $fn$;
    CREATE TRIGGER case_facts_log_insert AFTER INSERT ON case_transitions
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
      EXECUTE FUNCTION case_facts_after_log_insert();

    CREATE FUNCTION case_facts_after_case_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM refresh_case_month_facts(ARRAY(SELECT id FROM new_rows));
      RETURN NULL;
    END
    $fn$;
    CREATE TRIGGER case_facts_case_insert AFTER INSERT ON cases
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
      EXECUTE FUNCTION case_facts_after_case_insert();

    -- A case whose grouping keys change (re-categorised, re-located, re-dated) moves its facts.
    CREATE FUNCTION case_facts_after_case_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM refresh_case_month_facts(ARRAY(
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.category_id, n.district_id, n.source, n.reported_at, n.city_code)
          IS DISTINCT FROM (o.category_id, o.district_id, o.source, o.reported_at, o.city_code)));
      RETURN NULL;
    END
    $fn$;
    CREATE TRIGGER case_facts_case_update AFTER UPDATE ON cases
      REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT
      EXECUTE FUNCTION case_facts_after_case_update();

    -- Cases already in the database when this migration runs.
    SELECT refresh_case_month_facts(ARRAY(SELECT id FROM cases));
  `.execute(db);
}
