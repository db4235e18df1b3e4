/**
 * PDQ's luma and Jarosz passes as WebAssembly SIMD kernels: the same float32 operations as the reference, in the
 * same order for every pixel, four at a time.
 *
 * Every output of a box filter depends on a running float32 sum along a whole row or column, so nothing can be
 * skipped or reassociated; what can change is how many sums advance at once. Along rows, image rows are
 * interleaved in a "strip" (column x of 16 rows at x * 64, row r at + 4 r) so that four f32x4 carry sixteen
 * independent running sums: one sum is a chain of dependent adds and subtracts, and one vector of them left the
 * CPU waiting on that chain. Down columns, four neighbouring columns share a vector and the four rows a kernel
 * produces are transposed in registers on the way out. JavaScript would need a Math.fround after every operation
 * (doubles otherwise) and gets no vectors; this is several times faster and gives identical bits (tests compare
 * it with the scalar version in pdq-downsample.models.ts on many sizes, and the conformance rows pin the result).
 *
 * Constants the loops use are read from memory (`consts`) into locals: V8 rebuilds a constant vector at every
 * use inside a loop, which cost a third of the luma kernel. The DCT and quality kernels, which work on the
 * 64 x 64 result, are in pdq-simd-hash-kernels.models.ts.
 */
import { dctKernel, QUALITY_CONSTANTS_BYTES, qualityKernel, writeQualityConstants } from './pdq-simd-hash-kernels.models.ts';
import { assembleModule, FunctionBuilder, I32, V128 } from './wasm-emit.models.ts';

/** Rows per strip: four vectors of four rows. */
export const STRIP_ROWS = 16;
const STRIP_BYTES_PER_COLUMN = 4 * STRIP_ROWS;
const LUMA_COEFFS = [0.299, 0.587, 0.114] as const;
/** Where the constants the kernels read sit in their memory (nothing else writes there), and their size. */
export const KERNEL_CONSTANTS_AT = 0;
const LUMA_CONSTANTS_BYTES = 96;
export const QUALITY_CONSTANTS_AT = KERNEL_CONSTANTS_AT + LUMA_CONSTANTS_BYTES;
export const KERNEL_CONSTANTS_BYTES = LUMA_CONSTANTS_BYTES + QUALITY_CONSTANTS_BYTES;

/**
 * The masks of the R, G and B bytes of a pixel read as a little-endian int32, then the luma weights as f32x4,
 * each divided by the place value of its byte (1, 256, 65536): the masked G lane converts exactly to 256 G, and
 * (0.587 / 256) * 256 G rounds exactly as 0.587 * G (dividing by a power of two only moves the exponent), so no
 * lane needs shifting.
 */
function writeLumaConstants(memory: ArrayBuffer, at: number): void {
  const masks = new Int32Array(memory, at, 12);
  const weights = new Float32Array(memory, at + 48, 12);
  for (const [c, coeff] of LUMA_COEFFS.entries()) {
    masks.fill(0xff << (8 * c), 4 * c, 4 * c + 4);
    weights.fill(Math.fround(coeff) / 256 ** c, 4 * c, 4 * c + 4);
  }
}

/** The 4 x 4 transpose of the vectors in `v` (v[i] lane j becomes lane i of the j-th result), left in `v`. */
function transpose4(fn: FunctionBuilder, v: number[], t: number[]): void {
  const [a, b, c, d] = v as [number, number, number, number];
  fn.get(a).get(b).shuffleLanes([0, 4, 1, 5]).set(t[0]!);
  fn.get(a).get(b).shuffleLanes([2, 6, 3, 7]).set(t[1]!);
  fn.get(c).get(d).shuffleLanes([0, 4, 1, 5]).set(t[2]!);
  fn.get(c).get(d).shuffleLanes([2, 6, 3, 7]).set(t[3]!);
  fn.get(t[0]!).get(t[2]!).shuffleLanes([0, 1, 4, 5]).set(a);
  fn.get(t[0]!).get(t[2]!).shuffleLanes([2, 3, 6, 7]).set(b);
  fn.get(t[1]!).get(t[3]!).shuffleLanes([0, 1, 4, 5]).set(c);
  fn.get(t[1]!).get(t[3]!).shuffleLanes([2, 3, 6, 7]).set(d);
}

