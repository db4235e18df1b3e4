import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../deps.types.ts';
import { AppError, createNotFoundError, createValidationError } from '../../shared/errors.ts';
import { ENGINE_IDS, getEngine } from '../../providers/engine-registry.ts';
import { addPhoto, MAX_PHOTO_BYTES } from './photos.usecases.ts';
import { checkPhotoPrivacy, cleanCopy } from './exif-privacy.ts';
import type { PhotoRow } from './photos.repository.ts';
import { registerHashExportRoute } from './hash-export.routes.ts';

const reverseImageEngines = ENGINE_IDS.filter((id) => getEngine(id).kind === 'reverse_image');

// `photoDeps`: an upload is hashed, and its original stored encrypted when the person keeps it, by the photo use case.
export type PhotoRoutesDeps = Pick<AppDeps, 'photos' | 'profiles' | 'photoDeps'>;

async function describePhoto(deps: Pick<AppDeps, 'photos'>, photo: PhotoRow) {
  return {
    id: photo.id, personId: photo.personId, label: photo.label, sha256: photo.sha256, pdq: photo.pdq, quality: photo.quality,
    blockhash: photo.blockhash, width: photo.width, height: photo.height, originalKept: photo.originalRef !== null,
    privacy: photo.exifFindings, createdAt: photo.createdAt,
    consents: (await deps.photos.consents(photo.id)).map((c) => ({ engine: c.engine, grantedAt: c.grantedAt, revokedAt: c.revokedAt })),
  };
}

/**
 * The person's photos. Uploads are raw image bodies (`Content-Type: image/*`); the response carries the
 * hashes and the metadata check, never the image. Reverse-image consent is per photo and per engine.
 */
export function registerPhotoRoutes(app: FastifyInstance, deps: PhotoRoutesDeps): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif', 'image/tiff', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES }, (_req, body, done) => done(null, body));
    const photoOr404 = async (id: string) => await deps.photos.get(id) ?? (() => { throw createNotFoundError('photos.not_found', 'No such photo.'); })();
    const imageBody = (body: unknown) => {
      if (!Buffer.isBuffer(body) || body.length === 0) throw createValidationError('Send the photo as the request body with an image Content-Type.');
      return body;
    };

    scope.post<{ Params: { id: string }; Querystring: { label?: string; keepOriginal?: string } }>('/api/people/:id/photos', async (request, reply) => {
      if (!await deps.profiles.getPerson(request.params.id)) throw createNotFoundError('people.not_found', 'No such person.');
      const { photo, created } = await addPhoto(deps.photoDeps, {
        personId: request.params.id, label: request.query.label ?? 'photo', bytes: imageBody(request.body),
        keepOriginal: request.query.keepOriginal === 'true', mime: request.headers['content-type'],
      });
      return reply.status(created ? 201 : 200).send(await describePhoto(deps, photo));
    });

    scope.get<{ Params: { id: string } }>('/api/people/:id/photos', async (request) => {
      if (!await deps.profiles.getPerson(request.params.id)) throw createNotFoundError('people.not_found', 'No such person.');
      return { photos: await Promise.all((await deps.photos.list(request.params.id)).map(async (p) => await describePhoto(deps, p))), reverseImageEngines };
    });

    registerHashExportRoute(scope, deps);

    scope.delete<{ Params: { photoId: string } }>('/api/photos/:photoId', async (request, reply) => {
      await deps.photos.remove((await photoOr404(request.params.photoId)).id);
      return reply.status(204).send();
    });

    const consentBody = z.object({ engine: z.enum(reverseImageEngines as [string, ...string[]]), granted: z.boolean() });
    scope.post<{ Params: { photoId: string } }>('/api/photos/:photoId/consents', async (request) => {
      const photo = await photoOr404(request.params.photoId);
      const parsed = consentBody.safeParse(request.body);
      if (!parsed.success) throw createValidationError('Give the reverse-image engine and whether upload is allowed.');
      if (parsed.data.granted && photo.originalRef === null) {
        throw new AppError({ code: 'photos.original_not_kept', message: 'Reverse-image search needs the original photo; upload it again with keepOriginal=true first.', statusCode: 409 });
      }
      await deps.photos.setConsent({ photoId: photo.id, engine: parsed.data.engine, granted: parsed.data.granted, by: null });
      return describePhoto(deps, photo);
    });

    /** Nothing is stored by these two: the person checks a photo before posting it anywhere. */
    scope.post('/api/photos/privacy-check', async (request) => {
      const report = await checkPhotoPrivacy(imageBody(request.body));
      return { identifying: report.identifying, findings: report.findings };
    });
    scope.post('/api/photos/clean-copy', async (request, reply) => {
      const { bytes, format } = await cleanCopy(imageBody(request.body));
      return reply.header('content-type', `image/${format}`).header('cache-control', 'no-store').header('content-disposition', `attachment; filename="clean.${format === 'jpeg' ? 'jpg' : format}"`).send(bytes);
    });
  });
}
