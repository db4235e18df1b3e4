/**
 * Luma + two Jarosz passes + 64 x 64 decimation with the SIMD kernels of pdq-simd.models.ts, streamed 16 image rows
 * at a time with the same running sums, in the same order, as jaroszDownsample64, so the result is bit-identical.
 *
 * Per block of 16 rows: the pixel bytes are copied into the kernels' memory, converted to a luma strip, filtered
 * along the rows and transposed into the first column filter's ring; the column filter writes its finished rows,
 * four at a time, into a second strip, which is filtered along the rows again once 16 rows are there; only the
 * 64 sampled columns of that are divided out and gathered into the second column filter's ring (64 columns,
 * cheap). JavaScript sequences the kernels, about ten calls per 16 image rows (~80 when they took four rows at a
 * time, and driving them was a quarter of the time), and keeps the column filters' bookkeeping: which rows each
 * output adds and removes, and its window size.
 */
import { jaroszWindow, sampleIndex } from './pdq-downsample.models.ts';
import {
  COLUMN_GROUP_BYTES,
  instantiateJaroszKernels,
  jaroszKernelsWasm,
  KERNEL_CONSTANTS_AT,
  KERNEL_CONSTANTS_BYTES,
  QUALITY_CONSTANTS_AT,
  STRIP_ROWS,
  type JaroszKernels,
} from './pdq-simd.models.ts';
import type { PixelImage } from './pdq.models.ts';

const PAGE = 65536;
/** Each call's working area follows the kernels' constants. */
const WORK_AT = KERNEL_CONSTANTS_AT + KERNEL_CONSTANTS_BYTES;
/**
 * Scratch memory stays allocated in the thread for reuse, so very wide images (an attacker can send 10,000,000 x 5)
 * take the scalar path, whose buffers are collected after the call, instead of growing it for good.
 */
export const SIMD_SCRATCH_LIMIT_BYTES = 32 * 1024 * 1024;
/** Output groups (four rows each) per column-pass call: one strip's worth. */
const GROUPS_PER_CALL = STRIP_ROWS / 4;
const SAMPLED_ROW_BYTES = 64 * 4;

interface Layout {
  src: number;
  luma: number;
  tmp: number;
  ring: number;
  sums: number;
  zero: number;
  strip: number;
  ring2: number;
  sums2: number;
  desc: number;
  out2: number;
  /** One byte per column, set where the second row pass is sampled. */
  mask: number;
  /** The 64 sampled columns' byte offsets in a strip (int32). */
  offsets: number;
  end: number;
}

/**
 * Ring rows per column filter: rows arrive 16 at a time into consecutive slots, and while a block is written the
 * filter may still need the `window` rows before its pending outputs, which lag the newest row by up to
 * half the window + 3 (outputs are made four at a time); a multiple of 16 keeps each block's slots contiguous.
 */
function ringRowsFor(window: number): number {
  return Math.ceil((window + 19) / STRIP_ROWS) * STRIP_ROWS;
}

/**
 * Bytes from one ring row to the next: the row's floats and one cache line more. Rows a power of two apart (1024
 * columns: 4 KiB) all fall into the same few cache sets, and the 16 rows a block writes and the 8 a column step
 * reads evicted each other: the transposition into the ring took as long as the row filter itself.
 */
function ringStride(cols: number): number {
  return ((cols + 3) & ~3) * 4 + 64;
}

function layoutFor(cols: number, channels: number, ringRows: number): Layout {
  const c4 = (cols + 3) & ~3;
  const stride = ringStride(cols);
  const stripBytes = c4 * 4 * STRIP_ROWS;
  // Arithmetic, not bitwise: offsets for very wide images pass 2^31 (they are only compared with the limit).
  const align = (n: number) => Math.ceil(n / 16) * 16;
  const src = WORK_AT;
  // Slack: the luma kernel reads four bytes at each row's last pixel.
  const luma = align(src + STRIP_ROWS * cols * channels + 16);
  const tmp = luma + stripBytes;
  const ring = tmp + stripBytes;
  const sums = ring + ringRows * stride;
  const zero = sums + stride;
  const strip = zero + Math.max(stride, SAMPLED_ROW_BYTES);
  const ring2 = strip + stripBytes;
  const sums2 = ring2 + ringRows * SAMPLED_ROW_BYTES;
  const desc = sums2 + SAMPLED_ROW_BYTES;
  const out2 = desc + GROUPS_PER_CALL * COLUMN_GROUP_BYTES;
  const mask = out2 + GROUPS_PER_CALL * 4 * SAMPLED_ROW_BYTES;
  const offsets = align(mask + c4);
  return { src, luma, tmp, ring, sums, zero, strip, ring2, sums2, desc, out2, mask, offsets, end: offsets + 64 * 4 };
}

