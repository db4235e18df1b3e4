/**
 * PDQ's luma conversion and Jarosz downsampling to 64 x 64, streamed row by row.
 *
 * The reference converts the whole image to a float luma plane, then runs two passes of (box filter along rows,
 * box filter along columns) over full-size float buffers, then keeps 64 x 64 point samples. Each output depends
 * on running sums that accumulate float32 rounding along a whole row or column, so every pixel must still go
 * through every step to be bit-exact; but nothing forces the steps to run one full image after the other. Here a
 * row is converted to luma, filtered along the row and fed into the column filter as soon as it is decoded; the
 * column filter keeps only its window of rows in a ring, and the second pass only keeps the 64 sampled columns.
 * The working set is a few rows instead of two image-sized float planes: it stays in the CPU cache and nothing
 * image-sized is allocated. Each float operation is the reference's (a Math.fround or a Float32Array store after
 * every +, - and /, in the reference's order), so the result is identical to the straightforward version.
 */

export interface LumaSource {
  width: number;
  height: number;
  /** Writes the float luma of row `y` into `out` (length `width`). */
  row(y: number, out: Float32Array): void;
}

const f = Math.fround;
// Window per axis = ceil(dim / 128): two box passes of half a 64th of the image make a tent over one output cell.
const JAROSZ_WINDOW_DIVISOR = 128;

/** The reference's float products `coeff * value` for each channel value. */
const lumaTable = (coeff: number) => Float32Array.from({ length: 256 }, (_, v) => f(coeff) * v);
const LUMA_R = lumaTable(0.299);
const LUMA_G = lumaTable(0.587);
const LUMA_B = lumaTable(0.114);
/** f(R + G) for every (r, g) pair, so a pixel costs two lookups and one rounded add: 256 KiB, built once. */
const LUMA_RG: Float32Array = (() => {
  const t = new Float32Array(65536);
  for (let r = 0; r < 256; r++) for (let g = 0; g < 256; g++) t[(r << 8) | g] = LUMA_R[r]! + LUMA_G[g]!;
  return t;
})();

/** Luma of interleaved 8-bit pixels: grey is taken as is, RGB as 0.299 R + 0.587 G + 0.114 B in float32. */
export function lumaRowOf(data: Uint8Array, width: number, channels: 1 | 3, y: number, out: Float32Array): void {
  if (channels === 1) {
    const base = y * width;
    for (let x = 0; x < width; x++) out[x] = data[base + x]!;
    return;
  }
  for (let x = 0, q = y * width * 3; x < width; x++, q += 3) {
    out[x] = LUMA_RG[(data[q]! << 8) | data[q + 1]!]! + LUMA_B[data[q + 2]!]!;
  }
}

export function jaroszWindow(dimension: number): number {
  return Math.floor((dimension + JAROSZ_WINDOW_DIVISOR - 1) / JAROSZ_WINDOW_DIVISOR);
}

export function sampleIndex(i: number, size: number): number {
  return Math.floor(((i + 0.5) * size) / 64);
}

/** One box filter along a row with the reference's shrinking windows at both ends. */
export function boxRow(input: Float32Array, output: Float32Array, n: number, window: number): void {
  const half = (window + 2) >> 1;
  let sum = 0;
  let size = 0;
  let ri = 0;
  let li = 0;
  let oi = 0;
  for (let i = 0; i < half - 1; i++) {
    sum = f(sum + input[ri++]!);
    size++;
  }
  for (let i = 0, end = window - half + 1; i < end; i++) {
    sum = f(sum + input[ri++]!);
    size++;
    output[oi++] = sum / size;
  }
  for (let i = 0, end = n - window; i < end; i++) {
    sum = f(sum + input[ri++]!);
    sum = f(sum - input[li++]!);
    output[oi++] = sum / size;
  }
  for (let i = 0; i < half - 1; i++) {
    sum = f(sum - input[li++]!);
    size--;
    output[oi++] = sum / size;
  }
}

/**
 * boxRow on four rows at once. A running float32 sum is one long dependency chain (add, round, subtract,
 * round); four independent chains let the CPU overlap them, which makes the row passes about 3x faster.
 * Each row gets exactly the operations boxRow would do.
 */
export function boxRows4(input: Float32Array[], output: Float32Array[], n: number, window: number): void {
  const [i0, i1, i2, i3] = input as [Float32Array, Float32Array, Float32Array, Float32Array];
  const [o0, o1, o2, o3] = output as [Float32Array, Float32Array, Float32Array, Float32Array];
  const half = (window + 2) >> 1;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let size = 0;
  let ri = 0;
  let li = 0;
  let oi = 0;
  for (let i = 0; i < half - 1; i++, ri++) {
    s0 = f(s0 + i0[ri]!);
    s1 = f(s1 + i1[ri]!);
    s2 = f(s2 + i2[ri]!);
    s3 = f(s3 + i3[ri]!);
    size++;
  }
  for (let i = 0, end = window - half + 1; i < end; i++, ri++, oi++) {
    s0 = f(s0 + i0[ri]!);
    s1 = f(s1 + i1[ri]!);
    s2 = f(s2 + i2[ri]!);
    s3 = f(s3 + i3[ri]!);
    size++;
    o0[oi] = s0 / size;
    o1[oi] = s1 / size;
    o2[oi] = s2 / size;
    o3[oi] = s3 / size;
  }
  for (let i = 0, end = n - window; i < end; i++, ri++, li++, oi++) {
    s0 = f(f(s0 + i0[ri]!) - i0[li]!);
    s1 = f(f(s1 + i1[ri]!) - i1[li]!);
    s2 = f(f(s2 + i2[ri]!) - i2[li]!);
    s3 = f(f(s3 + i3[ri]!) - i3[li]!);
    o0[oi] = s0 / size;
    o1[oi] = s1 / size;
    o2[oi] = s2 / size;
    o3[oi] = s3 / size;
  }
  for (let i = 0; i < half - 1; i++, li++, oi++) {
    s0 = f(s0 - i0[li]!);
    s1 = f(s1 - i1[li]!);
    s2 = f(s2 - i2[li]!);
    s3 = f(s3 - i3[li]!);
    size--;
    o0[oi] = s0 / size;
    o1[oi] = s1 / size;
    o2[oi] = s2 / size;
    o3[oi] = s3 / size;
  }
}

