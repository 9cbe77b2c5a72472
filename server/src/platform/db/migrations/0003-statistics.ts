import { type Kysely, sql } from 'kysely';

// Statistics, assessment, contractors' checklists and bulletin text (issue 4). Forward-only.
// Months are 'YYYY-MM' text (Asia/Shanghai calendar months), the unit every figure is asked for.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The monthly figures read a month of cases by (city_code, reported_at) and then each case's
    -- log by (case_id, seq). Covering both lets PostgreSQL answer from the indexes alone.
    CREATE INDEX cases_stats_month_idx ON cases (city_code, reported_at)
      INCLUDE (id, kind, category_id, district_id, source);
    CREATE INDEX case_transitions_stats_idx ON case_transitions (case_id, seq)
      INCLUDE (action, at, unit_id, deadline_at, to_status);

    -- 考核方案: one row per version; a month uses the newest version whose effective_from is
    -- not after it, so changing the scheme never changes an earlier month's bulletin.
    CREATE TABLE scoring_schemes (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      table_key text NOT NULL CHECK (table_key IN ('regions','departments','enterprises')),
      version integer NOT NULL CHECK (version > 0),
      effective_from text NOT NULL CHECK (effective_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      name text NOT NULL,
      definition jsonb NOT NULL,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (city_code, table_key, version)
    );
    CREATE INDEX scoring_schemes_month_idx ON scoring_schemes (city_code, table_key, effective_from);

    -- 暂不参与排名: a unit shown in a table with "/" as its rank, for a span of months.
    CREATE TABLE ranking_exclusions (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      table_key text NOT NULL CHECK (table_key IN ('regions','departments','enterprises')),
      unit_id uuid NOT NULL REFERENCES units(id),
      from_month text NOT NULL CHECK (from_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      until_month text CHECK (until_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      note text NOT NULL DEFAULT '',
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (until_month IS NULL OR until_month > from_month)
    );
    CREATE INDEX ranking_exclusions_unit_idx ON ranking_exclusions (city_code, table_key, unit_id);

    -- 外包合同: information collection packages (by area), the hall service and the hotline.
    CREATE TABLE vendor_contracts (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      checklist text NOT NULL CHECK (checklist IN ('collection','hall','hotline')),
      company text NOT NULL,
      package_name text NOT NULL,
      area_label text NOT NULL DEFAULT '',
      district_ids uuid[] NOT NULL DEFAULT '{}',
      staff_count integer NOT NULL DEFAULT 0 CHECK (staff_count >= 0),
      daily_quota numeric NOT NULL DEFAULT 0 CHECK (daily_quota >= 0),
      person_day_basis text NOT NULL DEFAULT 'calendar' CHECK (person_day_basis IN ('calendar','attended')),
      seq integer NOT NULL DEFAULT 0,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (city_code, package_name)
    );

    -- The checklist rows (考核指标) as data: a computed formula or an inspector's entry, with the
    -- deduction rule (threshold, direction, step, money per step; money per occurrence).
    CREATE TABLE vendor_indicators (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      checklist text NOT NULL CHECK (checklist IN ('collection','hall','hotline')),
      code text NOT NULL,
      seq integer NOT NULL,
      group_label text NOT NULL DEFAULT '',
      name text NOT NULL,
      definition text NOT NULL DEFAULT '',
      data_source text NOT NULL DEFAULT '',
      rule_text text NOT NULL DEFAULT '',
      formula text,
      unit_label text NOT NULL DEFAULT '',
      threshold numeric,
      direction text CHECK (direction IN ('min','max')),
      step numeric CHECK (step IS NULL OR step > 0),
      money_per_step numeric CHECK (money_per_step IS NULL OR money_per_step >= 0),
      money_per_occurrence numeric CHECK (money_per_occurrence IS NULL OR money_per_occurrence >= 0),
      default_result text NOT NULL DEFAULT '',
      active boolean NOT NULL DEFAULT true,
      UNIQUE (city_code, checklist, code)
    );

    -- 考核记录: what an inspector found for one indicator of one contract in one month.
    CREATE TABLE vendor_inspections (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      contract_id uuid NOT NULL REFERENCES vendor_contracts(id),
      month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      indicator_code text NOT NULL,
      occurrences integer NOT NULL DEFAULT 0 CHECK (occurrences >= 0),
      measured numeric,
      deduction numeric CHECK (deduction IS NULL OR deduction >= 0),
      result_text text NOT NULL DEFAULT '',
      evidence text NOT NULL,
      inspector_id uuid REFERENCES users(id),
      at timestamptz NOT NULL
    );
    CREATE INDEX vendor_inspections_month_idx ON vendor_inspections (contract_id, month);

    -- Attended person-days (出勤人天) entered per month, for contracts measured on attendance.
    CREATE TABLE vendor_attendance (
      city_code text NOT NULL REFERENCES cities(code),
      contract_id uuid NOT NULL REFERENCES vendor_contracts(id),
      month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      person_days numeric NOT NULL CHECK (person_days > 0),
      PRIMARY KEY (contract_id, month)
    );

    -- 简报文字: 工作动态 / 区县来风 / 队伍风采 blocks written by staff, with photos.
    CREATE TABLE bulletin_blocks (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      section text NOT NULL CHECK (section IN ('work_news','district_news','team_news')),
      seq integer NOT NULL DEFAULT 0,
      title text NOT NULL DEFAULT '',
      body text NOT NULL,
      byline text NOT NULL DEFAULT '',
      photos jsonb NOT NULL DEFAULT '[]',
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX bulletin_blocks_month_idx ON bulletin_blocks (city_code, month, section, seq);
  `.execute(db);
}
