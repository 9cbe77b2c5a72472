import { type Kysely, sql } from 'kysely';

// Forward-only. Every domain table carries city_code (GB/T 2260, 6 digits) so one
// installation can host several cities and the schema can later be distributed by it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE cities (
      code text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
      name text NOT NULL,
      timezone text NOT NULL DEFAULT 'Asia/Shanghai',
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE regions (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      code text NOT NULL,
      name text NOT NULL,
      level text NOT NULL CHECK (level IN ('city','district','street','community')),
      parent_id uuid REFERENCES regions(id),
      aliases text[] NOT NULL DEFAULT '{}',
      boundary jsonb,
      min_lng double precision, min_lat double precision,
      max_lng double precision, max_lat double precision,
      UNIQUE (city_code, code)
    );
    CREATE INDEX regions_parent_idx ON regions (parent_id);
    CREATE INDEX regions_name_idx ON regions (city_code, name);
    CREATE INDEX regions_aliases_idx ON regions USING gin (aliases);

    CREATE TABLE grids (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      code text NOT NULL CHECK (code ~ '^[0-9]{15}$'),
      name text,
      community_id uuid NOT NULL REFERENCES regions(id),
      street_id uuid NOT NULL REFERENCES regions(id),
      district_id uuid NOT NULL REFERENCES regions(id),
      area_class text NOT NULL DEFAULT 'A',
      boundary jsonb NOT NULL,
      min_lng double precision NOT NULL, min_lat double precision NOT NULL,
      max_lng double precision NOT NULL, max_lat double precision NOT NULL,
      UNIQUE (city_code, code)
    );
    CREATE INDEX grids_bbox_idx ON grids (city_code, min_lng, max_lng, min_lat, max_lat);

    CREATE TABLE units (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('district_government','city_department','enterprise')),
      aliases text[] NOT NULL DEFAULT '{}',
      region_id uuid REFERENCES regions(id),
      phone text,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (city_code, name)
    );
    CREATE INDEX units_aliases_idx ON units USING gin (aliases);

    CREATE TABLE categories (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      scheme text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('event','part')),
      major_code text NOT NULL CHECK (major_code ~ '^[0-9]{2}$'),
      major_name text NOT NULL,
      code text NOT NULL CHECK (code ~ '^[0-9]{4}$'),
      name text NOT NULL,
      name_en text,
      filing_standard text NOT NULL DEFAULT '',
      closing_standard text NOT NULL DEFAULT '',
      default_unit_id uuid REFERENCES units(id),
      time_limits jsonb NOT NULL,
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      UNIQUE (city_code, kind, code)
    );

    CREATE TABLE calendar_settings (
      city_code text PRIMARY KEY REFERENCES cities(code),
      work_periods jsonb NOT NULL,
      warning_share numeric NOT NULL DEFAULT 0.8 CHECK (warning_share > 0 AND warning_share < 1)
    );

    CREATE TABLE calendar_years (
      city_code text NOT NULL REFERENCES cities(code),
      year integer NOT NULL,
      source text NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (city_code, year)
    );

    CREATE TABLE calendar_days (
      city_code text NOT NULL REFERENCES cities(code),
      day date NOT NULL,
      kind text NOT NULL CHECK (kind IN ('holiday','workday')),
      name text NOT NULL DEFAULT '',
      PRIMARY KEY (city_code, day)
    );

    CREATE TABLE users (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      login text NOT NULL,
      display_name text NOT NULL,
      role text NOT NULL CHECK (role IN ('collector','acceptor','shift_lead','dispatcher',
        'unit_staff','hotline_agent','leader','admin')),
      unit_id uuid REFERENCES units(id),
      region_id uuid REFERENCES regions(id),
      password_hash text NOT NULL,
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (city_code, login),
      CHECK (role <> 'unit_staff' OR unit_id IS NOT NULL)
    );
    CREATE UNIQUE INDEX users_login_idx ON users (login);

    CREATE TABLE sessions (
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      city_code text NOT NULL REFERENCES cities(code),
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      ip text
    );
    CREATE INDEX sessions_user_idx ON sessions (user_id);

    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      city_code text NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      user_id uuid,
      login text,
      role text,
      action text NOT NULL,
      object_type text NOT NULL,
      object_id text,
      success boolean NOT NULL,
      ip text,
      detail jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_log_at_idx ON audit_log (city_code, at);

    -- The audit log is append-only: no role may rewrite history through the application.
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only';
    END
    $fn$;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

    CREATE TABLE case_number_counters (
      city_code text NOT NULL REFERENCES cities(code),
      day date NOT NULL,
      last_seq integer NOT NULL,
      PRIMARY KEY (city_code, day)
    );

    CREATE TABLE cases (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      case_no text NOT NULL,
      source text NOT NULL CHECK (source IN ('patrol','hotline','video','drone','public','leader',
        'media','mailbox','wechat')),
      kind text NOT NULL CHECK (kind IN ('event','part')),
      category_id uuid NOT NULL REFERENCES categories(id),
      description text NOT NULL,
      address text,
      lng double precision NOT NULL,
      lat double precision NOT NULL,
      grid_id uuid REFERENCES grids(id),
      district_id uuid REFERENCES regions(id),
      street_id uuid REFERENCES regions(id),
      reporter_id uuid REFERENCES users(id),
      assignee_id uuid REFERENCES users(id),
      unit_id uuid REFERENCES units(id),
      status text NOT NULL,
      version integer NOT NULL DEFAULT 1,
      self_disposed boolean NOT NULL DEFAULT false,
      urgent boolean NOT NULL DEFAULT false,
      supervision text CHECK (supervision IN ('normal','yellow','red')),
      reported_at timestamptz NOT NULL,
      filed_at timestamptz,
      voided_at timestamptz,
      parked_at timestamptz,
      dispatched_at timestamptz,
      deadline_at timestamptz,
      disposed_at timestamptz,
      checked_at timestamptz,
      closed_at timestamptz,
      stage_deadline_at timestamptz,
      stage_warning_at timestamptz,
      deadline_estimated boolean NOT NULL DEFAULT false,
      pending_extension_until timestamptz,
      rework_count integer NOT NULL DEFAULT 0,
      extension_count integer NOT NULL DEFAULT 0,
      return_count integer NOT NULL DEFAULT 0,
      idempotency_key text,
      request_hash text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (city_code, case_no)
    );
    CREATE UNIQUE INDEX cases_idempotency_idx ON cases (city_code, idempotency_key)
      WHERE idempotency_key IS NOT NULL;
    CREATE INDEX cases_queue_idx ON cases (city_code, status, stage_deadline_at);
    CREATE INDEX cases_unit_idx ON cases (city_code, unit_id, status, stage_deadline_at);
    CREATE INDEX cases_reported_idx ON cases (city_code, reported_at);
    CREATE INDEX cases_district_idx ON cases (city_code, district_id, status);
    CREATE INDEX cases_assignee_idx ON cases (assignee_id, status);
    CREATE INDEX cases_reporter_idx ON cases (reporter_id, reported_at);

    CREATE TABLE case_transitions (
      id bigserial PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      case_id uuid NOT NULL REFERENCES cases(id),
      seq integer NOT NULL,
      action text NOT NULL,
      from_status text,
      to_status text NOT NULL,
      actor_id uuid REFERENCES users(id),
      actor_role text,
      at timestamptz NOT NULL,
      note text,
      deadline_at timestamptz,
      unit_id uuid REFERENCES units(id),
      data jsonb NOT NULL DEFAULT '{}',
      UNIQUE (case_id, seq)
    );
    CREATE INDEX case_transitions_at_idx ON case_transitions (city_code, at);

    CREATE TABLE media (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      case_id uuid NOT NULL REFERENCES cases(id),
      stage text NOT NULL CHECK (stage IN ('report','dispose','check','before','after')),
      storage_key text NOT NULL,
      content_type text NOT NULL,
      byte_size integer NOT NULL,
      sha256 text NOT NULL,
      uploaded_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (case_id, stage, sha256)
    );
  `.execute(db);
}
