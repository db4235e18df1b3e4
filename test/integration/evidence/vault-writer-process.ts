/**
 * A process that writes evidence as fast as it can (files of up to a few MB, each followed by a capture
 * row and custody entry, like the worker does) until it is killed. Used by the crash-safety test.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { openDatabase, runMigrations } from '../../../src/db/client.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { systemClock } from '../../../src/shared/clock.ts';
import { createId } from '../../../src/shared/ids.ts';
import { openEvidenceVault } from '../../../src/modules/evidence/evidence-key.ts';
import { recordCapture } from '../../../src/modules/evidence/captures.repository.ts';

const dataDir = process.env.DATA_DIR!;
const hitId = process.env.HIT_ID!;
const db = openDatabase(`${dataDir}/exposure-scanner.sqlite`);
runMigrations(db);
const vault = await openEvidenceVault({
  dataDir,
  db,
  settings: { key: Buffer.from(process.env.EVIDENCE_KEY!, 'base64'), keyFile: undefined, tsaUrl: undefined, recheckSchedule: '0 * * * *' },
  logger: createLogger({ level: 'silent' }),
  clock: systemClock,
});

let announced = false;
for (;;) {
  const artifacts: Record<string, string> = {};
  for (const role of ['screenshot', 'html', 'mhtml']) {
    artifacts[role] = (await vault.put(randomBytes(randomInt(1_000, 3_000_000)), 'application/octet-stream')).sha256;
  }
  const captureId = createId('cap');
  await recordCapture(vault, { captureId, hitId, purpose: 'initial', outcome: 'captured', requestedUrl: 'http://127.0.0.1/x', visit: null, artifacts, capturedAt: new Date(), actor: 'scanner' });
  if (!announced) {
    process.stdout.write('ready\n');
    announced = true;
  }
}
