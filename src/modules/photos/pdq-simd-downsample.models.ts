/**
 * Luma + two Jarosz passes + 64 x 64 decimation with the SIMD kernels of pdq-simd.models.ts, streamed four image
 * rows at a time exactly like jaroszDownsample64 (same running sums, same order), so the result is bit-identical.
 *
 * Per block of four rows: the pixel bytes are copied into the kernels' memory, converted to a luma strip, filtered
 * along the rows and written into the first column filter's ring; each finished column-filtered row goes into a
 * second strip, which is filtered along the rows again once four rows are there; only the 64 sampled columns of
 * that are divided out and gathered into the second column filter's ring (64 columns, cheap). JavaScript only
 * sequences the kernels (about 20 calls per four image rows).
 */
import { jaroszWindow, sampleIndex } from './pdq-downsample.models.ts';
import { instantiateJaroszKernels, jaroszKernelsWasm, type JaroszKernels } from './pdq-simd.models.ts';
import type { PixelImage } from './pdq.models.ts';

const PAGE = 65536;
/**
 * Scratch memory stays allocated in the thread for reuse, so very wide images (an attacker can send 10,000,000 x 5)
 * take the scalar path, whose buffers are collected after the call, instead of growing it for good.
 */
export const SIMD_SCRATCH_LIMIT_BYTES = 32 * 1024 * 1024;

interface Layout {
  src: number;
  stripA: number;
  ring: number;
  sums: number;
  stripB: number;
  stripC: number;
  dump: number;
  ring2: number;
  sums2: number;
  out2: number;
  /** One byte per column, set where the second row pass is sampled. */
  mask: number;
  /** The 64 sampled columns' byte offsets in a strip (int32). */
  offsets: number;
  end: number;
}

function layoutFor(cols: number, channels: number, ringRows: number): Layout {
  const c4 = (cols + 3) & ~3;
  const align = (n: number) => (n + 15) & ~15;
  const src = 0;
  // 16 bytes of slack: the luma kernel reads a whole vector at each row's last pixels.
  const stripA = align(src + 4 * cols * channels + 16);
  const ring = stripA + c4 * 16;
  const sums = ring + ringRows * c4 * 4;
  const stripB = sums + c4 * 4;
  const stripC = stripB + c4 * 16;
  const dump = stripC + c4 * 16;
  const ring2 = dump + c4 * 4;
  const sums2 = ring2 + ringRows * 64 * 4;
  const out2 = sums2 + 64 * 4;
  const mask = out2 + 64 * 4;
  const offsets = align(mask + c4);
  return { src, stripA, ring, sums, stripB, stripC, dump, ring2, sums2, out2, mask, offsets, end: offsets + 64 * 4 };
}

/** Bytes of scratch memory the SIMD path needs for an image of this width and height. */
export function simdScratchBytes(width: number, height: number, channels: number): number {
  return layoutFor(width, channels, jaroszWindow(height) + 4).end;
}

/** One instance per thread is enough: calls are synchronous and start by resetting what they use. */
export function createJaroszKernels(): JaroszKernels {
  return instantiateJaroszKernels(new WebAssembly.Module(jaroszKernelsWasm()));
}

/**
 * The reference's box filter down columns (boxAlongCols), fed one row at a time into a ring of `window + 4` rows
 * in the kernels' memory: the same adds, subtracts and divisions per column, in the same order.
 */
class ColumnPass {
  private readonly half: number;
  private added = 0;
  private removed = 0;
  private size = 0;

  constructor(
    private readonly k: JaroszKernels,
    private readonly ring: number,
    private readonly ringRows: number,
    private readonly n4: number,
    private readonly sums: number,
    private readonly window: number,
    private readonly emit: (size: number) => void,
    /** Optional fused add + subtract + emit for the steady state (the window fully inside the image). */
    private readonly steady?: (row: number, old: number, size: number) => void,
  ) {
    this.half = (window + 2) >> 1;
  }

  /** Address of the ring slot the q-th next row (q < 4) goes into before push(). */
  slot(q = 0): number {
    return this.ring + ((this.added + q) % this.ringRows) * this.n4 * 16;
  }

  push(): void {
    if (this.steady && this.added >= this.window) {
      this.steady(this.slot(), this.ring + (this.removed++ % this.ringRows) * this.n4 * 16, this.size);
      this.added++;
      return;
    }
    this.k.colAdd(this.sums, this.slot(), this.n4);
    this.added++;
    if (this.added <= this.half - 1) {
      this.size++;
      return;
    }
    if (this.added <= this.window) this.size++;
    else this.subtractOldest();
    this.emit(this.size);
  }

  finish(): void {
    for (let i = 0; i < this.half - 1; i++) {
      this.subtractOldest();
      this.size--;
      this.emit(this.size);
    }
  }

  private subtractOldest(): void {
    this.k.colSub(this.sums, this.ring + (this.removed++ % this.ringRows) * this.n4 * 16, this.n4);
  }
}

