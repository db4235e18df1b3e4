import { describe, expect, it } from 'vitest';
import {
  chooseMode, countAlerts, dashboardLink, describeDeliveryError, earliestSendTime, MAX_DELIVERY_ATTEMPTS, nextRetryAt, shouldRaiseExposureAlert,
} from '../../../src/modules/alerts/alerts.models.ts';
import { parseQuietHours } from '../../../src/modules/alerts/quiet-hours.models.ts';

const policy = (criticalDuringQuietHours: boolean) => ({ quietHours: parseQuietHours('22:00-07:00'), timeZone: 'UTC', criticalDuringQuietHours });
const midnight = new Date('2026-11-23T00:00:00Z');
const noon = new Date('2026-11-22T12:00:00Z');

describe('when an exposure becomes an alert', () => {
  it('announces a new hit once', () => {
    expect(shouldRaiseExposureAlert({ isNew: true, severity: 'low', hitStatus: 'new', previousSeverities: [] })).toBe(true);
    expect(shouldRaiseExposureAlert({ isNew: true, severity: 'low', hitStatus: 'new', previousSeverities: ['low'] })).toBe(false);
  });

  it('announces a known hit again only when its severity rose', () => {
    expect(shouldRaiseExposureAlert({ isNew: false, severity: 'critical', hitStatus: 'seen', previousSeverities: ['medium'] })).toBe(true);
    expect(shouldRaiseExposureAlert({ isNew: false, severity: 'medium', hitStatus: 'seen', previousSeverities: ['medium'] })).toBe(false);
    expect(shouldRaiseExposureAlert({ isNew: false, severity: 'high', hitStatus: 'seen', previousSeverities: ['low', 'critical'] })).toBe(false);
    expect(shouldRaiseExposureAlert({ isNew: false, severity: 'high', hitStatus: 'seen', previousSeverities: [] })).toBe(false);
  });

  it('stays silent about a hit dismissed as a false positive', () => {
    expect(shouldRaiseExposureAlert({ isNew: false, severity: 'critical', hitStatus: 'false_positive', previousSeverities: ['low'] })).toBe(false);
  });
});

describe('immediate or digest', () => {
  it('sends high and critical exposures and every health alert at once, the rest in the digest', () => {
    expect(chooseMode({ kind: 'exposure', severity: 'critical' })).toBe('immediate');
    expect(chooseMode({ kind: 'exposure', severity: 'high' })).toBe('immediate');
    expect(chooseMode({ kind: 'exposure', severity: 'medium' })).toBe('digest');
    expect(chooseMode({ kind: 'exposure', severity: 'low' })).toBe('digest');
    expect(chooseMode({ kind: 'health', severity: 'low' })).toBe('immediate');
  });

  it('holds a high alert until the quiet hours end', () => {
    expect(earliestSendTime('high', midnight, policy(true)).toISOString()).toBe('2026-11-23T07:00:00.000Z');
    expect(earliestSendTime('high', noon, policy(true))).toEqual(noon);
  });

  it('lets a critical alert through the quiet hours only when the setting allows it', () => {
    expect(earliestSendTime('critical', midnight, policy(true))).toEqual(midnight);
    expect(earliestSendTime('critical', midnight, policy(false)).toISOString()).toBe('2026-11-23T07:00:00.000Z');
  });
});

describe('retries', () => {
  it('waits longer after each failure and gives up after the last attempt', () => {
    const waits = Array.from({ length: MAX_DELIVERY_ATTEMPTS - 1 }, (_, i) => nextRetryAt(i + 1, noon, () => 0)!.getTime() - noon.getTime());
    expect(waits[0]).toBe(60_000);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1]!);
    expect(waits.at(-1)).toBe(86_400_000);
    expect(nextRetryAt(MAX_DELIVERY_ATTEMPTS, noon, () => 0)).toBeNull();
  });

  it('spreads retries by at most a tenth', () => {
    const wait = nextRetryAt(2, noon, () => 0.999)!.getTime() - noon.getTime();
    expect(wait).toBeGreaterThan(300_000);
    expect(wait).toBeLessThanOrEqual(330_000);
  });

  it('stores errors without addresses or URLs', () => {
    const error = Object.assign(new Error('Can\'t send mail - all recipients were rejected: 550 5.1.1 <mc.dubois@example.be>: User unknown\n at https://ntfy.example/secret-topic'), { code: 'EENVELOPE' });
    const text = describeDeliveryError(error);
    expect(text).toMatch(/^EENVELOPE: .*550 5\.1\.1/);
    expect(text).not.toMatch(/dubois|example\.be|secret-topic|\n/);
  });
});

describe('counts and links', () => {
  it('counts exposures by severity and health notices apart', () => {
    expect(countAlerts([
      { kind: 'exposure', severity: 'low' }, { kind: 'exposure', severity: 'low' }, { kind: 'exposure', severity: 'medium' }, { kind: 'health', severity: 'high' },
    ])).toEqual({ total: 3, bySeverity: { low: 2, medium: 1, high: 0, critical: 0 }, health: 1 });
  });

  it('links an exposure to its page and anything else to the overview', () => {
    expect(dashboardLink('https://scanner.example.org/', { kind: 'exposure', hitId: 'hit_abc' })).toBe('https://scanner.example.org/exposures/hit_abc');
    expect(dashboardLink('https://scanner.example.org', { kind: 'health', hitId: null })).toBe('https://scanner.example.org/overview');
    expect(dashboardLink('https://scanner.example.org/base/', null)).toBe('https://scanner.example.org/base/overview');
  });
});
