/**
 * The cost bound of the page screenshot search, with the real hashing pool, the real photo and image files
 * served on 127.0.0.1: the search is skipped when turned off or when every photo was already found, stops at
 * the height limit, and each of these ends says so instead of passing for "not found".
 */
import fs from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHashPool } from '../../../src/modules/photos/hash-pool.ts';
import { createPhotoMatcher, type PhotoMatcherOptions } from '../../../src/modules/photos/photo-matcher.ts';
import { buildPersonHashes, type PersonHashes } from '../../../src/modules/photos/person-hash-index.ts';
import { hashPhotoFile } from '../../../src/modules/photos/photo-hash.ts';
import { PDQ_MIN_QUALITY } from '../../../src/modules/photos/pdq.models.ts';
import { createUrlGuard } from '../../../src/shared/ssrf-guard.ts';
import { demoPhotoFiles } from '../../../src/demo/demo-person.ts';
import { startLocalServer } from '../../helpers/local-server.ts';
import { createTestEgress } from '../../helpers/egress.ts';
import { createMemoryLogger } from '../../helpers/test-app.ts';

const photo = fs.readFileSync(demoPhotoFiles[0]!);
const pool = createHashPool({ size: 1 });
const guard = createUrlGuard({ allowHosts: ['127.0.0.1'], egress: createTestEgress() });
let server: Awaited<ReturnType<typeof startLocalServer>>;
let hashes: PersonHashes;
let tallPage: Buffer;

const options = (over: Partial<PhotoMatcherOptions> = {}): PhotoMatcherOptions => ({ threshold: 31, maxImageBytes: 20 * 1024 * 1024, fetchTimeoutMs: 10_000, maxImagesPerPage: 10, ...over });
const matcher = (over: Partial<PhotoMatcherOptions> = {}) => createPhotoMatcher({ personHashes: () => hashes, pool, options: options(over), logger: createMemoryLogger().logger });

beforeAll(async () => {
  const h = await hashPhotoFile(photo, { regions: false });
  hashes = buildPersonHashes(Object.entries(h.dihedral).filter(() => h.quality >= PDQ_MIN_QUALITY).map(([variant, pdq]) => ({ photoId: 'photo_1', label: 'beach.jpg', variant, pdq })));
  server = await startLocalServer({ '/photo.jpg': (_q, r) => r.writeHead(200, { 'content-type': 'image/jpeg' }).end(photo), '/logo.png': (_q, r) => r.writeHead(200, { 'content-type': 'image/png' }).end(fs.readFileSync(demoPhotoFiles[0]!.replace('demo-1.jpg', 'unrelated-1.png'))) });
  // The top 3000 px of a page that is 12,000 px tall, with the photo shown at 50 % of the width in it.
  const shown = await sharp(photo).resize({ width: 640 }).toBuffer();
  tallPage = await sharp({ create: { width: 1280, height: 3000, channels: 3, background: '#f4f4f4' } }).composite([{ input: shown, left: 320, top: 1200 }]).png().toBuffer();
}, 120_000);

afterAll(async () => {
  await pool.close();
  await server?.close();
});

describe('the screenshot search is bounded and says what it did not search', () => {
  it('searches only the top of a tall page, up to the height limit, and records where it stopped', async () => {
    const asked: number[] = [];
    const found = await matcher({ screenshotMaxHeight: 3000 }).match({
      personId: 'p', imageUrls: [`${server.url}/logo.png`], guard,
      screenshot: async ({ maxHeight }) => (asked.push(maxHeight), { bytes: tallPage, url: `${server.url}/post`, pageHeight: 12_000 }),
    });
    expect(asked).toEqual([3000]);
    expect(found.matches).toHaveLength(1);
    expect(found.matches[0]!.region).toMatchObject({ source: 'page' });
    expect(found.screenshotSearch).toEqual({ status: 'searched', searchedHeight: 3000, pageHeight: 12_000, cut: true });
  }, 60_000);

  it('does not take the screenshot when every photo of the person was already found in the page images', async () => {
    let taken = 0;
    const found = await matcher().match({ personId: 'p', imageUrls: [`${server.url}/photo.jpg`], guard, screenshot: async () => (taken++, { bytes: tallPage, url: 'x', pageHeight: 3000 }) });
    expect(found.matches.map((m) => m.imageUrl)).toEqual([`${server.url}/photo.jpg`]);
    expect(taken).toBe(0);
    expect(found.screenshotSearch).toEqual({ status: 'skipped', reason: 'all_photos_found' });
  }, 60_000);

  it('does not take the screenshot when the search is turned off, and says it was off', async () => {
    let taken = 0;
    const found = await matcher({ screenshotSearch: false }).match({ personId: 'p', imageUrls: [`${server.url}/logo.png`], guard, screenshot: async () => (taken++, { bytes: tallPage, url: 'x', pageHeight: 3000 }) });
    expect(taken).toBe(0);
    expect(found.matches).toEqual([]);
    expect(found.screenshotSearch).toEqual({ status: 'off' });
  }, 60_000);

  it('says the search failed when no screenshot could be taken, rather than that nothing was there', async () => {
    const found = await matcher().match({ personId: 'p', imageUrls: [], guard, screenshot: async () => null });
    expect(found.matches).toEqual([]);
    expect(found.screenshotSearch).toEqual({ status: 'failed' });
  }, 60_000);
});
