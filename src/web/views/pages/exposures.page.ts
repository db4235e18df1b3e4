import { html, type SafeHtml } from '../html.ts';
import { timeTag, type ViewContext } from '../context.ts';
import { layout } from '../layout.ts';
import { CATEGORIES, categoryList, doneNotice, emptyState, exposureListTitle, HIT_STATUSES, SEVERITIES, selectField, severityBadge, statusBadge } from '../components.ts';
import type { ExposureFilters, ExposureRow } from '../../read-models/exposures.ts';
import type { UncheckedRow } from '../../read-models/unchecked.ts';
import { uncheckedSection } from './unchecked.section.ts';
import { unclearLookupsSection } from './unclear-lookups.section.ts';
import type { UnclearLookupRow } from '../../read-models/unclear-lookups.ts';

/** A screenshot thumbnail, always blurred in lists; a placeholder when there is no capture (yet). */
export function thumbnail(ctx: ViewContext, sha256: string | null, evidenceRoute: boolean): SafeHtml {
  if (!sha256 || !evidenceRoute) return html`<div class="thumb placeholder" aria-hidden="true"><span>${ctx.t('exposures.noCapture')}</span></div>`;
  return html`<span class="thumb thumb-frame"><img class="blurred" src="/api/evidence/files/${sha256}" alt="${ctx.t('exposures.thumbAlt')}" loading="lazy" width="160" height="100"></span>`;
}

/**
 * The filter's choice of person (none for a single person). For an organisation it has a thousand options,
 * the largest part of the page to build, so the list route keeps it per language and choice (the text depends
 * on nothing else) until the database changes.
 */
export function personFilterField(ctx: ViewContext, people: { id: string; label: string }[], personId: string | undefined): SafeHtml | '' {
  return people.length > 1 ? selectField({ name: 'personId', label: ctx.t('common.person'), value: personId, includeEmpty: ctx.t('exposures.all'), options: people.map((p) => ({ value: p.id, label: p.label })) }) : '';
}

function filters(ctx: ViewContext, people: { id: string; label: string }[], current: ExposureFilters, personField?: SafeHtml | ''): SafeHtml {
  return html`<form method="get" action="/exposures" class="filters card" role="search" aria-label="${ctx.t('exposures.filters')}">
  ${personField ?? personFilterField(ctx, people, current.personId)}
  ${selectField({ name: 'severity', label: ctx.t('common.severity'), value: current.severity, includeEmpty: ctx.t('exposures.all'), options: SEVERITIES.map((s) => ({ value: s, label: ctx.t(`severity.${s}`) })) })}
  ${selectField({ name: 'status', label: ctx.t('common.status'), value: current.status, includeEmpty: ctx.t('exposures.all'), options: HIT_STATUSES.map((s) => ({ value: s, label: ctx.t(`hitStatus.${s}`) })) })}
  ${selectField({ name: 'category', label: ctx.t('common.category'), value: current.category, includeEmpty: ctx.t('exposures.all'), options: CATEGORIES.map((c) => ({ value: c, label: ctx.t(`category.${c}`) })) })}
  <div class="filter-actions"><button type="submit" class="button">${ctx.t('exposures.apply')}</button> <a href="/exposures" class="linklike">${ctx.t('exposures.reset')}</a></div>
</form>`;
}

/** Links between pages of the list: the next page keeps the filters and starts after the last row shown. */
function pager(ctx: ViewContext, filters: ExposureFilters, next: string | null, continued: boolean): SafeHtml | '' {
  if (!next && !continued) return '';
  const query = (extra: Record<string, string>) => new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '')), ...extra }).toString();
  return html`<nav class="pager" aria-label="${ctx.t('exposures.title')}">
  ${continued ? html`<a class="button subtle" href="/exposures${query({}) ? `?${query({})}` : ''}">${ctx.t('exposures.firstPage')}</a>` : ''}
  ${next ? html`<a class="button" rel="next" href="/exposures?${query({ after: next })}">${ctx.t('exposures.nextPage')}</a>` : ''}
</nav>`;
}

/**
 * The list's rows. They depend on the rows, the language, the zone and this year only (the dates), so the list
 * route keeps them, encoded, with the page of rows they were drawn from.
 */
export function exposureRows(ctx: ViewContext, rows: ExposureRow[], evidenceRoute: boolean): SafeHtml {
  return rows.length === 0 ? emptyState(ctx.t('exposures.none')) : html`<ul class="exposure-list">
  ${rows.map((r) => html`<li class="exposure">
    ${thumbnail(ctx, r.screenshot, evidenceRoute)}
    <div class="exposure-body">
      <h2 class="exposure-title"><a href="/exposures/${r.hit.id}">${exposureListTitle(ctx, r.hit)}</a></h2>
      <p class="url small">${r.hit.url}</p>
      <p class="badges">${severityBadge(ctx, r.hit.severity)} ${statusBadge(ctx, 'hitStatus', r.hit.status)}${r.caseStatus ? html` ${statusBadge(ctx, 'caseStatus', r.caseStatus)}` : r.draftFailed ? html` <span class="badge st-failed">${ctx.t('exposures.draftFailed')}</span>` : ''}${r.hit.linkage ? html` <span class="badge st-linkage">${ctx.t('exposure.linkage')}</span>` : ''}${r.hit.source === 'snippet' ? html` <span class="badge st-snippet">${ctx.t('exposure.seenInSearchResults')}</span>` : ''}</p>
      ${r.hit.categories.length ? categoryList(ctx, r.hit.categories) : ''}
      <p class="muted small">${r.personLabel} · ${ctx.t('exposure.firstSeen')} ${timeTag(ctx, r.hit.firstSeenAt)}</p>
    </div>
  </li>`)}
</ul>`;
}

export function renderExposuresView(ctx: ViewContext, data: { rows: ExposureRow[]; next?: string | null; continued?: boolean; people: { id: string; label: string }[]; personField?: SafeHtml | ''; rowsField?: SafeHtml; filters: ExposureFilters; evidenceRoute: boolean; unchecked?: UncheckedRow[]; unclearLookups?: UnclearLookupRow[] }): SafeHtml {
  const paged = Boolean(data.next) || data.continued === true;
  return layout(ctx, {
    title: ctx.t('exposures.title'),
    active: 'exposures',
    lead: ctx.t('exposures.lead'),
    body: html`${doneNotice(ctx)}
${filters(ctx, data.people, data.filters, data.personField)}
<p class="muted" role="status">${paged ? ctx.t('exposures.pageCount', { n: data.rows.length }) : ctx.t('exposures.count', { n: data.rows.length })}</p>
${data.rowsField ?? exposureRows(ctx, data.rows, data.evidenceRoute)}
${pager(ctx, data.filters, data.next ?? null, data.continued === true)}
${uncheckedSection(ctx, data.unchecked ?? [], data.people.length > 1 && !data.filters.personId)}
${unclearLookupsSection(ctx, data.unclearLookups ?? [], data.people.length > 1 && !data.filters.personId)}`,
  });
}
