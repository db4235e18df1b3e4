import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { auditLog } from '../../db/schema/index.ts';

export const AUDIT_ACTIONS = [
  'setup', 'login', 'login_failed', 'logout', 'viewed', 'revealed', 'exported', 'sent', 'wiped',
  'token_created', 'token_revoked', 'account_created', 'assigned', 'unassigned', 'person_created', 'scan_started', 'status_changed', 'engine_resumed',
  'settings_changed', 'mail_tested', 'organisation_created',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditEntry {
  actor: { accountId: string | null; organisationId: string | null };
  action: AuditAction;
  /** What was acted on, by type and id only: the log must never hold names, numbers or page text. */
  subject: { type: string; id: string | null };
  detail?: Record<string, string | number | boolean | null>;
}

/** Who viewed, revealed, exported or sent what: one row per act, with account and subject ids only. */
export function audit(deps: { db: Db; clock: Clock }, entry: AuditEntry): void {
  deps.db.insert(auditLog).values({
    at: deps.clock.now(),
    accountId: entry.actor.accountId,
    organisationId: entry.actor.organisationId,
    action: entry.action,
    subjectType: entry.subject.type,
    subjectId: entry.subject.id,
    detail: entry.detail ?? null,
  }).run();
}

export function listAudit(db: Db, args: { organisationId: string; limit: number; action?: string }): AuditRow[] {
  const where = args.action ? and(eq(auditLog.organisationId, args.organisationId), eq(auditLog.action, args.action)) : eq(auditLog.organisationId, args.organisationId);
  return db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(args.limit).all();
}
