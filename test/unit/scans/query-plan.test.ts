import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/shared/errors.ts';
import {
  baseQueries, parseSourcesFile, planQueries, siteQueries, SOURCE_CATEGORIES, type PlannedQuery, type Source,
} from '../../../src/modules/scans/query-plan.models.ts';
import { profileOf, demoIdentifiers } from '../../helpers/profiles.ts';

const demo = profileOf(demoIdentifiers);

const sourcesFile = parseSourcesFile(JSON.parse(readFileSync(new URL('../../../catalog/sources.json', import.meta.url), 'utf8')));
const texts = (queries: PlannedQuery[]) => queries.map((q) => q.text);

describe('catalog/sources.json', () => {
  it('is a versioned list of about forty sources covering every category', () => {
    expect(sourcesFile.version).toBe('2026-11-01');
    expect(sourcesFile.sources.length).toBeGreaterThanOrEqual(35);
    expect(new Set(sourcesFile.sources.map((s) => s.category))).toEqual(new Set(SOURCE_CATEGORIES));
    expect(sourcesFile.sources.map((s) => s.domain)).toContain('pastebin.com');
  });

  it.each([
    [{ version: '2026-11-01', sources: [] }],
    [{ version: 'latest', sources: [{ domain: 'pastebin.com', category: 'paste', label: 'Pastebin' }] }],
    [{ version: '2026-11-01', sources: [{ domain: 'https://pastebin.com', category: 'paste', label: 'Pastebin' }] }],
    [{ version: '2026-11-01', sources: [{ domain: 'pastebin.com', category: 'blog', label: 'Pastebin' }] }],
    [{ version: '2026-11-01', sources: [{ domain: 'a.com', category: 'paste', label: 'A' }, { domain: 'a.com', category: 'forum', label: 'B' }] }],
  ])('rejects a broken list with a stable error code (%#)', (input) => {
    try {
      parseSourcesFile(input);
      expect.unreachable('the list should have been rejected');
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('scans.invalid_sources_file');
    }
  });
});

describe('baseQueries', () => {
  it('quotes the demo names, aliases, their pair, every written form of the phone, the email, the handle and the street', () => {
    expect(texts(baseQueries(demo))).toEqual([
      '"Marie-Claire Dubois"',
      '"Lola Velvet"',
      '"Marie-Claire Dubois" "Lola Velvet"',
      '"+32470123456"',
      '"+32 470 12 34 56"',
      '"0470 12 34 56"',
      '"0470123456"',
      '"mc.dubois@example.be"',
      '"@lolavelvet"',
      '"lolavelvet"',
      '"Rue des Tanneurs 14"',
    ]);
  });

  it('labels each query with what it looks for', () => {
    const kinds = baseQueries(demo).map((q) => `${q.kind}:${q.identifierKind}`);
    expect(kinds.slice(0, 4)).toEqual(['identifier:name', 'identifier:alias', 'combination:name_alias', 'identifier:phone']);
  });

  it('removes double quotes inside an identifier so the phrase stays one phrase', () => {
    const profile = profileOf({ aliases: ['Lola "The" Velvet'] });
    expect(texts(baseQueries(profile))).toEqual(['"Lola The Velvet"']);
  });
});

describe('siteQueries', () => {
  const sources: Source[] = [
    { domain: 'pastebin.com', category: 'paste', label: 'Pastebin' },
    { domain: 'redlights.be', category: 'escort_ads', label: 'Redlights' },
  ];

  it('scopes each identifier to each source', () => {
    const queries = siteQueries(demo, sources);
    expect(queries).toHaveLength(10);
    expect(queries).toContainEqual({ text: '"Lola Velvet" site:pastebin.com', kind: 'site', identifierKind: 'alias', sourceDomain: 'pastebin.com' });
    expect(texts(queries)).toContain('"+32 470 12 34 56" site:redlights.be');
    expect(texts(queries)).toContain('"lolavelvet" site:redlights.be');
  });
});

