import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { DerivedKeys } from './key-derivation.models.ts';

/**
 * Encryption of single database fields (people's identifiers and what was found about them), so the
 * SQLite file on its own gives nothing away. A sealed value is text:
 *   "es1." + base64url(nonce (12 bytes) | AES-256-GCM ciphertext | tag (16 bytes))
 * Values without the prefix are read as they are: rows written before encryption stay readable until the
 * start-up migration has sealed them.
 *
 * A blind index is what lookups use instead of the value: HMAC-SHA-256 of a normalised value under its own
 * key, scoped by what it indexes ("identifier:phone", "url"), so equal values can be found and de-duplicated
 * without storing them. It is deterministic by design: it tells that two rows hold the same value, nothing more.
 */
export const SEALED_PREFIX = 'es1.';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface FieldCipher {
  seal(plain: string): string;
  sealNullable(plain: string | null | undefined): string | null;
  /** The clear value; throws on a sealed value that fails authentication (tampered, or another key). */
  open(stored: string): string;
  openNullable(stored: string | null | undefined): string | null;
  index(scope: string, normalised: string): string;
}

export const isSealed = (stored: unknown): stored is string => typeof stored === 'string' && stored.startsWith(SEALED_PREFIX);
export const isBlindIndex = (stored: unknown): boolean => typeof stored === 'string' && /^[0-9a-f]{64}$/.test(stored);

export function createFieldCipher(keys: Pick<DerivedKeys, 'fieldEncryption' | 'blindIndex'>, nonce: () => Buffer = () => randomBytes(NONCE_BYTES)): FieldCipher {
  const seal = (plain: string): string => {
    const iv = nonce();
    const cipher = createCipheriv('aes-256-gcm', keys.fieldEncryption, iv, { authTagLength: TAG_BYTES });
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return SEALED_PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  };
  const open = (stored: string): string => {
    if (!isSealed(stored)) return stored;
    const raw = Buffer.from(stored.slice(SEALED_PREFIX.length), 'base64url');
    if (raw.length < NONCE_BYTES + TAG_BYTES) throw new Error('sealed field is truncated');
    const decipher = createDecipheriv('aes-256-gcm', keys.fieldEncryption, raw.subarray(0, NONCE_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  };
  return {
    seal,
    open,
    sealNullable: (plain) => (plain === null || plain === undefined ? null : seal(plain)),
    openNullable: (stored) => (stored === null || stored === undefined ? null : open(stored)),
    index: (scope, normalised) => createHmac('sha256', keys.blindIndex).update(`${scope}\u0000${normalised}`).digest('hex'),
  };
}
