import { exitCodes, type CliCommand } from '../cli.types.ts';
import { withCliApp } from '../cli-app.ts';
import type { MessageKey } from '../../web/views/i18n/index.ts';

const usage = 'photos export-hashes --person <id> [--json]';

export const photosCommand: CliCommand = {
  name: 'photos',
  usage,
  summary: 'export-hashes: print the canonical PDQ hash and quality of each of the person\'s photos, one `hash,quality` line each (ThreatExchange\'s text form, no file names), for platforms, helplines or police who ask for hashes. Recorded as an export.',
  options: { person: { type: 'string' }, json: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    const [sub, ...extra] = positionals;
    if (sub !== 'export-hashes' || extra.length > 0 || typeof values.person !== 'string' || values.person === '') {
      io.stderr.write(`Usage: exposure-scanner ${usage}\n`);
      return exitCodes.usage;
    }
    const personId = values.person;
    const [{ exportPersonHashesFromCli }, { t }] = await Promise.all([import('../../modules/photos/hash-export.usecases.ts'), import('../../web/views/i18n/index.ts')]);
    return withCliApp(io, {}, async (app) => {
      const result = await exportPersonHashesFromCli(app, personId);
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ personId, hashes: result.hashes })}\n`);
        return exitCodes.ok;
      }
      // stdout carries only the file, so `> pdq-hashes.txt` gives exactly what the dashboard's download gives.
      io.stdout.write(result.text);
      if (result.hashes.length === 0) io.stderr.write('No photos are stored for this person: there are no hashes to export.\n');
      const guidance: MessageKey[] = ['person.hashExportFor', 'person.hashExportStopNcii', 'person.hashExportTakeItDown', 'person.hashExportLimit'];
      io.stderr.write(`\n${guidance.map((key) => t('en', key)).join('\n')}\n`);
      return exitCodes.ok;
    });
  },
};
