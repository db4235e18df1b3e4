// The log's rows are written and read in audit.repository.ts; the names stay importable from here.
export { audit, listAudit, type AuditRow } from './audit.repository.ts';

export const AUDIT_ACTIONS = [
  'setup', 'login', 'login_failed', 'logout', 'viewed', 'revealed', 'exported', 'sent', 'wiped',
  'token_created', 'token_revoked', 'account_created', 'assigned', 'unassigned', 'person_created', 'scan_started', 'status_changed', 'engine_resumed',
  'settings_changed', 'mail_tested', 'organisation_created',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  actor: { accountId: string | null; organisationId: string | null };
  action: AuditAction;
  /** What was acted on, by type and id only: the log must never hold names, numbers or page text. */
  subject: { type: string; id: string | null };
  detail?: Record<string, string | number | boolean | null>;
}
