import { type Kysely, sql } from 'kysely';

// Photos declared in a report (issue 8: a report carries its photo metadata). Forward-only.
//
// The phone reports at once with each photo's digest and sends the bytes later; the stored copy
// is stripped of its metadata, so its own digest differs from the one the phone declared. The
// digest of the bytes as they were uploaded is kept beside it to match the two. Rows from
// before this migration have none: they answer no declaration, and none was made for them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE media ADD COLUMN uploaded_sha256 text`.execute(db);
}
