import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { auditLog } from '../../db/schema/index.ts';
import type { AuditEntry } from './audit.ts';
import { onConnection } from '../../db/transaction.ts';

export type AuditRow = typeof auditLog.$inferSelect;

/** Who viewed, revealed, exported or sent what: one row per act, with account and subject ids only. */
export async function audit(deps: { db: Db; clock: Clock }, entry: AuditEntry): Promise<void> {
  return onConnection(deps.db, () => {
    deps.db.insert(auditLog).values({
      at: deps.clock.now(),
      accountId: entry.actor.accountId,
      organisationId: entry.actor.organisationId,
      action: entry.action,
      subjectType: entry.subject.type,
      subjectId: entry.subject.id,
      detail: entry.detail ?? null,
    }).run();
  });
}

export async function listAudit(db: Db, args: { organisationId: string; limit: number; action?: string }): Promise<AuditRow[]> {
  return onConnection(db, () => {
    const where = args.action ? and(eq(auditLog.organisationId, args.organisationId), eq(auditLog.action, args.action)) : eq(auditLog.organisationId, args.organisationId);
    return db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(args.limit).all();
  });
}
