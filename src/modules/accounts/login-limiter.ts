import { afterFailure, isAddressBlocked, isLocked, recordAddressFailure, type AccountLockState, type LockoutPolicy } from './lockout.models.ts';

const MAX_ENTRIES = 10_000;

/**
 * In-memory side of login throttling: failures per address (IP), and per unknown email so that an email
 * without an account locks exactly like one with an account (the lockout must not reveal which exist).
 * Known accounts keep their count in the database, which survives a restart.
 */
/**
 * A reverse proxy on the same machine makes every visitor come from a loopback address: limiting that
 * address would let anyone lock everybody out, so only the per-account lockout applies to it.
 */
const isLoopback = (ip: string) => ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');

export function createLoginLimiter(policy: LockoutPolicy) {
  const addresses = new Map<string, number[]>();
  const unknownEmails = new Map<string, AccountLockState>();
  const bounded = <V>(map: Map<string, V>, key: string, value: V) => {
    map.delete(key);
    map.set(key, value);
    // Maps iterate in insertion order: the first key is the least recently touched.
    if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!);
  };
  return {
    addressBlocked(ip: string, now: Date): boolean {
      if (isLoopback(ip)) return false;
      return isAddressBlocked(addresses.get(ip) ?? [], now, policy);
    },
    addressFailed(ip: string, now: Date): void {
      if (isLoopback(ip)) return;
      bounded(addresses, ip, recordAddressFailure(addresses.get(ip) ?? [], now, policy));
    },
    unknownEmailLocked(email: string, now: Date): boolean {
      const state = unknownEmails.get(email);
      return state ? isLocked(state, now) : false;
    },
    unknownEmailFailed(email: string, now: Date): void {
      bounded(unknownEmails, email, afterFailure(unknownEmails.get(email) ?? { failedLogins: 0, lockedUntil: null }, now, policy));
    },
  };
}

export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
