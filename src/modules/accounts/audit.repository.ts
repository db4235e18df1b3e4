import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import type { auditLog as auditLogTable } from '../../db/schema/index.ts';
import { tablesOf } from '../../db/tables.ts';
import type { AuditEntry } from './audit.ts';
import { onConnection } from '../../db/transaction.ts';
import { requestWrite } from '../../db/request-query.ts';

export type AuditRow = typeof auditLogTable.$inferSelect;

const AUDIT_COLUMNS = ['at', 'accountId', 'organisationId', 'action', 'subjectType', 'subjectId', 'detail'] as const;
type AuditValues = Record<(typeof AUDIT_COLUMNS)[number], unknown>;

/** Every view of an exposure or a person writes a row: its insert is prepared once per database (requestWrite). */
const auditInserts = new WeakMap<Db, (values: AuditValues) => Promise<void>>();
function auditInsert(db: Db): (values: AuditValues) => Promise<void> {
  let insert = auditInserts.get(db);
  if (!insert) {
    const { auditLog } = tablesOf(db);
    // The columns' own types are checked where the values are made (audit below); here they are placeholders.
    insert = requestWrite(db, AUDIT_COLUMNS, (values) => db.insert(auditLog).values(values as typeof auditLog.$inferInsert));
    auditInserts.set(db, insert);
  }
  return insert;
}

/** Who viewed, revealed, exported or sent what: one row per act, with account and subject ids only. */
export async function audit(deps: { db: Db; clock: Clock }, entry: AuditEntry): Promise<void> {
  const values: typeof auditLogTable.$inferInsert = {
    at: deps.clock.now(),
    accountId: entry.actor.accountId,
    organisationId: entry.actor.organisationId,
    action: entry.action,
    subjectType: entry.subject.type,
    subjectId: entry.subject.id,
    detail: entry.detail ?? null,
  };
  return onConnection(deps.db, async () => auditInsert(deps.db)(values as AuditValues));
}

export async function listAudit(db: Db, args: { organisationId: string; limit: number; action?: string }): Promise<AuditRow[]> {
  const { auditLog } = tablesOf(db);
  return onConnection(db, async () => {
    const where = args.action ? and(eq(auditLog.organisationId, args.organisationId), eq(auditLog.action, args.action)) : eq(auditLog.organisationId, args.organisationId);
    return db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(args.limit);
  });
}
