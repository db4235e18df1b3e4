import type { AppDeps } from '../../app.ts';
import { describeEngines } from '../../modules/scans/scans.routes.ts';
import { HIT_FIELDS } from '../../modules/evidence/sealed-pages.models.ts';

const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };
export const TIMELINE_DAYS = 30;

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface Overview {
  newBySeverity: Record<'critical' | 'high' | 'medium' | 'low', number>;
  totalExposures: number;
  needsAction: {
    newHits: { id: string; personId: string; personLabel: string; title: string | null; host: string; severity: string; categories: string[]; firstSeenAt: Date }[];
    deadlines: { caseId: string; hitId: string; personLabel: string; host: string; status: string; deadlineAt: Date; overdue: boolean }[];
  };
  engines: ReturnType<typeof describeEngines>;
  people: { id: string; label: string; lastSuccessAt: Date | null; lastScanAt: Date | null; nextScanAt: Date | null; activeScanId: string | null; stale: boolean; neverScanned: boolean; isDemo: boolean }[];
  timeline: { day: string; count: number }[];
  unreadAlerts: number;
}

/** What the overview shows, for the given people only (the account's scope). */
export function buildOverview(deps: Pick<AppDeps, 'db' | 'clock' | 'config' | 'engineStatus' | 'alerts' | 'cipher'>, personIds: string[]): Overview {
  const now = deps.clock.now();
  const sqlite = deps.db.$client;
  const ids = personIds.length ? personIds : [''];
  const inIds = `(${placeholders(ids.length)})`;

  const newBySeverity = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const row of sqlite.prepare(`select severity, count(*) n from hits where status = 'new' and person_id in ${inIds} group by severity`).all(...ids) as { severity: keyof typeof newBySeverity; n: number }[]) {
    newBySeverity[row.severity] = row.n;
  }
  const totalExposures = (sqlite.prepare(`select count(*) n from hits where status in ('new','seen') and person_id in ${inIds}`).get(...ids) as { n: number }).n;

  const newHits = (sqlite.prepare(
    `select h.id, h.person_id personId, p.label personLabel, h.title, h.host, h.severity, h.categories, h.first_seen_at firstSeenAt
     from hits h join people p on p.id = h.person_id where h.status = 'new' and h.person_id in ${inIds}
     order by case h.severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end, h.first_seen_at desc limit 8`,
  ).all(...ids) as (Omit<Overview['needsAction']['newHits'][number], 'firstSeenAt' | 'categories'> & { firstSeenAt: number; categories: string })[])
    .map((r) => ({ ...HIT_FIELDS.open(deps.cipher, r, r.id), personLabel: deps.cipher.open(r.personLabel), categories: JSON.parse(r.categories) as string[], firstSeenAt: new Date(r.firstSeenAt) }));

  const deadlines = (sqlite.prepare(
    `select c.id caseId, c.hit_id hitId, p.label personLabel, h.host, c.status, c.deadline_at deadlineAt
     from takedown_cases c join hits h on h.id = c.hit_id join people p on p.id = h.person_id
     where c.deadline_at is not null and c.closed_at is null and h.person_id in ${inIds} order by c.deadline_at limit 8`,
  ).all(...ids) as { caseId: string; hitId: string; personLabel: string; host: string; status: string; deadlineAt: number }[])
    .map((r) => ({ ...r, personLabel: deps.cipher.open(r.personLabel), deadlineAt: new Date(r.deadlineAt), overdue: r.deadlineAt < now.getTime() }));

  const staleAfterMs = deps.config.health.alertAfterHours * 3_600_000;
  const people = (sqlite.prepare(
    `select p.id, p.label, p.is_demo isDemo, p.created_at createdAt, p.last_success_at lastSuccessAt, p.last_scan_at lastScanAt, p.next_scan_at nextScanAt,
       (select r.id from scan_runs r where r.person_id = p.id and r.status in ('queued','running') order by r.created_at desc limit 1) activeScanId
     from people p where p.id in ${inIds} order by p.created_at`,
  ).all(...ids) as { id: string; label: string; isDemo: number; createdAt: number; lastSuccessAt: number | null; lastScanAt: number | null; nextScanAt: number | null; activeScanId: string | null }[])
    .map((r) => ({
      id: r.id, label: deps.cipher.open(r.label), isDemo: r.isDemo === 1, activeScanId: r.activeScanId,
      lastSuccessAt: r.lastSuccessAt ? new Date(r.lastSuccessAt) : null, lastScanAt: r.lastScanAt ? new Date(r.lastScanAt) : null, nextScanAt: r.nextScanAt ? new Date(r.nextScanAt) : null,
      // Someone just added is not overdue yet: the clock starts when they were added.
      stale: now.getTime() - (r.lastSuccessAt ?? r.createdAt) > staleAfterMs,
      neverScanned: r.lastScanAt === null,
    }));

  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (TIMELINE_DAYS - 1) * 86_400_000;
  const counts = new Map<string, number>();
  for (const row of sqlite.prepare(`select first_seen_at t from hits where person_id in ${inIds} and first_seen_at >= ? and status != 'false_positive'`).all(...ids, start) as { t: number }[]) {
    const day = utcDay(row.t);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  const timeline = Array.from({ length: TIMELINE_DAYS }, (_, i) => {
    const day = utcDay(start + i * 86_400_000);
    return { day, count: counts.get(day) ?? 0 };
  });

  newHits.sort((a, b) => (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9));
  return {
    newBySeverity, totalExposures, needsAction: { newHits, deadlines }, engines: describeEngines(deps), people, timeline,
    unreadAlerts: personIds.length ? deps.alerts.repository.unreadCount(personIds) : 0,
  };
}
