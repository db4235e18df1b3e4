import { externalLink, html, withQuery, type SafeHtml } from '../html.ts';
import { formatDate, type ViewContext } from '../context.ts';
import { layout } from '../layout.ts';
import {
  CONTACTS_LISTED_ON,
  COUNTRIES,
  EMERGENCY,
  GUIDANCE_TEXT,
  GUIDANCE_TOPICS,
  HELPLINES,
  SOURCES,
  type Contact,
  type GuidanceText,
  type GuidanceTopic,
  type SourceId,
} from '../guidance/index.ts';

const US_CRISIS_LINE = HELPLINES.find((h) => h.id === 'us-ccri')!.contacts[0]!;

/** The exposure the reader came from, already checked by the access rule; its links lead back to it. */
export interface GuidanceContext {
  exposureId: string | null;
  hasCase: boolean;
}

const topicHref = (topic: GuidanceTopic | null, g: GuidanceContext) => withQuery(topic ? `/guidance/${topic}` : '/guidance', { exposure: g.exposureId });

/** Phone numbers, web addresses and mail addresses from the reference; constants, never page data. */
function contactLink(c: Contact): SafeHtml {
  if (c.kind === 'web') return externalLink(c.href, c.text);
  return html`<a href="${c.href}" class="${c.kind === 'phone' ? 'tel' : 'url'}">${c.text}</a>`;
}

function cite(ids: readonly SourceId[], used: Set<SourceId>, t: GuidanceText): SafeHtml {
  if (ids.length === 0) return html``;
  for (const id of ids) used.add(id);
  return html`<span class="cite">${t.sourceLabel}: ${ids.map((id, i) => html`${i > 0 ? ', ' : ''}<a href="#src-${id}">${SOURCES[id].short}</a>`)}</span>`;
}

function danger(t: GuidanceText, used: Set<SourceId>): SafeHtml {
  return html`<section class="card guidance-danger" aria-labelledby="danger-heading">
  <h2 id="danger-heading">${t.dangerHeading}</h2>
  <p>${t.dangerText}</p>
  <ul class="emergency">${EMERGENCY.map((e) => html`<li><span>${t.countries[e.country]}</span> ${contactLink(e.contact)}</li>`)}</ul>
  <p>${t.dangerUs} ${contactLink(US_CRISIS_LINE)}</p>
  <p class="small">${cite([...new Set([...EMERGENCY.flatMap((e) => e.sources), 'p8' as const])], used, t)}</p>
</section>`;
}

function service(t: GuidanceText, g: GuidanceContext): SafeHtml {
  const id = g.exposureId;
  const links: SafeHtml[] = id
    ? [
        html`<a class="button" href="/exposures/${id}#evidence">${t.serviceEvidence}</a>`,
        html`<a class="button" href="/exposures/${id}#takedown">${g.hasCase ? t.serviceCase : t.serviceTakedown}</a>`,
        html`<a class="button subtle" href="/exposures/${id}">${t.serviceBackToExposure}</a>`,
      ]
    : [html`<a class="button" href="/exposures">${t.serviceExposures}</a>`];
  return html`<section class="card" aria-labelledby="service-heading">
  <h2 id="service-heading">${t.serviceHeading}</h2>
  <div class="toolbar">${links}</div>
</section>`;
}

function helplines(ctx: ViewContext, t: GuidanceText, used: Set<SourceId>): SafeHtml {
  const date = formatDate(ctx, `${CONTACTS_LISTED_ON}T12:00:00Z`);
  return html`<section class="card" id="helplines" aria-labelledby="helplines-heading">
  <h2 id="helplines-heading">${t.helplinesHeading}</h2>
  <p>${t.helplinesLead}</p>
  <p class="muted small">${t.listedOn.replace('{date}', date)}</p>
  <div class="helpline-countries">${COUNTRIES.map((country) => html`<div class="helpline-country">
    <h3>${t.countries[country]}</h3>
    <ul class="helplines">${HELPLINES.filter((h) => h.country === country).map((h) => html`<li>
      <strong>${h.name}</strong>
      <p>${t.helps[h.id] ?? ''}</p>
      <p class="contacts">${h.contacts.map((c, i) => html`${i > 0 ? ' · ' : ''}${contactLink(c)}`)}</p>
      <p class="muted small">${t.listedShort.replace('{date}', date)} · ${cite(h.sources, used, t)}</p>
    </li>`)}</ul>
  </div>`)}</div>
</section>`;
}

function sources(t: GuidanceText, used: Set<SourceId>): SafeHtml {
  const ids = (Object.keys(SOURCES) as SourceId[]).filter((id) => used.has(id));
  return html`<section class="card" id="sources" aria-labelledby="sources-heading">
  <h2 id="sources-heading">${t.sourcesHeading}</h2>
  <ol class="sources">${ids.map((id) => html`<li id="src-${id}">${SOURCES[id].title}${SOURCES[id].url ? html` — ${externalLink(SOURCES[id].url)}` : ''}</li>`)}</ol>
  <p class="muted small">${t.sourcesNote}</p>
</section>`;
}

function topicNav(t: GuidanceText, g: GuidanceContext, current: GuidanceTopic | null): SafeHtml {
  const others = GUIDANCE_TOPICS.filter((topic) => topic !== current);
  return html`<nav class="card guidance-topics" aria-labelledby="topics-heading">
  <h2 id="topics-heading">${t.otherTopics}</h2>
  <ul>
    ${others.map((topic) => html`<li><a href="${topicHref(topic, g)}">${t.topics[topic].title}</a></li>`)}
    ${current ? html`<li><a href="${topicHref(null, g)}">${t.indexTitle}</a></li>` : ''}
  </ul>
</nav>`;
}

export function renderGuidanceIndexView(ctx: ViewContext, g: GuidanceContext): SafeHtml {
  const t = GUIDANCE_TEXT[ctx.lang];
  const used = new Set<SourceId>();
  return layout(ctx, {
    title: t.indexTitle,
    lead: t.indexLead,
    body: html`${danger(t, used)}
<section class="card" aria-labelledby="topics-heading">
  <h2 id="topics-heading">${t.topicsHeading}</h2>
  <ul class="guidance-cards">${GUIDANCE_TOPICS.map((topic) => html`<li>
    <h3><a href="${topicHref(topic, g)}">${t.topics[topic].title}</a></h3>
    <p>${t.topics[topic].summary}</p>
  </li>`)}</ul>
</section>
${service(t, g)}
${helplines(ctx, t, used)}
${sources(t, used)}`,
  });
}

export function renderGuidanceTopicView(ctx: ViewContext, topic: GuidanceTopic, g: GuidanceContext): SafeHtml {
  const t = GUIDANCE_TEXT[ctx.lang];
  const text = t.topics[topic];
  const used = new Set<SourceId>();
  const lead = html`${text.lead} ${cite(text.leadSources, used, t)}`;
  return layout(ctx, {
    title: text.title,
    lead,
    body: html`${danger(t, used)}
<section class="card" aria-labelledby="steps-heading">
  <h2 id="steps-heading">${t.stepsHeading}</h2>
  <p class="muted">${t.optionsNote}</p>
  <ol class="guidance-steps">${text.steps.map((s) => html`<li>
    <h3>${s.title}</h3>
    <p>${s.text}</p>
    <p class="small">${s.ownAdvice ? html`<span class="cite">${t.ownAdvice}</span>` : cite(s.sources, used, t)}</p>
  </li>`)}</ol>
</section>
${service(t, g)}
${topicNav(t, g, topic)}
${helplines(ctx, t, used)}
${sources(t, used)}`,
  });
}
