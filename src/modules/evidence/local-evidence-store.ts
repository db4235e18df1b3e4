import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fsyncPath } from '../../shared/durable-files.ts';
import { describeWriteFailure } from '../../shared/write-failure.models.ts';
import { createEvidenceWriteFailedError } from './evidence.errors.ts';
import type { EvidenceObjectStore, StoredObject } from './evidence-store.ts';

export const TEMP_PREFIX = '.tmp-';

/** The vault folder under DATA_DIR: the embedded default. */
export function createLocalEvidenceStore(dir: string): EvidenceObjectStore & { pathOf(relativePath: string): string } {
  const pathOf = (relativePath: string) => path.join(dir, relativePath);
  return {
    kind: 'local',
    location: dir,
    pathOf,

    async read(relativePath) {
      try {
        return await fs.readFile(pathOf(relativePath));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },

    /**
     * Temporary name, fsync, rename, fsync of the folder. A full disk or a read-only folder ends in a coded
     * error and removes the temporary file, so no half-written evidence is ever left under a real name.
     */
    async write(relativePath, sealed) {
      const target = pathOf(relativePath);
      const folder = path.dirname(target);
      // Random only: a temporary name derived from the content would give away what is being written.
      const temp = path.join(folder, `${TEMP_PREFIX}${randomBytes(12).toString('hex')}`);
      try {
        const created = await fs.mkdir(folder, { recursive: true });
        if (created) await fsyncPath(dir);
        const handle = await fs.open(temp, 'wx', 0o600);
        try {
          await handle.writeFile(sealed);
          await handle.sync();
        } finally {
          await handle.close().catch(() => undefined);
        }
        await fs.rename(temp, target);
        await fsyncPath(folder);
      } catch (error) {
        await fs.rm(temp, { force: true }).catch(() => undefined);
        // Node's recursive mkdir reports a read-only file system as ENOENT; asking the folder itself names the cause.
        const probed = await fs.access(dir, fs.constants.W_OK).then(() => null, (probe: NodeJS.ErrnoException) => probe.code);
        throw createEvidenceWriteFailedError(describeWriteFailure(probed ?? (error as NodeJS.ErrnoException).code), error);
      }
    },

    async remove(relativePath) {
      await fs.rm(pathOf(relativePath), { force: true });
    },

    async list() {
      const out: StoredObject[] = [];
      let folders: string[];
      try {
        folders = await fs.readdir(dir);
      } catch {
        return out;
      }
      for (const folder of folders.filter((f) => /^[0-9a-f]{2}$/.test(f)).sort()) {
        for (const name of (await fs.readdir(path.join(dir, folder))).sort()) {
          const stat = await fs.stat(path.join(dir, folder, name));
          out.push({ name, relativePath: `${folder}/${name}`, temporary: name.startsWith(TEMP_PREFIX), mtimeMs: stat.mtimeMs });
        }
      }
      return out;
    },
  };
}
