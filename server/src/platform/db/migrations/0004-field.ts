import { type Kysely, sql } from 'kysely';

// Field operations (issue 6): collectors and their duty (grids, shifts, last position), GPS
// tracks, the parts inventory (部件普查), machine intake (video/drone), campaigns (专项行动) and
// civilised-city tags on categories.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Owned by the users module (base): who answers for a grid, when, and who is on duty where.
    CREATE TABLE collector_grids (
      city_code text NOT NULL REFERENCES cities(code),
      user_id uuid NOT NULL REFERENCES users(id),
      grid_id uuid NOT NULL REFERENCES grids(id),
      since timestamptz NOT NULL,
      until timestamptz,
      PRIMARY KEY (user_id, grid_id, since),
      CHECK (until IS NULL OR until > since)
    );
    CREATE INDEX collector_grids_grid_idx ON collector_grids (city_code, grid_id, since);

    CREATE TABLE collector_shifts (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      user_id uuid NOT NULL REFERENCES users(id),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      CHECK (ends_at > starts_at),
      UNIQUE (user_id, starts_at)
    );
    CREATE INDEX collector_shifts_at_idx ON collector_shifts (city_code, starts_at, ends_at);

    CREATE TABLE collector_positions (
      user_id uuid PRIMARY KEY REFERENCES users(id),
      city_code text NOT NULL REFERENCES cities(code),
      device_id text NOT NULL,
      recorded_at timestamptz NOT NULL,
      lng double precision NOT NULL,
      lat double precision NOT NULL
    );

    -- Owned by the field module.
    CREATE TABLE collectors (
      user_id uuid PRIMARY KEY REFERENCES users(id),
      city_code text NOT NULL REFERENCES cities(code),
      company text NOT NULL DEFAULT '',
      contract_package text NOT NULL DEFAULT '',
      device_id text,
      route jsonb,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX collectors_package_idx ON collectors (city_code, contract_package);
    CREATE UNIQUE INDEX collectors_device_idx ON collectors (city_code, device_id) WHERE device_id IS NOT NULL;

    CREATE TABLE field_settings (
      city_code text PRIMARY KEY REFERENCES cities(code),
      settings jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- One row per trusted point (~60 bytes): micro-degree integers (1e-7°, about 1 cm) and a
    -- smallint accuracy instead of doubles. The key makes a resent point a no-op. No foreign
    -- keys here: the ingest path writes tens of thousands of rows a second and the user id
    -- comes from the session, not from the client.
    CREATE TABLE track_points (
      device_id text NOT NULL,
      recorded_at timestamptz NOT NULL,
      city_code text NOT NULL,
      user_id uuid NOT NULL,
      lng_e7 integer NOT NULL,
      lat_e7 integer NOT NULL,
      accuracy_m smallint,
      PRIMARY KEY (device_id, recorded_at)
    );
    CREATE INDEX track_points_user_idx ON track_points (user_id, recorded_at);

    CREATE TABLE track_batches (
      user_id uuid NOT NULL REFERENCES users(id),
      batch_id text NOT NULL,
      city_code text NOT NULL REFERENCES cities(code),
      device_id text NOT NULL,
      received_at timestamptz NOT NULL,
      received integer NOT NULL,
      stored integer NOT NULL,
      duplicates integer NOT NULL,
      rejected jsonb NOT NULL,
      PRIMARY KEY (user_id, batch_id)
    );
    CREATE INDEX track_batches_received_idx ON track_batches (user_id, received_at);

    -- The parts inventory is owned by the geo module (base), so cases can route to a part's
    -- maintaining unit; the field module imports and changes it through geo's functions.
    CREATE TABLE parts (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      code text NOT NULL CHECK (code ~ '^[0-9]{16}$'),
      category_id uuid NOT NULL REFERENCES categories(id),
      name text,
      status text NOT NULL CHECK (status IN ('intact','damaged','lost','scrapped','removed')),
      lng double precision NOT NULL,
      lat double precision NOT NULL,
      grid_id uuid REFERENCES grids(id),
      address text,
      owner_unit_id uuid REFERENCES units(id),
      manager_unit_id uuid REFERENCES units(id),
      maintainer_unit_id uuid REFERENCES units(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (city_code, code)
    );
    CREATE INDEX parts_grid_idx ON parts (city_code, grid_id);
    CREATE INDEX parts_position_idx ON parts (city_code, lng, lat);

    ALTER TABLE cases ADD COLUMN part_id uuid REFERENCES parts(id);

    CREATE TABLE part_changes (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      kind text NOT NULL CHECK (kind IN ('new','moved','removed')),
      part_id uuid REFERENCES parts(id),
      part_code text,
      category_id uuid REFERENCES categories(id),
      lng double precision,
      lat double precision,
      note text,
      reporter_id uuid NOT NULL REFERENCES users(id),
      observed_at timestamptz NOT NULL,
      reported_at timestamptz NOT NULL,
      report_due_at timestamptz NOT NULL,
      apply_due_at timestamptz NOT NULL,
      status text NOT NULL CHECK (status IN ('pending','applied','rejected')),
      decided_at timestamptz,
      decided_by uuid REFERENCES users(id)
    );
    CREATE INDEX part_changes_status_idx ON part_changes (city_code, status, reported_at);

    CREATE TABLE intake_tokens (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      name text NOT NULL,
      source text NOT NULL CHECK (source IN ('video','drone')),
      token_hash text NOT NULL UNIQUE,
      acting_user_id uuid NOT NULL REFERENCES users(id),
      active boolean NOT NULL DEFAULT true,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE machine_intakes (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      source text NOT NULL CHECK (source IN ('video','drone')),
      device_id text NOT NULL,
      captured_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL,
      lng double precision NOT NULL,
      lat double precision NOT NULL,
      category_id uuid NOT NULL REFERENCES categories(id),
      district_id uuid REFERENCES regions(id),
      case_id uuid NOT NULL REFERENCES cases(id),
      duplicate boolean NOT NULL,
      token_id uuid REFERENCES intake_tokens(id)
    );
    CREATE INDEX machine_intakes_captured_idx ON machine_intakes (city_code, captured_at);
    CREATE INDEX machine_intakes_case_idx ON machine_intakes (case_id);
    -- One detection per device and instant (a resent frame is recognised), one filed intake per case.
    CREATE UNIQUE INDEX machine_intakes_detection_idx ON machine_intakes (city_code, source, device_id, captured_at);
    CREATE UNIQUE INDEX machine_intakes_filed_idx ON machine_intakes (case_id) WHERE NOT duplicate;

    CREATE TABLE campaigns (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      name text NOT NULL,
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      fields jsonb NOT NULL,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_on >= starts_on),
      UNIQUE (city_code, name)
    );

    CREATE TABLE campaign_entries (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      campaign_id uuid NOT NULL REFERENCES campaigns(id),
      data jsonb NOT NULL,
      observed_at timestamptz NOT NULL,
      lng double precision,
      lat double precision,
      district_id uuid NOT NULL REFERENCES regions(id),
      reporter_id uuid REFERENCES users(id),
      idempotency_key text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX campaign_entries_observed_idx ON campaign_entries (campaign_id, observed_at);
    CREATE UNIQUE INDEX campaign_entries_key_idx ON campaign_entries (campaign_id, idempotency_key)
      WHERE idempotency_key IS NOT NULL;

    CREATE TABLE category_tags (
      city_code text NOT NULL REFERENCES cities(code),
      category_id uuid NOT NULL REFERENCES categories(id),
      tag text NOT NULL,
      PRIMARY KEY (category_id, tag)
    );
    CREATE INDEX category_tags_tag_idx ON category_tags (city_code, tag);
  `.execute(db);
}
