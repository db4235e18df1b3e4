/**
 * PDQ's luma and Jarosz passes as WebAssembly SIMD kernels: the same float32 operations as the reference, in the
 * same order for every pixel, four at a time.
 *
 * Every output of a box filter depends on a running float32 sum along a whole row or column, so nothing can be
 * skipped or reassociated; what can change is how many sums advance at once. Along rows, four image rows are
 * interleaved (a "strip": x * 4 + row) so one f32x4 carries four independent running sums; down columns, four
 * neighbouring columns share a vector. JavaScript would need a Math.fround after every operation (doubles
 * otherwise) and gets no vectors; this is several times faster and gives identical bits (tests compare it with
 * the scalar version in pdq-downsample.models.ts on many sizes, and the conformance rows pin the result).
 */
import { assembleModule, FunctionBuilder, I32, V128, type ValType } from './wasm-emit.models.ts';

const LUMA_COEFFS = [0.299, 0.587, 0.114] as const;

/**
 * Luma of four rows into a strip. Four pixels of a row at a time: their bytes are spread into 32-bit lanes by a
 * shuffle (R, G and B each), converted, weighted and summed as (0.299 R + 0.587 G) + 0.114 B with a rounding
 * after every product and sum (the reference's expression, in float); the four rows' results are then
 * transposed so that each vector holds one column of the four rows. Reads up to 16 bytes past a row's last
 * pixel, and writes up to 3 columns past `cols`; the caller leaves room for both.
 */
function lumaKernel(channels: 1 | 3): FunctionBuilder {
  const fn = new FunctionBuilder(channels === 3 ? 'lumaRgb4' : 'lumaGrey4', [I32, I32, I32]);
  const [src, cols, dst] = [0, 1, 2];
  const [x, n4, rowBytes] = [fn.local(I32), fn.local(I32), fn.local(I32)];
  const rows = [fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32)];
  const l = [fn.local(V128), fn.local(V128), fn.local(V128), fn.local(V128)];
  const [t0, t1, t2, t3] = [fn.local(V128), fn.local(V128), fn.local(V128), fn.local(V128)];
  const [px, c0, c1, c2] = [fn.local(V128), fn.local(V128), fn.local(V128), fn.local(V128)];
  const coeffs = [c0, c1, c2];
  const Z = 16; // a byte of the zero vector
  const spread = (first: number) => [first, Z, Z, Z, first + channels, Z, Z, Z, first + 2 * channels, Z, Z, Z, first + 3 * channels, Z, Z, Z];
  for (const [c, coeff] of LUMA_COEFFS.entries()) fn.f32(coeff).splatF32().set(coeffs[c]!);
  fn.get(cols).i32(3).i32Add().i32(2).emit(0x76).set(n4); // (cols + 3) >> 2 (i32.shr_u)
  fn.get(cols).i32(channels).i32Mul().set(rowBytes);
  for (const [k, row] of rows.entries()) fn.get(src).get(rowBytes).i32(k).i32Mul().i32Add().set(row);
  fn.repeat(x, n4, () => {
    for (const [k, row] of rows.entries()) {
      fn.get(row).loadV().set(px);
      if (channels === 1) fn.get(px).zeroV().shuffleBytes(spread(0)).f32x4FromI32x4();
      else {
        for (let c = 0; c < 3; c++) {
          fn.get(px).zeroV().shuffleBytes(spread(c)).f32x4FromI32x4().get(coeffs[c]!).mulV();
          if (c > 0) fn.addV();
        }
      }
      fn.set(l[k]!).bump(row, 4 * channels);
    }
    fn.get(l[0]!).get(l[1]!).shuffleLanes([0, 4, 1, 5]).set(t0);
    fn.get(l[0]!).get(l[1]!).shuffleLanes([2, 6, 3, 7]).set(t1);
    fn.get(l[2]!).get(l[3]!).shuffleLanes([0, 4, 1, 5]).set(t2);
    fn.get(l[2]!).get(l[3]!).shuffleLanes([2, 6, 3, 7]).set(t3);
    fn.get(dst).get(t0).get(t2).shuffleLanes([0, 1, 4, 5]).storeV(0);
    fn.get(dst).get(t0).get(t2).shuffleLanes([2, 3, 6, 7]).storeV(16);
    fn.get(dst).get(t1).get(t3).shuffleLanes([0, 1, 4, 5]).storeV(32);
    fn.get(dst).get(t1).get(t3).shuffleLanes([2, 3, 6, 7]).storeV(48);
    fn.bump(dst, 64);
  });
  return fn;
}