/** Bytes of scratch memory the SIMD path needs for an image of this width and height. */
export function simdScratchBytes(width: number, height: number, channels: number): number {
  return layoutFor(width, channels, ringRowsFor(jaroszWindow(height))).end;
}

/** One instance per thread is enough: calls are synchronous and start by resetting what they use. */
export function createJaroszKernels(): JaroszKernels {
  return instantiateJaroszKernels(new WebAssembly.Module(jaroszKernelsWasm()));
}

/**
 * The bookkeeping of the reference's box filter down columns (boxAlongCols) over rows kept in a ring: output row t
 * adds row t + half - 1 and removes row t + half - 1 - window when they exist, and divides by the number of rows in
 * its window; before output 0 the first half - 1 rows are added. Outputs are made four at a time by a kernel call
 * once the rows they need are in the ring.
 */
class ColumnFilter {
  private readonly half: number;
  /** The descriptors' words: addresses as int32, sizes as float32. */
  private readonly words: Int32Array;
  private readonly sizes: Float32Array;
  /** The first output row not made yet. */
  next = 0;
  private warmedUp = 0;

  constructor(
    private readonly k: JaroszKernels,
    private readonly rows: number,
    private readonly window: number,
    private readonly ring: number,
    private readonly ringRows: number,
    private readonly stride: number,
    /** Vectors (four columns) per row. */
    readonly n4: number,
    readonly sums: number,
    private readonly zero: number,
    desc: number,
  ) {
    this.half = (window + 2) >> 1;
    this.words = new Int32Array(k.memory.buffer, desc, (GROUPS_PER_CALL * COLUMN_GROUP_BYTES) / 4);
    this.sizes = new Float32Array(k.memory.buffer, desc, (GROUPS_PER_CALL * COLUMN_GROUP_BYTES) / 4);
  }

  slot(row: number): number {
    return this.ring + (row % this.ringRows) * this.stride;
  }

  /** Rows below `available` are in the ring: adds those of them that come before the first output. */
  warmUp(available: number): void {
    while (this.warmedUp < this.half - 1 && this.warmedUp < available) this.k.colAdd(this.sums, this.slot(this.warmedUp++), this.n4);
  }

  /** Whether the rows outputs t..t+3 need are below `available` (t within the image, after warmUp(available)). */
  ready(t: number, available: number): boolean {
    return t < this.rows && available >= Math.min(t + this.half + 3, this.rows);
  }

  /** Writes the descriptor of outputs t..t+3 (those past the last row add and remove nothing) at index `i`. */
  describe(i: number, t: number, out: number): void {
    const at = (i * COLUMN_GROUP_BYTES) / 4;
    const { half, window, rows, words, sizes } = this;
    for (let q = 0; q < 4; q++) {
      const y = t + q;
      const added = y + half - 1;
      const removed = added - window;
      const real = y < rows;
      words[at + 2 * q] = real && added < rows ? this.slot(added) : this.zero;
      words[at + 2 * q + 1] = real && removed >= 0 ? this.slot(removed) : this.zero;
      sizes[at + 8 + q] = real ? Math.min(added, rows - 1) - Math.max(removed + 1, 0) + 1 : 1;
    }
    words[at + 12] = out;
  }
}

