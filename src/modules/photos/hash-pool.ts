/**
 * A small pool of worker threads for image hashing, so that page images and the person's photos are hashed
 * without blocking the event loop. Each task has its own timeout; a worker that overruns it is terminated and
 * replaced (a stuck decode cannot be interrupted any other way). Buffers are transferred to the worker.
 * How a worker starts (compiled, or TypeScript through tsx) is hash-worker-start.ts's concern.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { AppError, createErrorFactory } from '../../shared/errors.ts';
import { startHashWorker } from './hash-worker-start.ts';
import type { PageImageHash, PageImageHashOptions } from './page-image-hash.ts';
import type { PixelImage } from './pdq.models.ts';
import type { HashImageOptions, HashPhotoOptions, ImageHashes, PhotoFileHashes } from './photo-hash.ts';
import type { HashReply, HashTask } from './hash.worker.ts';
import type { RegionSearchOptions, RegionSearchResult } from './region-search.ts';

export interface HashPoolOptions {
  /**
   * Number of worker threads (default: one per core). Hashing waits on nothing but the CPU, so fewer workers than
   * cores leaves a core idle whenever pages are being checked; the OS shares the cores with the web server and
   * the browser, which mostly wait on the network.
   */
  size?: number;
  /**
   * Per-task limit in ms (default 30 s), counted from when a worker takes the task; includes a new worker's
   * start-up (~1 s), since workers are started on demand.
   */
  taskTimeoutMs?: number;
}

export interface TaskOptions {
  /** Overrides the pool's per-task time limit for this task. */
  timeoutMs?: number;
  /**
   * Hand the caller's buffer to the worker without copying; the caller's view becomes unusable (detached).
   * Without it the pool transfers a private copy.
   */
  transfer?: boolean;
}

export interface HashPool {
  readonly size: number;
  hashFile(bytes: Uint8Array, options?: HashPhotoOptions & TaskOptions): Promise<PhotoFileHashes>;
  hashPixels(image: PixelImage, options?: HashImageOptions & TaskOptions): Promise<ImageHashes>;
  /** The fast path for images found on pages: reduced-size decode, PDQ only (page-image-hash.ts). */
  hashPageImage(bytes: Uint8Array, options?: PageImageHashOptions & TaskOptions): Promise<PageImageHash>;
  /** Photos embedded in a larger picture (screenshot, collage, meme): region proposals and their PDQ hashes. */
  hashImageRegions(bytes: Uint8Array, options?: RegionSearchOptions & TaskOptions): Promise<RegionSearchResult>;
  /** Stops accepting tasks, rejects queued ones, lets running ones finish, then ends the workers. */
  close(): Promise<void>;
}

const createTimeoutError = createErrorFactory({
  code: 'photos.hash_timeout',
  message: 'Hashing the image took too long.',
  statusCode: 422,
});
const createPoolClosedError = createErrorFactory({
  code: 'photos.hash_pool_closed',
  message: 'The hashing pool is closed.',
  statusCode: 503,
});
const createWorkerFailedError = createErrorFactory({
  code: 'photos.hash_worker_failed',
  message: 'The hashing worker stopped unexpectedly.',
  statusCode: 500,
});

interface Pending {
  task: HashTask;
  transfer: ArrayBuffer[];
  timeoutMs: number;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  current: Pending | null;
  timer: NodeJS.Timeout | null;
}

/** A transferable buffer holding `data`: the caller's own when allowed and safe, otherwise a copy. */
function transferable(data: Uint8Array, transfer: boolean | undefined): Uint8Array {
  const own = data.buffer instanceof ArrayBuffer && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
  return transfer && own ? data : new Uint8Array(data);
}

