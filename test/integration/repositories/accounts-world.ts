import type { Db } from '../../../src/db/client.ts';
import { tablesOf } from '../../../src/db/tables.ts';
import { createId } from '../../../src/shared/ids.ts';
import type { Clock } from '../../../src/shared/clock.ts';

/**
 * Rows the accounts, ownership and impersonation repositories point at (people, scan runs, hits, captures),
 * written straight through the tables of whichever dialect runs: these tests are about those repositories,
 * not about the ones that normally write these rows.
 */
export function createAccountsWorld(db: Db, clock: Clock) {
  const { people, scanRuns, hits, captures } = tablesOf(db);
  return {
    async person(organisationId: string, label = 'person'): Promise<string> {
      const id = createId('per');
      await db.insert(people).values({ id, organisationId, label, scheduleCron: '0 3 * * *', createdAt: clock.now(), updatedAt: clock.now() });
      return id;
    },
    async scanRun(personId: string): Promise<string> {
      const id = createId('run');
      await db.insert(scanRuns).values({ id, personId, trigger: 'manual', status: 'running', engines: ['duckduckgo'], allowHosts: [], createdAt: clock.now() });
      return id;
    },
    async hit(personId: string, url: string): Promise<string> {
      const id = createId('hit');
      const now = clock.now();
      await db.insert(hits).values({
        id, personId, url, normalizedUrl: url, host: new URL(url).host, severity: 'high', categories: ['phone'], reasons: ['phone'],
        firstSeenAt: now, lastSeenAt: now, createdAt: now, updatedAt: now,
      });
      return id;
    },
    async capture(hitId: string, artifacts: Record<string, string>): Promise<string> {
      const id = createId('cap');
      await db.insert(captures).values({ id, hitId, purpose: 'initial', outcome: 'captured', requestedUrl: 'https://example.org/', artifacts, capturedAt: clock.now() });
      return id;
    },
  };
}
