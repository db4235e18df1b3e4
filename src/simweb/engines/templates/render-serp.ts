import type { EngineId } from '../../../providers/provider.types.ts';
import { renderBing } from './bing.template.ts';
import { renderBingVisual } from './bing-visual.template.ts';
import { renderBrave } from './brave.template.ts';
import { renderDuckDuckGo } from './duckduckgo.template.ts';
import { renderGoogle } from './google.template.ts';
import { renderGoogleLens } from './google-lens.template.ts';
import { renderMojeek } from './mojeek.template.ts';
import { renderSearxng } from './searxng.template.ts';
import { renderStartpage } from './startpage.template.ts';
import type { EngineReply, SerpContext } from './template.types.ts';
import { renderTinEyeWeb } from './tineye.template.ts';
import { renderYandex } from './yandex.template.ts';
import { renderYandexImages } from './yandex-images.template.ts';

export interface SerpOptions {
  /** Engines SearXNG lists as not answering, with its reason. */
  unresponsive?: [string, string][];
  /** Google results shown as direct links (as Chromium shows them) instead of /url?q= wrappers. */
  googleDirectLinks?: number[];
}

/** One engine's result page, as the engine writes it: the simulated engines and the generated fixtures share it. */
export function renderSerp(engine: EngineId, ctx: SerpContext, options: SerpOptions = {}): EngineReply {
  switch (engine) {
    case 'searxng':
      return renderSearxng(ctx, options.unresponsive ?? []);
    case 'duckduckgo':
      return renderDuckDuckGo(ctx);
    case 'bing':
      return renderBing(ctx);
    case 'brave':
      return renderBrave(ctx);
    case 'mojeek':
      return renderMojeek(ctx);
    case 'google':
      return options.googleDirectLinks ? renderGoogle(ctx, { directLinks: options.googleDirectLinks }) : renderGoogle(ctx);
    case 'startpage':
      return renderStartpage(ctx);
    case 'yandex':
      return renderYandex(ctx);
    case 'tineye':
      return renderTinEyeWeb(ctx);
    case 'bing-visual':
      return renderBingVisual(ctx);
    case 'yandex-images':
      return renderYandexImages(ctx);
    case 'google-lens':
      return renderGoogleLens(ctx);
  }
}