describe('planQueries', () => {
  const { sources } = sourcesFile;

  it('never plans more than the cap and always starts with the identifier queries', () => {
    const base = baseQueries(demo);
    const plan = planQueries(demo, { sources, cap: 20, rotationCursor: 0 });
    expect(plan.queries).toHaveLength(20);
    expect(plan.queries.slice(0, base.length)).toEqual(base);
    expect(plan.queries.slice(base.length).every((q) => q.kind === 'site')).toBe(true);
    expect(plan.baseCount).toBe(base.length);
    expect(plan.windowSize).toBe(20 - base.length);
  });

  it('is deterministic for the same cursor', () => {
    const a = planQueries(demo, { sources, cap: 25, rotationCursor: 7 });
    const b = planQueries(demo, { sources, cap: 25, rotationCursor: 7 });
    expect(b).toEqual(a);
  });

  it('moves the window forward by its size and wraps around', () => {
    const first = planQueries(demo, { sources, cap: 20, rotationCursor: 0 });
    const second = planQueries(demo, { sources, cap: 20, rotationCursor: first.nextCursor });
    expect(first.nextCursor).toBe(first.windowSize);
    expect(second.queries.slice(first.baseCount)[0]).toEqual(siteQueries(demo, sources)[first.windowSize]);
    const last = planQueries(demo, { sources, cap: 20, rotationCursor: first.rotatingCount - 1 });
    expect(last.nextCursor).toBe(first.windowSize - 1);
  });

  it('accepts any cursor, including one from a longer earlier list', () => {
    const plan = planQueries(demo, { sources, cap: 20, rotationCursor: 1_000_003 });
    expect(plan.queries).toHaveLength(20);
    expect(planQueries(demo, { sources, cap: 20, rotationCursor: -1 }).queries).toHaveLength(20);
  });

  it.each([12, 13, 20, 31, 64, 500])('covers every query within scansPerCycle scans (cap %i)', (cap) => {
    const all = new Set(texts([...baseQueries(demo), ...siteQueries(demo, sources)]));
    const seen = new Set<string>();
    let cursor = 0;
    const first = planQueries(demo, { sources, cap, rotationCursor: 0 });
    expect(first.scansPerCycle).toBe(Math.ceil(first.rotatingCount / first.windowSize));
    for (let scan = 0; scan < first.scansPerCycle; scan += 1) {
      const plan = planQueries(demo, { sources, cap, rotationCursor: cursor });
      expect(plan.queries.length).toBeLessThanOrEqual(cap);
      for (const q of plan.queries) seen.add(q.text);
      cursor = plan.nextCursor;
    }
    expect(seen).toEqual(all);
  });

  it.each([1, 3, 11])('rotates through everything, ceil(total/cap) scans, when the cap is smaller than the identifier queries (cap %i)', (cap) => {
    const all = texts([...baseQueries(demo), ...siteQueries(demo, sources)]);
    const seen = new Set<string>();
    let cursor = 0;
    const scans = Math.ceil(all.length / cap);
    for (let scan = 0; scan < scans; scan += 1) {
      const plan = planQueries(demo, { sources, cap, rotationCursor: cursor });
      // The last scan of a cycle wraps to the start rather than leave part of the cap unused.
      expect(plan.queries).toHaveLength(cap);
      expect(plan.scansPerCycle).toBe(scans);
      for (const q of plan.queries) seen.add(q.text);
      cursor = plan.nextCursor;
    }
    expect(seen).toEqual(new Set(all));
    expect(cursor).toBe((scans * cap) % all.length);
  });

  it('still plans the identifier queries when there are no sources', () => {
    const plan = planQueries(demo, { sources: [], cap: 50, rotationCursor: 3 });
    expect(plan.queries).toEqual(baseQueries(demo));
    expect(plan).toMatchObject({ nextCursor: 0, rotatingCount: 0, scansPerCycle: 1 });
  });
});