/**
 * Luma of 16 rows into a strip. Each step reads one pixel of each of four rows as four bytes (its own and the next
 * pixel's first) straight into a lane, so a vector already holds one column of the four rows; each channel is
 * masked out of the lanes in place, converted, weighted and summed as (0.299 R + 0.587 G) + 0.114 B with a
 * rounding after every product and sum (the reference's expression, in float). Reads up to 3 bytes past the
 * last row's last pixel; the caller leaves room for it. Rows past the image's last hold stale bytes: their lanes
 * are computed and never read.
 */
function lumaKernel(channels: 1 | 3): FunctionBuilder {
  const fn = new FunctionBuilder(channels === 3 ? 'lumaRgb16' : 'lumaGrey16', [I32, I32, I32, I32]);
  const [src, cols, dst, consts] = [0, 1, 2, 3];
  const [g, four, x, rowBytes, out] = [fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32)];
  const rows = [fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32)];
  const px = fn.local(V128);
  const masks = [fn.local(V128), fn.local(V128), fn.local(V128)];
  const coeffs = [fn.local(V128), fn.local(V128), fn.local(V128)];
  for (const [c, mask] of masks.entries()) fn.get(consts).loadV(16 * c).set(mask);
  for (const [c, coeff] of coeffs.entries()) fn.get(consts).loadV(48 + 16 * c).set(coeff);
  fn.get(cols).i32(channels).i32Mul().set(rowBytes).i32(4).set(four);
  fn.repeat(g, four, () => {
    for (const [k, row] of rows.entries()) fn.get(src).get(g).i32(4).i32Mul().i32(k).i32Add().get(rowBytes).i32Mul().i32Add().set(row);
    fn.get(dst).get(g).i32(16).i32Mul().i32Add().set(out);
    fn.repeat(x, cols, () => {
      fn.get(rows[0]!).load32Zero();
      for (let k = 1; k < 4; k++) fn.set(px).get(rows[k]!).get(px).load32Lane(k);
      fn.set(px);
      if (channels === 1) fn.get(px).get(masks[0]!).andV().f32x4FromI32x4();
      else {
        for (let c = 0; c < 3; c++) {
          fn.get(px).get(masks[c]!).andV().f32x4FromI32x4().get(coeffs[c]!).mulV();
          if (c > 0) fn.addV();
        }
      }
      fn.set(px).get(out).get(px).storeV().bump(out, STRIP_BYTES_PER_COLUMN);
      for (const row of rows) fn.bump(row, channels);
    });
  });
  return fn;
}

/**
 * Box filter along the 16 rows of a strip (the reference's boxAlongRows, windows shrinking at both ends), four
 * vectors of running sums side by side. Then:
 * - `toRows`: the results go to `tmp` four rows at a time (a quarter of it each, so that the next step reads
 *   them in order) and are transposed, four columns at a time, into 16 plain rows (`dst`, `stride` bytes apart,
 *   `n4` vectors each) for the column pass;
 * - otherwise only the columns whose byte in `mask` is set are divided out and stored, into a strip at `tmp`: the
 *   second pass is sampled at 64 columns, and a running sum does not depend on the divisions taken from it, so
 *   skipping the others changes no bit of those that are kept.
 */
