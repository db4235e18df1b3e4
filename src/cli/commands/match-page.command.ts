import { readProfileFile } from '../../modules/profiles/profile-file.io.ts';
import { analysePage } from '../../modules/scans/scan-pipeline.usecases.ts';
import { visitPage } from '../../browser/page-visit.ts';
import { createUrlGuard } from '../../shared/ssrf-guard.ts';
import { exitCodes, type CliCommand } from '../cli.types.ts';
import { stringList, withCliApp } from '../cli-app.ts';
import { createPhotoMatcherForFiles } from '../photo-matcher-for-files.ts';

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
    const { profile, photoPaths } = readProfileFile(values.profile);
    const allowHosts = stringList(values['allow-host']);
    return withCliApp(io, { allowHosts }, async (app) => {
      const guard = createUrlGuard({ allowHosts: app.config.net.allowPrivateHosts });
      const visit = await visitPage(app.browserPool, guard, url, { navigationTimeoutMs: app.config.browser.navigationTimeoutMs, maxPageBytes: app.config.scan.maxPageBytes });
      const photoMatcher = await createPhotoMatcherForFiles(app, photoPaths);
      const photoMatches = photoMatcher ? await photoMatcher.match({ personId: '', imageUrls: visit.imageUrls, guard }) : [];
      const analysis = await analysePage({ visit, profile, photoMatches });
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
