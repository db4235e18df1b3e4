import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixtureCases } from '../../../src/simweb/engines/fixture-cases.ts';
import { recordedIndex } from './recorded-pages.ts';

const ROOT = fileURLToPath(new URL('../../fixtures/engines/', import.meta.url));

describe('recorded engine pages', () => {
  // The parsers are tested on the recordings and the simulated engines serve the templates: if these drift
  // apart, the simulated web would test something else than the parser tests. Regenerate with
  // `npx tsx src/simweb/engines/write-fixtures.ts` after changing a template.
  it.each(fixtureCases().map((c) => [`${c.engine}/${c.file}`, c] as const))('%s is what the templates produce', (_, c) => {
    expect(readFileSync(`${ROOT}${c.engine}/${c.file}`, 'utf8')).toBe(c.response.body);
    const entry = recordedIndex(c.engine).find((e) => e.name === c.name);
    expect(entry).toMatchObject({ status: c.response.status, finalUrl: c.response.finalUrl, headers: c.response.headers });
  });
});