function rowPassKernel(toRows: boolean): FunctionBuilder {
  const fn = toRows ? new FunctionBuilder('rowPassToRows', [I32, I32, I32, I32, I32, I32, I32]) : new FunctionBuilder('rowPassSampled', [I32, I32, I32, I32, I32]);
  const [src, tmp, n, window] = [0, 1, 2, 3];
  const [dst, stride, n4, mask] = [4, 5, 6, 4];
  const sums = [fn.local(V128), fn.local(V128), fn.local(V128), fn.local(V128)];
  const div = fn.local(V128);
  const [half, rp, lp, op, size, i, end] = [fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32)];
  const add = () => {
    for (const [q, s] of sums.entries()) fn.get(s).get(rp).loadV(16 * q).addV().set(s);
    fn.bump(rp, STRIP_BYTES_PER_COLUMN);
  };
  const sub = () => {
    for (const [q, s] of sums.entries()) fn.get(s).get(lp).loadV(16 * q).subV().set(s);
    fn.bump(lp, STRIP_BYTES_PER_COLUMN);
  };
  const ops = toRows ? [fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32)] : [];
  const store = () => {
    for (const [q, s] of sums.entries()) fn.get(op).get(s).get(div).divV().storeV(16 * q);
  };
  const out = () => {
    if (toRows) {
      for (const [q, s] of sums.entries()) fn.get(ops[q]!).get(s).get(div).divV().storeV().bump(ops[q]!, 16);
      return;
    }
    fn.get(mask).loadU8().when(store);
    fn.bump(mask, 1).bump(op, STRIP_BYTES_PER_COLUMN);
  };
  const divideBySize = () => fn.get(size).f32FromI32().splatF32().set(div);
  fn.get(window).i32(2).i32Add().i32(1).emit(0x75).set(half); // (window + 2) >> 1 (i32.shr_s)
  fn.get(src).set(rp).get(src).set(lp).get(tmp).set(op).i32(0).set(size);
  for (const [q, o] of ops.entries()) fn.get(tmp).get(n4).i32(64 * q).i32Mul().i32Add().set(o);
  for (const s of sums) fn.zeroV().set(s);
  fn.get(half).i32(-1).i32Add().set(end);
  fn.repeat(i, end, () => {
    add();
    fn.bump(size, 1);
  });
  fn.get(window).get(half).i32Sub().i32(1).i32Add().set(end);
  fn.repeat(i, end, () => {
    add();
    fn.bump(size, 1);
    divideBySize();
    out();
  });
  fn.get(n).get(window).i32Sub().set(end);
  fn.repeat(i, end, () => {
    add();
    sub();
    out();
  });
  fn.get(half).i32(-1).i32Add().set(end);
  fn.repeat(i, end, () => {
    sub();
    fn.bump(size, -1);
    divideBySize();
    out();
  });
  if (toRows) {
    // Four columns of four rows at a time: load, transpose, store one vector into each of the four rows.
    const v = [fn.local(V128), fn.local(V128), fn.local(V128), fn.local(V128)];
    const t = [fn.local(V128), fn.local(V128), fn.local(V128), fn.local(V128)];
    const rows = [fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32)];
    const [g, four, c] = [fn.local(I32), fn.local(I32), fn.local(I32)];
    fn.i32(4).set(four);
    fn.repeat(g, four, () => {
      for (const [k, row] of rows.entries()) fn.get(dst).get(g).i32(4).i32Mul().i32(k).i32Add().get(stride).i32Mul().i32Add().set(row);
      fn.get(tmp).get(g).get(n4).i32Mul().i32(64).i32Mul().i32Add().set(rp);
      fn.repeat(c, n4, () => {
        for (const [q, vq] of v.entries()) fn.get(rp).loadV(16 * q).set(vq);
        transpose4(fn, v, t);
        for (const [k, row] of rows.entries()) fn.get(row).get(v[k]!).storeV().bump(row, 16);
        fn.bump(rp, 64);
      });
    });
  }
  return fn;
}

/** sums[c] += row[c], four columns per step; `n4` counts steps. */
function columnAddKernel(): FunctionBuilder {
  const fn = new FunctionBuilder('colAdd', [I32, I32, I32]);
  const [sums, row, n4] = [0, 1, 2];
  const i = fn.local(I32);
  fn.repeat(i, n4, () => {
    fn.get(sums).get(sums).loadV().get(row).loadV().addV().storeV().bump(sums, 16).bump(row, 16);
  });
  return fn;
}

/** Bytes per column-pass group descriptor: see columnPassKernel. */
export const COLUMN_GROUP_BYTES = 64;

/**
 * Four consecutive output rows of a box filter down columns per group, four columns per vector: for each output
 * row, sums += added row, sums -= removed row, sums / size (the reference's order; a missing row is a row of
 * zeros, and adding or subtracting +0 changes no sum). Each of `groups` descriptors at `desc` holds the four added
 * and removed rows' addresses (a0, r0, a1, r1, ...), the four sizes as f32 and the output address. Output:
 * - `toStrip`: the four rows transposed into one vector of a strip (column x at dst + 64 x), what the next row
 *   pass reads;
 * - otherwise four plain rows, 64 floats apart.
 */