/**
 * Box filter along four interleaved rows (the reference's boxAlongRows, windows shrinking at both ends).
 * `toRows`: results go to four separate plain rows (d0..d3) for the column pass; otherwise to a strip, and only
 * for the columns whose byte in `mask` is set: the second pass is sampled at 64 columns, and a running sum does
 * not depend on the divisions taken from it, so skipping the others changes no bit of those that are kept.
 */
function rowBoxKernel(toRows: boolean): FunctionBuilder {
  const params: ValType[] = toRows ? [I32, I32, I32, I32, I32, I32, I32] : [I32, I32, I32, I32, I32];
  const fn = new FunctionBuilder(toRows ? 'rowBoxToRows' : 'rowBoxToStrip', params);
  const src = 0;
  const outs = toRows ? [1, 2, 3, 4] : [1];
  const [n, window] = toRows ? [5, 6] : [2, 3];
  const mask = 4;
  const [s, v] = [fn.local(V128), fn.local(V128)];
  const [half, rp, lp, size, i, end] = [fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32)];
  const add = () => fn.get(s).get(rp).loadV().addV().set(s).bump(rp, 16);
  const sub = () => fn.get(s).get(lp).loadV().subV().set(s).bump(lp, 16);
  const out = () => {
    if (!toRows) {
      fn.get(mask).loadU8().emit(0x04, 0x40); // if (mask[column])
      fn.get(outs[0]!).get(s).get(size).f32FromI32().splatF32().divV().storeV();
      fn.emit(0x0b).bump(outs[0]!, 16).bump(mask, 1);
      return;
    }
    fn.get(s).get(size).f32FromI32().splatF32().divV().set(v);
    for (const [lane, ptr] of outs.entries()) fn.get(ptr).get(v).extractF32(lane).storeF32().bump(ptr, 4);
  };
  fn.get(window).i32(2).i32Add().i32(1).emit(0x75).set(half); // (window + 2) >> 1 (i32.shr_s)
  fn.get(src).set(rp).get(src).set(lp).i32(0).set(size).emit(0xfd, 0x0c, ...new Array<number>(16).fill(0)).set(s);
  fn.get(half).i32(-1).i32Add().set(end);
  fn.repeat(i, end, () => {
    add();
    fn.bump(size, 1);
  });
  fn.get(window).get(half).emit(0x6b).i32(1).i32Add().set(end); // window - half + 1
  fn.repeat(i, end, () => {
    add();
    fn.bump(size, 1);
    out();
  });
  fn.get(n).get(window).emit(0x6b).set(end); // n - window
  fn.repeat(i, end, () => {
    add();
    sub();
    out();
  });
  fn.get(half).i32(-1).i32Add().set(end);
  fn.repeat(i, end, () => {
    sub();
    fn.bump(size, -1);
    out();
  });
  return fn;
}

/** sums[c] += row[c] (or -=), four columns per step; `n4` counts steps. */
function columnKernel(name: string, subtract: boolean): FunctionBuilder {
  const fn = new FunctionBuilder(name, [I32, I32, I32]);
  const [sums, row, n4] = [0, 1, 2];
  const i = fn.local(I32);
  fn.repeat(i, n4, () => {
    fn.get(sums).get(sums).loadV().get(row).loadV();
    if (subtract) fn.subV();
    else fn.addV();
    fn.storeV().bump(sums, 16).bump(row, 16);
  });
  return fn;
}

/** The steady state of a column pass in one sweep: sums += new row, sums -= oldest row, sums / size into a strip lane. */
function columnStepKernel(): FunctionBuilder {
  const fn = new FunctionBuilder('colStepToStrip', [I32, I32, I32, I32, I32, I32]);
  const [sums, row, old, dst, n4, size] = [0, 1, 2, 3, 4, 5];
  const [i, s, v, div] = [fn.local(I32), fn.local(V128), fn.local(V128), fn.local(V128)];
  fn.get(size).f32FromI32().splatF32().set(div);
  fn.repeat(i, n4, () => {
    fn.get(sums).loadV().get(row).loadV().addV().get(old).loadV().subV().set(s);
    fn.get(sums).get(s).storeV();
    fn.get(s).get(div).divV().set(v);
    for (let lane = 0; lane < 4; lane++) fn.get(dst).get(v).extractF32(lane).storeF32(lane * 16);
    fn.bump(sums, 16).bump(row, 16).bump(old, 16).bump(dst, 64);
  });
  return fn;
}

/**
 * sums[c] / size, four columns per step, written either as a plain row (`lanes` false) or as one lane of a
 * strip (column c at dst + 16 c), which is what the next row pass reads.
 */
