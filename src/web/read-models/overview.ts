import type { AppDeps } from '../../deps.types.ts';
import { describeEngines } from '../../modules/scans/scans.routes.ts';
import { HIT_FIELDS } from '../../modules/evidence/sealed-pages.models.ts';
import { createDataVersion, createIdsKey, createLabelOpener, createStatements, createVersionedCache } from './statements.ts';

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
  engines: ReturnType<typeof describeEngines>;
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
 * The overview's reads, with statements prepared once and labels opened once (statements.ts). Every query
 * is answered from an index (migration dashboard_indexes) so that an organisation's hundred thousand
 * exposures cost about what one person's do; only the people who need attention, then the first added,
 * are listed, with the number of all of them.
 */
export function createOverviewReadModel(deps: Pick<AppDeps, 'db' | 'clock' | 'config' | 'engineStatus' | 'alerts' | 'cipher'>) {
  const statement = createStatements(deps.db);
  const openLabel = createLabelOpener(deps.cipher);
  const IN_SCOPE = 'in (select value from json_each(?))';

  /**
   * The counts read every hit of the organisation's index (tens of milliseconds for a hundred thousand), so
   * they are kept until the database changes: `data_version` moves when another process commits (a worker
   * storing a hit), `total_changes()` when this one writes (a status changed on the dashboard).
   */
  const dataVersion = createDataVersion(statement);
  const kept = createVersionedCache<Counts>(dataVersion);
  const idsKey = createIdsKey();
  type Deadline = Omit<Overview['needsAction']['deadlines'][number], 'overdue'>;
  const keptNeedsAction = createVersionedCache<{ newHits: Overview['needsAction']['newHits']; deadlines: Deadline[] }>(dataVersion);
  const keptPeople = createVersionedCache<{ figures: { total: number; staleIdle: number }; people: Overview['people'] }>(dataVersion);

  function counted(ids: string, now: Date): Counts {
    const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (TIMELINE_DAYS - 1) * 86_400_000;
    return kept(`${start}:${ids}`, () => countNow(ids, start));
  }

  function countNow(ids: string, start: number): Counts {
    const newBySeverity = { critical: 0, high: 0, medium: 0, low: 0 };
    for (const row of statement(`select severity, count(*) n from hits where status = 'new' and person_id ${IN_SCOPE} group by severity`).all(ids) as { severity: keyof typeof newBySeverity; n: number }[]) {
      newBySeverity[row.severity] = row.n;
    }
    const totalExposures = (statement(`select count(*) n from hits where status in ('new','seen') and person_id ${IN_SCOPE}`).get(ids) as { n: number }).n;
    const perDay = new Map((statement(
      `select cast((first_seen_at - ?) / 86400000 as integer) day, count(*) n from hits where person_id ${IN_SCOPE} and status in ('new','seen','resolved') and first_seen_at >= ? group by day`,
    ).all(start, ids, start) as { day: number; n: number }[]).map((r) => [r.day, r.n]));
    const timeline = Array.from({ length: TIMELINE_DAYS }, (_, i) => ({ day: utcDay(start + i * 86_400_000), count: perDay.get(i) ?? 0 }));
    const unreadAlerts = ids === '[]' ? 0 : (statement(`select count(*) n from alerts where read_at is null and person_id ${IN_SCOPE}`).get(ids) as { n: number }).n;
    return { newBySeverity, totalExposures, timeline, unreadAlerts };
  }

  function build(personIds: string[]): Overview {
    const now = deps.clock.now();
    const ids = idsKey(personIds);
    const { newBySeverity, totalExposures, timeline, unreadAlerts } = counted(ids, now);
    // The rows are kept like the counts; whether a deadline has passed is decided now.
    const needsAction = keptNeedsAction(ids, () => needsActionNow(ids, personIds.length));
    const deadlines = needsAction.deadlines.map((d) => ({ ...d, overdue: d.deadlineAt.getTime() < now.getTime() }));

    // Someone just added is not overdue yet: the clock starts when they were added. To the minute, so that
    // the people part is kept like the counts (a thousand people cost a millisecond or two per query).
    const staleBefore = Math.floor(now.getTime() / 60_000) * 60_000 - deps.config.health.alertAfterHours * 3_600_000;
    const { figures, people } = keptPeople(`${staleBefore}:${ids}`, () => peopleNow(ids, staleBefore));
    return {
      newBySeverity, totalExposures, needsAction: { newHits: needsAction.newHits, deadlines }, engines: describeEngines(deps), people, peopleTotal: figures.total, stalePeople: figures.staleIdle, timeline, unreadAlerts,
    };
  }

  /** The newest worst hits and the nearest deadlines, eight each. */
  function needsActionNow(ids: string, people: number): { newHits: Overview['needsAction']['newHits']; deadlines: Deadline[] } {
    // Many people: read hits and cases in the order shown and skip other people's (see exposures.ts).
    const walk = people > 50 ? '+' : '';
    const newHits = (statement(
      // Read in list order from hits_rank_seen_idx (the unary + keeps SQLite from sorting every new hit of the organisation).
      `select h.id, h.person_id personId, p.label personLabel, h.title, h.host, h.severity, h.categories, h.first_seen_at firstSeenAt
       from (select * from hits where ${walk}status = 'new' and ${walk}person_id ${IN_SCOPE}
             order by (case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end), first_seen_at desc, id desc limit 8) h
       join people p on p.id = h.person_id`,
    ).all(ids) as (Omit<Overview['needsAction']['newHits'][number], 'firstSeenAt' | 'categories'> & { firstSeenAt: number; categories: string })[])
      .map((r) => ({ ...HIT_FIELDS.open(deps.cipher, r, r.id), personLabel: openLabel(r.personLabel), categories: JSON.parse(r.categories) as string[], firstSeenAt: new Date(r.firstSeenAt) }));

    const deadlines = (statement(
      `select c.id caseId, c.hit_id hitId, p.label personLabel, h.host, c.status, c.deadline_at deadlineAt
       from takedown_cases c join hits h on h.id = c.hit_id join people p on p.id = h.person_id
       where c.deadline_at is not null and c.closed_at is null and ${walk}h.person_id ${IN_SCOPE} order by c.deadline_at limit 8`,
    ).all(ids) as { caseId: string; hitId: string; personLabel: string; host: string; status: string; deadlineAt: number }[])
      .map((r) => ({ ...r, personLabel: openLabel(r.personLabel), deadlineAt: new Date(r.deadlineAt) }));
    newHits.sort((a, b) => (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9));
    return { newHits, deadlines };
  }

  function peopleNow(ids: string, staleBefore: number) {
    const activeScan = `(select r.id from scan_runs r where r.person_id = p.id and r.status in ('queued','running') order by r.created_at desc limit 1)`;
    const figures = statement(
      `select count(*) total, coalesce(sum(case when coalesce(p.last_success_at, p.created_at) < ? then ${activeScan} is null else 0 end), 0) staleIdle from people p where p.id ${IN_SCOPE}`,
    ).get(staleBefore, ids) as { total: number; staleIdle: number };
    const people = (statement(
      `select p.id, p.label, p.is_demo isDemo, p.created_at createdAt, p.last_success_at lastSuccessAt, p.last_scan_at lastScanAt, p.next_scan_at nextScanAt, ${activeScan} activeScanId
       from (select * from people where id ${IN_SCOPE}
             order by coalesce(last_success_at, created_at) < ? desc, last_scan_at is null desc, created_at, id limit ?) p
       order by coalesce(p.last_success_at, p.created_at) < ? desc, p.last_scan_at is null desc, p.created_at, p.id`,
    ).all(ids, staleBefore, OVERVIEW_PEOPLE_SHOWN, staleBefore) as { id: string; label: string; isDemo: number; createdAt: number; lastSuccessAt: number | null; lastScanAt: number | null; nextScanAt: number | null; activeScanId: string | null }[])
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
export function buildOverview(deps: Pick<AppDeps, 'db' | 'clock' | 'config' | 'engineStatus' | 'alerts' | 'cipher'>, personIds: string[]): Overview {
  return createOverviewReadModel(deps).build(personIds);
}
