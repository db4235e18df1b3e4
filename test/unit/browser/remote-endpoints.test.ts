import { describe, expect, it } from 'vitest';
import {
  backoffMs, connectFailureReason, endpointHealthReport, endpointsToTry, initialEndpointHealth, markEndpointFailed, markEndpointHealthy, nextRetryAt,
} from '../../../src/browser/remote-endpoints.models.ts';

const policy = { initialMs: 1000, maxMs: 8000 };

describe('remote browser rotation and back-off', () => {
  it('starts each job one browser further along, wrapping round', () => {
    const health = initialEndpointHealth(3);
    const starts: number[] = [];
    let cursor = 0;
    for (let i = 0; i < 4; i++) {
      const { order, nextCursor } = endpointsToTry(health, cursor, 0);
      starts.push(order[0]!);
      expect(order).toHaveLength(3);
      cursor = nextCursor;
    }
    expect(starts).toEqual([0, 1, 2, 0]);
  });

  it('leaves out a browser in back-off and tries it again once the back-off has passed', () => {
    const health = initialEndpointHealth(2);
    health[0] = markEndpointFailed(health[0]!, 10_000, policy);
    expect(endpointsToTry(health, 0, 10_500).order).toEqual([1]);
    expect(endpointsToTry(health, 0, 11_000).order).toEqual([0, 1]);
  });

  it('doubles the pause with every failure in a row, up to the most allowed, and forgets it after a success', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, policy))).toEqual([1000, 2000, 4000, 8000, 8000]);
    let h = markEndpointFailed(markEndpointFailed(initialEndpointHealth(1)[0]!, 0, policy), 0, policy);
    expect(h).toEqual({ healthy: false, failures: 2, retryAt: 2000 });
    h = markEndpointHealthy();
    expect(markEndpointFailed(h, 0, policy).retryAt).toBe(1000);
  });

  it('tells when the first browser will be tried again only when none can be tried now', () => {
    const health = initialEndpointHealth(2).map((h, i) => markEndpointFailed(h, i * 500, policy));
    expect(nextRetryAt(health, 0)).toBe(1000);
    expect(nextRetryAt(health, 1000)).toBeNull();
    expect(endpointsToTry(health, 0, 0).order).toEqual([]);
  });

  it('reports each browser by index and state only', () => {
    const health = initialEndpointHealth(2);
    health[1] = markEndpointFailed(health[1]!, 0, policy);
    expect(endpointHealthReport(health)).toEqual([{ index: 0, healthy: true }, { index: 1, healthy: false }]);
  });

  it('keeps a connection failure\'s reason for the log without the endpoint or any credentials in it', () => {
    const endpoint = 'wss://ops:s3cret@browsers.example:3000/token-abc';
    const message = `browserType.connect: WebSocket error: ${endpoint} 401 Unauthorized\nCall log:\n  - <ws connecting> wss://ops:s3cret@browsers.example:3000/token-abc/`;
    const reason = connectFailureReason(message, endpoint);
    expect(reason).toBe('browserType.connect: WebSocket error: <endpoint> 401 Unauthorized');
    expect(connectFailureReason('failed at WSS://ops:s3cret@browsers.example/other', endpoint)).not.toContain('s3cret');
  });
});
