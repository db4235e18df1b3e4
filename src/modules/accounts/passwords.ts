import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// argon2id (algorithm 2) with the library's defaults (19 MiB, 2 passes, 1 lane): OWASP's minimum
// recommendation. The const enum of the typings cannot be imported with isolated modules.
const ARGON2ID = 2 as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID as never });
}

/** False for a wrong password and for a stored value that is not an argon2 hash (an account without a password). */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  if (!stored.startsWith('$argon2')) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;

/**
 * For a login with an unknown email the same work is done against a hash of nothing, so the answer takes
 * about as long as for a known account with a wrong password: timing does not tell which emails exist.
 */
export async function burnVerification(password: string): Promise<void> {
  dummy ??= hashPassword(randomBytes(24).toString('base64'));
  await verifyPassword(await dummy, password);
}

/** Stored for accounts that log in only with API tokens (and in tests): never matches any password. */
export const NO_PASSWORD = '!no-password';
