import type { AppDeps } from '../../deps.types.ts';
import { defaultEngines } from '../../modules/scans/scans.usecases.ts';
import { ENGINE_IDS, getEngine } from '../../providers/engine-registry.ts';
import type { ProfileFile } from '../../modules/profiles/profile-file.models.ts';
import { createPeopleReads } from './people.repository.ts';

export interface PersonListRow {
  id: string;
  label: string;
  isDemo: boolean;
  newHits: number;
  openHits: number;
  lastSuccessAt: Date | null;
  nextScanAt: Date | null;
}

export async function listPeopleRows(deps: Pick<AppDeps, 'db' | 'cipher'>, personIds: string[]): Promise<PersonListRow[]> {
  if (personIds.length === 0) return [];
  const rows = await createPeopleReads(deps.db).list(JSON.stringify(personIds));
  return rows.map((r) => ({ ...r, label: deps.cipher.open(r.label), isDemo: r.isDemo === 1, lastSuccessAt: r.lastSuccessAt ? new Date(r.lastSuccessAt) : null, nextScanAt: r.nextScanAt ? new Date(r.nextScanAt) : null }));
}

export interface PhotoRow {
  id: string;
  label: string;
  sha256: string;
  pdq: string;
  quality: number;
  width: number;
  height: number;
  originalKept: boolean;
  privacyFindings: string[];
  consents: { engine: string; grantedAt: Date; revokedAt: Date | null }[];
}

/** The privacy-check findings of a photo as short keys (GPS position, camera serial...), never their values. */
function findingKeys(findings: Record<string, unknown> | null): string[] {
  if (!findings) return [];
  const list = Array.isArray((findings as { findings?: unknown }).findings) ? ((findings as { findings: unknown[] }).findings) : null;
  if (list) return list.map((f) => (typeof f === 'string' ? f : typeof f === 'object' && f && 'kind' in f ? String((f as { kind: unknown }).kind) : 'finding')).slice(0, 20);
  return Object.entries(findings).filter(([, v]) => v !== null && v !== false && v !== undefined).map(([k]) => k).slice(0, 20);
}

export interface PersonPageData {
  person: NonNullable<Awaited<ReturnType<AppDeps['profiles']['getPerson']>>>;
  profile: ProfileFile;
  photos: PhotoRow[];
  engines: { id: string; label: string; kind: string }[];
  reverseImageEngines: { id: string; label: string }[];
  scans: Awaited<ReturnType<AppDeps['scans']['listRuns']>>;
  counts: { newHits: number; openHits: number };
}

export async function loadPersonPage(deps: Pick<AppDeps, 'db' | 'profiles' | 'scans' | 'config' | 'demo'>, personId: string): Promise<PersonPageData | null> {
  const person = await deps.profiles.getPerson(personId);
  if (!person) return null;
  const reads = createPeopleReads(deps.db);
  const photoRows = await reads.photos(personId);
  const consentRows = photoRows.length ? await reads.consents(JSON.stringify(photoRows.map((p) => p.id))) : [];
  const photos = photoRows.map((p) => ({
    id: p.id, label: p.label, sha256: p.sha256, pdq: p.pdq, quality: p.quality, width: p.width, height: p.height, originalKept: p.originalRef !== null,
    privacyFindings: findingKeys(p.exifFindings ? (JSON.parse(p.exifFindings) as Record<string, unknown>) : null),
    consents: consentRows.filter((c) => c.photoId === p.id).map((c) => ({ engine: c.engine, grantedAt: new Date(c.grantedAt), revokedAt: c.revokedAt ? new Date(c.revokedAt) : null })),
  }));
  const chosen = person.isDemo && deps.demo ? deps.demo.engines : defaultEngines(deps.config);
  const engines = chosen.map((flag) => flag.split('=')[0]!).filter((id): id is (typeof ENGINE_IDS)[number] => (ENGINE_IDS as string[]).includes(id)).map((id) => ({ id, label: getEngine(id).label, kind: getEngine(id).kind }));
  const reverseImageEngines = ENGINE_IDS.filter((id) => getEngine(id).kind !== 'web').map((id) => ({ id, label: getEngine(id).label }));
  const counts = await reads.hitCounts(personId);
  return {
    person, profile: await deps.profiles.loadProfileFile(personId), photos, engines, reverseImageEngines,
    scans: await deps.scans.listRuns(personId, 5), counts: { newHits: counts.newHits ?? 0, openHits: counts.openHits ?? 0 },
  };
}
