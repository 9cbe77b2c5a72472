import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/http/server-types.js';
import { selectAuditRows } from './audit.repository.js';

export async function listAudit(
  db: Db,
  actor: Actor,
  filter: { action?: string; objectType?: string; objectId?: string; page: number; pageSize: number },
) {
  const { rows, total } = await selectAuditRows(db, {
    cityCode: actor.cityCode,
    action: filter.action,
    objectType: filter.objectType,
    objectId: filter.objectId,
    limit: filter.pageSize,
    offset: (filter.page - 1) * filter.pageSize,
  });
  return { items: rows, total, page: filter.page, pageSize: filter.pageSize };
}
