import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { KEY_LABELS, deriveKeys, deriveSubKey } from '../../../src/modules/evidence/key-derivation.models.ts';
import { vaultFileName } from '../../../src/modules/evidence/vault-format.models.ts';

const key = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');

describe('sub-keys derived from the evidence key', () => {
  it('gives each purpose its own 32-byte key, none equal to the evidence key', () => {
    const keys = Object.values(deriveKeys(key)).map((k) => k.toString('hex'));
    expect(new Set([...keys, key.toString('hex')]).size).toBe(Object.keys(KEY_LABELS).length + 1);
    for (const k of keys) expect(k).toHaveLength(64);
  });

  it('is deterministic, so the same key opens the same data after a restart', () => {
    expect(deriveSubKey(Buffer.from(key), 'blindIndex').equals(deriveSubKey(key, 'blindIndex'))).toBe(true);
  });

  it('matches HKDF-SHA-256 with an empty salt and the labelled info (RFC 5869 extract and expand)', () => {
    const prk = createHmac('sha256', Buffer.alloc(32)).update(key).digest();
    const okm = createHmac('sha256', prk).update(Buffer.concat([Buffer.from(KEY_LABELS.custodyMac), Buffer.from([1])])).digest();
    expect(deriveSubKey(key, 'custodyMac').equals(okm)).toBe(true);
  });

  it('refuses a key of the wrong length', () => {
    expect(() => deriveSubKey(Buffer.alloc(16), 'custodyMac')).toThrow(RangeError);
  });
});

describe('vault file names', () => {
  it('do not reveal the content hash, and differ under another key', () => {
    const sha = 'ab'.repeat(32);
    const name = vaultFileName(deriveSubKey(key, 'vaultNames'), sha);
    expect(name).toMatch(/^[0-9a-f]{64}$/);
    expect(name).not.toBe(sha);
    expect(vaultFileName(deriveSubKey(Buffer.alloc(32, 1), 'vaultNames'), sha)).not.toBe(name);
  });
});
