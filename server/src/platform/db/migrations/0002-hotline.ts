import { type Kysely, sql } from 'kysely';

// The 12345 hotline: subject dictionary, time limits by appeal type, work orders with their
// log (the truth the statistics are computed from), knowledge base, emergency alerts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- 诉求分类/事项, per city; a subject that maps onto a 数字城管 category can become a case.
    CREATE TABLE hotline_subjects (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      code text NOT NULL,
      group_name text NOT NULL,
      name text NOT NULL,
      case_kind text CHECK (case_kind IN ('event','part')),
      case_category_code text CHECK (case_category_code ~ '^[0-9]{4}$'),
      sort integer NOT NULL DEFAULT 0,
      active boolean NOT NULL DEFAULT true,
      UNIQUE (city_code, code),
      CHECK ((case_kind IS NULL) = (case_category_code IS NULL))
    );

    -- 办理时限 by appeal type (and 'emergency'), as data: same_day = before the Shanghai day ends.
    CREATE TABLE hotline_time_limits (
      city_code text NOT NULL REFERENCES cities(code),
      appeal_type text NOT NULL CHECK (appeal_type IN
        ('consult','complaint','help','suggestion','praise','emergency')),
      amount numeric NOT NULL CHECK (amount >= 0),
      unit text NOT NULL CHECK (unit IN ('minute','hour','day','same_day')),
      PRIMARY KEY (city_code, appeal_type)
    );

    CREATE TABLE hotline_order_counters (
      city_code text NOT NULL REFERENCES cities(code),
      day date NOT NULL,
      last_seq integer NOT NULL,
      PRIMARY KEY (city_code, day)
    );

    CREATE TABLE hotline_articles (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      title text NOT NULL,
      body text NOT NULL,
      tags text[] NOT NULL DEFAULT '{}',
      unit_id uuid REFERENCES units(id),
      valid_from date,
      valid_to date,
      -- jieba tokens of title, tags and body; the vector is built from them without a text
      -- parser, so Chinese search behaves the same on PGlite and on any PostgreSQL locale.
      search_tokens text[] NOT NULL DEFAULT '{}',
      search_vector tsvector GENERATED ALWAYS AS (array_to_tsvector(search_tokens)) STORED,
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
    );
    CREATE INDEX hotline_articles_search_idx ON hotline_articles USING gin (search_vector);
    CREATE INDEX hotline_articles_city_idx ON hotline_articles (city_code, updated_at);

    CREATE TABLE hotline_orders (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      order_no text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('phone','web','wechat','mailbox','leader')),
      caller_name text,
      caller_phone text,
      confidential boolean NOT NULL DEFAULT false,
      valid boolean NOT NULL,
      invalid_reason text CHECK (invalid_reason IN ('prank','silent','wrong_number','hang_up','test','other')),
      appeal_type text CHECK (appeal_type IN ('consult','complaint','help','suggestion','praise')),
      subject_id uuid REFERENCES hotline_subjects(id),
      content text NOT NULL DEFAULT '',
      address text,
      lng double precision,
      lat double precision,
      district_id uuid REFERENCES regions(id),
      urgent boolean NOT NULL DEFAULT false,
      emergency text CHECK (emergency IN ('flood','geological','gas','other')),
      status text NOT NULL,
      version integer NOT NULL DEFAULT 1,
      owner_id uuid REFERENCES users(id),
      lead_unit_id uuid REFERENCES units(id),
      co_unit_ids uuid[] NOT NULL DEFAULT '{}',
      deadline_at timestamptz,
      deadline_estimated boolean NOT NULL DEFAULT false,
      pending_extension_until timestamptz,
      extension_count integer NOT NULL DEFAULT 0,
      return_count integer NOT NULL DEFAULT 0,
      reopen_count integer NOT NULL DEFAULT 0,
      urge_count integer NOT NULL DEFAULT 0,
      progress_call_count integer NOT NULL DEFAULT 0,
      supervision text CHECK (supervision IN ('normal','yellow','red')),
      article_id uuid REFERENCES hotline_articles(id),
      answer_text text,
      reply_text text,
      unit_satisfaction text CHECK (unit_satisfaction IN ('satisfied','basically','unsatisfied')),
      agent_satisfaction text CHECK (agent_satisfaction IN ('satisfied','basically','unsatisfied')),
      case_id uuid REFERENCES cases(id),
      case_no text,
      master_id uuid REFERENCES hotline_orders(id),
      received_at timestamptz NOT NULL,
      answered_at timestamptz,
      transferred_at timestamptz,
      signed_at timestamptz,
      replied_at timestamptz,
      called_back_at timestamptz,
      archived_at timestamptz,
      merged_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (city_code, order_no),
      CHECK (valid OR invalid_reason IS NOT NULL),
      CHECK (NOT valid OR appeal_type IS NOT NULL),
      CHECK ((lng IS NULL) = (lat IS NULL))
    );
    CREATE INDEX hotline_orders_received_idx ON hotline_orders (city_code, received_at);
    CREATE INDEX hotline_orders_status_idx ON hotline_orders (city_code, status, deadline_at);
    CREATE INDEX hotline_orders_unit_idx ON hotline_orders (city_code, lead_unit_id, status);
    CREATE INDEX hotline_orders_owner_idx ON hotline_orders (owner_id, status);
    CREATE INDEX hotline_orders_case_idx ON hotline_orders (case_id) WHERE case_id IS NOT NULL;
    CREATE INDEX hotline_orders_co_units_idx ON hotline_orders USING gin (co_unit_ids);

    -- One row per step: the statistics (受理, 转办, 办结, 满意率 …) are computed from these rows.
    CREATE TABLE hotline_order_log (
      id bigserial PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      order_id uuid NOT NULL REFERENCES hotline_orders(id),
      seq integer NOT NULL,
      action text NOT NULL,
      from_status text,
      to_status text NOT NULL,
      actor_id uuid REFERENCES users(id),
      actor_role text,
      at timestamptz NOT NULL,
      note text,
      unit_id uuid REFERENCES units(id),
      deadline_at timestamptz,
      unit_satisfaction text CHECK (unit_satisfaction IN ('satisfied','basically','unsatisfied')),
      agent_satisfaction text CHECK (agent_satisfaction IN ('satisfied','basically','unsatisfied')),
      data jsonb NOT NULL DEFAULT '{}',
      UNIQUE (order_id, seq)
    );
    CREATE INDEX hotline_order_log_at_idx ON hotline_order_log (city_code, action, at);

    -- 突发事件信息报告: one alert per emergency order, on the board until acknowledged.
    CREATE TABLE hotline_alerts (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      order_id uuid NOT NULL UNIQUE REFERENCES hotline_orders(id),
      emergency text NOT NULL CHECK (emergency IN ('flood','geological','gas','other')),
      summary text NOT NULL,
      created_at timestamptz NOT NULL,
      acknowledged_at timestamptz,
      acknowledged_by uuid REFERENCES users(id),
      ack_note text,
      webhook_status text NOT NULL CHECK (webhook_status IN ('not_configured','pending','sent','failed')),
      webhook_attempted_at timestamptz,
      webhook_http_status integer,
      webhook_error text
    );
    CREATE INDEX hotline_alerts_open_idx ON hotline_alerts (city_code, acknowledged_at, created_at);
  `.execute(db);
}
