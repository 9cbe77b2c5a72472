import type { Db } from '../../server/src/platform/db/database.js';

type Compiled = Parameters<Db['executeQuery']>[0];

// The bench sits outside the server workspace, where `kysely` (a server dependency) does not
// resolve; its own SQL (floors, bulk loads, EXPLAIN) goes through the Kysely instance as a
// compiled raw query, the shape `CompiledQuery.raw` builds, on whichever engine the run uses.
export async function rawQuery<R>(db: Db, text: string, parameters: readonly unknown[] = []): Promise<R[]> {
  const query = {
    sql: text,
    parameters,
    query: { kind: 'RawNode', sqlFragments: [text], parameters: [] },
    queryId: { queryId: 'bench' },
  } as unknown as Compiled;
  const result = await db.executeQuery<R>(query);
  return result.rows as R[];
}
