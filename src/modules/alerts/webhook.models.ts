import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AlertCounts, AlertKind, Severity } from './alerts.models.ts';
import type { HealthProblem } from './health-alerts.models.ts';

export const SIGNATURE_HEADER = 'X-Exposure-Scanner-Signature';
export const TIMESTAMP_HEADER = 'X-Exposure-Scanner-Timestamp';

/** Neutral by construction: ids, kinds, counts and a link; chat bridges and phone notifications show it as is. */
export type WebhookPayload =
  | { type: 'alert'; alertId: string; kind: AlertKind; severity: Severity; problems?: HealthProblem[]; counts: { unread: number }; link: string; createdAt: string }
  | { type: 'digest'; alertIds: string[]; counts: AlertCounts; link: string };

/**
 * The signed string is `<timestamp>.<raw body>`: a receiver that rejects timestamps older than a few
 * minutes cannot be fooled by a replay of a captured request, and a body cannot be moved to another time.
 */
export function signWebhook(secret: string, timestamp: number, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/** What a receiver does (shown in the docs, used by the tests): constant-time compare plus a freshness window. */
export function verifyWebhook(args: { secret: string; timestamp: string | undefined; signature: string | undefined; rawBody: string; nowSeconds: number; toleranceSeconds?: number }): boolean {
  const ts = Number(args.timestamp);
  if (!args.signature || !Number.isInteger(ts)) return false;
  if (Math.abs(args.nowSeconds - ts) > (args.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(args.secret, ts, args.rawBody));
  const given = Buffer.from(args.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function webhookHeaders(secret: string, now: Date, rawBody: string): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'content-type': 'application/json',
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: signWebhook(secret, timestamp, rawBody),
  };
}
