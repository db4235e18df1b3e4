import { describe, expect, it } from 'vitest';
import {
  CASE_STATUSES,
  allowedTransitions,
  audienceAtLevel,
  caseDeadline,
  checkTransition,
  evidenceAnnex,
  firstRecheckAt,
  nextRecheckAfter,
  reminderDue,
  senderIdentity,
} from '../../../src/modules/takedowns/cases.models.ts';

const noProof = { confirmed: false, recheckShowsRemoved: false };
const at = (iso: string) => new Date(iso);

describe('case status transitions', () => {
  it('refuses to mark a new case removed without a re-check or the person’s confirmation', () => {
    expect(checkTransition('new', 'removed', noProof)).toEqual({ ok: false, code: 'takedowns.removal_unconfirmed' });
    expect(checkTransition('takedown_sent', 'removed', noProof)).toEqual({ ok: false, code: 'takedowns.removal_unconfirmed' });
  });

  it('accepts a removal proven by a re-check or confirmed by the person', () => {
    expect(checkTransition('new', 'removed', { confirmed: false, recheckShowsRemoved: true })).toEqual({ ok: true });
    expect(checkTransition('takedown_sent', 'removed', { confirmed: true, recheckShowsRemoved: false })).toEqual({ ok: true });
  });

  it('needs confirmation before a notice counts as sent by hand, because that starts the legal deadlines', () => {
    expect(checkTransition('reviewing', 'takedown_sent', noProof)).toEqual({ ok: false, code: 'takedowns.confirmation_required' });
    expect(checkTransition('reviewing', 'takedown_sent', { confirmed: true, recheckShowsRemoved: false })).toEqual({ ok: true });
  });

  it('only lets a deadline lapse on a notice that was actually sent', () => {
    expect(checkTransition('new', 'no_response', noProof).ok).toBe(false);
    expect(checkTransition('reviewing', 'refused', noProof).ok).toBe(false);
    expect(checkTransition('takedown_sent', 'no_response', noProof).ok).toBe(true);
    expect(checkTransition('takedown_sent', 'refused', noProof).ok).toBe(true);
  });

  it('lets a closed case be looked at again but not jump straight to another outcome', () => {
    expect(allowedTransitions('removed')).toEqual(['reviewing']);
    expect(allowedTransitions('false_positive')).toEqual(['reviewing']);
    expect(checkTransition('false_positive', 'takedown_sent', { confirmed: true, recheckShowsRemoved: false })).toEqual({ ok: false, code: 'takedowns.invalid_transition' });
  });

  it('allows a false positive to be declared from every open status', () => {
    for (const from of ['new', 'reviewing', 'takedown_sent', 'no_response', 'refused'] as const) {
      expect(checkTransition(from, 'false_positive', noProof), from).toEqual({ ok: true });
    }
  });

  it('never allows staying in the same status as a transition', () => {
    for (const s of CASE_STATUSES) expect(allowedTransitions(s)).not.toContain(s);
  });
});

