import { type Kysely, sql } from 'kysely';

// Open311 GeoReport v2, citizen reporting (公众随手拍) and outbound integration (webhooks with an
// outbox, upper-level platform exchange). Forward-only; every table carries city_code.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- API keys for Open311 clients. Only the SHA-256 of a key is stored; the prefix lets an admin
    -- recognise a key in the list without it being usable.
    CREATE TABLE open311_api_keys (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      name text NOT NULL,
      key_prefix text NOT NULL,
      key_hash text NOT NULL UNIQUE,
      per_minute int NOT NULL DEFAULT 60 CHECK (per_minute > 0),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    CREATE INDEX open311_api_keys_city_idx ON open311_api_keys (city_code, created_at);

    -- Per-category Open311 settings: service type and the attribute table (service definition).
    -- Categories without a row are realtime services without attributes.
    CREATE TABLE open311_services (
      city_code text NOT NULL REFERENCES cities(code),
      service_code text NOT NULL CHECK (service_code ~ '^[EC][0-9]{4}$'),
      type text NOT NULL DEFAULT 'realtime' CHECK (type IN ('realtime','batch','blackbox')),
      keywords text,
      attributes jsonb NOT NULL DEFAULT '[]',
      PRIMARY KEY (city_code, service_code)
    );

    -- Every request that came in over Open311 or the citizen page. Personal fields live here
    -- (contact), never in the case row and never in public output. Batch requests wait as
    -- 'pending' until the intake job turns them into cases.
    CREATE TABLE open311_requests (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      token text NOT NULL UNIQUE,
      channel text NOT NULL CHECK (channel IN ('open311','report_page')),
      api_key_id uuid REFERENCES open311_api_keys(id),
      service_code text NOT NULL,
      input jsonb NOT NULL,
      attributes jsonb NOT NULL DEFAULT '{}',
      contact jsonb NOT NULL DEFAULT '{}',
      media jsonb NOT NULL DEFAULT '[]',
      status text NOT NULL CHECK (status IN ('pending','done','failed')),
      case_id uuid REFERENCES cases(id),
      error jsonb,
      attempts int NOT NULL DEFAULT 0,
      locked_until timestamptz,
      created_at timestamptz NOT NULL,
      processed_at timestamptz
    );
    CREATE INDEX open311_requests_pending_idx ON open311_requests (status, created_at);
    CREATE UNIQUE INDEX open311_requests_case_idx ON open311_requests (case_id);

    -- Moderation: a case hidden from every public output (Open311, status page).
    CREATE TABLE public_case_flags (
      case_id uuid PRIMARY KEY REFERENCES cases(id),
      city_code text NOT NULL REFERENCES cities(code),
      hidden boolean NOT NULL,
      reason text NOT NULL,
      changed_by uuid REFERENCES users(id),
      changed_at timestamptz NOT NULL
    );

    -- Proof-of-work challenges of the citizen page: each is used at most once.
    CREATE TABLE pow_challenges (
      challenge text PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      difficulty int NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );
    CREATE INDEX pow_challenges_expiry_idx ON pow_challenges (expires_at);

    -- Fixed-window counters shared by every process (API keys, IPs, device ids).
    CREATE TABLE rate_limit_windows (
      bucket text NOT NULL,
      window_start timestamptz NOT NULL,
      hits int NOT NULL,
      PRIMARY KEY (bucket, window_start)
    );

    -- Outbound webhooks.
    CREATE TABLE webhook_subscriptions (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      name text NOT NULL,
      url text NOT NULL,
      secret text NOT NULL,
      event_types jsonb NOT NULL,
      active boolean NOT NULL DEFAULT true,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL
    );

    -- The outbox: events written in the same transaction as the change that caused them.
    -- dedupe_key makes "once per case stage" events (case.overdue) idempotent.
    CREATE TABLE outbox_events (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      event_type text NOT NULL,
      payload jsonb NOT NULL,
      dedupe_key text UNIQUE,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX outbox_events_city_idx ON outbox_events (city_code, created_at);

    CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      event_id uuid NOT NULL REFERENCES outbox_events(id),
      subscription_id uuid NOT NULL REFERENCES webhook_subscriptions(id),
      status text NOT NULL CHECK (status IN ('pending','delivered','dead')),
      attempts int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      locked_until timestamptz,
      last_error text,
      delivered_at timestamptz,
      created_at timestamptz NOT NULL,
      UNIQUE (event_id, subscription_id)
    );
    CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (status, next_attempt_at);
    CREATE INDEX webhook_deliveries_city_idx ON webhook_deliveries (city_code, status, created_at);

    CREATE TABLE webhook_attempts (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id),
      attempt_no int NOT NULL,
      at timestamptz NOT NULL,
      http_status int,
      error text,
      duration_ms int NOT NULL,
      UNIQUE (delivery_id, attempt_no)
    );

    -- Upper-level platform exchange (省级/国家平台对接): where to deliver, and every run.
    CREATE TABLE exchange_settings (
      city_code text PRIMARY KEY REFERENCES cities(code),
      target_url text,
      target_dir text,
      active boolean NOT NULL DEFAULT true,
      CHECK (target_url IS NOT NULL OR target_dir IS NOT NULL)
    );

    CREATE TABLE exchange_runs (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      period text NOT NULL CHECK (period ~ '^[0-9]{4}-[0-9]{2}$'),
      trigger text NOT NULL CHECK (trigger IN ('schedule','manual')),
      status text NOT NULL CHECK (status IN ('running','delivered','failed')),
      target text,
      case_count int,
      files jsonb NOT NULL DEFAULT '[]',
      error text,
      attempts int NOT NULL DEFAULT 1,
      locked_until timestamptz,
      started_at timestamptz NOT NULL,
      finished_at timestamptz
    );
    CREATE INDEX exchange_runs_city_idx ON exchange_runs (city_code, period, started_at);
    -- One scheduled run per city and month: the row is the job's lease and its retry record.
    CREATE UNIQUE INDEX exchange_runs_schedule_idx ON exchange_runs (city_code, period) WHERE trigger = 'schedule';
  `.execute(db);
}
