import { type Kysely, sql } from 'kysely';

// A revision stamp on each city's calendar (issue 8). Forward-only.
//
// Every deadline reads the working calendar; loading it per request cost three queries. The
// server now keeps loaded calendars in memory keyed by this revision, which the database
// renews on any change to the settings, the years or the days (whoever writes them), so a
// cached calendar is never served after an edit has committed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE calendar_settings ADD COLUMN revision uuid NOT NULL DEFAULT gen_random_uuid();

    CREATE FUNCTION calendar_settings_renew_revision() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      NEW.revision := gen_random_uuid();
      RETURN NEW;
    END
    $fn$;
    CREATE TRIGGER calendar_settings_revision BEFORE UPDATE ON calendar_settings
      FOR EACH ROW EXECUTE FUNCTION calendar_settings_renew_revision();

    CREATE FUNCTION calendar_renew_revisions() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      UPDATE calendar_settings SET revision = gen_random_uuid();
      RETURN NULL;
    END
    $fn$;
    CREATE TRIGGER calendar_days_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_days
      FOR EACH STATEMENT EXECUTE FUNCTION calendar_renew_revisions();
    CREATE TRIGGER calendar_years_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_years
      FOR EACH STATEMENT EXECUTE FUNCTION calendar_renew_revisions();
  `.execute(db);
}
