import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { createHashPool, type HashPool } from '../../../src/modules/photos/hash-pool.ts';
import { hashDecodedImage, hashPhotoFile } from '../../../src/modules/photos/photo-hash.ts';
import { decodeForReference, readFixture } from './photo-fixtures.ts';

const pools: HashPool[] = [];
const pool = (options: Parameters<typeof createHashPool>[0]) => {
  const p = createHashPool(options);
  pools.push(p);
  return p;
};

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('hashing in worker threads', () => {
  it('returns the same hashes as hashing in the calling thread', async () => {
    const bytes = readFixture('pte/rgb.jpeg');
    const p = pool({ size: 2 });
    const [a, b] = await Promise.all([p.hashFile(bytes), p.hashFile(readFixture('misc/wee.jpg'))]);
    expect(a).toEqual(await hashPhotoFile(bytes));
    expect(b.pdq).toBe('6227401f601ff4ccafcc9fad4b0d95d371a2eb7265a3285234d228ca94deeb2d');
  });

  it('hashes decoded page images', async () => {
    const image = await decodeForReference('misc/wee.jpg');
    const expected = hashDecodedImage(image);
    expect(await pool({ size: 1 }).hashPixels(image)).toEqual(expected);
  });

  it('passes coded errors back from the worker', async () => {
    await expect(pool({ size: 1 }).hashFile(Buffer.from('plain text'))).rejects.toMatchObject({ code: 'photos.not_an_image' });
  });

  it('gives up on a task that overruns its time limit and replaces the worker for the next task', async () => {
    const p = pool({ size: 1 });
    await expect(p.hashFile(readFixture('dih/bridge-1-original.jpg'), { timeoutMs: 1 })).rejects.toMatchObject({
      code: 'photos.hash_timeout',
    });
    await expect(p.hashFile(readFixture('misc/wee.jpg'))).resolves.toMatchObject({ width: 34, height: 42 });
  });

  it('applies the pool-wide time limit by default', async () => {
    const p = pool({ size: 1, taskTimeoutMs: 1 });
    await expect(p.hashFile(readFixture('misc/wee.jpg'))).rejects.toMatchObject({ code: 'photos.hash_timeout' });
  });

  it('keeps the caller\'s buffer unless asked to transfer it', async () => {
    const p = pool({ size: 1 });
    const own = new Uint8Array(readFixture('misc/wee.jpg'));
    await p.hashFile(own);
    expect(own.byteLength).toBeGreaterThan(0);
    await p.hashFile(own, { transfer: true });
    expect(own.byteLength).toBe(0);
  });

  it('refuses new work once closed and rejects what was still queued', async () => {
    const p = createHashPool({ size: 1 });
    const running = p.hashFile(readFixture('misc/wee.jpg'));
    const queued = p.hashFile(readFixture('misc/wee.jpg'));
    const closing = p.close();
    await expect(queued).rejects.toMatchObject({ code: 'photos.hash_pool_closed' });
    await expect(running).resolves.toMatchObject({ quality: 100 });
    await closing;
    await expect(p.hashFile(readFixture('misc/wee.jpg'))).rejects.toMatchObject({ code: 'photos.hash_pool_closed' });
  });

  it('defaults to one worker per core, so page images are hashed on every core', () => {
    expect(pool({}).size).toBe(availableParallelism());
  });
});
