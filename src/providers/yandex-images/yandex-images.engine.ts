import type { BuildOptions, EngineDefinition, EngineRequest, ImageQuery } from '../provider.types.ts';
import { browserHeaders, createMissingImageError, withParams } from '../shared/request.models.ts';
import { parseYandexImages } from './yandex-images.parser.ts';

// URL mode is a plain navigation; an upload posts `upfile` (Yandex's limit is 5 MB). The browser is used
// because Yandex answers direct requests with SmartCaptcha far more often than a page a person opened.
function buildImageRequest(image: ImageQuery, options: BuildOptions): EngineRequest {
  const headers = browserHeaders(options.language);
  if (image.url) {
    return { method: 'GET', url: withParams(options.endpoint, { rpt: 'imageview', cbir_page: 'sites', url: image.url }), headers };
  }
  if (!image.bytes) throw createMissingImageError();
  const mime = image.mime ?? 'image/jpeg';
  return {
    method: 'POST',
    url: withParams(options.endpoint, { rpt: 'imageview', cbir_page: 'sites' }),
    headers,
    multipart: { fields: { prg: '1' }, files: [{ field: 'upfile', filename: 'image', mime, bytes: image.bytes }] },
  };
}

export const yandexImagesEngine: EngineDefinition = {
  id: 'yandex-images',
  label: 'Yandex Images (reverse search)',
  kind: 'reverse_image',
  transport: 'browser',
  defaultEndpoint: 'https://yandex.com/images/search',
  buildRequest: (imageUrl, options) => buildImageRequest({ url: imageUrl }, options),
  buildImageRequest,
  parse: parseYandexImages,
};
