/**
 * Login throttling, pure. An account locks after `maxFailures` wrong passwords in a row for `lockoutMs`;
 * an address (IP) locks after `4 × maxFailures` failures inside one lockout window, whatever the accounts
 * tried, so one machine cannot walk through many accounts.
 */
export interface LockoutPolicy {
  maxFailures: number;
  lockoutMs: number;
}

export interface AccountLockState {
  failedLogins: number;
  lockedUntil: Date | null;
}

export function isLocked(state: AccountLockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** The state after one more wrong password. A lockout that ran out starts the count again. */
export function afterFailure(state: AccountLockState, now: Date, policy: LockoutPolicy): AccountLockState {
  const expired = state.lockedUntil !== null && state.lockedUntil.getTime() <= now.getTime();
  const failedLogins = (expired ? 0 : state.failedLogins) + 1;
  if (failedLogins >= policy.maxFailures) return { failedLogins, lockedUntil: new Date(now.getTime() + policy.lockoutMs) };
  return { failedLogins, lockedUntil: expired ? null : state.lockedUntil };
}

export const afterSuccess = (): AccountLockState => ({ failedLogins: 0, lockedUntil: null });

/** Failure times of one address inside the window, newest last; older ones fall out. */
export function recordAddressFailure(times: number[], now: Date, policy: LockoutPolicy): number[] {
  const from = now.getTime() - policy.lockoutMs;
  return [...times.filter((t) => t > from), now.getTime()];
}

export function isAddressBlocked(times: number[], now: Date, policy: LockoutPolicy): boolean {
  const from = now.getTime() - policy.lockoutMs;
  return times.filter((t) => t > from).length >= policy.maxFailures * 4;
}
