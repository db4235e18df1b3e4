import { describe, expect, it } from 'vitest';
import { createFieldCipher, isSealed } from '../../../src/modules/evidence/field-cipher.models.ts';
import { deriveKeys } from '../../../src/modules/evidence/key-derivation.models.ts';

const cipher = createFieldCipher(deriveKeys(Buffer.alloc(32, 3)));

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

describe('blind index', () => {
  it('is the same for the same value and scope, and differs across scopes and keys', () => {
    const a = cipher.index('identifier:phone', '+32470123456');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(cipher.index('identifier:phone', '+32470123456')).toBe(a);
    expect(cipher.index('identifier:name', '+32470123456')).not.toBe(a);
    expect(createFieldCipher(deriveKeys(Buffer.alloc(32, 4))).index('identifier:phone', '+32470123456')).not.toBe(a);
  });
});
