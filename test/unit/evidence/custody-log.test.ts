import { describe, expect, it } from 'vitest';
import { canonicalJson, custodyEntryHash, genesisHash, legacyCustodyEntryHash, verifyCustodyChain, type CustodyEntry } from '../../../src/modules/evidence/custody-log.models.ts';
import { deriveSubKey } from '../../../src/modules/evidence/key-derivation.models.ts';

const macKey = deriveSubKey(Buffer.alloc(32, 7), 'custodyMac');
const mac = (e: Omit<CustodyEntry, 'entryHash'>) => custodyEntryHash(e, macKey);

function chain(n: number): CustodyEntry[] {
  const out: CustodyEntry[] = [];
  let prev = genesisHash;
  for (let seq = 1; seq <= n; seq++) {
    const fields = { seq, at: 1_700_000_000_000 + seq, actor: 'scanner', action: 'captured', subjectType: 'capture', subjectId: `cap_${seq}`, detail: { outcome: 'captured', n: seq }, prevHash: prev };
    const entry = { ...fields, entryHash: mac(fields) };
    out.push(entry);
    prev = entry.entryHash;
  }
  return out;
}

describe('canonical JSON', () => {
  it('sorts keys at every depth so the same entry always hashes the same', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('drops undefined members and refuses numbers JSON cannot hold', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/non-finite/);
  });
});

describe('custody chain verification', () => {
  it('accepts an intact chain', () => {
    expect(verifyCustodyChain(chain(5), mac)).toEqual([]);
  });

  it('names the entry whose detail was changed, and only that one', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, detail: { outcome: 'removed', n: 3 } };
    expect(verifyCustodyChain(entries, mac)).toEqual([expect.objectContaining({ seq: 3, problem: 'altered' })]);
  });

  it('names a deleted entry by its seq', () => {
    const entries = chain(5).filter((e) => e.seq !== 4);
    expect(verifyCustodyChain(entries, mac)).toEqual([expect.objectContaining({ seq: 4, problem: 'missing' })]);
  });

  it('names an entry rewritten with a recomputed hash that no longer follows its predecessor', () => {
    const entries = chain(4);
    const forged = { ...entries[2]!, prevHash: 'f'.repeat(64), detail: { outcome: 'removed' } };
    entries[2] = { ...forged, entryHash: mac(forged) };
    // Entry 4 still points at the original entry 3, so it no longer follows the forged one either.
    expect(verifyCustodyChain(entries, mac)).toEqual([expect.objectContaining({ seq: 3, problem: 'broken_link' }), expect.objectContaining({ seq: 4, problem: 'broken_link' })]);
  });

  it('detects two entries that swapped places', () => {
    const entries = chain(4);
    const a = entries[1]!;
    const b = entries[2]!;
    entries[1] = { ...b, seq: 2 };
    entries[2] = { ...a, seq: 3 };
    const problems = verifyCustodyChain(entries, mac).map((p) => [p.seq, p.problem]);
    expect(problems).toEqual([[2, 'altered'], [3, 'altered'], [4, 'broken_link']]);
  });

  it('names the first edited entry when it and every later entry were re-chained with plain SHA-256', () => {
    const entries = chain(5);
    let prev = entries[1]!.entryHash;
    for (let i = 2; i < entries.length; i++) {
      const fields = { ...entries[i]!, prevHash: prev, ...(i === 2 ? { detail: { outcome: 'removed', n: 3 } } : {}) };
      entries[i] = { ...fields, entryHash: legacyCustodyEntryHash(fields) };
      prev = entries[i]!.entryHash;
    }
    expect(verifyCustodyChain(entries, legacyCustodyEntryHash)[0]).toMatchObject({ seq: 1, problem: 'altered' });
    expect(verifyCustodyChain(entries, mac)[0]).toMatchObject({ seq: 3, problem: 'altered' });
  });

  it('refuses a chain computed under another key', () => {
    const otherKey = deriveSubKey(Buffer.alloc(32, 8), 'custodyMac');
    expect(verifyCustodyChain(chain(2), (e) => custodyEntryHash(e, otherKey)).map((p) => p.seq)).toEqual([1, 2]);
  });
});

