import type { CreateSubscriptionInput } from '@cityloop/contracts/open311';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import type { CaseRow } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { toShanghaiIso } from '../../platform/time.js';
import { recordActorAudit, recordAudit } from '../audit/index.js';
import type { CaseTransitionEvent } from '../cases/index.js';
import { refusalMessage } from './address-policy.js';
import {
  countDeliveriesByStatus,
  type DeliveryStatus,
  deactivateSubscription,
  insertAttempt,
  insertDeliveries,
  insertEvent,
  insertSubscription,
  leaseDueDeliveries,
  nextAttemptNo,
  requeueDelivery,
  selectAttempts,
  selectDeliveries,
  selectDeliveryForSend,
  selectNewlyOverdue,
  selectSubscribers,
  selectSubscriptions,
  updateDelivery,
} from './integration.repository.js';
import { backoffMs, MAX_ATTEMPTS, newWebhookSecret, signWebhook } from './webhook-signature.js';
import { postWebhook, vetTarget } from './webhook-transport.js';

// Case steps that become webhook events. 返工 sends the case to a unit again: a dispatch.
const eventOfAction: Record<string, string> = {
  file: 'case.filed',
  dispatch: 'case.dispatched',
  rework: 'case.dispatched',
  dispose: 'case.disposed',
  close: 'case.closed',
};

const LEASE_MS = 60_000;
const SEND_TIMEOUT_MS = 10_000;

/**
 * Writes an event and one delivery per interested subscription, with the caller's transaction
 * (the outbox pattern: the event exists iff the change committed). No subscriber, no row.
 */
async function enqueue(
  trx: Db,
  cityCode: string,
  eventType: string,
  data: Record<string, unknown>,
  at: Date,
  dedupeKey: string | null,
): Promise<void> {
  const subscribers = await selectSubscribers(trx, cityCode, eventType);
  if (subscribers.length === 0) return;
  const eventId = uuidv7();
  const payload = { type: eventType, timestamp: toShanghaiIso(at), data };
  if (!(await insertEvent(trx, { id: eventId, cityCode, eventType, payload, dedupeKey, createdAt: at })))
    return;
  await insertDeliveries(
    trx,
    subscribers.map((subscriptionId) => ({
      id: uuidv7(),
      cityCode,
      eventId,
      subscriptionId,
      nextAttemptAt: at,
      createdAt: at,
    })),
  );
}

/** Event data: what a unit or a provincial platform needs to act; no personal fields. */
function caseData(
  row: Pick<CaseRow, 'id' | 'caseNo' | 'status' | 'kind' | 'unitId' | 'deadlineAt' | 'stageDeadlineAt'>,
) {
  return {
    caseId: row.id,
    caseNo: row.caseNo,
    status: row.status,
    kind: row.kind,
    unitId: row.unitId,
    deadlineAt: row.deadlineAt ? toShanghaiIso(row.deadlineAt) : null,
    stageDeadlineAt: row.stageDeadlineAt ? toShanghaiIso(row.stageDeadlineAt) : null,
  };
}

/** The listener the cases module calls inside every transition's transaction. */
export async function outboxOnTransition(trx: Db, row: CaseRow, step: CaseTransitionEvent): Promise<void> {
  const eventType = eventOfAction[step.action];
  if (!eventType) return;
  await enqueue(
    trx,
    row.cityCode,
    eventType,
    { ...caseData(row), action: step.action, seq: step.seq },
    step.at,
    null,
  );
}

/** case.overdue once per case stage (the stage = the case version when its clock ran out). */
export async function sweepOverdue(deps: AppDeps, limit = 500): Promise<number> {
  const now = deps.now();
  const rows = await selectNewlyOverdue(deps.db, now, limit);
  for (const row of rows) {
    await deps.db.transaction().execute(async (trx) => {
      await enqueue(
        trx,
        row.cityCode,
        'case.overdue',
        {
          ...caseData({ ...row, deadlineAt: null }),
          overdueSince: toShanghaiIso(row.stageDeadlineAt as Date),
        },
        now,
        `case.overdue:${row.id}:${row.version}`,
      );
    });
  }
  return rows.length;
}

export async function createSubscription(deps: AppDeps, actor: Actor, input: CreateSubscriptionInput) {
  // SSRF guard: only public http(s) targets, unless the host is explicitly allowlisted.
  const refusal = await vetTarget(input.url, deps.config.webhookAllowHosts ?? []);
  if (refusal) throw new AppError(422, 'WEBHOOK_TARGET_REFUSED', refusalMessage(refusal), { refusal });
  const id = uuidv7();
  const secret = newWebhookSecret();
  await deps.db.transaction().execute(async (trx) => {
    await insertSubscription(trx, {
      id,
      cityCode: actor.cityCode,
      name: input.name,
      url: input.url,
      secret,
      eventTypes: input.eventTypes,
      createdBy: actor.userId,
      createdAt: deps.now(),
    });
    await recordActorAudit(trx, actor, 'webhook.subscribe', 'webhook_subscription', id, {
      name: input.name,
      url: input.url,
      eventTypes: input.eventTypes,
    });
  });
  // The secret is shown once, for the receiver to verify signatures with.
  return { id, name: input.name, url: input.url, eventTypes: input.eventTypes, secret };
}

export interface PageRequest {
  page: number;
  pageSize: number;
}

const pageOf = (p: PageRequest) => ({ limit: p.pageSize, offset: (p.page - 1) * p.pageSize });

