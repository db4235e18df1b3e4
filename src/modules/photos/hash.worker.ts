/**
 * Worker-thread entry for hash-pool.ts: decoding and PDQ are CPU work (tens of ms per image, seconds for region
 * hashes), so they run here instead of on the event loop that serves the dashboard and drives the browser.
 * Messages carry the bytes (transferred, not copied) and return hashes or a coded error.
 */
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { isAppError } from '../../shared/errors.ts';
import type { PixelImage } from './pdq.models.ts';
import { hashPageImage, type PageImageHashOptions } from './page-image-hash.ts';
import { hashDecodedImage, hashPhotoFile, type HashImageOptions, type HashPhotoOptions } from './photo-hash.ts';
import { searchImageRegions, type RegionSearchOptions } from './region-search.ts';

export type HashTask =
  | { id: number; op: 'file'; bytes: Uint8Array; options: HashPhotoOptions }
  | { id: number; op: 'pixels'; image: PixelImage; options: HashImageOptions }
  | { id: number; op: 'page'; bytes: Uint8Array; options: PageImageHashOptions }
  | { id: number; op: 'regions'; bytes: Uint8Array; options: RegionSearchOptions };

export type HashReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { code: string; message: string; statusCode: number } };

const port = parentPort;
if (!port) throw new Error('hash.worker.ts must run as a worker thread');

// Loading sharp in a thread turns libvips' operation cache back on (50 MB, 100 operations) for the whole process,
// whatever another thread chose. Page images are never decoded twice, so the cache only costs here: every
// operation is hashed and looked up under one process-wide lock that the workers contend for, and it keeps
// decoded pixels alive (measured: ~0.4 ms of CPU per page image on one thread). One libvips thread per pipeline:
// the parallelism is one hashing worker per core. Both settings are libvips', so they hold for every thread of
// the process; its other sharp users (evidence report pictures, the simulated web) make one-off images too.
sharp.cache(false);
sharp.concurrency(1);

// Every task answers exactly once, success or coded failure, so the handler's promise never rejects.
async function run(task: HashTask): Promise<HashReply> {
  let reply: HashReply;
  try {
    const result =
      task.op === 'file'
        ? await hashPhotoFile(task.bytes, task.options)
        : task.op === 'page'
          ? await hashPageImage(task.bytes, task.options)
          : task.op === 'regions'
            ? await searchImageRegions(task.bytes, task.options)
            : hashDecodedImage(task.image, task.options);
    reply = { id: task.id, ok: true, result };
  } catch (error) {
    // Only coded errors cross the boundary with their message; anything else is reported generically.
    reply = isAppError(error)
      ? { id: task.id, ok: false, error: { code: error.code, message: error.message, statusCode: error.statusCode } }
      : { id: task.id, ok: false, error: { code: 'photos.hash_failed', message: 'Hashing the image failed.', statusCode: 500 } };
  }
  return reply;
}

port.on('message', (task: HashTask) => {
  void run(task).then((reply) => port.postMessage(reply));
});
