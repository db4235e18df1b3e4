import { html, type SafeHtml } from '../html.ts';
import type { ViewContext } from '../context.ts';
import { layout } from '../layout.ts';
import { pathParams, toOpenApiPath, type ApiRouteSpec } from '../../openapi.ts';

const who = (ctx: ViewContext, r: ApiRouteSpec) => (r.access.public ? ctx.t('docs.public') : r.access.operator ? ctx.t('docs.operator') : r.access.roles ? r.access.roles.join(', ') : ctx.t('docs.anyAccount'));

function schemaText(schema: Record<string, unknown>): string {
  return JSON.stringify(schema, null, 2);
}

/** A schema as a short type: `{ account: Account, csrfToken: string }`, `Hit[]`, `integer 1–500`. */
export function schemaSummary(schema: Record<string, unknown>, depth = 0): string {
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').pop()!;
  if (Array.isArray(schema.allOf)) return (schema.allOf as Record<string, unknown>[]).map((s) => schemaSummary(s, depth)).join(' & ');
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : [];
  if (types.includes('array') && schema.items) return `${schemaSummary(schema.items as Record<string, unknown>, depth)}[]`;
  if (types.includes('object') && schema.properties && depth < 2) {
    // Optional fields are marked only where the schema says which are required (request bodies).
    const required = Array.isArray(schema.required) ? new Set(schema.required as string[]) : null;
    const fields = Object.entries(schema.properties as Record<string, Record<string, unknown>>).map(([k, v]) => `${k}${!required || required.has(k) ? '' : '?'}: ${schemaSummary(v, depth + 1)}`);
    return `{ ${fields.join(', ')} }`;
  }
  const range = schema.minimum !== undefined || schema.maximum !== undefined ? ` ${schema.minimum ?? ''}–${schema.maximum ?? ''}` : schema.minLength ? ` (≥ ${String(schema.minLength)} chars)` : '';
  const format = typeof schema.format === 'string' ? ` (${schema.format})` : '';
  return `${types.join(' | ') || 'any'}${format}${range}`;
}

function route(ctx: ViewContext, r: ApiRouteSpec): SafeHtml {
  const id = `${r.method}-${r.path}`.replace(/[^A-Za-z0-9]+/g, '-');
  const params = pathParams(r.path);
  return html`<article class="endpoint" id="${id}" aria-labelledby="${id}-h">
  <h3 id="${id}-h"><span class="method m-${r.method.toLowerCase()}">${r.method}</span> <code>${toOpenApiPath(r.path)}</code></h3>
  <p>${r.summary}</p>
  <p class="small muted">${ctx.t('docs.who')}: ${who(ctx, r)}${r.access.resources?.some((ref) => ref.kind !== 'account' && ref.kind !== 'token') ? ` · ${ctx.t('docs.scoped')}` : ''}</p>
  ${params.length || r.query ? html`<h4>${ctx.t('docs.parameters')}</h4><ul class="plain small">
    ${params.map((p) => html`<li><code>${p}</code> (${ctx.t('docs.inPath')})</li>`)}
    ${Object.entries(r.query ?? {}).map(([name, schema]) => html`<li><code>${name}</code> (${ctx.t('docs.inQuery')}): <code>${schemaSummary(schema)}</code></li>`)}
  </ul>` : ''}
  ${r.body ? html`<h4>${ctx.t('docs.body')}</h4><p class="small"><code>${schemaSummary(r.body)}</code></p><details><summary class="small">JSON Schema</summary><pre>${schemaText(r.body)}</pre></details>` : ''}
  <h4>${ctx.t('docs.responses')}</h4>
  <ul class="plain small">${Object.entries(r.responses).map(([status, resp]) => html`<li><strong>${status}</strong> ${resp.description}${resp.schema ? html` — <code>${schemaSummary(resp.schema)}</code>` : resp.contentType ? html` — <code>${resp.contentType}</code>` : ''}</li>`)}</ul>
</article>`;
}

/** The API documentation, rendered on the server from the same table as /api/openapi.json. */
export function renderApiDocsView(ctx: ViewContext, routes: ApiRouteSpec[]): SafeHtml {
  const tags = [...new Set(routes.map((r) => r.tag))];
  return layout(ctx, {
    title: ctx.t('docs.title'),
    active: 'docs',
    bare: !ctx.actor,
    lead: ctx.t('docs.lead'),
    body: html`<p><a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1)</p>
<nav aria-label="${ctx.t('docs.contents')}" class="card"><ul class="toc">${tags.map((tag) => html`<li><a href="#tag-${tag}">${tag}</a></li>`)}</ul></nav>
${tags.map((tag) => html`<section class="card" id="tag-${tag}" aria-labelledby="tag-${tag}-h"><h2 id="tag-${tag}-h">${tag}</h2>${routes.filter((r) => r.tag === tag).map((r) => route(ctx, r))}</section>`)}`,
  });
}
