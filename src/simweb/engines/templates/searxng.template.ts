import { jsonReply, type EngineReply, type SerpContext } from './template.types.ts';

// SearXNG's `/search?format=json` answer (searx/webutils.py get_json_response; MainResult.as_dict).

const UPSTREAMS = ['duckduckgo', 'brave', 'startpage', 'google cse', 'mojeek'];

export function renderSearxng(ctx: SerpContext, unresponsive: Array<[string, string]> = []): EngineReply {
  const results = ctx.items.map((item, i) => {
    const u = new URL(item.url);
    const engines = [UPSTREAMS[i % UPSTREAMS.length] as string, UPSTREAMS[(i + 2) % UPSTREAMS.length] as string];
    return {
      url: item.url,
      title: item.title,
      content: item.snippet,
      thumbnail: '',
      engine: engines[0],
      template: 'default.html',
      parsed_url: [u.protocol.replace(':', ''), u.host, u.pathname, '', u.search.replace(/^\?/, ''), ''],
      img_src: '',
      priority: '',
      engines,
      positions: [i + 1, i + 2],
      score: Number((2 / (i + 1)).toFixed(4)),
      category: 'general',
      publishedDate: item.date ?? null,
      pubdate: item.date ?? null,
    };
  });
  return jsonReply({
    query: ctx.query,
    results,
    answers: [],
    corrections: [],
    infoboxes: [],
    suggestions: [],
    unresponsive_engines: unresponsive,
  });
}
