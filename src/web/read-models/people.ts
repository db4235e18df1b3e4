import type { AppDeps } from '../../deps.types.ts';
import { defaultEngines } from '../../modules/scans/scans.usecases.ts';
import { ENGINE_IDS, getEngine } from '../../providers/engine-registry.ts';
import type { ProfileFile } from '../../modules/profiles/profile-file.models.ts';

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');

export interface PersonListRow {
  id: string;
  label: string;
  isDemo: boolean;
  newHits: number;
  openHits: number;
  lastSuccessAt: Date | null;
  nextScanAt: Date | null;
}

export function listPeopleRows(deps: Pick<AppDeps, 'db' | 'cipher'>, personIds: string[]): PersonListRow[] {
  if (personIds.length === 0) return [];
  const rows = deps.db.$client.prepare(
    `select p.id, p.label, p.is_demo isDemo, p.last_success_at lastSuccessAt, p.next_scan_at nextScanAt,
       (select count(*) from hits h where h.person_id = p.id and h.status = 'new') newHits,
       (select count(*) from hits h where h.person_id = p.id and h.status in ('new','seen')) openHits
     from people p where p.id in (${placeholders(personIds.length)}) order by p.created_at`,
  ).all(...personIds) as { id: string; label: string; isDemo: number; lastSuccessAt: number | null; nextScanAt: number | null; newHits: number; openHits: number }[];
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
  person: NonNullable<ReturnType<AppDeps['profiles']['getPerson']>>;
  profile: ProfileFile;
  photos: PhotoRow[];
  engines: { id: string; label: string; kind: string }[];
  reverseImageEngines: { id: string; label: string }[];
  scans: ReturnType<AppDeps['scans']['listRuns']>;
  counts: { newHits: number; openHits: number };
}

export function loadPersonPage(deps: Pick<AppDeps, 'db' | 'profiles' | 'scans' | 'config' | 'demo'>, personId: string): PersonPageData | null {
  const person = deps.profiles.getPerson(personId);
  if (!person) return null;
  const sqlite = deps.db.$client;
  const photoRows = sqlite.prepare('select id, label, sha256, pdq, quality, width, height, original_ref originalRef, exif_findings exifFindings from photos where person_id = ? order by created_at').all(personId) as
    { id: string; label: string; sha256: string; pdq: string; quality: number; width: number; height: number; originalRef: string | null; exifFindings: string | null }[];
  const consentRows = photoRows.length
    ? sqlite.prepare(`select photo_id photoId, engine, granted_at grantedAt, revoked_at revokedAt from reverse_image_consents where photo_id in (${placeholders(photoRows.length)})`).all(...photoRows.map((p) => p.id)) as { photoId: string; engine: string; grantedAt: number; revokedAt: number | null }[]
    : [];
  const photos = photoRows.map((p) => ({
    id: p.id, label: p.label, sha256: p.sha256, pdq: p.pdq, quality: p.quality, width: p.width, height: p.height, originalKept: p.originalRef !== null,
    privacyFindings: findingKeys(p.exifFindings ? (JSON.parse(p.exifFindings) as Record<string, unknown>) : null),
    consents: consentRows.filter((c) => c.photoId === p.id).map((c) => ({ engine: c.engine, grantedAt: new Date(c.grantedAt), revokedAt: c.revokedAt ? new Date(c.revokedAt) : null })),
  }));
  const chosen = person.isDemo && deps.demo ? deps.demo.engines : defaultEngines(deps.config);
  const engines = chosen.map((flag) => flag.split('=')[0]!).filter((id): id is (typeof ENGINE_IDS)[number] => (ENGINE_IDS as string[]).includes(id)).map((id) => ({ id, label: getEngine(id).label, kind: getEngine(id).kind }));
  const reverseImageEngines = ENGINE_IDS.filter((id) => getEngine(id).kind !== 'web').map((id) => ({ id, label: getEngine(id).label }));
  const counts = sqlite.prepare(`select sum(status = 'new') newHits, sum(status in ('new','seen')) openHits from hits where person_id = ?`).get(personId) as { newHits: number | null; openHits: number | null };
  return {
    person, profile: deps.profiles.loadProfileFile(personId), photos, engines, reverseImageEngines,
    scans: deps.scans.listRuns(personId, 5), counts: { newHits: counts.newHits ?? 0, openHits: counts.openHits ?? 0 },
  };
}