/** Filters `count` rows (up to 4) along their length, interleaved when there are four. */
function boxRowsBatch(input: Float32Array[], output: Float32Array[], count: number, n: number, window: number): void {
  if (count === 4) boxRows4(input, output, n, window);
  else for (let k = 0; k < count; k++) boxRow(input[k]!, output[k]!, n, window);
}

/**
 * Box filter down columns, fed one row at a time: the same adds, subtracts and writes per column as the
 * reference's column pass, with only `window + 1` rows kept. `emit` receives each finished output row in order.
 */
class ColumnBox {
  private readonly half: number;
  private readonly ring: Float32Array;
  private readonly ringRows: number;
  private readonly sums: Float32Array;
  private readonly out: Float32Array;
  private added = 0;
  private removed = 0;
  private written = 0;
  private size = 0;

  constructor(
    private readonly width: number,
    private readonly window: number,
    private readonly emit: (index: number, row: Float32Array) => void,
  ) {
    this.half = (window + 2) >> 1;
    // window + 1 rows are in use; 3 more let a caller fill the next four slots before pushing them.
    this.ringRows = window + 4;
    this.ring = new Float32Array(this.ringRows * width);
    this.sums = new Float32Array(width);
    this.out = new Float32Array(width);
  }

  /** The ring slot the k-th next row (k < 4) must be written into before calling push() for it. */
  nextSlot(k = 0): Float32Array {
    const start = ((this.added + k) % this.ringRows) * this.width;
    return this.ring.subarray(start, start + this.width);
  }

  push(): void {
    const { sums, ring, width } = this;
    const base = (this.added % this.ringRows) * width;
    for (let c = 0; c < width; c++) sums[c]! += ring[base + c]!;
    this.added++;
    if (this.added <= this.half - 1) {
      this.size++;
      return;
    }
    if (this.added <= this.window) this.size++;
    else this.subtractOldest();
    this.write();
  }

  finish(): void {
    for (let i = 0; i < this.half - 1; i++) {
      this.subtractOldest();
      this.size--;
      this.write();
    }
  }

  private subtractOldest(): void {
    const { sums, ring, width } = this;
    const base = (this.removed % this.ringRows) * width;
    for (let c = 0; c < width; c++) sums[c]! -= ring[base + c]!;
    this.removed++;
  }

  private write(): void {
    const { sums, out, width, size } = this;
    for (let c = 0; c < width; c++) out[c] = sums[c]! / size;
    this.emit(this.written++, out);
  }
}

/** Two Jarosz passes and point decimation to 64 x 64 (row-major), bit-identical to the reference. */
export function jaroszDownsample64(source: LumaSource): Float32Array {
  const { width: cols, height: rows } = source;
  const rowWindow = jaroszWindow(cols);
  const colWindow = jaroszWindow(rows);
  const colIdx = Int32Array.from({ length: 64 }, (_, j) => sampleIndex(j, cols));
  const result = new Float32Array(64 * 64);
  // Which of the 64 output rows each image row feeds (several when the image has fewer than 64 rows).
  const wantedRows: number[][] = Array.from({ length: rows }, () => []);
  for (let i = 0; i < 64; i++) wantedRows[sampleIndex(i, rows)]!.push(i);

  const second = new ColumnBox(64, colWindow, (y, row) => {
    for (const i of wantedRows[y]!) result.set(row, i * 64);
  });
  const newRows = (n: number) => Array.from({ length: 4 }, () => new Float32Array(n));
  // Second-pass rows wait here in fours so that they can be filtered together.
  const pending = newRows(cols);
  const filtered = newRows(cols);
  let pendingCount = 0;
  const flushPending = () => {
    boxRowsBatch(pending, filtered, pendingCount, cols, rowWindow);
    for (let k = 0; k < pendingCount; k++) {
      const slot = second.nextSlot();
      const row = filtered[k]!;
      for (let j = 0; j < 64; j++) slot[j] = row[colIdx[j]!]!;
      second.push();
    }
    pendingCount = 0;
  };
  const first = new ColumnBox(cols, colWindow, (_y, row) => {
    pending[pendingCount++]!.set(row);
    if (pendingCount === 4) flushPending();
  });
  const luma = newRows(cols);
  const slots: Float32Array[] = [];
  for (let y = 0; y < rows; y += 4) {
    const count = Math.min(4, rows - y);
    for (let k = 0; k < count; k++) {
      source.row(y + k, luma[k]!);
      slots[k] = first.nextSlot(k);
    }
    boxRowsBatch(luma, slots, count, cols, rowWindow);
    for (let k = 0; k < count; k++) first.push();
  }
  first.finish();
  flushPending();
  second.finish();
  return result;
}
