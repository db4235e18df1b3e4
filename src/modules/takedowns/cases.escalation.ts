import { isDraftLanguage, type DraftLanguage } from './language.models.ts';
import { chooseBases, escalationBodies, topicsFor, type BasisId, type Category } from './legal-basis.models.ts';
import { findPlatform, matchPlatform, rankChannels, type PlatformCatalogue } from './platforms.models.ts';
import { topLevelDomain } from '../../shared/url.models.ts';
import { resolveRecipient, type Resolution, type ResolverDeps } from './recipient-resolver.ts';
import type { Audience } from './templates/types.ts';
import { ESCALATION_LADDER, evidenceAnnex, type CaseRecipient, type EvidenceItem, type SenderIdentity } from './cases.models.ts';
import { renderText, toCaseRecipient, withoutOwnAddresses, type PersonFacts } from './cases.drafting.ts';

/**
 * The next rung of the escalation ladder for a case: who to write to and the drafted text. A rung with
 * nobody to write to (no hosting abuse contact, no helpline for the country) is skipped and recorded.
 */

export interface EscalationContext {
  caseId: string;
  url: string;
  categories: readonly Category[];
  matches: readonly { kind: string }[];
  caseBases: readonly BasisId[];
  caseLanguage: DraftLanguage;
  /** The person's own language, for helplines and the police. */
  personLanguage: string | null;
  person: PersonFacts;
  sender: SenderIdentity;
  previousNoticeAt: Date | null;
  evidence: readonly EvidenceItem[];
  now: Date;
}

export interface EscalationDraft {
  level: number;
  audience: Audience;
  recipient: CaseRecipient | null;
  alternatives: CaseRecipient[];
  bases: BasisId[];
  language: DraftLanguage;
  subject: string;
  body: string;
  skipped: { audience: Audience; reason: string }[];
}

export type EscalationOutcome = { ok: true; escalation: EscalationDraft } | { ok: false; code: 'takedowns.escalation_exhausted' | string; skipped: EscalationDraft['skipped'] };

interface Target {
  recipient: CaseRecipient | null;
  alternatives: CaseRecipient[];
  bases: readonly BasisId[];
  language: DraftLanguage;
  platformName?: string;
}

const NATIONAL_OFFENCES = new Set<BasisId>(['be_417_9', 'nl_139h', 'de_201a', 'uk_soa_66b', 'take_it_down']);

const POLICE: CaseRecipient = { kind: 'named', name: 'police', confidence: 'high', source: 'ladder:police' };

function stepReason(resolution: Resolution, step: 'rdap_ip' | 'rdap_domain'): string {
  const record = resolution.steps.find((s) => s.step === step);
  return record ? `${step}_${record.outcome}${record.detail ? `:${record.detail}` : ''}` : `${step}_not_run`;
}

