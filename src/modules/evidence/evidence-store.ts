/** One sealed file as the store lists it. */
export interface StoredObject {
  name: string;
  /** `ab/abcdef…`: the same relative path in a folder and under a bucket prefix. */
  relativePath: string;
  /** A write in progress or interrupted (local folder only: an S3 object appears whole or not at all). */
  temporary: boolean;
  mtimeMs: number;
}

/**
 * Where the vault keeps its sealed files: a local folder or an S3-compatible bucket. The store only moves
 * opaque bytes under keyed names; sealing, opening and every integrity check stay in the vault, so both
 * stores give the same guarantees and `evidence verify` reads either the same way.
 * Every method throws `evidence.store_unreachable` when the store cannot be asked at all, rather than
 * answering "missing" and letting a network fault look like lost evidence.
 */
export interface EvidenceObjectStore {
  readonly kind: 'local' | 's3';
  /** Where the files are, for messages and logs (never credentials). */
  readonly location: string;
  /** The sealed bytes, or null when there is no such file. */
  read(relativePath: string): Promise<Buffer | null>;
  /** Stores the whole file or nothing (a failure leaves no partial file under the name). */
  write(relativePath: string, sealed: Buffer): Promise<void>;
  /** Removes the file; removing a missing file is not an error. */
  remove(relativePath: string): Promise<void>;
  list(): Promise<StoredObject[]>;
}
