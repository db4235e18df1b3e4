import { hkdfSync } from 'node:crypto';

/**
 * Every secret the service needs is derived from the one evidence key the operator backs up, each under its
 * own label, so a key used for one purpose never doubles as another's (a file-name MAC can never be replayed
 * as a custody MAC, and a blind index reveals nothing about the encryption key). Changing a label changes
 * every value made with it: labels carry a version and are never edited.
 */
export const KEY_LABELS = {
  custodyMac: 'exposure-scanner custody-mac v1',
  vaultNames: 'exposure-scanner vault-names v1',
  fieldEncryption: 'exposure-scanner field-encryption v1',
  blindIndex: 'exposure-scanner blind-index v1',
} as const;

export type KeyPurpose = keyof typeof KEY_LABELS;
export type DerivedKeys = Record<KeyPurpose, Buffer>;

/** HKDF-SHA-256 (RFC 5869) of a 32-byte sub-key; an empty salt is fine because the input key is uniformly random. */
export function deriveSubKey(evidenceKey: Buffer, purpose: KeyPurpose): Buffer {
  if (evidenceKey.length !== 32) throw new RangeError('the evidence key must be 32 bytes');
  return Buffer.from(hkdfSync('sha256', evidenceKey, Buffer.alloc(0), KEY_LABELS[purpose], 32));
}

export function deriveKeys(evidenceKey: Buffer): DerivedKeys {
  return {
    custodyMac: deriveSubKey(evidenceKey, 'custodyMac'),
    vaultNames: deriveSubKey(evidenceKey, 'vaultNames'),
    fieldEncryption: deriveSubKey(evidenceKey, 'fieldEncryption'),
    blindIndex: deriveSubKey(evidenceKey, 'blindIndex'),
  };
}
