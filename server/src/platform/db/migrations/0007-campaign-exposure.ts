import { type Kysely, sql } from 'kysely';

// Campaigns in the monthly bulletin (issue 6): a campaign's exposure section (曝光) has its own
// heading and closing sentence; staff mark the typical entries (典型) the bulletin lists;
// collectors attach photos to entries. Forward-only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Heading of the bulletin section (e.g. 斑马线前不礼让行为曝光); NULL: the campaign's name + 曝光.
    ALTER TABLE campaigns ADD COLUMN bulletin_title text;
    -- Closing sentence (e.g. 上述案件信息已推送媒体曝光，同时派遣至市交警支队依法查处。); NULL: none.
    ALTER TABLE campaigns ADD COLUMN bulletin_closing text;

    -- 典型: listed in the bulletin's exposure table (the counts always include every entry).
    ALTER TABLE campaign_entries ADD COLUMN featured boolean NOT NULL DEFAULT false;
    -- Photos as stored by the media module: [{storageKey, sha256, contentType, byteSize}].
    ALTER TABLE campaign_entries ADD COLUMN photos jsonb NOT NULL DEFAULT '[]'::jsonb;

    -- The month's counts by district (bulletin, monthly figures) scan entries by city and time.
    CREATE INDEX campaign_entries_city_observed_idx ON campaign_entries (city_code, observed_at);
    -- A campaign's list filtered by district.
    CREATE INDEX campaign_entries_district_idx ON campaign_entries (campaign_id, district_id, observed_at);
  `.execute(db);
}