function columnOutKernel(lanes: boolean): FunctionBuilder {
  const fn = new FunctionBuilder(lanes ? 'colOutToStrip' : 'colOutToRow', [I32, I32, I32, I32]);
  const [sums, dst, n4, size] = [0, 1, 2, 3];
  const [i, v, div] = [fn.local(I32), fn.local(V128), fn.local(V128)];
  fn.get(size).f32FromI32().splatF32().set(div);
  fn.repeat(i, n4, () => {
    fn.get(sums).loadV().get(div).divV().set(v);
    if (lanes) {
      for (let lane = 0; lane < 4; lane++) fn.get(dst).get(v).extractF32(lane).storeF32(lane * 16);
      fn.bump(dst, 64);
    } else fn.get(dst).get(v).storeV().bump(dst, 16);
    fn.bump(sums, 16);
  });
  return fn;
}

/** dst[j] = the float at src + offsets[j] (bytes) for j < 64: one lane of a strip at the 64 sampled columns. */
function gatherKernel(): FunctionBuilder {
  const fn = new FunctionBuilder('gather64', [I32, I32, I32]);
  const [src, offsets, dst] = [0, 1, 2];
  const [j, n64] = [fn.local(I32), fn.local(I32)];
  fn.i32(64).set(n64);
  fn.repeat(j, n64, () => {
    fn.get(dst).get(src).get(offsets).emit(0x28, 2, 0).i32Add().loadF32().storeF32(); // i32.load offsets[j]
    fn.bump(dst, 4).bump(offsets, 4);
  });
  return fn;
}

/**
 * The 16 x 16 DCT of a 64 x 64 block as the reference computes it (T = D A, then B = T D^T, each sum a float32
 * chain over k in order), four output columns per vector. `dt` is D transposed (64 x 16), so that four
 * neighbouring coefficients of the second product sit side by side.
 */
function dctKernel(): FunctionBuilder {
  const fn = new FunctionBuilder('dct16', [I32, I32, I32, I32, I32]);
  const [a, d, dt, t, b] = [0, 1, 2, 3, 4];
  const [i, j, k, pa, pd, acc, n16, n64, n4] = [
    fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32), fn.local(V128), fn.local(I32), fn.local(I32), fn.local(I32),
  ];
  fn.i32(16).set(n16).i32(64).set(n64).i32(4).set(n4);
  const product = (rows: number, rowStride: number, colsBase: number, colStride: number, cols: number, out: number, outRow: number) => {
    fn.repeat(i, n16, () => {
      fn.repeat(j, cols, () => {
        fn.zeroV().set(acc);
        fn.get(rows).get(i).i32(rowStride).i32Mul().i32Add().set(pd);
        fn.get(colsBase).get(j).i32(16).i32Mul().i32Add().set(pa);
        fn.repeat(k, n64, () => {
          fn.get(acc).get(pd).loadF32().splatF32().get(pa).loadV().mulV().addV().set(acc).bump(pd, 4).bump(pa, colStride);
        });
        fn.get(out).get(i).i32(outRow).i32Mul().i32Add().get(j).i32(16).i32Mul().i32Add().get(acc).storeV();
      });
    });
  };
  product(d, 256, a, 256, n16, t, 256); // T[i][j] = sum_k D[i][k] A[k][j]
  product(t, 256, dt, 64, n4, b, 64); // B[i][j] = sum_k T[i][k] D[j][k]
  return fn;
}

export interface JaroszKernels {
  memory: WebAssembly.Memory;
  lumaRgb4(src: number, cols: number, dst: number): void;
  lumaGrey4(src: number, cols: number, dst: number): void;
  rowBoxToRows(src: number, d0: number, d1: number, d2: number, d3: number, n: number, window: number): void;
  rowBoxToStrip(src: number, dst: number, n: number, window: number, mask: number): void;
  gather64(src: number, offsets: number, dst: number): void;
  colAdd(sums: number, row: number, n4: number): void;
  colSub(sums: number, row: number, n4: number): void;
  colOutToStrip(sums: number, dst: number, n4: number, size: number): void;
  colOutToRow(sums: number, dst: number, n4: number, size: number): void;
  colStepToStrip(sums: number, row: number, old: number, dst: number, n4: number, size: number): void;
  dct16(a: number, d: number, dt: number, t: number, b: number): void;
}

/** The kernels' module bytes (one memory, exported, grown by the caller). */
export function jaroszKernelsWasm(): Uint8Array<ArrayBuffer> {
  return assembleModule(
    [lumaKernel(3), lumaKernel(1), rowBoxKernel(true), rowBoxKernel(false), columnKernel('colAdd', false), columnKernel('colSub', true), columnOutKernel(true), columnOutKernel(false), columnStepKernel(), dctKernel(), gatherKernel()],
    1,
  );
}

export function instantiateJaroszKernels(module: WebAssembly.Module): JaroszKernels {
  return new WebAssembly.Instance(module, {}).exports as unknown as JaroszKernels;
}
