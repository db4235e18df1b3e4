import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EngineId, RawResponse, SearchOutcome } from '../../../src/providers/provider.types.ts';

// Reads the corpus of result and block pages that engines really served, saved by others in public
// repositories (test/fixtures/real-serp/<folder>/): each page beside its hand-written `<page>.expected.json`,
// and one PROVENANCE.json per folder naming where every page came from.

export const REAL_SERP_ROOT = fileURLToPath(new URL('../../fixtures/real-serp/', import.meta.url));

export interface RealPageExpectation {
  engine: EngineId;
  /** desktop, mobile, basic, html, http, browser, or the kind of block page. */
  variant: string;
  response: { status: number; finalUrl: string; headers: Record<string, string> };
  outcome: SearchOutcome;
  /** Organic result URLs in page order, wrappers decoded; ads, engine links and carousels left out. */
  organic: string[];
  /** Links on the page that must never come back as results (ads, sitelinks, carousel items). */
  excluded: string[];
  note?: string;
}

export interface ProvenanceEntry {
  file: string;
  repository: string;
  commit: string;
  path: string;
  captured: string;
  capturedBasis: string;
  licence: string;
}

export interface RealPage {
  folder: string;
  file: string;
  expected: RealPageExpectation;
  provenance: ProvenanceEntry | undefined;
  response: () => RawResponse;
}

export function realSerpFolders(): string[] {
  return readdirSync(REAL_SERP_ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function pageFiles(folder: string): string[] {
  return readdirSync(`${REAL_SERP_ROOT}${folder}`)
    .filter((name) => /\.(html|json)$/.test(name) && !name.endsWith('.expected.json') && name !== 'PROVENANCE.json')
    .sort();
}

export function provenanceOf(folder: string): ProvenanceEntry[] {
  const path = `${REAL_SERP_ROOT}${folder}/PROVENANCE.json`;
  if (!existsSync(path)) return [];
  return (JSON.parse(readFileSync(path, 'utf8')) as { pages: ProvenanceEntry[] }).pages;
}

export function realPages(): RealPage[] {
  const pages: RealPage[] = [];
  for (const folder of realSerpFolders()) {
    const provenance = provenanceOf(folder);
    for (const file of pageFiles(folder)) {
      const base = `${REAL_SERP_ROOT}${folder}/${file}`;
      const expected = JSON.parse(readFileSync(base.replace(/\.(html|json)$/, '.expected.json'), 'utf8')) as RealPageExpectation;
      pages.push({
        folder,
        file,
        expected,
        provenance: provenance.find((entry) => entry.file === file),
        response: () => ({ ...expected.response, body: readFileSync(base, 'utf8') }),
      });
    }
  }
  return pages;
}

/** URLs compared the way the collector writes them (host lower-cased, default path). */
export function comparableUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}
