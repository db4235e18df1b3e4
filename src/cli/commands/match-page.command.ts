import { exitCodes, type CliCommand } from '../cli.types.ts';
import { stringList, withCliApp } from '../cli-app.ts';

export const matchPageCommand: CliCommand = {
  name: 'match-page',
  usage: 'match-page <url> --profile <profile.json> [--allow-host HOST]... [--json]',
  summary: 'Open one page in Chromium and print what of the profile it exposes: matches, categories, severity.',
  options: { profile: { type: 'string' }, 'allow-host': { type: 'string', multiple: true }, json: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    const url = positionals[0];
    if (!url || typeof values.profile !== 'string') {
      io.stderr.write('Usage: exposure-scanner match-page <url> --profile <profile.json> [--json]\n');
      return exitCodes.usage;
    }
    const [{ readProfileFile }, { inspectPage }] = await Promise.all([import('../../modules/profiles/profile-file.io.ts'), import('../inspect-page.ts')]);
    const { profile, photoPaths } = readProfileFile(values.profile);
    const allowHosts = stringList(values['allow-host']);
    return withCliApp(io, { allowHosts }, async (app) => {
      const { visit, analysis } = await inspectPage(app, url, profile, photoPaths);
      const photoMatches = analysis.photoMatches;
      const output = {
        url,
        finalUrl: visit.finalUrl,
        status: visit.status,
        matches: [
          ...analysis.textMatches.map((m) => ({ kind: m.kind, value: m.value })),
          ...photoMatches.map((m) => ({ kind: 'photo' as const, imageUrl: m.imageUrl, photo: m.photo, distance: m.distance })),
        ],
        categories: analysis.classification.categories,
        severity: analysis.classification.severity,
      };
      if (values.json) io.stdout.write(`${JSON.stringify(output)}\n`);
      else {
        io.stdout.write(`${output.finalUrl} (HTTP ${output.status ?? '?'}): ${output.matches.length} match(es), severity ${output.severity}\n`);
        for (const reason of analysis.classification.reasons) io.stdout.write(`  - ${reason}\n`);
      }
      return exitCodes.ok;
    });
  },
};
