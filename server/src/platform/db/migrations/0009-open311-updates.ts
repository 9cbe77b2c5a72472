import { type Kysely, sql } from 'kysely';

// Open311 mySociety extension, POST servicerequestupdates: a client (e.g. FixMyStreet) sends a
// citizen's comment on a published request. It is kept as a public note beside the case; the
// status the client asks for is recorded, never applied (the workflow moves only by staff).
// Forward-only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE open311_request_updates (
      id uuid PRIMARY KEY,
      city_code text NOT NULL REFERENCES cities(code),
      case_id uuid NOT NULL REFERENCES cases(id),
      api_key_id uuid NOT NULL REFERENCES open311_api_keys(id),
      -- The client's own id of the update: a resend with the same id is the same update.
      client_update_id text NOT NULL,
      -- mySociety's upper-case status (OPEN, FIXED, REOPEN, …) as the client sent it.
      requested_status text NOT NULL,
      description text NOT NULL,
      media_urls jsonb NOT NULL DEFAULT '[]',
      -- Personal fields (names, email, phone, account_id): never in public output.
      contact jsonb NOT NULL DEFAULT '{}',
      client_updated_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL,
      UNIQUE (api_key_id, client_update_id)
    );
    CREATE INDEX open311_request_updates_case_idx ON open311_request_updates (case_id, received_at);
  `.execute(db);
}
