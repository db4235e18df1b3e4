import type { EngineDefinition, EngineRequest, ImageQuery, BuildOptions } from '../provider.types.ts';
import { browserHeaders, createMissingImageError, pageNumber, parseEndpoint, withParams } from '../shared/request.models.ts';
import { parseTinEye } from './tineye.parser.ts';

export const TINEYE_WEB_ENDPOINT = 'https://tineye.com/api/v1/result_json/';
export const TINEYE_API_ENDPOINT = 'https://api.tineye.com/rest/search/';

/** With an API key the paid API is used (stable, 30 searches a minute); without one the web JSON. */
function endpointFor(options: BuildOptions): string {
  if (options.apiKey && options.endpoint === TINEYE_WEB_ENDPOINT) return TINEYE_API_ENDPOINT;
  return parseEndpoint(options.endpoint).href;
}

function headersFor(options: BuildOptions): Record<string, string> {
  const headers = browserHeaders(options.language, { Accept: 'application/json' });
  return options.apiKey ? { ...headers, 'x-api-key': options.apiKey } : headers;
}

function buildImageRequest(image: ImageQuery, options: BuildOptions): EngineRequest {
  const endpoint = endpointFor(options);
  const page = pageNumber(options.page);
  if (image.url) {
    const params = options.apiKey
      ? { image_url: image.url, offset: String((page - 1) * 100), limit: '100', sort: 'score', order: 'desc' }
      : { url: image.url, page: String(page), sort: 'score', order: 'desc' };
    return { method: 'GET', url: withParams(endpoint, params), headers: headersFor(options) };
  }
  if (!image.bytes) throw createMissingImageError();
  const mime = image.mime ?? 'image/jpeg';
  const file = { field: options.apiKey ? 'image_upload' : 'image', filename: `image.${mime.split('/')[1] ?? 'jpg'}`, mime, bytes: image.bytes };
  const fields: Record<string, string> = options.apiKey ? { sort: 'score', order: 'desc' } : { sort: 'score', order: 'desc', page: String(page) };
  return { method: 'POST', url: endpoint, headers: headersFor(options), multipart: { fields, files: [file] } };
}

export const tineyeEngine: EngineDefinition = {
  id: 'tineye',
  label: 'TinEye',
  kind: 'reverse_image',
  transport: 'http',
  defaultEndpoint: TINEYE_WEB_ENDPOINT,
  buildRequest: (imageUrl, options) => buildImageRequest({ url: imageUrl }, options),
  buildImageRequest,
  parse: parseTinEye,
};
