import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import type { auditLog as auditLogTable } from '../../db/schema/index.ts';
import { tablesOf } from '../../db/tables.ts';
import type { AuditEntry } from './audit.ts';
import { onConnection } from '../../db/transaction.ts';

export type AuditRow = typeof auditLogTable.$inferSelect;

/** Who viewed, revealed, exported or sent what: one row per act, with account and subject ids only. */
export async function audit(deps: { db: Db; clock: Clock }, entry: AuditEntry): Promise<void> {
  const { auditLog } = tablesOf(deps.db);
  return onConnection(deps.db, async () => {
    await deps.db.insert(auditLog).values({
      at: deps.clock.now(),
      accountId: entry.actor.accountId,
      organisationId: entry.actor.organisationId,
      action: entry.action,
      subjectType: entry.subject.type,
      subjectId: entry.subject.id,
      detail: entry.detail ?? null,
    });
  });
}

export async function listAudit(db: Db, args: { organisationId: string; limit: number; action?: string }): Promise<AuditRow[]> {
  const { auditLog } = tablesOf(db);
  return onConnection(db, async () => {
    const where = args.action ? and(eq(auditLog.organisationId, args.organisationId), eq(auditLog.action, args.action)) : eq(auditLog.organisationId, args.organisationId);
    return db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(args.limit);
  });
}
