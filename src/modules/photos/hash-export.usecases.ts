import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { audit } from '../accounts/audit.ts';
import type { ProfilesRepository } from '../profiles/profiles.repository.ts';
import { createPersonNotFoundError } from '../profiles/profiles.usecases.ts';
import type { PhotosRepository } from './photos.repository.ts';
import { distinctExportHashes, renderPdqExport, type ExportableHash } from './hash-export.models.ts';

export interface HashExport {
  /** The file's text: `hash,quality` lines. */
  text: string;
  hashes: ExportableHash[];
}

/**
 * The canonical PDQ hash of each of the person's photos (the photo as given, not the mirrors, rotations and
 * crop regions the scanner adds for its own matching) with its quality. Low-quality hashes are kept: the
 * quality column is there so the recipient applies their own threshold (ThreatExchange discards <= 49).
 */
export async function exportPersonHashes(deps: { photos: Pick<PhotosRepository, 'list'> }, personId: string): Promise<HashExport> {
  const hashes = distinctExportHashes((await deps.photos.list(personId)).map((p) => ({ pdq: p.pdq, quality: p.quality })));
  return { text: renderPdqExport(hashes), hashes };
}

/**
 * The command line acts as the operator of the installation (it reads the database directly), so the
 * entry carries no account, only the person's organisation and the count.
 */
export async function exportPersonHashesFromCli(deps: { db: Db; clock: Clock; photos: Pick<PhotosRepository, 'list'>; profiles: Pick<ProfilesRepository, 'getPerson'> }, personId: string): Promise<HashExport> {
  const person = await deps.profiles.getPerson(personId);
  if (!person) throw createPersonNotFoundError();
  const result = await exportPersonHashes(deps, person.id);
  await audit(deps, { actor: { accountId: null, organisationId: person.organisationId }, action: 'exported', subject: { type: 'photo-hashes', id: person.id }, detail: { via: 'cli', hashes: result.hashes.length } });
  return result;
}
