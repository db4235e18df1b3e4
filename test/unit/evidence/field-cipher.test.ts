import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher, fieldBinding, isSealed } from '../../../src/modules/evidence/field-cipher.models.ts';
import { deriveKeys } from '../../../src/modules/evidence/key-derivation.models.ts';

const keys = deriveKeys(Buffer.alloc(32, 3));
const cipher = createFieldCipher(keys);

/** A value as the first version wrote it: "es1.", no associated data. */
function sealedByFirstVersion(plain: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', keys.fieldEncryption, iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return `es1.${Buffer.concat([iv, body, c.getAuthTag()]).toString('base64url')}`;
}

describe('field encryption', () => {
  it('round-trips text, accents and emoji, and the sealed form contains none of it', () => {
    for (const value of ['Marie-Claire Dubois', 'Rue des Tanneurs 14, 1000 Bruxelles', 'Zoë 🌙', '']) {
      const sealed = cipher.seal(value);
      expect(isSealed(sealed)).toBe(true);
      expect(sealed).not.toContain(value || 'never');
      expect(cipher.open(sealed)).toBe(value);
    }
  });

  it('seals the same value differently each time, so equal values cannot be spotted in the file', () => {
    expect(cipher.seal('+32470123456')).not.toBe(cipher.seal('+32470123456'));
  });

  it('reads a value written before encryption as it is', () => {
    expect(cipher.open('lolavelvet')).toBe('lolavelvet');
    expect(cipher.openNullable(null)).toBeNull();
  });

  it('refuses a sealed value that was edited or sealed under another key', () => {
    const sealed = cipher.seal('mc.dubois@example.be');
    const flipped = `${sealed.slice(0, -3)}${sealed.at(-3) === 'A' ? 'B' : 'A'}${sealed.slice(-2)}`;
    expect(() => cipher.open(flipped)).toThrow();
    expect(() => createFieldCipher(deriveKeys(Buffer.alloc(32, 4))).open(sealed)).toThrow();
  });
});

describe('sealed values bound to where they are stored', () => {
  const hitUrl = fieldBinding('hits', 'url', 'hit_a');

  it('open only in the table, column and row they were sealed for', () => {
    const sealed = cipher.seal('https://forum.example/u/lolavelvet', hitUrl);
    expect(sealed.startsWith('es2.')).toBe(true);
    expect(cipher.open(sealed, hitUrl)).toBe('https://forum.example/u/lolavelvet');
    expect(() => cipher.open(sealed, fieldBinding('hits', 'url', 'hit_b'))).toThrow();
    expect(() => cipher.open(sealed, fieldBinding('hits', 'title', 'hit_a'))).toThrow();
    expect(() => cipher.open(sealed)).toThrow();
  });

  it('cannot be passed off as a first-version value to skip the binding', () => {
    const sealed = cipher.seal('Lola Velvet', hitUrl);
    expect(() => cipher.open(`es1.${sealed.slice(4)}`, hitUrl)).toThrow();
    expect(() => cipher.open(`es1.${sealed.slice(4)}`)).toThrow();
  });

  it('still reads first-version values, wherever they are read from', () => {
    const old = sealedByFirstVersion('Marie-Claire Dubois');
    expect(isSealed(old)).toBe(true);
    expect(cipher.open(old)).toBe('Marie-Claire Dubois');
    expect(cipher.open(old, hitUrl)).toBe('Marie-Claire Dubois');
  });
});

describe('blind index', () => {
  it('is the same for the same value and scope, and differs across scopes and keys', () => {
    const a = cipher.index('identifier:phone', '+32470123456');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(cipher.index('identifier:phone', '+32470123456')).toBe(a);
    expect(cipher.index('identifier:name', '+32470123456')).not.toBe(a);
    expect(createFieldCipher(deriveKeys(Buffer.alloc(32, 4))).index('identifier:phone', '+32470123456')).not.toBe(a);
  });
});
