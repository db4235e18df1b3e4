import { createHash } from 'node:crypto';

/**
 * SHA-256 as lower-case hex: session and API token digests, evidence file and custody-chain hashes, photo file
 * identities. One definition, so a token hashed at login and the same token hashed at lookup, or a file hashed
 * when written and again when verified, can never disagree on encoding (strings are hashed as UTF-8).
 */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
