import fs from 'node:fs';
import { isAppError } from '../../shared/errors.ts';
import { exitCodes, type CliCommand } from '../cli.types.ts';

export const hashCommand: CliCommand = {
  name: 'hash',
  usage: 'hash <image...> [--json]',
  summary: 'Print the SHA-256, PDQ hash and quality, and blockhash of each image, one line per file. Nothing is stored or sent.',
  options: { json: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    if (positionals.length === 0) {
      io.stderr.write('Usage: exposure-scanner hash <image...> [--json]\n');
      return exitCodes.usage;
    }
    const { hashPhotoFile } = await import('../../modules/photos/photo-hash.ts');
    let failed = 0;
    for (const file of positionals) {
      try {
        const h = await hashPhotoFile(fs.readFileSync(file));
        const line = { file, sha256: h.sha256, pdq: h.pdq, quality: h.quality, blockhash: h.blockhash };
        io.stdout.write(values.json ? `${JSON.stringify(line)}\n` : `${file}\n  sha256 ${h.sha256}\n  pdq ${h.pdq} (quality ${h.quality})\n  blockhash ${h.blockhash}\n`);
      } catch (error) {
        failed++;
        const code = isAppError(error) ? error.code : (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'photos.file_not_found' : 'photos.unreadable';
        const message = isAppError(error) ? error.message : (error as Error).message;
        io.stderr.write(`${file}: error ${code}: ${message}\n`);
      }
    }
    return failed === 0 ? exitCodes.ok : exitCodes.dataError;
  },
};
