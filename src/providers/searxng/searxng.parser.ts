import { refusal, screenResponse, unparseable } from '../block-signals.ts';
import type { BlockSignal, ParsedSearch, RawResponse } from '../provider.types.ts';
import { cleanText, isRecord, ResultCollector, stringField, tryParseJson } from '../shared/serp.models.ts';

// SearXNG's JSON API: `{ results: [{url, title, content, engine, ...}], unresponsive_engines: [[name, why]] }`.
// 403 means the instance does not allow `format=json` (settings.yml `search.formats`); 429 is its limiter.
// `unresponsive_engines` is the health of the instance's own upstream engines and goes into `detail`.

export function detectSearxngSignal(response: RawResponse): BlockSignal | null {
  if (response.status === 403 && !response.body.includes('cf-error-code') && !response.body.includes('_cf_chl')) return 'searxng_format_disabled';
  if (response.status === 429 && !response.body.includes('_cf_chl')) return 'searxng_limiter';
  return null;
}

function describeUnresponsive(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const described: string[] = [];
  for (const entry of value.slice(0, 30)) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string') continue;
    const reason = typeof entry[1] === 'string' ? entry[1] : 'error';
    described.push(`${cleanText(entry[0], 40)}: ${cleanText(reason, 80)}`);
  }
  return described;
}

export function parseSearxng(response: RawResponse): ParsedSearch {
  const screened = screenResponse(response, detectSearxngSignal);
  if (screened) return screened;
  const data = tryParseJson(response.body);
  if (!isRecord(data) || !Array.isArray(data.results)) return unparseable('not a SearXNG JSON answer');
  const collector = new ResultCollector(response.finalUrl);
  for (const item of data.results) {
    if (!isRecord(item)) continue;
    // SearXNG has already turned every engine's markup into plain text: a "<b>" in a title is literally that.
    collector.add(stringField(item, 'url'), stringField(item, 'title'), stringField(item, 'content'));
  }
  const unresponsive = describeUnresponsive(data.unresponsive_engines);
  const detail = unresponsive.length > 0 ? `unresponsive engines: ${unresponsive.join('; ')}` : undefined;
  // No results while upstream engines failed is not "nothing found": the instance could not look.
  if (collector.seen === 0 && unresponsive.length > 0) return refusal('http_error', detail);
  return collector.finish(true, detail);
}
