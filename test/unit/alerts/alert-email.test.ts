import { describe, expect, it } from 'vitest';
import { renderAlertEmail, type AlertEmailContent } from '../../../src/modules/alerts/alert-email.models.ts';
import { alertEmailTexts } from '../../../src/modules/alerts/alert-email.texts.ts';

const link = 'https://scanner.example.org/exposures/hit_k2m7';
const exposure: AlertEmailContent = { type: 'exposure', reason: 'new', severity: 'critical', unread: 3, link };

describe('alert emails', () => {
  it('has a neutral subject and first line, and says only counts and severity', () => {
    const email = renderAlertEmail(exposure, 'en');
    expect(email.subject).toBe('New item to review');
    expect(email.text.split('\n')[0]).toBe('There is something new for you to review.');
    expect(email.preheader).toBe(email.text.split('\n')[0]);
    expect(email.text).toContain('The scanner found 1 new item. Priority: critical.');
    expect(email.text).toContain('Unread items in total: 3.');
    expect(email.text).toContain(link);
    expect(email.text).toContain('leaves out every detail on purpose');
  });

  it('nudges gently after an urgent item and puts no pressure on a low one', () => {
    expect(renderAlertEmail(exposure, 'en').text).toContain('ask someone you trust to look with you');
    const low = renderAlertEmail({ type: 'digest', counts: { total: 1, bySeverity: { low: 1, medium: 0, high: 0, critical: 0 }, health: 0 }, link }, 'en');
    expect(low.text).toContain('There is no rush');
    expect(low.text).not.toContain('someone you trust');
  });

  it('leaves out the unread total when this is the only unread item', () => {
    expect(renderAlertEmail({ ...exposure, unread: 1 }, 'en').text).not.toContain('Unread items');
  });

  it('ends the plain text with a signature separator before the privacy note', () => {
    expect(renderAlertEmail(exposure, 'en').text).toMatch(/\n\n-- \nThis email leaves out every detail on purpose[^\n]*\n$/);
  });

  it('puts the preview text first in the HTML, hidden, and links to the dashboard', () => {
    const { html } = renderAlertEmail(exposure, 'en');
    expect(html).toMatch(/<body[^>]*>\s*<div style="display:none[^"]*">There is something new for you to review\.<\/div>/);
    expect(html).toContain(`<a href="${link}"`);
    expect(html).toContain('lang="en"');
  });

  it('escapes the link in the HTML part', () => {
    const { html } = renderAlertEmail({ ...exposure, link: 'https://x.example/"><script>alert(1)</script>' }, 'en');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
  });

  it('says an item changed, rather than found, when its severity rose', () => {
    const { text } = renderAlertEmail({ ...exposure, reason: 'worse', severity: 'high' }, 'en');
    expect(text).toContain('An item you already know about has changed');
    expect(text).toContain('Its priority is now: high.');
    expect(text).not.toContain('found 1 new item');
  });

  it('explains a health problem as being about the scanner, linking to the overview', () => {
    const email = renderAlertEmail({ type: 'health', problems: ['all_engines_blocked'], link: 'https://scanner.example.org/overview' }, 'en');
    expect(email.subject).toBe('Scanner needs attention');
    expect(email.text).toContain('refusing the scanner\'s searches');
    expect(email.text).toContain('not about something new that was found');
    expect(email.text).toContain('https://scanner.example.org/overview');
  });

  it('summarises a digest by severity, most severe first', () => {
    const email = renderAlertEmail({ type: 'digest', counts: { total: 4, bySeverity: { low: 3, medium: 1, high: 0, critical: 0 }, health: 0 }, link: 'https://s.example/overview' }, 'en');
    expect(email.subject).toBe('Items to review');
    expect(email.text).toContain('New since the last summary: 4 (1 medium, 3 low).');
  });

  it('writes in the person\'s language and falls back to English', () => {
    expect(renderAlertEmail(exposure, 'nl').subject).toBe('Nieuw item om te bekijken');
    expect(renderAlertEmail(exposure, 'fr').text).toContain('Priorité\u00a0: critique.');
    expect(renderAlertEmail(exposure, 'de-BE').text).toContain('Der Scanner hat 1 neuen Eintrag gefunden.');
    expect(renderAlertEmail(exposure, 'xx').subject).toBe('New item to review');
    expect(renderAlertEmail(exposure, null).subject).toBe('New item to review');
  });

  it('has every sentence in every language', () => {
    const keys = (o: object): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v).map((s) => `${k}.${s}`) : [k])).sort();
    const english = keys(alertEmailTexts.en);
    for (const texts of Object.values(alertEmailTexts)) {
      expect(keys(texts)).toEqual(english);
      for (const type of ['exposure', 'health', 'digest'] as const) expect(texts.subject[type].length).toBeGreaterThan(5);
    }
  });
});
