import { screenResponse, unparseable } from '../block-signals.ts';
import type { ParsedSearch, RawResponse } from '../provider.types.ts';
import { detectYandexSignal } from '../yandex/yandex.parser.ts';
import { attr, parseHtml, selectOne } from '../../shared/html-dom.ts';
import { isRecord, pathGet, ResultCollector, stringField, tryParseJson } from '../shared/serp.models.ts';

// Yandex reverse-image search, "sites" view (`cbir_page=sites`): the page state is JSON in the `data-state`
// attribute of `div.Root[id^=ImagesApp-]`, and `initialState.cbirSites.sites[]` lists the pages that contain
// the image: `{url, title, description, domain, thumb, originalImage:{url, width, height}}`.

export function parseYandexImages(response: RawResponse): ParsedSearch {
  const screened = screenResponse(response, detectYandexSignal);
  if (screened) return screened;
  const doc = parseHtml(response.body);
  const root = selectOne(doc, 'div.Root[id^=ImagesApp-][data-state]');
  if (!root) return unparseable('no application state');
  const state = tryParseJson(attr(root, 'data-state') ?? '');
  const sites = pathGet(state, 'initialState.cbirSites.sites');
  if (!Array.isArray(sites)) return unparseable('application state without sites');
  const collector = new ResultCollector(response.finalUrl, doc);
  for (const site of sites) {
    if (!isRecord(site)) continue;
    const image = isRecord(site.originalImage) ? site.originalImage : {};
    const imageUrl = stringField(image, 'url');
    const size = typeof image.width === 'number' && typeof image.height === 'number' ? ` (${image.width}\u00d7${image.height})` : '';
    const snippet = [stringField(site, 'description'), imageUrl && `image ${imageUrl}${size}`].filter(Boolean).join(' \u00b7 ');
    collector.add(stringField(site, 'url'), stringField(site, 'title') || stringField(site, 'domain'), snippet);
  }
  return collector.finish(sites.length === 0);
}
