import pg from 'pg';

/** A small pool on the server of DATABASE_URL, for creating and dropping test databases. */
export function adminPool(databaseUrl: string): pg.Pool {
  return new pg.Pool({ connectionString: databaseUrl, max: 2 });
}

export function templateNames(runId: number) {
  return { empty: `cityloop_tpl_empty_${runId}`, seeded: `cityloop_tpl_seeded_${runId}` };
}
