import type { Severity } from './alerts.models.ts';
import type { HealthProblem } from './health-alerts.models.ts';

export type EmailLanguage = 'en' | 'nl' | 'fr' | 'de';

/**
 * Every sentence an alert email can contain. None takes a name, an address, a URL of a page or page
 * text as input: only counts and severities, so no translation can leak personal data by accident.
 * The tone is calm on purpose; the reader may be frightened, and the next step is always one link away.
 */
export interface AlertEmailTexts {
  severity: Record<Severity, string>;
  subject: { exposure: string; health: string; digest: string };
  intro: { newItem: string; worseItem: string; health: string; digest: string };
  found(count: number): string;
  priority(severity: string): string;
  priorityNow(severity: string): string;
  unread(count: number): string;
  openItem: string;
  /** After a high or critical item: a nudge, and a reminder that nobody has to face it alone. */
  lookSoon: string;
  /** After low and medium items: no pressure. */
  whenReady: string;
  problems: Record<HealthProblem, string>;
  aboutScanner: string;
  openOverviewHealth: string;
  digestCount(count: number, breakdown: string): string;
  digestBreakdownPart(count: number, severity: string): string;
  digestHealth(count: number): string;
  openOverview: string;
  footer: string;
}

const en: AlertEmailTexts = {
  severity: { low: 'low', medium: 'medium', high: 'high', critical: 'critical' },
  subject: { exposure: 'New item to review', health: 'Scanner needs attention', digest: 'Items to review' },
  intro: {
    newItem: 'There is something new for you to review.',
    worseItem: 'An item you already know about has changed and deserves another look.',
    health: 'The scanner needs your attention.',
    digest: 'Here is your summary of items to review.',
  },
  found: (n) => (n === 1 ? 'The scanner found 1 new item.' : `The scanner found ${n} new items.`),
  priority: (s) => `Priority: ${s}.`,
  priorityNow: (s) => `Its priority is now: ${s}.`,
  unread: (n) => `Unread items in total: ${n}.`,
  openItem: 'Open the dashboard to see it:',
  lookSoon: 'The dashboard shows what was found and helps you ask for it to be taken down. It is worth looking soon; if it helps, ask someone you trust to look with you.',
  whenReady: 'There is no rush: when you are ready, the dashboard shows what was found and helps you ask for it to be taken down.',
  problems: {
    no_successful_scan: 'No scan has succeeded for a while, so new items may have been missed.',
    all_engines_blocked: 'The search engines are refusing the scanner\'s searches at the moment.',
  },
  aboutScanner: 'This is about the scanner itself, not about something new that was found.',
  openOverviewHealth: 'Open the overview to see what happened:',
  digestCount: (n, b) => `New since the last summary: ${n} (${b}).`,
  digestBreakdownPart: (n, s) => `${n} ${s}`,
  digestHealth: (n) => (n === 1 ? 'The scanner also needs attention (1 notice).' : `The scanner also needs attention (${n} notices).`),
  openOverview: 'Open the overview:',
  footer: 'This email leaves out every detail on purpose, so that nothing private shows in your inbox.',
};

const nl: AlertEmailTexts = {
  severity: { low: 'laag', medium: 'middel', high: 'hoog', critical: 'kritiek' },
  subject: { exposure: 'Nieuw item om te bekijken', health: 'De scanner heeft aandacht nodig', digest: 'Items om te bekijken' },
  intro: {
    newItem: 'Er staat iets nieuws voor je klaar om te bekijken.',
    worseItem: 'Een item dat je al kent is veranderd en verdient een nieuwe blik.',
    health: 'De scanner heeft je aandacht nodig.',
    digest: 'Hier is je overzicht van items om te bekijken.',
  },
  found: (n) => (n === 1 ? 'De scanner vond 1 nieuw item.' : `De scanner vond ${n} nieuwe items.`),
  priority: (s) => `Prioriteit: ${s}.`,
  priorityNow: (s) => `De prioriteit is nu: ${s}.`,
  unread: (n) => `Ongelezen items in totaal: ${n}.`,
  openItem: 'Open het dashboard om het te bekijken:',
  lookSoon: 'Het dashboard toont wat er gevonden is en helpt je om verwijdering te vragen. Het is goed om er snel naar te kijken; als dat helpt, vraag iemand die je vertrouwt om mee te kijken.',
  whenReady: 'Er is geen haast: wanneer je er klaar voor bent, toont het dashboard wat er gevonden is en helpt het je om verwijdering te vragen.',
  problems: {
    no_successful_scan: 'Al een tijd is geen enkele scan gelukt, dus nieuwe items zijn mogelijk gemist.',
    all_engines_blocked: 'De zoekmachines weigeren op dit moment de zoekopdrachten van de scanner.',
  },
  aboutScanner: 'Dit gaat over de scanner zelf, niet over iets nieuws dat gevonden is.',
  openOverviewHealth: 'Open het overzicht om te zien wat er gebeurd is:',
  digestCount: (n, b) => `Nieuw sinds het vorige overzicht: ${n} (${b}).`,
  digestBreakdownPart: (n, s) => `${n} met prioriteit ${s}`,
  digestHealth: (n) => (n === 1 ? 'Ook de scanner heeft aandacht nodig (1 melding).' : `Ook de scanner heeft aandacht nodig (${n} meldingen).`),
  openOverview: 'Open het overzicht:',
  footer: 'Deze e-mail laat bewust alle details weg, zodat er niets persoonlijks zichtbaar is in je inbox.',
};