export function jaroszDownsample64Simd(image: PixelImage, k: JaroszKernels): Float32Array {
  const { width: cols, height: rows, channels, data } = image;
  const rowWindow = jaroszWindow(cols);
  const colWindow = jaroszWindow(rows);
  const ringRows = colWindow + 4;
  const n4 = (cols + 3) >> 2;
  const rowBytes = cols * channels;
  const at = layoutFor(cols, channels, ringRows);
  const have = k.memory.buffer.byteLength;
  if (have < at.end) k.memory.grow(Math.ceil((at.end - have) / PAGE));
  const heap = k.memory.buffer;
  const u8 = new Uint8Array(heap);
  const f32 = new Float32Array(heap);
  f32.fill(0, at.ring >> 2, at.stripB >> 2);
  f32.fill(0, at.ring2 >> 2, at.out2 >> 2);

  const result = new Float32Array(64 * 64);
  const colIdx = Int32Array.from({ length: 64 }, (_, j) => sampleIndex(j, cols));
  const rowIdx = Int32Array.from({ length: 64 }, (_, i) => sampleIndex(i, rows));
  const i32 = new Int32Array(heap);
  u8.fill(0, at.mask, at.mask + cols);
  for (let j = 0; j < 64; j++) {
    u8[at.mask + colIdx[j]!] = 1;
    i32[(at.offsets >> 2) + j] = colIdx[j]! * 16;
  }
  // Output rows in order; an image row may be sampled several times when the image has fewer than 64 rows.
  let nextOut = 0;
  let written = 0;
  const second = new ColumnPass(k, at.ring2, ringRows, 16, at.sums2, colWindow, (size) => {
    const y = written++;
    if (rowIdx[nextOut] !== y) return;
    k.colOutToRow(at.sums2, at.out2, 16, size);
    const row = f32.subarray(at.out2 >> 2, (at.out2 >> 2) + 64);
    while (nextOut < 64 && rowIdx[nextOut] === y) result.set(row, 64 * nextOut++);
  });

  // Column-filtered rows collect as lanes of stripB, then are filtered along the rows four at a time.
  let pending = 0;
  const flush = () => {
    if (pending === 0) return;
    k.rowBoxToStrip(at.stripB, at.stripC, cols, rowWindow, at.mask);
    for (let q = 0; q < pending; q++) {
      k.gather64(at.stripC + 4 * q, at.offsets, second.slot());
      second.push();
    }
    pending = 0;
  };
  const first = new ColumnPass(
    k,
    at.ring,
    ringRows,
    n4,
    at.sums,
    colWindow,
    (size) => {
      k.colOutToStrip(at.sums, at.stripB + pending * 4, n4, size);
      if (++pending === 4) flush();
    },
    (row, old, size) => {
      k.colStepToStrip(at.sums, row, old, at.stripB + pending * 4, n4, size);
      if (++pending === 4) flush();
    },
  );

  const luma = channels === 3 ? k.lumaRgb4 : k.lumaGrey4;
  // No function is created inside this loop: it runs once per four image rows, and a closure per block (also
  // named at creation by the TypeScript loader) was ~10 % of the downsampling time on a 0.8 MP photo.
  for (let y = 0; y < rows; y += 4) {
    const count = Math.min(4, rows - y);
    u8.set(data.subarray(y * rowBytes, (y + count) * rowBytes), at.src);
    luma(at.src, cols, at.stripA);
    // Lanes past the last row hold stale values; they are filtered into `dump` and never read.
    const d1 = count > 1 ? first.slot(1) : at.dump;
    const d2 = count > 2 ? first.slot(2) : at.dump;
    const d3 = count > 3 ? first.slot(3) : at.dump;
    k.rowBoxToRows(at.stripA, first.slot(0), d1, d2, d3, cols, rowWindow);
    for (let q = 0; q < count; q++) first.push();
  }
  first.finish();
  flush();
  second.finish();
  return result;
}

/** dct64To16 with the kernels: `matrix` is the 16 x 64 DCT basis, `a` the 64 x 64 block; returns 16 x 16. */
export function dct64To16Simd(a: Float32Array, matrix: Float32Array, k: JaroszKernels): Float32Array {
  const [d, dt, t, b, end] = [0, 4096, 8192, 12288, 13312];
  const block = end;
  if (k.memory.buffer.byteLength < block + 16384) k.memory.grow(1);
  const f32 = new Float32Array(k.memory.buffer);
  f32.set(matrix, d >> 2);
  for (let i = 0; i < 16; i++) for (let c = 0; c < 64; c++) f32[(dt >> 2) + c * 16 + i] = matrix[i * 64 + c]!;
  f32.set(a, block >> 2);
  k.dct16(block, d, dt, t, b);
  return f32.slice(b >> 2, (b >> 2) + 256);
}
