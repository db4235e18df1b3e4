import { severities, severityRank, type AlertCounts, type Severity } from './alerts.models.ts';
import type { HealthProblem } from './health-alerts.models.ts';
import { alertEmailTexts, emailLanguage } from './alert-email.texts.ts';
import { escapeHtml } from '../../shared/html-escape.models.ts';

export type AlertEmailContent =
  | { type: 'exposure'; reason: 'new' | 'worse'; severity: Severity; unread: number; link: string }
  | { type: 'health'; problems: HealthProblem[]; link: string }
  | { type: 'digest'; counts: AlertCounts; link: string };

export interface RenderedEmail {
  subject: string;
  /** Shown by mail clients next to the subject; as neutral as the subject. */
  preheader: string;
  text: string;
  html: string;
}

/**
 * Subject, preview and body of an alert email. The input type carries only counts, severities and a
 * dashboard link, so the email cannot contain a name, a page address or page text: someone reading the
 * inbox over the person's shoulder, or with access to their mailbox, learns only that there is news.
 */
export function renderAlertEmail(content: AlertEmailContent, language: string | null | undefined): RenderedEmail {
  const lang = emailLanguage(language);
  const t = alertEmailTexts[lang];
  let subject: string;
  let intro: string;
  let paragraphs: string[];
  let openLine: string;
  switch (content.type) {
    case 'exposure': {
      subject = t.subject.exposure;
      const sev = t.severity[content.severity];
      intro = content.reason === 'new' ? t.intro.newItem : t.intro.worseItem;
      const facts = content.reason === 'new' ? [t.found(1), t.priority(sev)] : [t.priorityNow(sev)];
      paragraphs = [facts.join(' ')];
      // "1 unread in total" would only repeat the line above.
      if (content.unread > 1) paragraphs.push(t.unread(content.unread));
      openLine = t.openItem;
      paragraphs.push(`${openLine}\n${content.link}`, severityRank(content.severity) >= severityRank('high') ? t.lookSoon : t.whenReady);
      break;
    }
    case 'health': {
      subject = t.subject.health;
      intro = t.intro.health;
      const problems = content.problems.length > 0 ? content.problems : (['no_successful_scan'] as HealthProblem[]);
      openLine = t.openOverviewHealth;
      paragraphs = [problems.map((p) => t.problems[p]).join(' '), t.aboutScanner, `${openLine}\n${content.link}`];
      break;
    }
    case 'digest': {
      subject = t.subject.digest;
      intro = t.intro.digest;
      const { counts } = content;
      paragraphs = [];
      if (counts.total > 0) {
        const breakdown = [...severities].reverse().filter((s) => counts.bySeverity[s] > 0).map((s) => t.digestBreakdownPart(counts.bySeverity[s], t.severity[s]));
        paragraphs.push(t.digestCount(counts.total, breakdown.join(', ')));
      }
      if (counts.health > 0) paragraphs.push(t.digestHealth(counts.health));
      openLine = t.openOverview;
      paragraphs.push(`${openLine}\n${content.link}`);
      if (counts.total > 0) paragraphs.push(counts.bySeverity.high + counts.bySeverity.critical > 0 ? t.lookSoon : t.whenReady);
      break;
    }
  }
  // "-- " on its own line is the signature separator mail clients recognise and dim.
  const text = `${[intro, ...paragraphs].join('\n\n')}\n\n-- \n${t.footer}\n`;
  const htmlParagraphs = paragraphs.map((p) => {
    if (p.endsWith(content.link) && p.startsWith(openLine)) {
      return `<p>${escapeHtml(openLine)}<br><a href="${escapeHtml(content.link)}" style="color:#1a56db">${escapeHtml(content.link)}</a></p>`;
    }
    return `<p>${escapeHtml(p)}</p>`;
  });
  const html = [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:sans-serif;font-size:16px;line-height:1.5;color:#222;max-width:36em">',
    `<div style="display:none;max-height:0;overflow:hidden;opacity:0">${escapeHtml(intro)}</div>`,
    `<p>${escapeHtml(intro)}</p>`,
    ...htmlParagraphs,
    `<p style="color:#666;font-size:13px">${escapeHtml(t.footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, preheader: intro, text, html };
}
