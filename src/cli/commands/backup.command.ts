import path from 'node:path';
import type { Config } from '../../config/config.ts';
import { isAppError } from '../../shared/errors.ts';
import { exitCodes, type CliCommand, type CliIo } from '../cli.types.ts';
import { withCliApp } from '../cli-app.ts';

const keyLocation = (config: Config) =>
  config.evidence.key ? 'the EVIDENCE_KEY environment variable' : path.resolve(config.dataDir, config.evidence.keyFile ?? 'evidence.key');

function fail(io: CliIo, error: unknown, json: boolean): number {
  if (!isAppError(error)) throw error;
  if (json) io.stdout.write(`${JSON.stringify({ ok: false, code: error.code, message: error.message })}\n`);
  else io.stderr.write(`${error.message}\n`);
  return error.code === 'evidence.wrong_key' || error.code === 'evidence.key_missing' || error.code.endsWith('target_not_empty') ? exitCodes.dataError : exitCodes.failure;
}

export const backupCommand: CliCommand = {
  name: 'backup',
  usage: 'backup --out <dir> [--json]',
  summary: 'Write a consistent copy of the database and the evidence vault to a new folder, with a manifest of hashes, while the service runs. The evidence key is never in it: keep the key apart.',
  options: { out: { type: 'string' }, json: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    const json = Boolean(values.json);
    if (positionals.length > 0 || typeof values.out !== 'string') {
      io.stderr.write(`usage: exposure-scanner ${this.usage}\n`);
      return exitCodes.usage;
    }
    const outDir = path.resolve(io.cwd, values.out);
    const { createBackup } = await import('../../modules/backup/backup.usecases.ts');
    return withCliApp(io, {}, async (app) => {
      try {
        const { dir, manifest } = await createBackup({ db: app.db, dataDir: app.config.dataDir, clock: app.clock, keyCheck: app.evidence.keyCheck, vaultStore: app.evidence.store }, { outDir });
        const key = keyLocation(app.config);
        if (json) io.stdout.write(`${JSON.stringify({ ok: true, dir, files: manifest.vault.length, databaseBytes: manifest.database.bytes, createdAt: manifest.createdAt, keyIncluded: false, key })}\n`);
        else {
          io.stdout.write(`Backup written to ${dir}\n  database ${manifest.database.bytes} bytes, ${manifest.vault.length} evidence file(s), manifest.json with SHA-256 of each\n`);
          io.stdout.write(`The evidence key is NOT in the backup. It is in ${key}. Keep a copy of it apart from the backup (another device, a password manager): the backup cannot be read without it, and anyone holding both can read everything.\n`);
        }
        return exitCodes.ok;
      } catch (error) {
        return fail(io, error, json);
      }
    });
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'restore <dir> [--json]',
  summary: 'Restore a backup into an empty DATA_DIR that holds the evidence key (or with EVIDENCE_KEY set), the evidence files into the configured store (DATA_DIR/evidence, or the empty S3 bucket with EVIDENCE_STORE=s3); refuses a wrong key, then verifies all evidence.',
  options: { json: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    const json = Boolean(values.json);
    if (positionals.length !== 1) {
      io.stderr.write(`usage: exposure-scanner ${this.usage}\n`);
      return exitCodes.usage;
    }
    const [{ default: pino }, { loadConfig }, { createLogger }, { systemClock }, { restoreBackup }, { openEvidenceVault }, { verifyEvidence }] = await Promise.all([
      import('pino'), import('../../config/config.ts'), import('../../shared/logger.ts'), import('../../shared/clock.ts'),
      import('../../modules/backup/backup.usecases.ts'), import('../../modules/evidence/evidence-key.ts'), import('../../modules/evidence/verify.usecases.ts'),
    ]);
    const config = loadConfig({ LOG_LEVEL: 'warn', ...io.env }, { cwd: io.cwd });
    if (config.databaseUrl) {
      // A restore writes the SQLite file in DATA_DIR, which a service on PostgreSQL would never read.
      const message = 'DATABASE_URL is set. Restore without it (the SQLite file lands in DATA_DIR), then copy it over with `exposure-scanner migrate-to-postgres`.';
      if (json) io.stdout.write(`${JSON.stringify({ ok: false, code: 'restore.postgres_database', message })}\n`);
      else io.stderr.write(`${message}\n`);
      return exitCodes.usage;
    }
    const logger = createLogger({ level: config.logLevel, destination: pino.destination(2) });
    const keyFile = config.evidence.key ? undefined : path.resolve(config.dataDir, config.evidence.keyFile ?? 'evidence.key');
    // The evidence goes where the service will look for it: the same store the vault is opened on.
    const s3 = config.evidence.store?.kind === 's3' ? (await import('../../modules/evidence/s3-evidence-store.ts')).createS3EvidenceStore(config.evidence.store) : undefined;
    const evidenceInto = s3?.location ?? path.join(config.dataDir, 'evidence');
    try {
      await restoreBackup({
        vaultStore: s3,
        fromDir: path.resolve(io.cwd, positionals[0]!),
        dataDir: config.dataDir,
        databaseFile: config.databaseFile,
        // The staged copy is opened exactly as the service would open it, with the key the service would use.
        checkKey: async ({ db, dataDir }) => {
          await openEvidenceVault({ dataDir, db, settings: { ...config.evidence, keyFile }, logger, clock: systemClock, createIfMissing: false });
        },
      });
    } catch (error) {
      return fail(io, error, json);
    } finally {
      s3?.close();
    }
    return withCliApp(io, {}, async (app) => {
      const report = await verifyEvidence(app.evidence);
      if (json) io.stdout.write(`${JSON.stringify({ ok: report.ok, restoredInto: config.dataDir, evidenceInto, verify: report })}\n`);
      else {
        io.stdout.write(`Restored into ${config.dataDir}, evidence files into ${evidenceInto}.\nEvidence verification: ${report.ok ? 'OK' : 'FAILED'} (${report.files} file(s), ${report.captures} capture(s), ${report.custodyEntries} custody entries)\n`);
        for (const p of report.problems) io.stdout.write(`  - ${p.message}\n`);
      }
      return report.ok ? exitCodes.ok : exitCodes.failure;
    });
  },
};
