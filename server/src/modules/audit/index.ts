import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/http/server-types.js';
import { type AuditEntry, insertAuditRow } from './audit.repository.js';

export type { AuditEntry } from './audit.repository.js';
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
  return insertAuditRow(db, {
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
  });
}
