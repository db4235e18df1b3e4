/**
 * A few WebAssembly instructions and the module layout around them, enough to write small numeric kernels as
 * code here instead of shipping a compiled binary (no compiler toolchain is needed to build or review them).
 * WebAssembly's f32 and f32x4 arithmetic is IEEE single precision by definition, which is what bit-exact PDQ
 * needs; JavaScript only has doubles and must round after every operation.
 */

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof F32 | typeof V128;

const simd = (op: number): number[] => [0xfd, ...unsignedLeb(op)];

export function unsignedLeb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

export function signedLeb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

/** Builds one function body; locals are numbered after the parameters in the order they are declared. */
export class FunctionBuilder {
  readonly code: number[] = [];
  private readonly localTypes: ValType[] = [];

  constructor(
    readonly name: string,
    readonly params: ValType[],
  ) {}

  param(index: number): number {
    return index;
  }

  local(type: ValType): number {
    this.localTypes.push(type);
    return this.params.length + this.localTypes.length - 1;
  }

  emit(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }

  get(l: number): this {
    return this.emit(0x20, ...unsignedLeb(l));
  }
  set(l: number): this {
    return this.emit(0x21, ...unsignedLeb(l));
  }
  i32(n: number): this {
    return this.emit(0x41, ...signedLeb(n));
  }
  f32(x: number): this {
    return this.emit(0x43, ...new Uint8Array(new Float32Array([x]).buffer));
  }
  /** local l += n (i32). */
  bump(l: number, n: number): this {
    return this.get(l).i32(n).emit(0x6a).set(l);
  }
  /** `for (i = 0; i < end; i++) body()`; `end` is a local read at every turn. */
  repeat(i: number, end: number, body: () => void): this {
    this.i32(0).set(i);
    this.emit(0x02, 0x40, 0x03, 0x40);
    this.get(i).get(end).emit(0x4e, 0x0d, 1); // i32.ge_s; br_if 1 (out of the block)
    body();
    this.bump(i, 1).emit(0x0c, 0, 0x0b, 0x0b); // br 0 (back to the loop); end loop; end block
    return this;
  }

  /** `if (top of stack) body()`. */
  when(body: () => void): this {
    this.emit(0x04, 0x40);
    body();
    return this.emit(0x0b);
  }

  // Memory access (alignment hints only; offsets are byte immediates).
  loadI32(offset = 0): this {
    return this.emit(0x28, 2, ...unsignedLeb(offset));
  }
  loadU8(offset = 0): this {
    return this.emit(0x2d, 0, ...unsignedLeb(offset));
  }
  loadF32(offset = 0): this {
    return this.emit(0x2a, 2, ...unsignedLeb(offset));
  }
  storeF32(offset = 0): this {
    return this.emit(0x38, 2, ...unsignedLeb(offset));
  }
  loadV(offset = 0): this {
    return this.emit(...simd(0x00), 4, ...unsignedLeb(offset));
  }
  storeV(offset = 0): this {
    return this.emit(...simd(0x0b), 4, ...unsignedLeb(offset));
  }
  /** v128.load32_zero: four bytes into lane 0, the other lanes zero. */
  load32Zero(offset = 0): this {
    return this.emit(...simd(0x5c), 2, ...unsignedLeb(offset));
  }
  /** v128.load32_lane: replaces one 32-bit lane of the vector on the stack (address below it) with four bytes. */
  load32Lane(lane: number, offset = 0): this {
    return this.emit(...simd(0x56), 2, ...unsignedLeb(offset), lane);
  }

  // Arithmetic.
  i32Add(): this {
    return this.emit(0x6a);
  }
  i32Sub(): this {
    return this.emit(0x6b);
  }
  i32Mul(): this {
    return this.emit(0x6c);
  }
  f32Add(): this {
    return this.emit(0x92);
  }
  f32Mul(): this {
    return this.emit(0x94);
  }
  f32FromI32(): this {
    return this.emit(0xb2);
  }
  /** i8x16.shuffle of the two vectors on the stack, picking 32-bit lanes (0-3 first vector, 4-7 second). */
  shuffleLanes(lanes: [number, number, number, number]): this {
    return this.emit(...simd(0x0d), ...lanes.flatMap((l) => [l * 4, l * 4 + 1, l * 4 + 2, l * 4 + 3]));
  }
  /** i8x16.shuffle by byte indices (0-15 first vector, 16-31 second). */
  shuffleBytes(bytes: number[]): this {
    return this.emit(...simd(0x0d), ...bytes);
  }
  zeroV(): this {
    return this.emit(...simd(0x0c), ...new Array<number>(16).fill(0));
  }
  f32x4FromI32x4(): this {
    return this.emit(...simd(0xfa));
  }
  andV(): this {
    return this.emit(...simd(0x4e));
  }
  splatF32(): this {
    return this.emit(...simd(0x13));
  }
  extractF32(lane: number): this {
    return this.emit(...simd(0x1f), lane);
  }
  /** i32x4.trunc_sat_f32x4_s: toward zero, as Math.trunc for values in range. */
  truncI32x4(): this {
    return this.emit(...simd(0xf8));
  }
  absI32x4(): this {
    return this.emit(...simd(0xa0));
  }
  addI32x4(): this {
    return this.emit(...simd(0xae));
  }
  addV(): this {
    return this.emit(...simd(0xe4));
  }
  subV(): this {
    return this.emit(...simd(0xe5));
  }
  mulV(): this {
    return this.emit(...simd(0xe6));
  }
  divV(): this {
    return this.emit(...simd(0xe7));
  }

  body(): number[] {
    const groups = this.localTypes.flatMap((t) => [1, t]);
    const bytes = [...unsignedLeb(this.localTypes.length), ...groups, ...this.code, 0x0b];
    return [...unsignedLeb(bytes.length), ...bytes];
  }
}

const section = (id: number, content: number[]): number[] => [id, ...unsignedLeb(content.length), ...content];
const vector = (items: number[][]): number[] => [...unsignedLeb(items.length), ...items.flat()];
const name = (s: string): number[] => [...unsignedLeb(s.length), ...Buffer.from(s, 'ascii')];

/** A module with one exported memory ("memory", `pages` x 64 KiB to start) and the given functions, no results. */
export function assembleModule(functions: FunctionBuilder[], pages: number): Uint8Array<ArrayBuffer> {
  const types = vector(functions.map((fn) => [0x60, ...vector(fn.params.map((p) => [p])), 0]));
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, types),
    ...section(3, vector(functions.map((_, i) => unsignedLeb(i)))),
    ...section(5, vector([[0x00, ...unsignedLeb(pages)]])),
    ...section(7, vector([[...name('memory'), 0x02, 0], ...functions.map((fn, i) => [...name(fn.name), 0x00, ...unsignedLeb(i)])])),
    ...section(10, vector(functions.map((fn) => fn.body()))),
  ];
  return new Uint8Array(bytes);
}
