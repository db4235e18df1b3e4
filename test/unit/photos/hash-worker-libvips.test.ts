import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { createHashPool, type HashPool } from '../../../src/modules/photos/hash-pool.ts';
import { hashPageImage } from '../../../src/modules/photos/page-image-hash.ts';
import { readFixture } from './photo-fixtures.ts';

const pools: HashPool[] = [];

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('libvips settings of the hashing workers', () => {
  it('turns the process-wide operation cache off, which loading sharp in the worker had turned back on', async () => {
    sharp.cache(true);
    expect(sharp.cache().items.max).toBeGreaterThan(0);
    const pool = createHashPool({ size: 1 });
    pools.push(pool);
    const bytes = readFixture('dih/bridge-1-original.jpg');
    const inWorker = await pool.hashPageImage(bytes);
    expect(sharp.cache()).toMatchObject({ memory: { max: 0 }, files: { max: 0 }, items: { max: 0 } });
    // Without the cache every hash is still the same as in this thread.
    expect(inWorker).toEqual(await hashPageImage(bytes));
  });
});