const fr: AlertEmailTexts = {
  severity: { low: 'faible', medium: 'moyenne', high: 'haute', critical: 'critique' },
  subject: { exposure: 'Nouvel élément à examiner', health: 'Le scanner a besoin d\'attention', digest: 'Éléments à examiner' },
  intro: {
    newItem: 'Un nouvel élément vous attend.',
    worseItem: 'Un élément que vous connaissez déjà a changé et mérite un nouveau regard.',
    health: 'Le scanner a besoin de votre attention.',
    digest: 'Voici votre résumé des éléments à examiner.',
  },
  found: (n) => (n === 1 ? 'Le scanner a trouvé 1 nouvel élément.' : `Le scanner a trouvé ${n} nouveaux éléments.`),
  priority: (s) => `Priorité\u00a0: ${s}.`,
  priorityNow: (s) => `Sa priorité est maintenant\u00a0: ${s}.`,
  unread: (n) => `Éléments non lus au total\u00a0: ${n}.`,
  openItem: 'Ouvrez le tableau de bord pour le voir\u00a0:',
  lookSoon: 'Le tableau de bord montre ce qui a été trouvé et vous aide à en demander le retrait. Mieux vaut y jeter un œil bientôt\u00a0; si cela vous aide, demandez à une personne de confiance de regarder avec vous.',
  whenReady: 'Rien ne presse\u00a0: quand vous le souhaitez, le tableau de bord montre ce qui a été trouvé et vous aide à en demander le retrait.',
  problems: {
    no_successful_scan: 'Aucune recherche n\'a abouti depuis un moment\u00a0: de nouveaux éléments ont pu passer inaperçus.',
    all_engines_blocked: 'Les moteurs de recherche refusent en ce moment les recherches du scanner.',
  },
  aboutScanner: 'Il s\'agit du scanner lui-même, pas d\'un nouvel élément trouvé.',
  openOverviewHealth: 'Ouvrez la vue d\'ensemble pour voir ce qui s\'est passé\u00a0:',
  digestCount: (n, b) => `Nouveaux depuis le dernier résumé\u00a0: ${n} (${b}).`,
  digestBreakdownPart: (n, s) => `${n} de priorité ${s}`,
  digestHealth: (n) => `Le scanner a aussi besoin d'attention (${n} avis).`,
  openOverview: 'Ouvrez la vue d\'ensemble\u00a0:',
  footer: 'Ce message omet volontairement tout détail, pour que rien de privé n\'apparaisse dans votre boîte de réception.',
};

const de: AlertEmailTexts = {
  severity: { low: 'niedrig', medium: 'mittel', high: 'hoch', critical: 'kritisch' },
  subject: { exposure: 'Neuer Eintrag zur Durchsicht', health: 'Der Scanner braucht Aufmerksamkeit', digest: 'Einträge zur Durchsicht' },
  intro: {
    newItem: 'Es gibt etwas Neues, das Sie sich ansehen können.',
    worseItem: 'Ein Eintrag, den Sie schon kennen, hat sich verändert und verdient einen neuen Blick.',
    health: 'Der Scanner braucht Ihre Aufmerksamkeit.',
    digest: 'Hier ist Ihre Zusammenfassung der Einträge zur Durchsicht.',
  },
  found: (n) => (n === 1 ? 'Der Scanner hat 1 neuen Eintrag gefunden.' : `Der Scanner hat ${n} neue Einträge gefunden.`),
  priority: (s) => `Priorität: ${s}.`,
  priorityNow: (s) => `Die Priorität ist jetzt: ${s}.`,
  unread: (n) => `Ungelesene Einträge insgesamt: ${n}.`,
  openItem: 'Öffnen Sie das Dashboard, um ihn anzusehen:',
  lookSoon: 'Das Dashboard zeigt, was gefunden wurde, und hilft Ihnen, die Entfernung zu verlangen. Es lohnt sich, bald nachzusehen; wenn es hilft, bitten Sie eine Vertrauensperson, gemeinsam mit Ihnen hinzusehen.',
  whenReady: 'Es eilt nicht: Wenn Sie bereit sind, zeigt das Dashboard, was gefunden wurde, und hilft Ihnen, die Entfernung zu verlangen.',
  problems: {
    no_successful_scan: 'Seit einiger Zeit ist keine Suche gelungen; neue Einträge wurden deshalb vielleicht übersehen.',
    all_engines_blocked: 'Die Suchmaschinen lehnen die Suchanfragen des Scanners derzeit ab.',
  },
  aboutScanner: 'Es geht um den Scanner selbst, nicht um einen neuen Fund.',
  openOverviewHealth: 'Öffnen Sie die Übersicht, um zu sehen, was passiert ist:',
  digestCount: (n, b) => `Neu seit der letzten Zusammenfassung: ${n} (${b}).`,
  digestBreakdownPart: (n, s) => `${n} mit Priorität ${s}`,
  digestHealth: (n) => (n === 1 ? 'Auch der Scanner braucht Aufmerksamkeit (1 Hinweis).' : `Auch der Scanner braucht Aufmerksamkeit (${n} Hinweise).`),
  openOverview: 'Öffnen Sie die Übersicht:',
  footer: 'Diese E-Mail lässt bewusst alle Einzelheiten weg, damit in Ihrem Posteingang nichts Privates zu sehen ist.',
};

export const alertEmailTexts: Record<EmailLanguage, AlertEmailTexts> = { en, nl, fr, de };

export function emailLanguage(language: string | null | undefined): EmailLanguage {
  const base = (language ?? '').toLowerCase().split(/[-_]/)[0];
  return base === 'nl' || base === 'fr' || base === 'de' ? base : 'en';
}
