import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { fixtureCases, type FixtureCase } from './fixture-cases.ts';

// Regenerates test/fixtures/engines/<engine>/ from the templates: `tsx src/simweb/engines/write-fixtures.ts`.
// Each folder has the bodies and an index.json with status, final URL, headers and redirect chain.

export const FIXTURE_ROOT = fileURLToPath(new URL('../../../test/fixtures/engines/', import.meta.url));

export interface FixtureIndexEntry {
  name: string;
  file: string;
  status: number;
  finalUrl: string;
  headers: Record<string, string>;
  redirectChain?: string[];
}

export function indexEntry(c: FixtureCase): FixtureIndexEntry {
  const entry: FixtureIndexEntry = { name: c.name, file: c.file, status: c.response.status, finalUrl: c.response.finalUrl, headers: c.response.headers };
  if (c.response.redirectChain) entry.redirectChain = c.response.redirectChain;
  return entry;
}

async function main(): Promise<void> {
  const byEngine = new Map<string, FixtureCase[]>();
  for (const c of fixtureCases()) byEngine.set(c.engine, [...(byEngine.get(c.engine) ?? []), c]);
  for (const [engine, cases] of byEngine) {
    const dir = `${FIXTURE_ROOT}${engine}/`;
    await mkdir(dir, { recursive: true });
    for (const c of cases) await writeFile(`${dir}${c.file}`, c.response.body);
    await writeFile(`${dir}index.json`, `${JSON.stringify(cases.map(indexEntry), null, 2)}\n`);
  }
  console.log(`wrote ${[...byEngine.values()].flat().length} fixtures to ${FIXTURE_ROOT}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
