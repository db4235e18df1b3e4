import type { BuildOptions, EngineDefinition, EngineRequest, ImageQuery } from '../provider.types.ts';
import { localeTag, regionOf, regionParams } from '../shared/region.models.ts';
import { browserHeaders, createMissingImageError, parseEndpoint, withParams } from '../shared/request.models.ts';
import { parseGoogleLens } from './google-lens.parser.ts';

// URL mode: `GET lens.google.com/uploadbyurl?url=...` (fails when Google cannot fetch the image, e.g. behind
// hotlink protection). Upload: `POST lens.google.com/v3/upload` with the multipart field `encoded_image`,
// resolved next to the configured endpoint so a local copy of Lens receives it too.
function buildImageRequest(image: ImageQuery, options: BuildOptions): EngineRequest {
  const region = regionOf(options);
  const { hl } = regionParams('google-lens', region) as { hl: string };
  const headers = browserHeaders(localeTag(region));
  if (image.url) return { method: 'GET', url: withParams(options.endpoint, { url: image.url, hl }), headers };
  if (!image.bytes) throw createMissingImageError();
  const upload = new URL('v3/upload', parseEndpoint(options.endpoint));
  const mime = image.mime ?? 'image/jpeg';
  return {
    method: 'POST',
    url: withParams(upload.href, { hl }),
    headers,
    multipart: { fields: {}, files: [{ field: 'encoded_image', filename: `image.${mime.split('/')[1] ?? 'jpg'}`, mime, bytes: image.bytes }] },
  };
}

export const googleLensEngine: EngineDefinition = {
  id: 'google-lens',
  label: 'Google Lens',
  kind: 'reverse_image',
  transport: 'browser',
  defaultEndpoint: 'https://lens.google.com/uploadbyurl',
  buildRequest: (imageUrl, options) => buildImageRequest({ url: imageUrl }, options),
  buildImageRequest,
  parse: parseGoogleLens,
};
