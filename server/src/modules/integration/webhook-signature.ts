import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Standard Webhooks (github.com/standard-webhooks): the receiver checks
// `webhook-signature: v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>` where key is the
// base64 part of the `whsec_…` secret, and rejects stale timestamps.

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
}

export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', keyOf(secret))
    .update(`${id}.${timestampSeconds}.${body}`)
    .digest('base64');
  return `v1,${mac}`;
}

/** What a receiver does; used by the tests and documented for subscribers. */
export function verifyWebhook(
  secret: string,
  headers: Record<string, string | undefined>,
  body: string,
): boolean {
  const id = headers['webhook-id'];
  const timestamp = Number(headers['webhook-timestamp']);
  const signatures = headers['webhook-signature']?.split(' ') ?? [];
  if (!id || !Number.isInteger(timestamp)) return false;
  const expected = Buffer.from(signWebhook(secret, id, timestamp, body));
  return signatures.some((s) => {
    const given = Buffer.from(s);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** Attempts before a delivery is dead-lettered. */
export const MAX_ATTEMPTS = 6;

/** Wait after the n-th failed attempt: 30 s, 2 min, 8 min, 32 min, ~2 h (capped at 6 h). */
export function backoffMs(failedAttempts: number): number {
  return Math.min(30_000 * 4 ** Math.max(0, failedAttempts - 1), 6 * 3600_000);
}
