import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook, webhookHeaders } from '../../../src/modules/alerts/webhook.models.ts';

const secret = 'test-secret-0123456789';

describe('webhook signatures', () => {
  it('is the HMAC-SHA256 of "<timestamp>.<raw body>" in hex', () => {
    // Reference value from `printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac test-secret-0123456789`.
    expect(signWebhook(secret, 1_700_000_000, '{"a":1}')).toBe('sha256=6e873f59dc6002f6de5f578e9bf3f90a7906473a2924651d6f4cc33d61aff598');
  });

  it('sends the timestamp and the signature as headers a receiver can verify', () => {
    const body = '{"type":"alert"}';
    const headers = webhookHeaders(secret, new Date('2026-11-22T10:00:00Z'), body);
    expect(headers['X-Exposure-Scanner-Timestamp']).toBe('1795341600');
    expect(verifyWebhook({ secret, timestamp: headers['X-Exposure-Scanner-Timestamp'], signature: headers['X-Exposure-Scanner-Signature'], rawBody: body, nowSeconds: 1_795_341_630 })).toBe(true);
  });

  it('rejects a changed body, a wrong secret, a moved timestamp and a replay after the window', () => {
    const body = '{"type":"alert"}';
    const signature = signWebhook(secret, 1_795_341_600, body);
    const check = (over: Partial<Parameters<typeof verifyWebhook>[0]>) =>
      verifyWebhook({ secret, timestamp: '1795341600', signature, rawBody: body, nowSeconds: 1_795_341_600, ...over });
    expect(check({})).toBe(true);
    expect(check({ rawBody: '{"type":"alerts"}' })).toBe(false);
    expect(check({ secret: 'another-secret-0123456' })).toBe(false);
    expect(check({ timestamp: '1795341601', nowSeconds: 1_795_341_601 })).toBe(false);
    expect(check({ nowSeconds: 1_795_341_600 + 301 })).toBe(false);
    expect(check({ signature: undefined })).toBe(false);
  });
});
