import { describe, expect, it } from 'vitest';
import {
  aliasHandleForms,
  classifyAnswer,
  handleFromUrl,
  impersonationRecipient,
  personHandles,
  planProbes,
  sameHandle,
} from '../../../src/modules/impersonation/impersonation.models.ts';
import { parseSiteList, type ImpersonationSite } from '../../../src/modules/impersonation/sites.models.ts';

const site = (over: Partial<ImpersonationSite> & { id: string }): ImpersonationSite => ({
  name: over.id,
  category: 'social',
  profileUrl: `https://${over.id}.example/u/{handle}`,
  handle: { pattern: '^[A-Za-z0-9._]{2,30}$', caseSensitive: false },
  present: { status: [200], text: ['profile-of'] },
  absent: { status: [404] },
  report: { kind: 'form', label: 'Report', formUrl: `https://${over.id}.example/report` },
  ...over,
});
const list = (...sites: ImpersonationSite[]) => parseSiteList({ version: '2026-11-24', sites });
const entry = (original: string) => ({ original });

describe('handle forms of a person', () => {
  it('turns an alias into the user names people pick for it, without accents', () => {
    expect(aliasHandleForms('Lola Velvet')).toEqual(['lolavelvet', 'lola_velvet', 'lola.velvet', 'lola-velvet']);
    expect(aliasHandleForms('Zoë  Müller-Lang')).toEqual(['zoemullerlang', 'zoe_muller_lang', 'zoe.muller.lang', 'zoe-muller-lang']);
    expect(aliasHandleForms('Céline')).toEqual(['celine']);
    expect(aliasHandleForms(' !! ')).toEqual([]);
  });

  it('keeps handles as written without the @ and does not ask a form twice', () => {
    const handles = personHandles({ handles: [entry('@LolaVelvet')], aliases: [entry('Lola Velvet'), entry('lola velvet')] });
    expect(handles.map((h) => [h.handle, h.source])).toEqual([
      ['LolaVelvet', 'handle'], ['lolavelvet', 'alias'], ['lola_velvet', 'alias'], ['lola.velvet', 'alias'], ['lola-velvet', 'alias'],
    ]);
    expect(handles[1]!.identifier).toBe('Lola Velvet');
  });
});

describe('profile addresses to ask', () => {
  const handles = personHandles({ handles: [entry('LolaVelvet'), entry('lolavelvet')], aliases: [entry('Lola Velvet')] });

  it('asks each site only for the forms it accepts, once per account under its case rule', () => {
    const probes = planProbes(list(site({ id: 'loose' }), site({ id: 'strict', handle: { pattern: '^[a-z0-9_]{2,30}$', caseSensitive: true } })), handles);
    expect(probes.filter((p) => p.siteId === 'loose').map((p) => p.handle)).toEqual(['LolaVelvet', 'lola_velvet', 'lola.velvet']);
    expect(probes.filter((p) => p.siteId === 'strict').map((p) => p.handle)).toEqual(['lolavelvet', 'lola_velvet']);
    expect(probes[0]!.url).toBe('https://loose.example/u/LolaVelvet');
  });

  it("never asks for the person's own account, whatever its letter case on a site that ignores case", () => {
    const probes = planProbes(list(site({ id: 'loose' })), handles, ['https://loose.example/u/LOLAVELVET']);
    expect(probes.map((p) => p.handle)).toEqual(['lola_velvet', 'lola.velvet']);
  });

  it('escapes a handle in the address', () => {
    const [probe] = planProbes(list(site({ id: 'any', handle: { pattern: '^.+$', caseSensitive: true } })), [{ handle: 'a b/c', source: 'handle', identifier: 'a b/c' }]);
    expect(probe!.url).toBe('https://any.example/u/a%20b%2Fc');
  });
});

