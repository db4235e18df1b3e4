import { describe, expect, it } from 'vitest';
import { DRAFT_LANGUAGES } from '../../../src/modules/takedowns/language.models.ts';
import { BASIS_IDS, LEGAL_BASES, type BasisId } from '../../../src/modules/takedowns/legal-basis.models.ts';
import { renderDraft, type DraftInput } from '../../../src/modules/takedowns/draft.models.ts';
import { LANGUAGE_PACKS, fillTemplate, placeholdersIn } from '../../../src/modules/takedowns/templates/index.ts';
import { BASIS_PARAGRAPHS, PARAGRAPH_SATISFIES, missingElements, planParagraphs } from '../../../src/modules/takedowns/templates/structure.ts';
import { AUDIENCES, PARAGRAPH_IDS } from '../../../src/modules/takedowns/templates/types.ts';

const KNOWN_VARIABLES = new Set([
  'url', 'site', 'domain', 'exposed', 'onBehalfOf', 'previousNoticeDate', 'platformName', 'policyTopic', 'tidaDue', 'gdprDue',
  'illegality', 'copyrightWork', 'originalUrl', 'originalUrlLine', 'contactDetails', 'senderName', 'date',
]);

/** Words each statement must carry in each language: a check that the text says what its markers claim. */
const EVIDENCE: Partial<Record<`${BasisId}:${string}`, Record<(typeof DRAFT_LANGUAGES)[number], RegExp>>> = {
  'dmca_512c3:vi_accuracy_perjury': { en: /penalty of perjury/, nl: /meineed/, fr: /parjure/, de: /Meineid/ },
  'dmca_512c3:v_good_faith': { en: /good faith/, nl: /goeder trouw/, fr: /bonne foi/, de: /gutem Glauben/ },
  'dsa_art16:d_bona_fide': { en: /good faith.*accurate and complete/, nl: /goeder trouw.*juist en volledig/, fr: /bonne foi.*exactes et complètes/, de: /gutem Glauben.*richtig und vollständig/ },
  'take_it_down:iii_non_consent': { en: /good faith.*without (my|their) consent/, nl: /goeder trouw.*zonder (mijn|diens) toestemming/, fr: /bonne foi.*sans (mon|son) consentement/, de: /gutem Glauben.*ohne (meine|deren) Einwilligung/ },
  'gdpr_art17:erasure_request': { en: /Article 17/, nl: /artikel 17/, fr: /article 17/, de: /Artikel 17/ },
  'gdpr_art17:deadline': { en: /one month/, nl: /een maand/, fr: /un mois/, de: /eines Monats/ },
  'gdpr_art17:other_controllers': { en: /17\(2\)/, nl: /17, lid 2/, fr: /17, paragraphe 2/, de: /17 Abs\. 2/ },
  'gdpr_art17:exceptions_addressed': { en: /17\(3\)/, nl: /17, lid 3/, fr: /17, paragraphe 3/, de: /17 Abs\. 3/ },
  'be_417_9:offence_cited': { en: /417\/9/, nl: /417\/9/, fr: /417\/9/, de: /417\/9/ },
  // To the police the complaint itself is the remedy; everywhere else the art. 584 court order is announced.
  'be_417_9:remedy_stated': { en: /584|record this complaint/, nl: /584|deze aangifte/, fr: /584|acter cette plainte/, de: /584|stelle Strafantrag|stellt Strafantrag/ },
  'nl_139h:offence_cited': { en: /139h/, nl: /139h/, fr: /139h/, de: /139h/ },
  'de_201a:offence_cited': { en: /§201a/, nl: /§201a/, fr: /§201a/, de: /§201a/ },
  'uk_soa_66b:offence_cited': { en: /66B/, nl: /66B/, fr: /66B/, de: /66B/ },
};

function baseInput(bases: BasisId[], overrides: Partial<DraftInput> = {}): DraftInput {
  return {
    url: 'https://leaks.example.com/v/123?ref=a',
    pageLanguage: 'en',
    categories: ['intimate_media', 'phone'],
    matches: [{ kind: 'phone' }],
    bases,
    sender: { name: 'Lola Velvet', email: 'lola@example.org' },
    personFacts: { postalAddress: 'PO Box 1, 1000 Brussels', phone: '+32 2 000 00 00', originalUrl: 'https://lola.example/gallery' },
    recipient: { kind: 'email', address: 'abuse@leaks.example.com', confidence: 'low' },
    now: new Date('2026-11-01T09:00:00Z'),
    previousNoticeAt: new Date('2026-10-01T00:00:00Z'),
    ...overrides,
  };
}

