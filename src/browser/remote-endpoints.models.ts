/**
 * Health of the remote browsers named in BROWSER_WS_ENDPOINT, kept apart from the connections so the
 * rotation and back-off rules are tested without a browser. An endpoint is known only by its index: its
 * URL may carry credentials and is never shown or logged.
 */
export interface EndpointHealth {
  healthy: boolean;
  /** Failures in a row; resets on the first successful connection. */
  failures: number;
  /** Epoch ms before which an unhealthy endpoint is not tried again. */
  retryAt: number;
}

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffPolicy = { initialMs: 5_000, maxMs: 5 * 60_000 };

export const initialEndpointHealth = (count: number): EndpointHealth[] => Array.from({ length: count }, () => ({ healthy: true, failures: 0, retryAt: 0 }));

/** Doubles with each failure in a row, so a browser that stays down costs one try per few minutes. */
export function backoffMs(failures: number, policy: BackoffPolicy): number {
  if (failures <= 0) return 0;
  return Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(failures - 1, 30));
}

export function markEndpointFailed(health: EndpointHealth, now: number, policy: BackoffPolicy): EndpointHealth {
  const failures = health.failures + 1;
  return { healthy: false, failures, retryAt: now + backoffMs(failures, policy) };
}

export const markEndpointHealthy = (): EndpointHealth => ({ healthy: true, failures: 0, retryAt: 0 });

/**
 * The endpoints to try for one job, in order: round-robin from `cursor`, healthy ones and those whose
 * back-off has passed (a re-try), the others left out. `nextCursor` moves one step on every job, so
 * consecutive jobs start on consecutive browsers.
 */
export function endpointsToTry(health: readonly EndpointHealth[], cursor: number, now: number): { order: number[]; nextCursor: number } {
  const count = health.length;
  if (count === 0) return { order: [], nextCursor: 0 };
  const start = ((cursor % count) + count) % count;
  const order: number[] = [];
  for (let step = 0; step < count; step++) {
    const index = (start + step) % count;
    const h = health[index]!;
    if (h.healthy || h.retryAt <= now) order.push(index);
  }
  return { order, nextCursor: (start + 1) % count };
}

/** When the first endpoint in back-off is tried again; null when one is usable now. */
export function nextRetryAt(health: readonly EndpointHealth[], now: number): number | null {
  if (health.some((h) => h.healthy || h.retryAt <= now)) return null;
  return Math.min(...health.map((h) => h.retryAt));
}

/** What /healthz shows: an index and a state per endpoint, never the address. */
export const endpointHealthReport = (health: readonly EndpointHealth[]) => health.map((h, index) => ({ index, healthy: h.healthy }));

/**
 * Why a connection failed, fit for a log: Playwright's message may repeat the URL it was given (in any
 * spelling, credentials included), so only its first line is kept, with every URL in it replaced.
 */
export function connectFailureReason(message: string, endpoint: string): string {
  const firstLine = message.split('\n')[0] ?? '';
  return firstLine.split(endpoint).join('<endpoint>').replace(/\b(?:wss?|https?):\/\/\S+/gi, '<endpoint>').slice(0, 200);
}
