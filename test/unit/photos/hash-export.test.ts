import { describe, expect, it } from 'vitest';
import { distinctExportHashes, pdqExportLine, renderPdqExport } from '../../../src/modules/photos/hash-export.models.ts';
import { hashPhotoFile } from '../../../src/modules/photos/photo-hash.ts';
import { expectedRows, readFixture } from './photo-fixtures.ts';

// Reference rows (python-threatexchange exact asserts) that publish both the hash and its quality.
const withQuality = expectedRows().filter((r) => r.inFixtures && r.quality !== null && r.producer.startsWith('python-threatexchange') && !r.file.includes('#'));
// I16.png: PIL clips 16-bit grey (quality 36) where sharp scales it; the conformance test leaves it out too.
const reproducible = withQuality.filter((r) => !r.file.endsWith('I16.png'));

describe('the hash export in ThreatExchange\'s text form', () => {
  it('has reference vectors with a published quality to check against', () => {
    expect(reproducible.map((r) => r.file).sort()).toEqual(['pte/LA.png', 'pte/rgb.jpeg']);
  });

  it('writes each published reference hash and quality as the line the reference tool prints, without the file name', () => {
    for (const row of withQuality) expect(pdqExportLine({ pdq: row.hash, quality: row.quality! })).toBe(`${row.hash},${row.quality}`);
  });

  it('turns the reference images, hashed the way stored photos are, into exactly the expected lines', async () => {
    const hashed = [];
    for (const row of reproducible) {
      const { pdq, quality } = await hashPhotoFile(readFixture(row.file));
      hashed.push({ pdq, quality });
    }
    expect(renderPdqExport(hashed)).toBe(reproducible.map((r) => `${r.hash},${r.quality}\n`).join(''));
  });

  it('ends every line with a line break and keeps the order of the photos', () => {
    const a = { pdq: 'f'.repeat(64), quality: 100 };
    const b = { pdq: '0'.repeat(63) + '1', quality: 7 };
    expect(renderPdqExport([b, a])).toBe(`${'0'.repeat(63)}1,7\n${'f'.repeat(64)},100\n`);
    expect(renderPdqExport([])).toBe('');
  });

  it('writes a hash in lower case and only once, with the higher quality, when two photos share it', () => {
    const upper = 'ACCB6D39648035F8125C8CE6BA65007DE7B54C67A2D93EF7B8F33B0611306715';
    expect(distinctExportHashes([{ pdq: upper, quality: 60 }, { pdq: upper.toLowerCase(), quality: 90 }])).toEqual([{ pdq: upper.toLowerCase(), quality: 90 }]);
  });

  it.each([
    ['a hash one digit short', { pdq: 'a'.repeat(63), quality: 100 }],
    ['a hash with a non-hex digit', { pdq: `${'a'.repeat(63)}g`, quality: 100 }],
    ['a hash followed by a file name', { pdq: `${'a'.repeat(64)},holiday.jpg`, quality: 100 }],
    ['a quality above 100', { pdq: 'a'.repeat(64), quality: 101 }],
    ['a fractional quality', { pdq: 'a'.repeat(64), quality: 50.5 }],
  ])('refuses to write %s', (_name, hash) => {
    expect(() => renderPdqExport([hash])).toThrowError(expect.objectContaining({ code: 'photos.hash_invalid' }));
  });
});