export function jaroszDownsample64Simd(image: PixelImage, k: JaroszKernels): Float32Array {
  const { width: cols, height: rows, channels, data } = image;
  const rowWindow = jaroszWindow(cols);
  const colWindow = jaroszWindow(rows);
  const ringRows = ringRowsFor(colWindow);
  const c4 = (cols + 3) & ~3;
  const n4 = c4 >> 2;
  const rowBytes = cols * channels;
  const at = layoutFor(cols, channels, ringRows);
  const have = k.memory.buffer.byteLength;
  if (have < at.end) k.memory.grow(Math.ceil((at.end - have) / PAGE));
  const heap = k.memory.buffer;
  const u8 = new Uint8Array(heap);
  u8.fill(0, at.sums, at.strip); // the first filter's sums and the zero row
  u8.fill(0, at.sums2, at.sums2 + SAMPLED_ROW_BYTES);

  const result = new Float32Array(64 * 64);
  const rowIdx = Int32Array.from({ length: 64 }, (_, i) => sampleIndex(i, rows));
  const offsets = new Int32Array(heap, at.offsets, 64);
  u8.fill(0, at.mask, at.mask + cols);
  for (let j = 0; j < 64; j++) {
    const x = sampleIndex(j, cols);
    u8[at.mask + x] = 1;
    offsets[j] = x * 4 * STRIP_ROWS;
  }
  const out2 = new Float32Array(heap, at.out2, GROUPS_PER_CALL * 4 * 64);

  const first = new ColumnFilter(k, rows, colWindow, at.ring, ringRows, ringStride(cols), n4, at.sums, at.zero, at.desc);
  const second = new ColumnFilter(k, rows, colWindow, at.ring2, ringRows, SAMPLED_ROW_BYTES, 16, at.sums2, at.zero, at.desc);
  // Output rows in order; an image row may be sampled several times when the image has fewer than 64 rows.
  let nextOut = 0;
  const runSecond = (available: number) => {
    second.warmUp(available);
    while (second.ready(second.next, available)) {
      const t0 = second.next;
      let groups = 0;
      do {
        second.describe(groups, second.next, at.out2 + groups * 4 * SAMPLED_ROW_BYTES);
        groups++;
        second.next += 4;
      } while (groups < GROUPS_PER_CALL && second.ready(second.next, available));
      k.colPassToRows(second.sums, at.desc, groups, second.n4);
      for (let y = t0; y < second.next && nextOut < 64; y++) {
        while (nextOut < 64 && rowIdx[nextOut] === y) result.set(out2.subarray((y - t0) * 64, (y - t0 + 1) * 64), 64 * nextOut++);
      }
    }
  };
  // The strip of column-filtered rows fills four rows at a time; once full (or at the last row) it is filtered
  // along the rows, and its 16 rows, sampled at 64 columns, go into the second filter's ring.
  const runFirst = (available: number) => {
    first.warmUp(available);
    while (first.ready(first.next, available)) {
      let groups = 0;
      do {
        const t = first.next;
        first.describe(groups, t, at.strip + 16 * ((t >> 2) & 3));
        groups++;
        first.next += 4;
      } while (first.next % STRIP_ROWS !== 0 && first.ready(first.next, available));
      k.colPassToStrip(first.sums, at.desc, groups, first.n4);
      if (first.next % STRIP_ROWS === 0 || first.next >= rows) {
        const blockStart = (first.next - 1) & ~(STRIP_ROWS - 1);
        k.rowPassSampled(at.strip, at.tmp, cols, rowWindow, at.mask);
        k.gather16(at.tmp, at.offsets, second.slot(blockStart));
        runSecond(Math.min(blockStart + STRIP_ROWS, rows));
      }
    }
  };

  const luma = channels === 3 ? k.lumaRgb16 : k.lumaGrey16;
  for (let y = 0; y < rows; y += STRIP_ROWS) {
    const count = Math.min(STRIP_ROWS, rows - y);
    u8.set(data.subarray(y * rowBytes, (y + count) * rowBytes), at.src);
    luma(at.src, cols, at.luma, KERNEL_CONSTANTS_AT);
    // Lanes past the last row hold stale values; they are filtered into ring slots no output reads.
    k.rowPassToRows(at.luma, at.tmp, cols, rowWindow, first.slot(y), ringStride(cols), n4);
    runFirst(y + count);
  }
  return result;
}

/**
 * The 16 x 16 DCT (dct64To16: `matrix` is the 16 x 64 basis) and the quality (qualityOf64x64) of a 64 x 64 block,
 * which is copied into the kernels' memory once for both.
 */
export function dctAndQualitySimd(a: Float32Array, matrix: Float32Array, k: JaroszKernels): { dct: Float32Array; quality: number } {
  const d = WORK_AT;
  const dt = d + 16 * 64 * 4;
  const t = dt + 64 * 16 * 4;
  const b = t + 16 * 64 * 4;
  const gradients = b + 16 * 16 * 4;
  const block = gradients + 16;
  // 16 bytes of slack: the quality kernel reads one float past the block's last (and masks it out).
  const end = block + 64 * 64 * 4 + 16;
  if (k.memory.buffer.byteLength < end) k.memory.grow(Math.ceil((end - k.memory.buffer.byteLength) / PAGE));
  const f32 = new Float32Array(k.memory.buffer);
  f32.set(matrix, d >> 2);
  for (let i = 0; i < 16; i++) for (let c = 0; c < 64; c++) f32[(dt >> 2) + c * 16 + i] = matrix[i * 64 + c]!;
  f32.set(a, block >> 2);
  k.dct16(block, d, dt, t, b);
  k.quality64(block, QUALITY_CONSTANTS_AT, gradients);
  const gradientSum = new Int32Array(k.memory.buffer, gradients, 4).reduce((sum, v) => sum + v, 0);
  return { dct: f32.slice(b >> 2, (b >> 2) + 256), quality: Math.min(100, Math.floor(gradientSum / 90)) };
}
