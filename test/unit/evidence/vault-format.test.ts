import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyCheckValue, openEvidence, sealEvidence } from '../../../src/modules/evidence/vault-format.models.ts';
import { sha256Hex } from '../../../src/shared/hashing.models.ts';

const key = randomBytes(32);
const plaintext = Buffer.from('<html>evidence</html>');
const sha = sha256Hex(plaintext);

describe('the evidence file format', () => {
  it('opens what it sealed and keeps nothing of the plaintext readable on disk', () => {
    const sealed = sealEvidence(key, randomBytes(12), plaintext, sha);
    expect(sealed.subarray(0, 5)).toEqual(Buffer.from([0x45, 0x53, 0x56, 0x54, 1]));
    expect(sealed.includes(Buffer.from('evidence'))).toBe(false);
    expect(openEvidence(key, sealed, sha)).toEqual({ ok: true, plaintext });
  });

  it('refuses a file with any single byte flipped', () => {
    const sealed = sealEvidence(key, randomBytes(12), plaintext, sha);
    for (const i of [0, 4, 6, 20, sealed.length - 1]) {
      const copy = Buffer.from(sealed);
      copy[i]! ^= 0x01;
      expect(openEvidence(key, copy, sha).ok).toBe(false);
    }
  });

  it('refuses a file filed under another address or opened with another key', () => {
    const sealed = sealEvidence(key, randomBytes(12), plaintext, sha);
    expect(openEvidence(key, sealed, 'a'.repeat(64))).toEqual({ ok: false, reason: 'authentication_failed' });
    expect(openEvidence(randomBytes(32), sealed, sha)).toEqual({ ok: false, reason: 'authentication_failed' });
  });

  it('refuses a well-sealed file whose content is not what its address says', () => {
    const wrongAddress = 'b'.repeat(64);
    expect(openEvidence(key, sealEvidence(key, randomBytes(12), plaintext, wrongAddress), wrongAddress)).toEqual({ ok: false, reason: 'hash_mismatch' });
  });

  it('derives a key check that differs between keys and reveals no key bytes', () => {
    const other = randomBytes(32);
    expect(keyCheckValue(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(keyCheckValue(key)).toBe(keyCheckValue(Buffer.from(key)));
    expect(keyCheckValue(key)).not.toBe(keyCheckValue(other));
    expect(keyCheckValue(key)).not.toContain(key.toString('hex').slice(0, 8));
  });
});