function columnPassKernel(toStrip: boolean): FunctionBuilder {
  const fn = new FunctionBuilder(toStrip ? 'colPassToStrip' : 'colPassToRows', [I32, I32, I32, I32]);
  const [sums, desc, groups, n4] = [0, 1, 2, 3];
  const [gi, c, p, out] = [fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32)];
  const added = [fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32)];
  const removed = [fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32)];
  const divs = [fn.local(V128), fn.local(V128), fn.local(V128), fn.local(V128)];
  const s = fn.local(V128);
  const o = [fn.local(V128), fn.local(V128), fn.local(V128), fn.local(V128)];
  const t = [fn.local(V128), fn.local(V128), fn.local(V128), fn.local(V128)];
  fn.repeat(gi, groups, () => {
    // The rows are addressed relative to the sums, so that one pointer moves along them: eight moving pointers
    // did not fit in registers and were spilled and reloaded at every step.
    for (let k = 0; k < 4; k++) {
      fn.get(desc).loadI32(8 * k).get(sums).i32Sub().set(added[k]!);
      fn.get(desc).loadI32(8 * k + 4).get(sums).i32Sub().set(removed[k]!);
      fn.get(desc).loadF32(32 + 4 * k).splatF32().set(divs[k]!);
    }
    fn.get(desc).loadI32(48).set(out).get(sums).set(p);
    fn.repeat(c, n4, () => {
      fn.get(p).loadV().set(s);
      for (let k = 0; k < 4; k++) {
        fn.get(s).get(p).get(added[k]!).i32Add().loadV().addV().get(p).get(removed[k]!).i32Add().loadV().subV().set(s);
        fn.get(s).get(divs[k]!).divV().set(o[k]!);
      }
      fn.get(p).get(s).storeV().bump(p, 16);
      if (toStrip) {
        transpose4(fn, o, t);
        for (const [q, oq] of o.entries()) fn.get(out).get(oq).storeV(q * STRIP_BYTES_PER_COLUMN);
        fn.bump(out, 4 * STRIP_BYTES_PER_COLUMN);
      } else {
        for (const [k, ok] of o.entries()) fn.get(out).get(ok).storeV(256 * k);
        fn.bump(out, 16);
      }
    });
    fn.bump(desc, COLUMN_GROUP_BYTES);
  });
  return fn;
}

/**
 * The 16 rows of a strip at the 64 sampled columns (byte offsets of those columns in `offsets`; a column may
 * repeat when the image is narrower than 64) into 16 plain rows of 64 floats at `dst`.
 */
function gatherKernel(): FunctionBuilder {
  const fn = new FunctionBuilder('gather16', [I32, I32, I32]);
  const [src, offsets, dst] = [0, 1, 2];
  const [j, n64, from] = [fn.local(I32), fn.local(I32), fn.local(I32)];
  fn.i32(64).set(n64);
  fn.repeat(j, n64, () => {
    fn.get(src).get(offsets).loadI32().i32Add().set(from);
    for (let r = 0; r < STRIP_ROWS; r++) fn.get(dst).get(from).loadF32(4 * r).storeF32(256 * r);
    fn.bump(dst, 4).bump(offsets, 4);
  });
  return fn;
}

export interface JaroszKernels {
  memory: WebAssembly.Memory;
  lumaRgb16(src: number, cols: number, dst: number, consts: number): void;
  lumaGrey16(src: number, cols: number, dst: number, consts: number): void;
  rowPassToRows(src: number, tmp: number, n: number, window: number, dst: number, stride: number, n4: number): void;
  rowPassSampled(src: number, tmp: number, n: number, window: number, mask: number): void;
  colAdd(sums: number, row: number, n4: number): void;
  colPassToStrip(sums: number, desc: number, groups: number, n4: number): void;
  colPassToRows(sums: number, desc: number, groups: number, n4: number): void;
  gather16(src: number, offsets: number, dst: number): void;
  dct16(a: number, d: number, dt: number, t: number, b: number): void;
  quality64(a: number, consts: number, out: number): void;
}

/** The kernels' module bytes (one memory, exported, grown by the caller). */
export function jaroszKernelsWasm(): Uint8Array<ArrayBuffer> {
  return assembleModule(
    [
      lumaKernel(3),
      lumaKernel(1),
      rowPassKernel(true),
      rowPassKernel(false),
      columnAddKernel(),
      columnPassKernel(true),
      columnPassKernel(false),
      gatherKernel(),
      dctKernel(),
      qualityKernel(),
    ],
    1,
  );
}

/** An instance with its constants written at the start of its memory. */
export function instantiateJaroszKernels(module: WebAssembly.Module): JaroszKernels {
  const kernels = new WebAssembly.Instance(module, {}).exports as unknown as JaroszKernels;
  writeLumaConstants(kernels.memory.buffer, KERNEL_CONSTANTS_AT);
  writeQualityConstants(kernels.memory.buffer, QUALITY_CONSTANTS_AT);
  return kernels;
}
