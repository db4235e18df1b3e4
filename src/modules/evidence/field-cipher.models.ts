import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { DerivedKeys } from './key-derivation.models.ts';

/**
 * Encryption of single database fields (people's identifiers and what was found about them), so the
 * SQLite file on its own gives nothing away. A sealed value is text:
 *   "es2." + base64url(nonce (12 bytes) | AES-256-GCM ciphertext | tag (16 bytes))
 * The ciphertext is bound to where it is stored (table, column and, where the row key is known when writing,
 * the row): the binding is GCM's associated data, so a value copied into another row or column no longer
 * opens, and someone with write access to the file cannot swap one page's address for another's unnoticed.
 * "es1." values (the first version, no binding) are still read. Values without a prefix are read as they
 * are: rows written before encryption stay readable until the start-up migration has sealed them.
 *
 * A blind index is what lookups use instead of the value: HMAC-SHA-256 of a normalised value under its own
 * key, scoped by what it indexes ("identifier:phone", "url"), so equal values can be found and de-duplicated
 * without storing them. It is deterministic by design: it tells that two rows hold the same value, nothing more.
 */
export const SEALED_PREFIX = 'es2.';
const UNBOUND_PREFIX = 'es1.';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface FieldCipher {
  /** `binding` names where the value lives (see fieldBinding); opening needs the same binding. */
  seal(plain: string, binding?: string): string;
  sealNullable(plain: string | null | undefined, binding?: string): string | null;
  /** The clear value; throws on a sealed value that fails authentication (tampered, moved, or another key). */
  open(stored: string, binding?: string): string;
  openNullable(stored: string | null | undefined, binding?: string): string | null;
  index(scope: string, normalised: string): string;
}

/** Where a sealed value is stored; the row key is left out where it is only known after the insert. */
export const fieldBinding = (table: string, column: string, rowKey = ''): string => `${table}.${column}\u0000${rowKey}`;

export const isSealed = (stored: unknown): stored is string => typeof stored === 'string' && (stored.startsWith(SEALED_PREFIX) || stored.startsWith(UNBOUND_PREFIX));
export const isBlindIndex = (stored: unknown): boolean => typeof stored === 'string' && /^[0-9a-f]{64}$/.test(stored);

export function createFieldCipher(keys: Pick<DerivedKeys, 'fieldEncryption' | 'blindIndex'>, nonce: () => Buffer = () => randomBytes(NONCE_BYTES)): FieldCipher {
  // The version is part of the associated data too, so an es2 body relabelled es1 (no binding) fails.
  const associated = (binding: string) => Buffer.from(`${SEALED_PREFIX}${binding}`, 'utf8');
  const seal = (plain: string, binding = ''): string => {
    const iv = nonce();
    const cipher = createCipheriv('aes-256-gcm', keys.fieldEncryption, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associated(binding));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return SEALED_PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  };
  const open = (stored: string, binding = ''): string => {
    if (!isSealed(stored)) return stored;
    const raw = Buffer.from(stored.slice(SEALED_PREFIX.length), 'base64url');
    if (raw.length < NONCE_BYTES + TAG_BYTES) throw new Error('sealed field is truncated');
    const decipher = createDecipheriv('aes-256-gcm', keys.fieldEncryption, raw.subarray(0, NONCE_BYTES), { authTagLength: TAG_BYTES });
    if (stored.startsWith(SEALED_PREFIX)) decipher.setAAD(associated(binding));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  };
  return {
    seal,
    open,
    sealNullable: (plain, binding) => (plain === null || plain === undefined ? null : seal(plain, binding)),
    openNullable: (stored, binding) => (stored === null || stored === undefined ? null : open(stored, binding)),
    index: (scope, normalised) => createHmac('sha256', keys.blindIndex).update(`${scope}\u0000${normalised}`).digest('hex'),
  };
}
