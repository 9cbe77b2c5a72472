import { type Kysely, sql } from 'kysely';

// Contractors' assessment (issue 4/5): an inspector's finding may carry photos as evidence
// (现场照片), stored like the bulletin's photos (content-addressed files, metadata here).
// Forward-only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE vendor_inspections ADD COLUMN photos jsonb NOT NULL DEFAULT '[]';
  `.execute(db);
}
