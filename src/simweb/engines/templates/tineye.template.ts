import { fakeId, jsonReply, type EngineReply, type SerpContext } from './template.types.ts';
import { hostOf } from '../../../shared/url.models.ts';

// TinEye's web JSON (`/api/v1/result_json/`) and the paid API (`/rest/search/`). One match per result
// page here; the real service groups copies by image.

function matchesOf(ctx: SerpContext) {
  return ctx.items.map((item, i) => ({
    image_url: `https://img.tineye.com/result/${fakeId(item.imageUrl ?? item.url, 64)}?size=160`,
    domain: hostOf(item.url),
    score: Number((92.5 - i * 3.25).toFixed(3)),
    width: item.imageWidth ?? 800,
    height: item.imageHeight ?? 600,
    size: (item.imageWidth ?? 800) * (item.imageHeight ?? 600),
    format: 'JPEG',
    filesize: 81_234 + i * 977,
    overlay: `overlay/${fakeId(ctx.query, 40)}/${fakeId(item.url, 40)}?m21=-1.1e-05&m22=1.0&m23=0.0&m11=1.0&m13=0.0&m12=1.1e-05`,
    tags: [],
    backlinks: [
      {
        url: item.imageUrl ?? item.url,
        backlink: item.url,
        crawl_date: item.date ?? '2026-07-14',
        image_name: item.title,
      },
    ],
  }));
}

export function renderTinEyeWeb(ctx: SerpContext): EngineReply {
  const matches = matchesOf(ctx);
  return jsonReply({
    query_hash: fakeId(ctx.query, 40),
    num_matches: matches.length,
    num_filtered_matches: matches.length,
    num_unavailable_matches: 0,
    num_stock: 0,
    num_collection: 0,
    query: { key: fakeId(ctx.query, 32), hash: fakeId(`${ctx.query}#h`, 40), width: 1600, height: 1004, format: 'JPEG' },
    domains: matches.map((m) => ({ domain: m.domain, count: 1 })),
    matches,
  });
}

export function renderTinEyeApi(ctx: SerpContext): EngineReply {
  const matches = matchesOf(ctx);
  return jsonReply({
    stats: {
      timestamp: '1755856800.12',
      query_time: '0.35',
      total_backlinks: matches.length,
      total_results: matches.length,
      total_filtered_results: matches.length,
      total_stock: 0,
      total_collection: 0,
    },
    code: 200,
    messages: [],
    results: { matches },
  });
}

/** TinEye's 422 for an image it cannot search. */
export function renderTinEyeRefusal(key: 'Invalid image URL' | 'NO_SIGNATURE_ERROR' | 'Download Error'): EngineReply {
  return jsonReply({ suggestions: { key, description: 'Your image is too simple to create a unique fingerprint.' } }, 422);
}