export async function nextEscalation(ctx: EscalationContext, fromLevel: number, resolver: ResolverDeps, catalogue: PlatformCatalogue): Promise<EscalationOutcome> {
  const platform = matchPlatform(ctx.url, catalogue);
  let resolution: Resolution | null = null;
  // One lookup serves both infrastructure rungs; the page itself is not fetched again (`html: ''`).
  const infrastructure = async () =>
    (resolution ??= await resolveRecipient({ url: ctx.url, html: '', categories: ctx.categories, bases: ctx.caseBases, now: ctx.now, followContactPages: 0 }, { ...resolver, catalogue }));
  const ownFiltered = (r: Resolution) => withoutOwnAddresses(r.recipient ? [r.recipient, ...r.alternatives] : [], ctx.person, ctx.sender);
  const personLanguage: DraftLanguage = isDraftLanguage(ctx.personLanguage) ? ctx.personLanguage : ctx.caseLanguage;
  const skipped: EscalationDraft['skipped'] = [];

  async function targetFor(audience: Audience): Promise<Target | { skip: string }> {
    switch (audience) {
      case 'hosting_provider': {
        if (platform?.role === 'platform') return { skip: 'known_platform' };
        const r = await infrastructure();
        const all = ownFiltered(r);
        if (all.some((c) => c.source.startsWith('cdn:'))) return { skip: 'behind_cdn' };
        const hosts = all.filter((c) => c.source.startsWith('rdap_ip:')).map(toCaseRecipient);
        return hosts[0] ? { recipient: hosts[0], alternatives: hosts.slice(1), bases: ctx.caseBases, language: 'en' } : { skip: stepReason(r, 'rdap_ip') };
      }
      case 'registrar_cdn': {
        if (platform?.role === 'platform') return { skip: 'known_platform' };
        const r = await infrastructure();
        const all = ownFiltered(r);
        const found = [...all.filter((c) => c.source.startsWith('cdn:')), ...all.filter((c) => c.source.startsWith('rdap_domain:'))].map(toCaseRecipient);
        return found[0] ? { recipient: found[0], alternatives: found.slice(1), bases: ctx.caseBases, language: 'en' } : { skip: stepReason(r, 'rdap_domain') };
      }
      case 'search_engine': {
        // What the page exposes picks the form (a doxxing form, an intimate-image form); the legal bases
        // of the site notice would pull towards the slower right-to-be-forgotten form.
        const topics = topicsFor(ctx.categories, []);
        const forms = ['google_search', 'bing']
          .map((id) => findPlatform(id, catalogue))
          .flatMap((p) => (p ? rankChannels(p, topics).slice(0, 1).map((ch) => ({ p, ch })) : []))
          .map(({ p, ch }): CaseRecipient => ({
            kind: ch.kind,
            ...(ch.kind === 'form' ? { formUrl: ch.formUrl } : { address: ch.address }),
            confidence: ch.verify || p.verify ? 'medium' : 'high',
            source: `platform:${p.id}/${ch.id}`,
            ...(ch.verify || p.verify ? { verify: true } : {}),
          }));
        if (!forms[0]) return { skip: 'no_search_engine_in_catalogue' };
        const host = new URL(ctx.url).hostname;
        const bases = chooseBases({ categories: ctx.categories, site: { tld: topLevelDomain(host), pageLanguage: null }, personCountry: ctx.person.country, platformRole: 'search_engine' }).bases;
        return { recipient: forms[0], alternatives: forms.slice(1), bases, language: 'en', platformName: 'Google Search' };
      }
      case 'helpline_regulator': {
        const bodies = escalationBodies(ctx.person.country);
        const named = bodies.map((b): CaseRecipient => ({ kind: 'named', name: b.name, confidence: b.verify ? 'low' : 'medium', source: `ladder:${b.kind}`, ...(b.verify ? { verify: true } : {}) }));
        return named[0] ? { recipient: named[0], alternatives: named.slice(1), bases: ctx.caseBases, language: personLanguage } : { skip: 'no_body_for_country' };
      }
      case 'police': {
        // The police are told which offence it is; a DSA notice (addressed to hosts) has no place in a complaint.
        const offences = ctx.caseBases.filter((b) => NATIONAL_OFFENCES.has(b));
        const other = ctx.caseBases.filter((b) => b !== 'dsa_art16' && b !== 'platform_policy');
        return { recipient: POLICE, alternatives: [], bases: offences.length > 0 ? offences : other.length > 0 ? other : ctx.caseBases, language: personLanguage };
      }
      default:
        return { skip: 'not_an_escalation' };
    }
  }

  for (let level = fromLevel + 1; level < ESCALATION_LADDER.length; level++) {
    const audience = ESCALATION_LADDER[level]!;
    const target = await targetFor(audience);
    if ('skip' in target) {
      skipped.push({ audience, reason: target.skip });
      continue;
    }
    const rendered = renderText({
      url: ctx.url,
      bases: target.bases,
      language: target.language,
      categories: ctx.categories,
      matches: ctx.matches,
      sender: ctx.sender,
      person: ctx.person,
      audience,
      previousNoticeAt: ctx.previousNoticeAt,
      now: ctx.now,
      ...(target.platformName ? { platformName: target.platformName } : {}),
    });
    if ('problem' in rendered) return { ok: false, code: rendered.problem, skipped };
    // The police get the evidence pack's reference and hashes; nobody else needs them.
    const body = audience === 'police' ? `${rendered.draft.body}\n\n${evidenceAnnex(target.language, ctx.caseId, ctx.evidence)}` : rendered.draft.body;
    return {
      ok: true,
      escalation: { level, audience, recipient: target.recipient, alternatives: target.alternatives, bases: [...target.bases], language: target.language, subject: rendered.draft.subject, body, skipped },
    };
  }
  return { ok: false, code: 'takedowns.escalation_exhausted', skipped };
}
