import { externalLink, html, type SafeHtml } from '../html.ts';
import type { ViewContext } from '../context.ts';
import { SOURCES } from '../guidance/facts.ts';
import { HASH_EXPORT_FILE_NAME, hashExportUrl } from '../../../modules/photos/hash-export.models.ts';

/**
 * The hash file and what it is for, inside the photos section. The two services that block copies on
 * large platforms come first among the options because they need nothing from this service: they hash on
 * the person's own device. The guidance is shown even without photos, for people who keep their photos
 * off this server altogether.
 */
export function hashExportSection(ctx: ViewContext, args: { personId: string; photoCount: number }): SafeHtml {
  return html`<section aria-labelledby="hash-export-heading" class="hash-export" id="hash-export">
  <h3 id="hash-export-heading">${ctx.t('person.hashExport')}</h3>
  <p>${ctx.t('person.hashExportLead')}</p>
  <p>${ctx.t('person.hashExportFor')}</p>
  ${args.photoCount > 0
    ? html`<p><a class="button" href="${hashExportUrl(args.personId)}" download="${HASH_EXPORT_FILE_NAME}">${ctx.t('person.hashExportDownload')}</a></p>`
    : html`<p class="muted">${ctx.t('person.hashExportEmpty')}</p>`}
  <p>${ctx.t('person.hashExportBlock')}</p>
  <ul>
    <li>${ctx.t('person.hashExportStopNcii')} ${externalLink(SOURCES.p3.url, 'stopncii.org')}</li>
    <li>${ctx.t('person.hashExportTakeItDown')} ${externalLink(SOURCES.p7.url, 'takeitdown.ncmec.org')}</li>
  </ul>
  <p class="muted small">${ctx.t('person.hashExportLimit')} <a href="/guidance/intimate-images">${ctx.t('person.hashExportGuide')}</a></p>
</section>`;
}
