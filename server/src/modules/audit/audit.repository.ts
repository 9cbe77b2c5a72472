import type { Db } from '../../platform/db/database.js';

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

export async function insertAuditRow(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({
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
    })
    .execute();
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
