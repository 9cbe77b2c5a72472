import type { Db } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { Actor } from '../../platform/http/server-types.js';
import { recordActorAudit } from '../audit/index.js';
import {
  acknowledgeAlertRow,
  selectAlert,
  selectAlertPayload,
  selectAlerts,
  updateAlert,
} from './hotline.repository.js';

// 突发事件信息报告: an emergency order raises an alert for the duty leader (the board below,
// until acknowledged) and, when a URL is configured, a POST to an outgoing webhook.

const WEBHOOK_TIMEOUT_MS = 3000;

/**
 * Posts the alert to the webhook after the order has committed and writes the outcome on the
 * alert row (sent with the HTTP status, or failed with the reason). Never throws: the alert is
 * already on the board, and a failed delivery is visible there, not silent.
 */
export async function deliverAlertWebhook(
  db: Db,
  alertId: string,
  url: string,
  now: () => Date,
): Promise<void> {
  const alert = await selectAlertPayload(db, alertId);
  if (!alert) return;
  // Minimum necessary: what happened and where, never the caller's name or number.
  const payload = {
    type: 'hotline.emergency',
    alertId: alert.id,
    cityCode: alert.cityCode,
    orderNo: alert.orderNo,
    emergency: alert.emergency,
    summary: alert.summary,
    address: alert.address,
    lng: alert.lng,
    lat: alert.lat,
    createdAt: alert.createdAt.toISOString(),
  };
  const attemptedAt = now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await updateAlert(db, alertId, {
      webhookStatus: response.ok ? 'sent' : 'failed',
      webhookAttemptedAt: attemptedAt,
      webhookHttpStatus: response.status,
      webhookError: response.ok ? null : `HTTP ${response.status}`,
    });
  } catch (error) {
    await updateAlert(db, alertId, {
      webhookStatus: 'failed',
      webhookAttemptedAt: attemptedAt,
      webhookHttpStatus: null,
      webhookError: (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(
        0,
        500,
      ),
    });
  }
}

export function listAlerts(db: Db, actor: Actor, openOnly: boolean) {
  return selectAlerts(db, actor.cityCode, openOnly);
}

/** 确认: the duty leader (or shift lead) has seen the alert; it leaves the open board. */
export async function acknowledgeAlert(
  db: Db,
  actor: Actor,
  id: string,
  note: string | undefined,
  now: Date,
) {
  const alert = await selectAlert(db, actor.cityCode, id);
  if (!alert) throw notFound({ zh: '突发事件报警', en: 'emergency alert' });
  await db.transaction().execute(async (trx) => {
    const done = await acknowledgeAlertRow(trx, id, {
      acknowledgedAt: now,
      acknowledgedBy: actor.userId,
      ackNote: note ?? null,
    });
    if (!done) {
      throw new AppError(409, 'ALREADY_ACKNOWLEDGED', {
        zh: '该报警已被确认',
        en: 'the alert was already acknowledged',
      });
    }
    await recordActorAudit(trx, actor, 'hotline.alert_ack', 'hotline_alert', id, { orderId: alert.orderId });
  });
  return selectAlert(db, actor.cityCode, id);
}
