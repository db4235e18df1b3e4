import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps.types.ts';
import { createPersonNotFoundError } from '../profiles/profiles.usecases.ts';
import { HASH_EXPORT_CONTENT_TYPE, HASH_EXPORT_FILE_NAME, HASH_EXPORT_PATH } from './hash-export.models.ts';
import { exportPersonHashes } from './hash-export.usecases.ts';

/**
 * The person's photo hashes as a download. Who may fetch it, and the audit entry, come from the route's
 * entry in the API table (the same rule as the person's photos); the file name is fixed so that it never
 * carries the person's name.
 */
export function registerHashExportRoute(app: FastifyInstance, deps: Pick<AppDeps, 'profiles' | 'photos'>): void {
  app.get<{ Params: { id: string } }>(HASH_EXPORT_PATH, async (request, reply) => {
    if (!await deps.profiles.getPerson(request.params.id)) throw createPersonNotFoundError();
    const { text } = await exportPersonHashes(deps, request.params.id);
    return reply
      .header('content-type', HASH_EXPORT_CONTENT_TYPE)
      .header('content-disposition', `attachment; filename="${HASH_EXPORT_FILE_NAME}"`)
      .header('cache-control', 'no-store')
      .send(text);
  });
}
