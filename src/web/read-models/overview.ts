import type { AppDeps } from '../../deps.types.ts';
import { describeEngines } from '../../modules/scans/scans.routes.ts';
import { HIT_FIELDS } from '../../modules/evidence/sealed-pages.models.ts';
import { createIdsKey, createLabelOpener, createVersionedCache } from './kept-reads.ts';
import { createOverviewReads } from './overview.repository.ts';

const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };
export const TIMELINE_DAYS = 30;

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface Overview {
  newBySeverity: Record<'critical' | 'high' | 'medium' | 'low', number>;
  totalExposures: number;
  needsAction: {
    newHits: { id: string; personId: string; personLabel: string; title: string | null; host: string; severity: string; categories: string[]; firstSeenAt: Date }[];
    deadlines: { caseId: string; hitId: string; personLabel: string; host: string; status: string; deadlineAt: Date; overdue: boolean }[];
  };
  engines: Awaited<ReturnType<typeof describeEngines>>;
  /** Those who need attention (no successful scan for a while, never scanned) first, then the first added; at most OVERVIEW_PEOPLE_SHOWN. */
  people: { id: string; label: string; lastSuccessAt: Date | null; lastScanAt: Date | null; nextScanAt: Date | null; activeScanId: string | null; stale: boolean; neverScanned: boolean; isDemo: boolean }[];
  /** Everyone in scope, and how many of them have had no successful scan for too long and none running. */
  peopleTotal: number;
  stalePeople: number;
  timeline: { day: string; count: number }[];
  unreadAlerts: number;
}

/** People shown in the overview's "last scans" table; the people page lists everyone. */
export const OVERVIEW_PEOPLE_SHOWN = 20;

type Counts = Pick<Overview, 'newBySeverity' | 'totalExposures' | 'timeline' | 'unreadAlerts'>;

export type OverviewReadModel = ReturnType<typeof createOverviewReadModel>;

/**
 * The overview, from reads answered by indexes (overview.repository.ts) with labels opened once
 * (kept-reads.ts): only the people who need attention, then the first added, are listed, with the number
 * of all of them.
 */
export function createOverviewReadModel(deps: Pick<AppDeps, 'db' | 'clock' | 'config' | 'engineStatus' | 'cipher'>) {
  const reads = createOverviewReads(deps.db);
  const openLabel = createLabelOpener(deps.cipher);

  /**
   * The counts read every hit of the organisation's index (tens of milliseconds for a hundred thousand), so
   * they are kept until the database changes: `data_version` moves when another process commits (a worker
   * storing a hit), `total_changes()` when this one writes (a status changed on the dashboard).
   */
  const dataVersion = reads.dataVersion;
  const kept = createVersionedCache<Counts>(dataVersion);
  const idsKey = createIdsKey();
  type Deadline = Omit<Overview['needsAction']['deadlines'][number], 'overdue'>;
  const keptNeedsAction = createVersionedCache<{ newHits: Overview['needsAction']['newHits']; deadlines: Deadline[] }>(dataVersion);
  const keptPeople = createVersionedCache<{ figures: { total: number; staleIdle: number }; people: Overview['people'] }>(dataVersion);

  async function counted(ids: string, now: Date, version: string): Promise<Counts> {
    const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (TIMELINE_DAYS - 1) * 86_400_000;
    return kept(`${start}:${ids}`, () => countNow(ids, start), version);
  }

  async function countNow(ids: string, start: number): Promise<Counts> {
    const newBySeverity = { critical: 0, high: 0, medium: 0, low: 0 };
    for (const row of await reads.newBySeverity(ids)) newBySeverity[row.severity as keyof typeof newBySeverity] = row.n;
    const totalExposures = await reads.openCount(ids);
    const perDay = new Map((await reads.perDaySince(ids, start)).map((r) => [r.day, r.n]));
    const timeline = Array.from({ length: TIMELINE_DAYS }, (_, i) => ({ day: utcDay(start + i * 86_400_000), count: perDay.get(i) ?? 0 }));
    const unreadAlerts = ids === '[]' ? 0 : await reads.unreadAlerts(ids);
    return { newBySeverity, totalExposures, timeline, unreadAlerts };
  }

  async function build(personIds: string[]): Promise<Overview> {
    const now = deps.clock.now();
    const ids = idsKey(personIds);
    // One version for the three kept parts: read before the first of them, as each would read its own.
    const version = await dataVersion();
    const { newBySeverity, totalExposures, timeline, unreadAlerts } = await counted(ids, now, version);
    // The rows are kept like the counts; whether a deadline has passed is decided now.
    const needsAction = await keptNeedsAction(ids, () => needsActionNow(ids, personIds.length), version);
    const deadlines = needsAction.deadlines.map((d) => ({ ...d, overdue: d.deadlineAt.getTime() < now.getTime() }));

    // Someone just added is not overdue yet: the clock starts when they were added. To the minute, so that
    // the people part is kept like the counts (a thousand people cost a millisecond or two per query).
    const staleBefore = Math.floor(now.getTime() / 60_000) * 60_000 - deps.config.health.alertAfterHours * 3_600_000;
    const { figures, people } = await keptPeople(`${staleBefore}:${ids}`, () => peopleNow(ids, staleBefore), version);
    return {
      newBySeverity, totalExposures, needsAction: { newHits: needsAction.newHits, deadlines }, engines: await describeEngines(deps), people, peopleTotal: figures.total, stalePeople: figures.staleIdle, timeline, unreadAlerts,
    };
  }

  /** The newest worst hits and the nearest deadlines, eight each. */
  async function needsActionNow(ids: string, people: number): Promise<{ newHits: Overview['needsAction']['newHits']; deadlines: Deadline[] }> {
    const newHits = (await reads.newestNewHits(ids, people))
      .map((r) => ({ ...HIT_FIELDS.open(deps.cipher, r, r.id), personLabel: openLabel(r.personLabel), categories: JSON.parse(r.categories) as string[], firstSeenAt: new Date(r.firstSeenAt) }));
    const deadlines = (await reads.nearestDeadlines(ids, people)).map((r) => ({ ...r, personLabel: openLabel(r.personLabel), deadlineAt: new Date(r.deadlineAt) }));
    newHits.sort((a, b) => (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9));
    return { newHits, deadlines };
  }

  async function peopleNow(ids: string, staleBefore: number) {
    const figures = await reads.peopleFigures(ids, staleBefore);
    const people = (await reads.peopleNeedingAttention(ids, staleBefore, OVERVIEW_PEOPLE_SHOWN))
      .map((r) => ({
        id: r.id, label: openLabel(r.label), isDemo: r.isDemo === 1, activeScanId: r.activeScanId,
        lastSuccessAt: r.lastSuccessAt ? new Date(r.lastSuccessAt) : null, lastScanAt: r.lastScanAt ? new Date(r.lastScanAt) : null, nextScanAt: r.nextScanAt ? new Date(r.nextScanAt) : null,
        stale: (r.lastSuccessAt ?? r.createdAt) < staleBefore,
        neverScanned: r.lastScanAt === null,
      }));

    return { figures, people };
  }

  return { build };
}

/** What the overview shows, for the given people only (the account's scope). */
export async function buildOverview(deps: Pick<AppDeps, 'db' | 'clock' | 'config' | 'engineStatus' | 'cipher'>, personIds: string[]): Promise<Overview> {
  return await createOverviewReadModel(deps).build(personIds);
}
