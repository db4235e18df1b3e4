import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { sha256Hex } from '../../shared/hashing.models.ts';

/**
 * On-disk format of one evidence file, version 1:
 *   "ESVT" | version (1 byte) | nonce (12 bytes) | AES-256-GCM ciphertext | tag (16 bytes)
 * The header and the plaintext's SHA-256 (the file's address) are authenticated as associated data, so a
 * file copied under another address, or with its header edited, fails to open.
 */
const MAGIC = Buffer.from('ESVT', 'ascii');
const VERSION = 1;
export const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 1 + NONCE_BYTES;

export type OpenResult = { ok: true; plaintext: Buffer } | { ok: false; reason: 'not_a_vault_file' | 'unknown_version' | 'authentication_failed' | 'hash_mismatch' };

export function sealEvidence(key: Buffer, nonce: Buffer, plaintext: Buffer, sha256: string): Buffer {
  if (nonce.length !== NONCE_BYTES) throw new RangeError('nonce must be 12 bytes');
  const header = Buffer.concat([MAGIC, Buffer.from([VERSION]), nonce]);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.concat([header, Buffer.from(sha256, 'ascii')]));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

export function openEvidence(key: Buffer, sealed: Buffer, sha256: string): OpenResult {
  if (sealed.length < HEADER_BYTES + TAG_BYTES || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) return { ok: false, reason: 'not_a_vault_file' };
  if (sealed[MAGIC.length] !== VERSION) return { ok: false, reason: 'unknown_version' };
  const header = sealed.subarray(0, HEADER_BYTES);
  const nonce = header.subarray(MAGIC.length + 1);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const body = sealed.subarray(HEADER_BYTES, sealed.length - TAG_BYTES);
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.concat([header, Buffer.from(sha256, 'ascii')]));
    decipher.setAuthTag(tag);
    plaintext = Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    return { ok: false, reason: 'authentication_failed' };
  }
  // The tag already proves integrity under this key; the hash proves the content is what its address says.
  if (sha256Hex(plaintext) !== sha256) return { ok: false, reason: 'hash_mismatch' };
  return { ok: true, plaintext };
}

/**
 * A value stored in the database that tells whether a key is the one the evidence was written with,
 * without revealing anything about the key (HMAC under the key of a fixed label).
 */
export const keyCheckValue = (key: Buffer): string => createHmac('sha256', key).update('exposure-scanner/evidence-key-check/v1').digest('hex');

export const isSha256Hex = (value: string): boolean => /^[0-9a-f]{64}$/.test(value);

/**
 * A file's name in the vault: a MAC of its content hash, not the hash itself, so whoever holds a copy of an
 * image cannot confirm from a directory listing that it is stored here. The content hash stays inside the
 * sealed file (as associated data), in the database and in exports, where it is needed as evidence.
 */
export const vaultFileName = (namesKey: Buffer, sha256: string): string => createHmac('sha256', namesKey).update(`file:${sha256}`).digest('hex');

/** Relative location of a file in the vault: fanned out by the first two hex digits of its name. */
export const vaultRelativePath = (name: string): string => `${name.slice(0, 2)}/${name}`;
