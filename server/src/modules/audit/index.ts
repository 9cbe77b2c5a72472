import type { QueryCreator } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/http/server-types.js';
import { type AuditEntry, type AuditRowInsert, auditRowInsert, insertAuditRow } from './audit.repository.js';

export type { AuditEntry, AuditRowInsert } from './audit.repository.js';
export { registerAuditRoutes } from './audit.routes.js';

/**
 * Writes one audit row. Call it with the transaction that makes the change, so the change
 * and its record commit or roll back together.
 */
export function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  return insertAuditRow(db, entry);
}

/** The common case: an actor did something to an object. */
export function recordActorAudit(
  db: Db,
  actor: Actor,
  action: string,
  objectType: string,
  objectId: string | null,
  detail: Record<string, unknown> = {},
): Promise<void> {
  return insertAuditRow(db, actorEntry(actor, action, objectType, objectId, detail));
}

/**
 * recordActorAudit as an INSERT for the caller's own statement: a hot path writes its change
 * and this row in one round trip, still one atomic statement.
 */
export function actorAuditInsert(
  qc: QueryCreator<Database>,
  actor: Actor,
  action: string,
  objectType: string,
  objectId: string | null,
  detail: Record<string, unknown> = {},
): AuditRowInsert {
  return auditRowInsert(qc, actorEntry(actor, action, objectType, objectId, detail));
}

function actorEntry(
  actor: Actor,
  action: string,
  objectType: string,
  objectId: string | null,
  detail: Record<string, unknown>,
): AuditEntry {
  return {
    cityCode: actor.cityCode,
    userId: actor.userId,
    login: actor.login,
    role: actor.role,
    action,
    objectType,
    objectId,
    success: true,
    ip: actor.ip ?? null,
    detail,
  };
}