describe('deadlines of a sent notice', () => {
  const sent = at('2026-11-22T10:00:00Z');

  it('is 48 hours under the TAKE IT DOWN Act, the earliest of the cited laws', () => {
    const d = caseDeadline(['take_it_down', 'gdpr_art17'], sent, 7)!;
    expect(d.dueAt.toISOString()).toBe('2026-11-24T10:00:00.000Z');
    expect(d.basis).toBe('take_it_down');
    expect(d.perBasis.gdpr_art17?.toISOString()).toBe('2026-12-22T10:00:00.000Z');
  });

  it('is one month under the GDPR, ending on the last day of a shorter month', () => {
    const d = caseDeadline(['gdpr_art17'], at('2027-01-31T08:00:00Z'), 7)!;
    expect(d.dueAt.toISOString()).toBe('2027-02-28T08:00:00.000Z');
  });

  it('uses the configured default where the law only says "without undue delay"', () => {
    const d = caseDeadline(['dsa_art16', 'gdpr_art17'], sent, 7)!;
    expect(d.basis).toBe('dsa_art16');
    expect(d.dueAt.toISOString()).toBe('2026-11-29T10:00:00.000Z');
    expect(caseDeadline(['platform_policy'], sent, 3)!.dueAt.toISOString()).toBe('2026-11-25T10:00:00.000Z');
  });

  it('has no deadline without a basis', () => {
    expect(caseDeadline([], sent, 7)).toBeNull();
  });

  it('re-checks first after the configured delay, then at the interval', () => {
    expect(firstRecheckAt(sent, { firstRecheckHours: 24 }).toISOString()).toBe('2026-11-23T10:00:00.000Z');
    expect(nextRecheckAfter(at('2026-11-23T10:00:00Z'), at('2026-11-23T10:05:00Z'), { recheckIntervalHours: 24 }).toISOString()).toBe('2026-11-24T10:00:00.000Z');
  });

  it('does not schedule a re-check in the past after the worker was down for days', () => {
    const next = nextRecheckAfter(at('2026-11-23T10:00:00Z'), at('2026-11-30T10:00:00Z'), { recheckIntervalHours: 24 });
    expect(next.getTime()).toBeGreaterThan(at('2026-11-30T10:00:00Z').getTime());
  });

  it('reminds only within the window before a deadline, not after it passed', () => {
    const deadline = at('2026-11-24T10:00:00Z');
    expect(reminderDue(deadline, at('2026-11-23T09:00:00Z'), 24)).toBe(false);
    expect(reminderDue(deadline, at('2026-11-23T11:00:00Z'), 24)).toBe(true);
    expect(reminderDue(deadline, at('2026-11-24T10:00:01Z'), 24)).toBe(false);
    expect(reminderDue(null, at('2026-11-23T11:00:00Z'), 24)).toBe(false);
  });
});

describe('sender identity', () => {
  const settings = { name: null, email: 'notices@example.org', onBehalfOf: null, useLegalName: false };

  it('signs with the person’s label by default', () => {
    expect(senderIdentity(settings, { label: 'Lola Velvet' })).toEqual({ ok: true, sender: { name: 'Lola Velvet', email: 'notices@example.org', onBehalfOf: null, useLegalName: false } });
  });

  it('prefers a configured sender name over the label', () => {
    const r = senderIdentity({ ...settings, name: 'Support Org' }, { label: 'Lola Velvet' });
    expect(r.ok && r.sender.name).toBe('Support Org');
  });

  it('signs without a reply address, leaving it to the placeholder, but not without any name', () => {
    expect(senderIdentity({ ...settings, email: null }, { label: 'Lola Velvet' })).toMatchObject({ ok: true, sender: { email: null } });
    expect(senderIdentity({ ...settings, name: null, email: null }, { label: null })).toEqual({ ok: false, code: 'takedowns.sender_not_configured' });
  });
});

describe('escalation ladder and evidence annex', () => {
  it('climbs from the site to the police in the documented order', () => {
    expect([0, 1, 2, 3, 4, 5].map(audienceAtLevel)).toEqual(['site', 'hosting_provider', 'registrar_cdn', 'search_engine', 'helpline_regulator', 'police']);
  });

  it('lists each capture with its date and screenshot hash under the case reference', () => {
    const annex = evidenceAnnex('en', 'case_abc', [
      { capturedAt: at('2026-11-20T08:30:00Z'), outcome: 'captured', screenshotSha256: 'a'.repeat(64) },
      { capturedAt: at('2026-11-21T08:30:00Z'), outcome: 'failed', screenshotSha256: null },
    ]);
    expect(annex).toContain('Evidence pack (reference case_abc)');
    expect(annex).toContain(`2026-11-20 08:30 UTC: page captured, screenshot SHA-256 ${'a'.repeat(64)}`);
    expect(annex).not.toContain('2026-11-21');
  });

  it('still tells the police that evidence is kept when no capture is recorded', () => {
    expect(evidenceAnnex('nl', 'case_x', [])).toContain('Bewijsmap (referentie case_x)');
  });
});