describe('template structure', () => {
  it('declares only elements that exist in the legal bases', () => {
    const known = new Set(BASIS_IDS.flatMap((b) => LEGAL_BASES[b].requiredElements.map((e) => `${b}:${e.id}`)));
    for (const id of PARAGRAPH_IDS) for (const ref of PARAGRAPH_SATISFIES[id]) expect(known).toContain(ref);
  });

  it('covers every required element of every basis, for every audience', () => {
    for (const basis of BASIS_IDS) {
      for (const audience of AUDIENCES) {
        expect(missingElements([basis], planParagraphs({ bases: [basis], audience, hasPreviousNotice: false })), `${basis} to ${audience}`).toEqual([]);
      }
    }
  });

  it('notices a basis whose paragraphs are left out', () => {
    expect(missingElements(['dmca_512c3'], ['location', 'contact'])).toEqual([
      'dmca_512c3:i_signature', 'dmca_512c3:ii_work', 'dmca_512c3:v_good_faith', 'dmca_512c3:vi_accuracy_perjury',
    ]);
  });

  it('keeps a copyright-only notice free of what the page exposes', () => {
    const plan = planParagraphs({ bases: ['dmca_512c3'], audience: 'site', hasPreviousNotice: false });
    expect(plan).not.toContain('concerned');
    expect(plan).toEqual(expect.arrayContaining([...BASIS_PARAGRAPHS.dmca_512c3, 'location', 'contact', 'signature']));
  });

  it('replaces the "I will go to the police" remedies with the complaint itself for the police', () => {
    const plan = planParagraphs({ bases: ['be_417_9'], audience: 'police', hasPreviousNotice: false });
    expect(plan).toContain('police_complaint');
    expect(plan).not.toContain('remedy_be');
  });
});

describe('language packs', () => {
  it('have a non-empty text for every paragraph, intro and subject in every language', () => {
    for (const lang of DRAFT_LANGUAGES) {
      const pack = LANGUAGE_PACKS[lang];
      for (const id of PARAGRAPH_IDS) expect(pack.paragraphs[id].self.trim().length, `${lang}/${id}`).toBeGreaterThan(5);
      for (const a of AUDIENCES) {
        expect(pack.intro[a].self.length).toBeGreaterThan(5);
        expect(pack.subjectPrefix[a].length).toBeGreaterThan(3);
      }
    }
  });

  it('use only placeholders the renderer fills, the same in self and agent variants', () => {
    for (const lang of DRAFT_LANGUAGES) {
      const pack = LANGUAGE_PACKS[lang];
      const texts = [...Object.values(pack.paragraphs), ...Object.values(pack.intro)];
      for (const t of texts) {
        for (const name of [...placeholdersIn(t.self), ...placeholdersIn(t.agent ?? '')]) expect(KNOWN_VARIABLES, `${lang}: {${name}}`).toContain(name);
      }
    }
  });

  it('fill placeholders in one pass, leaving braces in values alone', () => {
    expect(fillTemplate('A {x} B', { x: '{y}', y: 'no' })).toBe('A {y} B');
    expect(() => fillTemplate('{nope}', {})).toThrowError(expect.objectContaining({ code: 'takedowns.template_variable_missing' }));
  });
});

describe('every basis × language × audience renders completely', () => {
  for (const basis of BASIS_IDS) {
    for (const language of DRAFT_LANGUAGES) {
      it(`${basis} in ${language}`, () => {
        for (const audience of AUDIENCES) {
          for (const onBehalfOf of [undefined, 'Lola Velvet']) {
            const sender = onBehalfOf ? { name: 'Case Worker', email: 'help@org.example', onBehalfOf } : { name: 'Lola Velvet', email: 'lola@example.org' };
            const { draft, paragraphs } = renderDraft(baseInput([basis], { pageLanguage: language, audience, sender }));
            expect(draft.language).toBe(language);
            expect(missingElements([basis], paragraphs)).toEqual([]);
            expect(draft.body).not.toMatch(/\{[a-zA-Z]+\}/);
            expect(draft.subject).not.toMatch(/\{[a-zA-Z]+\}/);
            expect(draft.body).toContain('https://leaks.example.com/v/123?ref=a');
            expect(draft.body).toContain(sender.email);
            expect(draft.body).toContain(`/s/ ${sender.name}`);
            for (const p of paragraphs) {
              const pack = LANGUAGE_PACKS[language].paragraphs[p];
              const firstWords = (onBehalfOf && pack.agent ? pack.agent : pack.self).split('{')[0]!.slice(0, 25);
              expect(draft.body, `${p} missing`).toContain(firstWords);
            }
            for (const el of LEGAL_BASES[basis].requiredElements) {
              const evidence = EVIDENCE[`${basis}:${el.id}`]?.[language];
              if (evidence) expect(draft.body, `${basis}:${el.id} in ${language}`).toMatch(evidence);
            }
          }
        }
      });
    }
  }
});
