import { describe, expect, it } from 'vitest';
import { canSeePerson, normaliseEmail, passwordProblem } from '../../../src/modules/accounts/accounts.models.ts';
import { afterFailure, afterSuccess, isAddressBlocked, isLocked, recordAddressFailure } from '../../../src/modules/accounts/lockout.models.ts';
import { parseAccountsSettings } from '../../../src/config/accounts.settings.ts';

const policy = { maxFailures: 5, lockoutMs: 15 * 60_000 };
const t0 = new Date('2026-11-22T10:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe('account lockout', () => {
  it('locks on the fifth wrong password in a row, for fifteen minutes', () => {
    let state = { failedLogins: 0, lockedUntil: null as Date | null };
    for (let i = 0; i < 4; i++) state = afterFailure(state, at(i), policy);
    expect(isLocked(state, at(4))).toBe(false);
    state = afterFailure(state, at(4), policy);
    expect(isLocked(state, at(4))).toBe(true);
    expect(isLocked(state, at(18.9))).toBe(true);
    expect(isLocked(state, at(19))).toBe(false);
  });

  it('counts again from zero after a lockout ran out, and after a success', () => {
    const locked = { failedLogins: 5, lockedUntil: at(15) };
    expect(afterFailure(locked, at(16), policy)).toEqual({ failedLogins: 1, lockedUntil: null });
    expect(afterSuccess()).toEqual({ failedLogins: 0, lockedUntil: null });
  });

  it('blocks an address after four times as many failures inside the window, forgetting older ones', () => {
    let times: number[] = [];
    for (let i = 0; i < 19; i++) times = recordAddressFailure(times, at(i * 0.5), policy);
    expect(isAddressBlocked(times, at(10), policy)).toBe(false);
    times = recordAddressFailure(times, at(10), policy);
    expect(isAddressBlocked(times, at(10), policy)).toBe(true);
    expect(isAddressBlocked(times, at(26), policy)).toBe(false);
  });
});

describe('passwords and emails', () => {
  it('asks for at least twelve characters, counted as characters not bytes', () => {
    expect(passwordProblem('elevenchars')).toBe('too_short');
    expect(passwordProblem('twelve chars')).toBeNull();
    expect(passwordProblem('ééééééééééé')).toBe('too_short');
    expect(passwordProblem('x'.repeat(1025))).toBe('too_long');
  });

  it('compares emails case-insensitively and refuses what is not one', () => {
    expect(normaliseEmail('  Lola@Example.ORG ')).toBe('lola@example.org');
    expect(normaliseEmail('not an email')).toBeNull();
    expect(normaliseEmail('a@b@c')).toBeNull();
  });
});

describe('who may see a person', () => {
  const person = { id: 'person_1', organisationId: 'org_a' };
  it('lets an administrator see everyone in their organisation and nobody outside it', () => {
    expect(canSeePerson({ organisationId: 'org_a', personIds: 'all-in-org' }, person)).toBe(true);
    expect(canSeePerson({ organisationId: 'org_b', personIds: 'all-in-org' }, person)).toBe(false);
  });

  it('lets caseworkers and persons see only the people on their list, and never across organisations', () => {
    expect(canSeePerson({ organisationId: 'org_a', personIds: ['person_1'] }, person)).toBe(true);
    expect(canSeePerson({ organisationId: 'org_a', personIds: ['person_2'] }, person)).toBe(false);
    expect(canSeePerson({ organisationId: 'org_b', personIds: ['person_1'] }, person)).toBe(false);
  });
});

describe('the accounts settings', () => {
  it('have safe defaults', () => {
    expect(parseAccountsSettings({})).toEqual({ settings: { quickExitUrl: 'https://www.google.com/search?q=weather', sessionIdleMs: 12 * 3_600_000, loginMaxFailures: 5, lockoutMs: 15 * 60_000, defaultLanguage: 'en' } });
  });

  it('list every bad variable at once', () => {
    const result = parseAccountsSettings({ QUICK_EXIT_URL: 'javascript:alert(1)', LOGIN_MAX_FAILURES: '0', UI_DEFAULT_LANGUAGE: 'es' });
    expect('problems' in result && result.problems.map((p) => p.variable)).toEqual(['QUICK_EXIT_URL', 'LOGIN_MAX_FAILURES', 'UI_DEFAULT_LANGUAGE']);
  });
});

describe('the per-address login limiter', () => {
  it('never blocks the loopback address a local reverse proxy uses, but blocks others', async () => {
    const { createLoginLimiter } = await import('../../../src/modules/accounts/login-limiter.ts');
    const limiter = createLoginLimiter(policy);
    for (let i = 0; i < 30; i++) {
      limiter.addressFailed('127.0.0.1', at(0));
      limiter.addressFailed('203.0.113.5', at(0));
    }
    expect(limiter.addressBlocked('127.0.0.1', at(1))).toBe(false);
    expect(limiter.addressBlocked('203.0.113.5', at(1))).toBe(true);
  });
});