export async function listSubscriptions(deps: AppDeps, actor: Actor, page: PageRequest) {
  const { rows, total } = await selectSubscriptions(deps.db, actor.cityCode, pageOf(page));
  return {
    items: rows.map((r) => ({ ...r, createdAt: toShanghaiIso(r.createdAt) })),
    total,
    page: page.page,
    pageSize: page.pageSize,
  };
}

export async function removeSubscription(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await deactivateSubscription(trx, actor.cityCode, id))) {
      throw notFound({ zh: '有效的订阅', en: 'active subscription' });
    }
    await recordActorAudit(trx, actor, 'webhook.unsubscribe', 'webhook_subscription', id);
  });
}

/** 投递记录 (status=dead: the dead letters), newest first, each with every attempt. */
export async function listDeliveries(
  deps: AppDeps,
  actor: Actor,
  query: PageRequest & { status?: DeliveryStatus },
) {
  const { rows, total } = await selectDeliveries(deps.db, actor.cityCode, query.status, pageOf(query));
  const attempts = await selectAttempts(
    deps.db,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) => ({
    ...r,
    nextAttemptAt: toShanghaiIso(r.nextAttemptAt),
    deliveredAt: r.deliveredAt ? toShanghaiIso(r.deliveredAt) : null,
    createdAt: toShanghaiIso(r.createdAt),
    attemptLog: attempts
      .filter((a) => a.deliveryId === r.id)
      .map((a) => ({
        attemptNo: a.attemptNo,
        at: toShanghaiIso(a.at),
        httpStatus: a.httpStatus,
        error: a.error,
        durationMs: a.durationMs,
      })),
  }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** Deliveries per status, for the console's counters (the dead-letter badge). */
export async function deliverySummary(deps: AppDeps, actor: Actor) {
  const counts = { pending: 0, delivered: 0, dead: 0 };
  for (const row of await countDeliveriesByStatus(deps.db, actor.cityCode))
    counts[row.status] = Number(row.n);
  return counts;
}

/** 重发: a dead letter goes back to the queue for a fresh round of attempts. */
export async function replayDelivery(deps: AppDeps, actor: Actor, id: string) {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await requeueDelivery(trx, actor.cityCode, id, deps.now()))) {
      throw notFound({ zh: '死信投递', en: 'dead-lettered delivery' });
    }
    await recordActorAudit(trx, actor, 'webhook.replay', 'webhook_delivery', id);
  });
  return { id, status: 'pending' as const };
}

/**
 * One pass of the delivery worker: lease due deliveries, POST each signed payload, record the
 * attempt, then mark delivered, reschedule with backoff, or dead-letter after MAX_ATTEMPTS
 * (with a failed audit row, so the failure is visible, never silent). At-least-once: a crash
 * after sending but before recording means the receiver sees the same webhook-id again.
 */
export async function deliverDueWebhooks(deps: AppDeps, limit = 50) {
  const now = deps.now();
  const ids = await leaseDueDeliveries(deps.db, now, new Date(now.getTime() + LEASE_MS), limit);
  const result = { delivered: 0, retried: 0, dead: 0 };
  for (const id of ids) {
    const delivery = await selectDeliveryForSend(deps.db, id);
    if (delivery?.status !== 'pending') continue;
    const body = JSON.stringify(delivery.payload);
    const at = deps.now();
    const timestamp = Math.floor(at.getTime() / 1000);
    const outcome = delivery.active
      ? await postWebhook(
          delivery.url,
          {
            'content-type': 'application/json',
            'user-agent': 'CityLoop-Webhooks/1',
            'webhook-id': delivery.eventId,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': signWebhook(delivery.secret, delivery.eventId, timestamp, body),
          },
          body,
          { allowHosts: deps.config.webhookAllowHosts ?? [], timeoutMs: SEND_TIMEOUT_MS },
        )
      : {
          ok: false,
          httpStatus: null,
          error: '订阅已停用 / subscription removed',
          durationMs: 0,
          refused: null,
        };
    const attempts = delivery.attempts + 1;
    // A target the address policy refuses (e.g. its name now resolves to an internal address)
    // is not retried: it goes to the dead letters at once, where an admin sees why.
    const dead = !outcome.ok && (attempts >= MAX_ATTEMPTS || !delivery.active || outcome.refused !== null);
    await deps.db.transaction().execute(async (trx) => {
      await insertAttempt(trx, {
        id: uuidv7(),
        cityCode: delivery.cityCode,
        deliveryId: id,
        attemptNo: await nextAttemptNo(trx, id),
        at,
        httpStatus: outcome.httpStatus,
        error: outcome.error,
        durationMs: outcome.durationMs,
      });
      if (outcome.ok) {
        await updateDelivery(trx, id, { status: 'delivered', attempts, lastError: null, deliveredAt: at });
      } else if (dead) {
        await updateDelivery(trx, id, { status: 'dead', attempts, lastError: outcome.error });
        await recordAudit(trx, {
          cityCode: delivery.cityCode,
          action: 'webhook.dead_letter',
          objectType: 'webhook_delivery',
          objectId: id,
          success: false,
          detail: { eventType: delivery.eventType, url: delivery.url, attempts, error: outcome.error },
        });
      } else {
        await updateDelivery(trx, id, {
          status: 'pending',
          attempts,
          lastError: outcome.error,
          nextAttemptAt: new Date(at.getTime() + backoffMs(attempts)),
        });
      }
    });
    if (outcome.ok) result.delivered++;
    else if (dead) result.dead++;
    else result.retried++;
  }
  return result;
}
