import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../deps.types.ts';
import { createValidationError } from '../../shared/errors.ts';
import { appendCustody } from './custody-log.repository.ts';
import { categoriesOfFile, loadEvidenceSubject } from './evidence.repository.ts';
import { displayableImageTypes, isSensitiveArtifact } from './evidence.models.ts';
import { extensionFor } from './capture.models.ts';
import { isSha256Hex } from './vault-format.models.ts';
import { createEvidenceFileMissingError, createRevealRequiredError } from './evidence.errors.ts';
import { blurredPreview } from './report-images.ts';
import { buildEvidencePack } from './export.usecases.ts';
import { verifyEvidence } from './verify.usecases.ts';
import type { EvidenceVault } from './vault.ts';

const exportBody = z.object({ id: z.string().min(1).max(200), language: z.enum(['en', 'nl', 'fr', 'de']).optional(), format: z.enum(['zip', 'pdf']).default('zip') });

/** Evidence is never cached by browsers or proxies, and served bytes can never run as a page of ours. */
function privateBytes(reply: FastifyReply, contentType: string, download: string | null): FastifyReply {
  reply.header('cache-control', 'no-store');
  reply.header('content-security-policy', "default-src 'none'; sandbox");
  reply.header('content-type', contentType);
  if (download) reply.header('content-disposition', `attachment; filename="${download}"`);
  return reply;
}

// `browserPool`: an evidence pack's PDF is printed in Chromium; `evidence`: the application's `vaultOf` returns it.
export type EvidenceRoutesDeps = Pick<AppDeps, 'evidence' | 'browserPool'>;

/**
 * The evidence API: a hit's captures and files, one file by its hash (decrypted; blurred until revealed when
 * it may be intimate; every real view goes into the custody log), evidence packs, and verification.
 * `vaultOf` gives the vault opened at start (`openEvidenceVault`).
 */
export function createEvidenceRouteModule(vaultOf: (deps: Pick<AppDeps, 'evidence'>) => EvidenceVault, options: { actorOf?: (request: FastifyRequest) => string } = {}) {
  // Who viewed, revealed or exported goes into the custody log: an account id once sign-in exists.
  const actorOf = options.actorOf ?? (() => 'web');
  return (app: FastifyInstance, deps: EvidenceRoutesDeps): void => {
    const vault = () => vaultOf(deps);

    app.get<{ Params: { id: string } }>('/api/hits/:id/evidence', async (request, reply) => {
      const subject = await loadEvidenceSubject(vault().db, vault().cipher, request.params.id);
      reply.header('cache-control', 'no-store');
      return {
        hitId: subject.hit.id,
        caseId: subject.takedown?.id ?? null,
        captures: await Promise.all([...subject.captures].reverse().map(async (c) => ({
          id: c.id, purpose: c.purpose, outcome: c.outcome, capturedAt: c.capturedAt.toISOString(), requestedUrl: c.requestedUrl, finalUrl: c.finalUrl,
          httpStatus: c.httpStatus, serverIp: c.serverIp, title: c.title, language: c.language, timestampToken: c.timestampToken,
          artifacts: await Promise.all(Object.entries(c.artifacts).map(async ([role, sha256]) => {
            const info = await vault().info(sha256);
            return { role, sha256, sizeBytes: info?.sizeBytes ?? null, mimeType: info?.mimeType ?? null, sensitive: isSensitiveArtifact(role, subject.hit.categories), href: `/api/evidence/files/${sha256}` };
          })),
        }))),
      };
    });

    app.get<{ Params: { sha256: string }; Querystring: { reveal?: string } }>('/api/evidence/files/:sha256', async (request, reply) => {
      const { sha256 } = request.params;
      const info = isSha256Hex(sha256) ? await vault().info(sha256) : null;
      if (!info) throw createEvidenceFileMissingError();
      const usage = await categoriesOfFile(vault().db, sha256);
      const sensitive = usage ? usage.roles.some((role) => isSensitiveArtifact(role, usage.categories)) : false;
      const reveal = request.query.reveal === '1' || request.query.reveal === 'true';
      const bytes = await vault().read(sha256);
      const displayable = displayableImageTypes.has(info.mimeType);
      if (sensitive && !reveal) {
        if (!displayable) throw createRevealRequiredError();
        const preview = await blurredPreview(bytes);
        if (!preview) throw createRevealRequiredError();
        reply.header('x-evidence-blurred', '1');
        return privateBytes(reply, 'image/jpeg', null).send(preview);
      }
      await appendCustody(vault(), {
        at: vault().clock.now(), actor: actorOf(request), action: sensitive ? 'revealed' : 'viewed', subjectType: 'file', subjectId: sha256,
        detail: { roles: usage?.roles ?? [], hitIds: usage?.hitIds ?? [] },
      });
      if (displayable) return privateBytes(reply, info.mimeType, null).send(bytes);
      if (info.mimeType === 'application/json') return privateBytes(reply, 'application/json; charset=utf-8', null).send(bytes);
      // HTML, MHTML, SVG and anything else from a hostile page is only ever a download.
      return privateBytes(reply, 'application/octet-stream', `${sha256}.${extensionFor(info.mimeType)}`).send(bytes);
    });

    app.post('/api/evidence/export', async (request, reply) => {
      const parsed = exportBody.safeParse(request.body ?? {});
      if (!parsed.success) throw createValidationError('Give the id of an exposure or a case, and optionally language (en, nl, fr, de) and format (zip, pdf).');
      const pack = await buildEvidencePack({ vault: vault(), browserPool: deps.browserPool }, { id: parsed.data.id, language: parsed.data.language, actor: actorOf(request) });
      reply.header('x-evidence-manifest-sha256', pack.manifestSha256);
      return parsed.data.format === 'pdf'
        ? privateBytes(reply, 'application/pdf', `${pack.baseName}.pdf`).send(pack.pdf)
        : privateBytes(reply, 'application/zip', `${pack.baseName}.zip`).send(pack.zip);
    });

    app.get('/api/evidence/verify', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return verifyEvidence(vault());
    });
  };
}
