import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const madeTempDirs = new Set<string>();

/** A new folder under the system's temporary directory, removed when the test file ends (temp-dirs.setup.ts). */
export function makeTempDir(prefix = 'es-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  madeTempDirs.add(dir);
  return dir;
}

/** Removes every folder makeTempDir made in this test file; one a stopping process still writes to is retried, then left. */
export function removeTempDirs(): void {
  for (const dir of madeTempDirs) {
    try {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
      madeTempDirs.delete(dir);
    } catch {
      // A child process that outlived its test still writes there; the system's temporary folder cleaning takes it.
    }
  }
}