describe('reading an answer', () => {
  const social = site({ id: 'social', shownHandle: 'data-user="([^"]+)"' });
  const answer = (status: number, body: string, finalUrl = 'https://social.example/u/jane_doe') => ({ status, body, finalUrl });

  it('finds the profile when the exists signal holds and the page shows the same account', () => {
    expect(classifyAnswer(social, answer(200, '<div class="profile-of" data-user="Jane_Doe">'), 'jane_doe')).toEqual({ outcome: 'present', reason: 'present_signal', shownHandle: 'Jane_Doe' });
  });

  it('reads a look-alike account as not the person, even one character apart', () => {
    expect(classifyAnswer(social, answer(200, '<div class="profile-of" data-user="jane_doe1">'), 'jane_doe')).toMatchObject({ outcome: 'lookalike', shownHandle: 'jane_doe1' });
  });

  it('follows the case rule of the site: another letter case is another account where case counts', () => {
    const strict = site({ id: 'strict', handle: { pattern: '^.+$', caseSensitive: true } });
    expect(classifyAnswer(strict, answer(200, 'profile-of', 'https://strict.example/u/Jane_Doe'), 'jane_doe').outcome).toBe('lookalike');
    expect(classifyAnswer(strict, answer(200, 'profile-of', 'https://strict.example/u/jane_doe'), 'jane_doe').outcome).toBe('present');
    expect(sameHandle(site({ id: 'x' }), 'JANE_doe', 'jane_DOE')).toBe(true);
  });

  it('reads the account from the final address after a redirect when the page does not name it', () => {
    const plain = site({ id: 'plain' });
    expect(classifyAnswer(plain, answer(200, 'profile-of', 'https://plain.example/u/jane_doe1'), 'jane_doe')).toMatchObject({ outcome: 'lookalike', shownHandle: 'jane_doe1' });
    expect(classifyAnswer(plain, answer(200, 'profile-of', 'https://plain.example/login?next=x'), 'jane_doe')).toMatchObject({ outcome: 'unknown', reason: 'account_not_named' });
  });

  it('finds no profile on the absent signal, also on a "not found" page that answers 200', () => {
    const soft = site({ id: 'soft', present: { status: [200], text: ['profile-card'] }, absent: { status: [200], text: ['does not exist'] } });
    expect(classifyAnswer(soft, answer(200, 'This profile does not exist'), 'jane_doe')).toMatchObject({ outcome: 'absent' });
    expect(classifyAnswer(social, answer(404, 'Not found'), 'jane_doe')).toMatchObject({ outcome: 'absent' });
  });

  it('never reads a refusal, an error or an unexpected page as "no profile"', () => {
    expect(classifyAnswer(social, answer(429, ''), 'jane_doe')).toMatchObject({ outcome: 'unknown', reason: 'http_429' });
    expect(classifyAnswer(social, answer(500, ''), 'jane_doe')).toMatchObject({ outcome: 'unknown', reason: 'http_500' });
    expect(classifyAnswer(social, answer(403, 'Forbidden'), 'jane_doe')).toMatchObject({ outcome: 'unknown', reason: 'http_403' });
    expect(classifyAnswer(social, answer(200, 'Log in to see this'), 'jane_doe')).toMatchObject({ outcome: 'unknown', reason: 'no_signal' });
  });

  it('substitutes the handle asked into a text signal', () => {
    const named = site({ id: 'named', present: { status: [200], text: ['"user":"{handle}"'] } });
    expect(classifyAnswer(named, answer(200, '{"user":"jane_doe"}', 'https://named.example/u/jane_doe'), 'jane_doe').outcome).toBe('present');
    expect(classifyAnswer(named, answer(200, '{"user":"john"}', 'https://named.example/u/jane_doe'), 'jane_doe').outcome).toBe('unknown');
  });
});

describe('the report channel of an impersonation', () => {
  const sites = list(site({ id: 'mail', report: { kind: 'email', label: 'Abuse', address: 'abuse@mail.example', verify: true } }), site({ id: 'form' }));

  it("is the report channel of the site the profile address belongs to", () => {
    expect(impersonationRecipient([sites], { categories: ['impersonation'], url: 'https://form.example/u/jane' })).toEqual({ kind: 'form', formUrl: 'https://form.example/report', confidence: 'high', source: 'impersonation:form' });
    expect(impersonationRecipient([sites], { categories: ['impersonation'], url: 'https://mail.example/u/jane' })).toMatchObject({ kind: 'email', address: 'abuse@mail.example', confidence: 'medium', verify: true });
  });

  it('is not chosen for other exposures or addresses that are not profiles', () => {
    expect(impersonationRecipient([sites], { categories: ['phone'], url: 'https://form.example/u/jane' })).toBeNull();
    expect(impersonationRecipient([sites], { categories: ['impersonation'], url: 'https://form.example/u/jane/posts/1' })).toBeNull();
    expect(handleFromUrl('https://form.example/u/{handle}/', 'https://form.example/u/jane?tab=1')).toBe('jane');
  });
});
