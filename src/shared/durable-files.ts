import fs from 'node:fs';
import fsp from 'node:fs/promises';

// Evidence, keys, backups and restores are written to a temporary name, flushed, renamed, and then their folder
// is flushed too: without the folder's fsync a rename survives a process crash but not a power loss.

/** Flushes a file or a folder to disk; for code that is synchronous already (start-up, backup and restore steps). */
export function fsyncPathSync(p: string): void {
  const fd = fs.openSync(p, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The same without blocking the event loop, for the evidence vault's writes while the service runs. */
export async function fsyncPath(p: string): Promise<void> {
  const handle = await fsp.open(p, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
