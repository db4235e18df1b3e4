import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../src/providers/engine-registry.ts';
import type { EngineId } from '../../../src/providers/provider.types.ts';
import { isEngineInternalLink } from '../../../src/providers/shared/engine-links.models.ts';
import { parseStartpageScToken } from '../../../src/providers/startpage/startpage.parser.ts';
import { comparableUrl, pageFiles, REAL_SERP_ROOT, realPages, realSerpFolders } from './real-serp-pages.ts';

// Every parser against pages the engines really served (test/fixtures/real-serp/). The expected results were
// written by reading each page; recall and precision are summed per engine and printed as a table.

const MIN_RECALL = 0.95;
const pages = realPages();

interface Tally {
  pages: number;
  expected: number;
  found: number;
  returned: number;
  blockPages: number;
}
// Per engine (what the recall floor applies to) and per engine and page variant (desktop, mobile, basic, lite...),
// so the printed table shows which kind of page a shortfall comes from.
const tallies = new Map<string, Tally>();
function tallyOf(key: string): Tally {
  let t = tallies.get(key);
  if (!t) {
    t = { pages: 0, expected: 0, found: 0, returned: 0, blockPages: 0 };
    tallies.set(key, t);
  }
  return t;
}
function tallyTargets(engine: EngineId, variant: string): Tally[] {
  return [tallyOf(engine), tallyOf(`${engine}/${variant}`)];
}

describe('the corpus of real engine pages', () => {
  it('has an expected-results file and a provenance entry with repository, commit and licence for every page', () => {
    expect(pages.length).toBeGreaterThan(0);
    for (const folder of realSerpFolders()) {
      for (const file of pageFiles(folder)) expect(existsSync(`${REAL_SERP_ROOT}${folder}/${file.replace(/\.(html|json)$/, '.expected.json')}`), `${folder}/${file}`).toBe(true);
    }
    for (const page of pages) {
      expect(page.provenance, `${page.folder}/${page.file}`).toBeDefined();
      expect(page.provenance?.repository).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(page.provenance?.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(page.provenance?.licence).not.toBe('');
      expect(page.provenance?.captured).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});

describe.each(pages.map((page) => [`${page.folder}/${page.file}`, page] as const))('the real page %s', (_name, page) => {
  const { engine, outcome } = page.expected;

  if (outcome === 'ok') {
    it('is read as a result page whose organic results come back in page order, with no ad or engine link among them', () => {
      const parsed = ENGINES[engine].parse(page.response());
      expect(parsed.outcome, parsed.detail).toBe('ok');
      const returned = parsed.results.map((r) => comparableUrl(r.url));
      const expected = page.expected.organic.map(comparableUrl);
      const excluded = new Set(page.expected.excluded.map(comparableUrl));
      expect(returned.filter((url) => excluded.has(url))).toEqual([]);
      expect(returned.filter((url) => isEngineInternalLink(new URL(url)))).toEqual([]);
      const found = returned.filter((url) => expected.includes(url));
      expect(found).toEqual(expected.filter((url) => found.includes(url)));
      for (const t of tallyTargets(engine, page.expected.variant)) {
        t.pages++;
        t.expected += expected.length;
        t.found += found.length;
        t.returned += returned.length;
      }
    });
  } else {
    it(`is reported as ${outcome}, never as a page with nothing found`, () => {
      const parsed = ENGINES[engine].parse(page.response());
      expect(parsed.outcome).toBe(outcome);
      expect(parsed.results).toEqual([]);
      for (const t of tallyTargets(engine, page.expected.variant)) t.blockPages++;
    });
  }
});

describe('recall per engine over the real pages', () => {
  it.each([...new Set(pages.filter((p) => p.expected.outcome === 'ok').map((p) => p.expected.engine))])(
    '%s finds at least 95% of the organic results and returns nothing else',
    (engine) => {
      const engineTally = tallyOf(engine);
      const recall = engineTally.expected === 0 ? 1 : engineTally.found / engineTally.expected;
      expect(recall).toBeGreaterThanOrEqual(MIN_RECALL);
      expect(engineTally.returned).toBe(engineTally.found);
    },
  );
});

describe('the Startpage token', () => {
  it('is read from the search forms of a 2026 result page', () => {
    const page = pages.find((p) => p.folder === 'startpage' && p.file.startsWith('http-'));
    expect(page).toBeDefined();
    expect(parseStartpageScToken(page?.response().body ?? '')).toBe('wnEHetqY4mdm00');
  });
});

afterAll(() => {
  const rows = [...tallies.entries()].sort(([a], [b]) => a.localeCompare(b));
  const lines = rows.map(([engine, t]) => {
    const recall = t.expected === 0 ? '-' : (t.found / t.expected).toFixed(3);
    const precision = t.returned === 0 ? '-' : (t.found / t.returned).toFixed(3);
    return `${engine.padEnd(22)} ${String(t.pages).padStart(5)} ${String(t.expected).padStart(8)} ${String(t.found).padStart(6)} ${recall.padStart(7)} ${precision.padStart(9)} ${String(t.blockPages).padStart(6)}`;
  });
  console.log(['real-serp corpus:', `${'engine/variant'.padEnd(22)} pages  organic  found  recall precision blocks`, ...lines].join('\n'));
});
