import type { BuildOptions, EngineDefinition, EngineRequest, ImageQuery } from '../provider.types.ts';
import { browserHeaders, createMissingImageError, parseEndpoint, withParams } from '../shared/request.models.ts';
import { parseBingVisual } from './bing-visual.parser.ts';

// The knowledge API needs a signed X-Image-Knowledge-Signature since December 2025, so the browser drives
// Bing's own page: URL mode opens the detail view for `imgurl:<url>`; an upload posts the image as the
// `imageBin` form field (base64), which is what Bing's mobile upload form does.
function buildImageRequest(image: ImageQuery, options: BuildOptions): EngineRequest {
  const headers = browserHeaders(options.language);
  if (image.url) {
    return {
      method: 'GET',
      url: withParams(options.endpoint, { view: 'detailv2', iss: 'sbi', FORM: 'SBIHMP', sbisrc: 'UrlPaste', q: `imgurl:${image.url}`, idpbck: '1' }),
      headers,
    };
  }
  if (!image.bytes) throw createMissingImageError();
  return {
    method: 'POST',
    url: withParams(parseEndpoint(options.endpoint).href, { view: 'detailv2', iss: 'sbiupload', FORM: 'SBIHMP' }),
    headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
    form: { cbir: 'sbi', imageBin: Buffer.from(image.bytes).toString('base64') },
  };
}

export const bingVisualEngine: EngineDefinition = {
  id: 'bing-visual',
  label: 'Bing Visual Search',
  kind: 'reverse_image',
  transport: 'browser',
  defaultEndpoint: 'https://www.bing.com/images/search',
  buildRequest: (imageUrl, options) => buildImageRequest({ url: imageUrl }, options),
  buildImageRequest,
  parse: parseBingVisual,
};
