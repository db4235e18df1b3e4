/**
 * The kernels that work on PDQ's 64 x 64 downsampled block: the 16 x 16 DCT and the quality heuristic's gradient
 * sum, in float32 as the reference computes them (assembled into one module with the downsampling kernels of
 * pdq-simd.models.ts).
 */
import { FunctionBuilder, I32, V128 } from './wasm-emit.models.ts';

export const QUALITY_CONSTANTS_BYTES = 48;

/** The quality kernel's 100 and 255, and the mask that drops a row's last lane (it has no right neighbour). */
export function writeQualityConstants(memory: ArrayBuffer, at: number): void {
  new Float32Array(memory, at, 8).set([100, 100, 100, 100, 255, 255, 255, 255]);
  new Int32Array(memory, at + 32, 4).set([-1, -1, -1, 0]);
}

/**
 * The 16 x 16 DCT of a 64 x 64 block as the reference computes it (T = D A, then B = T D^T, each sum a float32
 * chain over k in order), four output columns per vector. `dt` is D transposed (64 x 16), so that four
 * neighbouring coefficients of the second product sit side by side.
 */
export function dctKernel(): FunctionBuilder {
  const fn = new FunctionBuilder('dct16', [I32, I32, I32, I32, I32]);
  const [a, d, dt, t, b] = [0, 1, 2, 3, 4];
  const [i, j, k, pa, pd, n16, n64, quads, scale] = [
    fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32), fn.local(V128),
  ];
  // Four output vectors at a time: each is one chain of 64 dependent adds, and one chain at a time left the CPU
  // waiting on it.
  const acc = [fn.local(V128), fn.local(V128), fn.local(V128), fn.local(V128)];
  fn.i32(16).set(n16).i32(64).set(n64);
  const product = (rows: number, rowStride: number, colsBase: number, colStride: number, vectors: number, out: number, outRow: number) => {
    fn.i32(vectors / 4).set(quads);
    fn.repeat(i, n16, () => {
      fn.repeat(j, quads, () => {
        for (const v of acc) fn.zeroV().set(v);
        fn.get(rows).get(i).i32(rowStride).i32Mul().i32Add().set(pd);
        fn.get(colsBase).get(j).i32(64).i32Mul().i32Add().set(pa);
        fn.repeat(k, n64, () => {
          fn.get(pd).loadF32().splatF32().set(scale);
          for (const [q, v] of acc.entries()) fn.get(v).get(scale).get(pa).loadV(16 * q).mulV().addV().set(v);
          fn.bump(pd, 4).bump(pa, colStride);
        });
        for (const [q, v] of acc.entries()) fn.get(out).get(i).i32(outRow).i32Mul().i32Add().get(j).i32(64).i32Mul().i32Add().get(v).storeV(16 * q);
      });
    });
  };
  product(d, 256, a, 256, 16, t, 256); // T[i][j] = sum_k D[i][k] A[k][j]
  product(t, 256, dt, 64, 4, b, 64); // B[i][j] = sum_k T[i][k] D[j][k]
  return fn;
}

/**
 * The quality heuristic's gradient sum over a 64 x 64 block (qualityOf64x64 in pdq.models.ts): for each pair of
 * vertical, then horizontal neighbours, trunc(((a - b) * 100) / 255) in float32, absolute values summed as
 * integers. `consts` holds what writeQualityConstants writes. Writes four partial sums (int32) at `out`.
 */
export function qualityKernel(): FunctionBuilder {
  const fn = new FunctionBuilder('quality64', [I32, I32, I32]);
  const [a, consts, out] = [0, 1, 2];
  const [i, n, row, rows, p, last] = [fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32)];
  const [sum, hundred, divisor, lastLanes] = [fn.local(V128), fn.local(V128), fn.local(V128), fn.local(V128)];
  fn.get(consts).loadV(0).set(hundred).get(consts).loadV(16).set(divisor).get(consts).loadV(32).set(lastLanes);
  fn.zeroV().set(sum);
  const gradient = (neighbour: number) => {
    fn.get(p).loadV().get(p).loadV(neighbour).subV().get(hundred).mulV().get(divisor).divV().truncI32x4().absI32x4();
  };
  fn.get(a).set(p).i32(63 * 16).set(n);
  fn.repeat(i, n, () => {
    gradient(256);
    fn.get(sum).addI32x4().set(sum).bump(p, 16);
  });
  fn.get(a).set(p).i32(64).set(rows).i32(15).set(last);
  fn.repeat(row, rows, () => {
    fn.repeat(i, last, () => {
      gradient(4);
      fn.get(sum).addI32x4().set(sum).bump(p, 16);
    });
    gradient(4);
    fn.get(lastLanes).andV().get(sum).addI32x4().set(sum).bump(p, 16);
  });
  fn.get(out).get(sum).storeV();
  return fn;
}
