import fs from 'node:fs';
import { checkoutPath } from '../../shared/module-paths.ts';
import { parseSourcesFile, type Source } from './query-plan.models.ts';

/** The versioned list of sites where exposures are typically posted (catalog/sources.json), validated at start. */
export const sourcesFile = checkoutPath('../../../catalog/sources.json', import.meta.url);

export function loadSources(file = sourcesFile): Source[] {
  return parseSourcesFile(JSON.parse(fs.readFileSync(file, 'utf8'))).sources;
}
