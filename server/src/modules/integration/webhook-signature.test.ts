import { describe, expect, it } from 'vitest';
import { backoffMs, newWebhookSecret, signWebhook, verifyWebhook } from './webhook-signature.js';

describe('Standard Webhooks signatures', () => {
  it('matches the reference example of the Standard Webhooks spec', () => {
    // From the spec's test vectors: secret, msg id, timestamp and payload → this signature.
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
    const body = '{"test": 2432232314}';
    expect(signWebhook(secret, id, 1614265330, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('verifies its own signatures and rejects tampering', () => {
    const secret = newWebhookSecret();
    const headers = { 'webhook-id': 'evt_1', 'webhook-timestamp': '1700000000' };
    const body = '{"type":"case.closed"}';
    const signature = signWebhook(secret, 'evt_1', 1700000000, body);
    expect(verifyWebhook(secret, { ...headers, 'webhook-signature': signature }, body)).toBe(true);
    expect(verifyWebhook(secret, { ...headers, 'webhook-signature': signature }, `${body} `)).toBe(false);
    expect(verifyWebhook(newWebhookSecret(), { ...headers, 'webhook-signature': signature }, body)).toBe(
      false,
    );
  });

  it('backs off exponentially with a cap', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 120_000, 480_000, 1_920_000]);
    expect(backoffMs(20)).toBe(6 * 3600_000);
  });
});
