import path from 'node:path';
import { reportLanguages, isReportLanguage } from '../../modules/evidence/report-strings.ts';
import { exitCodes, type CliCommand, type CliIo } from '../cli.types.ts';
import { withCliApp } from '../cli-app.ts';

const usage = 'evidence verify [--json] | evidence export <hit-or-case-id> --out <dir> [--lang en|nl|fr|de] [--json]';

async function verify(io: CliIo, json: boolean): Promise<number> {
  const [{ verifyEvidence }, { noEvidenceStored }] = await Promise.all([import('../../modules/evidence/verify.usecases.ts'), import('../../modules/evidence/evidence-files.repository.ts')]);
  return withCliApp(io, {}, async (app) => {
    // The key itself is entry 1 of the custody log; "nothing yet" means no file and no capture besides it.
    if (await noEvidenceStored(app.db)) {
      if (json) io.stdout.write(`${JSON.stringify({ ok: true, files: 0, captures: 0, custodyEntries: 0, custodyHead: null, problems: [], notes: ['no evidence stored yet'] })}\n`);
      else io.stdout.write('No evidence stored yet: nothing to verify.\n');
      return exitCodes.ok;
    }
    // The application opened the vault at start and refused a wrong key there.
    const report = await verifyEvidence(app.evidence);
    if (json) io.stdout.write(`${JSON.stringify(report)}\n`);
    else {
      io.stdout.write(`Evidence verification: ${report.ok ? 'OK' : `FAILED (${report.problems.length} problem${report.problems.length === 1 ? '' : 's'})`}\n`);
      io.stdout.write(`  ${report.files} file(s), ${report.captures} capture(s), ${report.custodyEntries} custody entries`);
      io.stdout.write(report.custodyHead ? `, last entry #${report.custodyHead.seq} ${report.custodyHead.entryHash}\n` : '\n');
      for (const p of report.problems) io.stdout.write(`  - ${p.message}\n`);
      for (const n of report.notes) io.stdout.write(`  note: ${n}\n`);
    }
    return report.ok ? exitCodes.ok : exitCodes.failure;
  });
}

async function exportPack(io: CliIo, id: string, outDir: string, language: string | undefined, json: boolean): Promise<number> {
  const { exportEvidenceToDir } = await import('../../modules/evidence/export.usecases.ts');
  return withCliApp(io, {}, async (app) => {
    const vault = app.evidence;
    const pack = await exportEvidenceToDir({ vault, browserPool: app.browserPool }, { id, outDir: path.resolve(io.cwd, outDir), language, actor: 'cli' });
    const summary = { exportId: pack.exportId, hitId: pack.hitId, caseId: pack.caseId, language: pack.language, pdf: pack.pdfPath, zip: pack.zipPath, manifestSha256: pack.manifestSha256, timestamp: pack.timestamp, problems: pack.problems };
    if (json) io.stdout.write(`${JSON.stringify(summary)}\n`);
    else {
      io.stdout.write(`Evidence pack ${pack.exportId} (${pack.language}):\n  ${pack.pdfPath}\n  ${pack.zipPath}\n  manifest.json SHA-256 ${pack.manifestSha256}\n`);
      io.stdout.write(pack.timestamp ? `  trusted timestamp ${pack.timestamp.genTime}\n` : '  no trusted timestamp (TSA_URL is not set)\n');
      for (const p of pack.problems) io.stdout.write(`  problem: ${p}\n`);
    }
    return pack.problems.length === 0 ? exitCodes.ok : exitCodes.failure;
  });
}

export const evidenceCommand: CliCommand = {
  name: 'evidence',
  usage,
  summary: 'verify: check every evidence file and the custody chain (exit 1 naming what was altered or is missing). export: write the PDF report and ZIP evidence pack of an exposure or case.',
  options: { out: { type: 'string' }, lang: { type: 'string' }, json: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    const [sub, id, ...extra] = positionals;
    const json = Boolean(values.json);
    if (sub === 'verify' && !id) return verify(io, json);
    if (sub === 'export' && id && extra.length === 0 && typeof values.out === 'string') {
      if (values.lang !== undefined && !isReportLanguage(values.lang)) {
        io.stderr.write(`--lang must be one of ${reportLanguages.join(', ')}.\n`);
        return exitCodes.usage;
      }
      return exportPack(io, id, values.out, values.lang as string | undefined, json);
    }
    io.stderr.write(`Usage: exposure-scanner ${usage}\n`);
    return exitCodes.usage;
  },
};
