import { AppError } from '../shared/errors.ts';
import { bingVisualEngine } from './bing-visual/bing-visual.engine.ts';
import { bingEngine } from './bing/bing.engine.ts';
import { braveEngine } from './brave/brave.engine.ts';
import { duckduckgoEngine } from './duckduckgo/duckduckgo.engine.ts';
import { googleLensEngine } from './google-lens/google-lens.engine.ts';
import { googleEngine } from './google/google.engine.ts';
import { mojeekEngine } from './mojeek/mojeek.engine.ts';
import type { EngineDefinition, EngineId } from './provider.types.ts';
import { searxngEngine } from './searxng/searxng.engine.ts';
import { startpageEngine } from './startpage/startpage.engine.ts';
import { tineyeEngine } from './tineye/tineye.engine.ts';
import { yandexImagesEngine } from './yandex-images/yandex-images.engine.ts';
import { yandexEngine } from './yandex/yandex.engine.ts';

export const ENGINES: Readonly<Record<EngineId, EngineDefinition>> = {
  searxng: searxngEngine,
  duckduckgo: duckduckgoEngine,
  bing: bingEngine,
  brave: braveEngine,
  mojeek: mojeekEngine,
  google: googleEngine,
  startpage: startpageEngine,
  yandex: yandexEngine,
  tineye: tineyeEngine,
  'bing-visual': bingVisualEngine,
  'yandex-images': yandexImagesEngine,
  'google-lens': googleLensEngine,
};

export const ENGINE_IDS = Object.keys(ENGINES) as EngineId[];

export function isEngineId(value: string): value is EngineId {
  return Object.hasOwn(ENGINES, value);
}

export function getEngine(id: EngineId): EngineDefinition {
  return ENGINES[id];
}

export const createUnknownEngineError = () =>
  new AppError({
    code: 'engines.unknown_id',
    message: `Unknown engine. Known engines: ${ENGINE_IDS.join(', ')}.`,
    statusCode: 400,
  });

export const createInvalidEngineUrlError = () =>
  new AppError({ code: 'engines.invalid_url', message: 'The engine URL must be an absolute http or https URL.', statusCode: 400 });

/** `bing` or `bing=http://127.0.0.1:1234/engine/bing/search`, as given to `--engine`. */
export function parseEngineFlag(flag: string): { id: EngineId; endpoint?: string } {
  const separator = flag.indexOf('=');
  const id = (separator === -1 ? flag : flag.slice(0, separator)).trim().toLowerCase();
  if (!isEngineId(id)) throw createUnknownEngineError();
  if (separator === -1) return { id };
  const raw = flag.slice(separator + 1).trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw createInvalidEngineUrlError();
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.hash) {
    throw createInvalidEngineUrlError();
  }
  return { id, endpoint: url.href };
}
