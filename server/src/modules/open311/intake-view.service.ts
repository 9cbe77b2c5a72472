import { notFound } from '../../platform/http/errors.js';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { toShanghaiIso } from '../../platform/time.js';
import { recordActorAudit } from '../audit/index.js';
import { selectIntakeOfCase } from './open311.repository.js';
import { selectUpdatesOfCase } from './request-updates.repository.js';

/**
 * The Open311 / citizen-page record behind a case, for the 受理员 who calls the citizen back.
 * Reading the contact is logged (PIPL Art. 51; SECURITY.md item 28).
 */
export async function intakeOfCase(deps: AppDeps, actor: Actor, caseId: string) {
  const row = await selectIntakeOfCase(deps.db, actor.cityCode, caseId);
  if (!row) throw notFound({ zh: '公众上报记录', en: 'public intake record' });
  const updates = await selectUpdatesOfCase(deps.db, actor.cityCode, caseId);
  await recordActorAudit(deps.db, actor, 'public.contact_view', 'case', caseId, { channel: row.channel });
  return {
    channel: row.channel,
    serviceCode: row.serviceCode,
    attributes: row.attributes,
    contact: row.contact,
    receivedAt: toShanghaiIso(row.createdAt),
    // Later notes from Open311 clients (servicerequestupdates); their status is only a request.
    updates: updates.map((u) => ({
      id: u.id,
      client: u.clientName,
      clientUpdateId: u.clientUpdateId,
      requestedStatus: u.requestedStatus,
      description: u.description,
      mediaUrls: u.mediaUrls,
      contact: u.contact,
      clientUpdatedAt: toShanghaiIso(u.clientUpdatedAt),
      receivedAt: toShanghaiIso(u.receivedAt),
    })),
  };
}
