import type { QueryCreator } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';

export interface AuditEntry {
  cityCode: string;
  userId?: string | null;
  login?: string | null;
  role?: string | null;
  action: string;
  objectType: string;
  objectId?: string | null;
  success: boolean;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

/**
 * The audit row's INSERT, not yet run: a caller may run it alone or as a part of its own
 * statement (a data-modifying WITH), which commits the change and its record as one.
 */
export function auditRowInsert(qc: QueryCreator<Database>, entry: AuditEntry) {
  return qc.insertInto('auditLog').values({
    cityCode: entry.cityCode,
    userId: entry.userId ?? null,
    login: entry.login ?? null,
    role: entry.role ?? null,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId ?? null,
    success: entry.success,
    ip: entry.ip ?? null,
    detail: JSON.stringify(entry.detail ?? {}),
  });
}

export type AuditRowInsert = ReturnType<typeof auditRowInsert>;

export async function insertAuditRow(db: Db, entry: AuditEntry): Promise<void> {
  await auditRowInsert(db, entry).execute();
}

export interface AuditQuery {
  cityCode: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  limit: number;
  offset: number;
}

export async function selectAuditRows(db: Db, q: AuditQuery) {
  let query = db.selectFrom('auditLog').where('cityCode', '=', q.cityCode);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.objectType) query = query.where('objectType', '=', q.objectType);
  if (q.objectId) query = query.where('objectId', '=', q.objectId);
  const [rows, total] = await Promise.all([
    query.selectAll().orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}