export function createHashPool(options: HashPoolOptions = {}): HashPool {
  const size = Math.max(1, options.size ?? availableParallelism());
  const timeoutMs = options.taskTimeoutMs ?? 30_000;
  const slots = new Set<Slot>();
  const queue: Pending[] = [];
  const idle = new Set<() => void>();
  let nextId = 1;
  let closed = false;

  const settle = (slot: Slot) => {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.current = null;
    slot.worker.unref();
  };

  const retire = (slot: Slot, error: Error) => {
    const pending = slot.current;
    settle(slot);
    slots.delete(slot);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => {});
    void slot.worker.terminate();
    pending?.reject(error);
    pump();
  };

  const spawn = (): Slot => {
    const worker = startHashWorker();
    const slot: Slot = { worker, current: null, timer: null };
    worker.on('message', (reply: HashReply) => {
      const pending = slot.current;
      if (!pending || pending.task.id !== reply.id) return;
      settle(slot);
      if (reply.ok) pending.resolve(reply.result);
      else pending.reject(new AppError(reply.error));
      pump();
    });
    worker.on('error', (error) => retire(slot, createWorkerFailedError({ cause: error })));
    worker.on('exit', () => {
      if (slots.has(slot)) retire(slot, createWorkerFailedError());
    });
    slots.add(slot);
    return slot;
  };

  const pump = () => {
    while (queue.length > 0) {
      let slot = [...slots].find((s) => s.current === null);
      if (!slot && slots.size < size) slot = spawn();
      if (!slot) break;
      const pending = queue.shift()!;
      slot.current = pending;
      slot.worker.ref();
      const target = slot;
      slot.timer = setTimeout(() => retire(target, createTimeoutError()), pending.timeoutMs);
      slot.worker.postMessage(pending.task, pending.transfer);
    }
    if ([...slots].every((s) => s.current === null)) for (const done of idle) done();
  };

  const submit = <T>(task: HashTask, transfer: ArrayBuffer[], taskTimeoutMs: number | undefined): Promise<T> => {
    if (closed) return Promise.reject(createPoolClosedError());
    return new Promise<T>((resolve, reject) => {
      queue.push({ task, transfer, timeoutMs: taskTimeoutMs ?? timeoutMs, resolve: resolve as (v: unknown) => void, reject });
      pump();
    });
  };

  return {
    size,
    hashFile(bytes, { transfer, timeoutMs: taskTimeout, ...hashOptions } = {}) {
      const data = transferable(bytes, transfer);
      const task: HashTask = { id: nextId++, op: 'file', bytes: data, options: hashOptions };
      return submit<PhotoFileHashes>(task, [data.buffer as ArrayBuffer], taskTimeout);
    },
    hashPageImage(bytes, { transfer, timeoutMs: taskTimeout, ...hashOptions } = {}) {
      const data = transferable(bytes, transfer);
      const task: HashTask = { id: nextId++, op: 'page', bytes: data, options: hashOptions };
      return submit<PageImageHash>(task, [data.buffer as ArrayBuffer], taskTimeout);
    },
    hashImageRegions(bytes, { transfer, timeoutMs: taskTimeout, ...hashOptions } = {}) {
      const data = transferable(bytes, transfer);
      const task: HashTask = { id: nextId++, op: 'regions', bytes: data, options: hashOptions };
      return submit<RegionSearchResult>(task, [data.buffer as ArrayBuffer], taskTimeout);
    },
    hashPixels(image, { transfer, timeoutMs: taskTimeout, ...hashOptions } = {}) {
      const data = transferable(image.data, transfer);
      const task: HashTask = { id: nextId++, op: 'pixels', image: { ...image, data }, options: hashOptions };
      return submit<ImageHashes>(task, [data.buffer as ArrayBuffer], taskTimeout);
    },
    async close() {
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(createPoolClosedError());
      if ([...slots].some((s) => s.current !== null)) {
        await new Promise<void>((resolve) => idle.add(resolve));
      }
      await Promise.all(
        [...slots].map((slot) => {
          slots.delete(slot);
          slot.worker.removeAllListeners();
          return slot.worker.terminate();
        }),
      );
    },
  };
}
