import { decodeEntities } from './html-entities.models.ts';

// A forgiving HTML parser for result pages. No HTML library is part of the stack, and result pages are
// hostile input, so this one is linear, never throws, and builds a plain tree. It follows the parts of the
// HTML parsing rules that matter for reading result lists: void elements, raw-text elements (script, style),
// escapable raw text (title, textarea), and the implied end tags of p, li, dt/dd, option and table cells.

export interface HtmlElement {
  type: 'element';
  tag: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
  parent: HtmlElement | null;
}
export interface HtmlText {
  type: 'text';
  text: string;
  parent: HtmlElement | null;
}
export type HtmlNode = HtmlElement | HtmlText;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes']);
const ESCAPABLE_RAW_TEXT = new Set(['title', 'textarea']);
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section',
  'table', 'ul',
]);
/** Opening the key closes an open element of one of these tags, but not past the listed boundaries. */
const IMPLIED_END: Record<string, { closes: string[]; boundary: string[] }> = {
  li: { closes: ['li'], boundary: ['ul', 'ol', 'menu'] },
  dt: { closes: ['dt', 'dd'], boundary: ['dl'] },
  dd: { closes: ['dt', 'dd'], boundary: ['dl'] },
  option: { closes: ['option'], boundary: ['select', 'datalist'] },
  tr: { closes: ['tr', 'td', 'th'], boundary: ['table', 'tbody', 'thead', 'tfoot'] },
  td: { closes: ['td', 'th'], boundary: ['tr', 'table'] },
  th: { closes: ['td', 'th'], boundary: ['tr', 'table'] },
};
const P_SCOPE_BOUNDARY = new Set(['button', 'table', 'td', 'th', 'html', 'template', 'object', 'marquee', 'applet']);

/** Deeply nested garbage must not exhaust the stack of recursive walkers. */
const MAX_DEPTH = 256;

const TAG_NAME = /[A-Za-z][^\s/>]*/y;
const ATTRIBUTE = /[\s/]*([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/y;

export function createElement(tag: string, attrs: Record<string, string> = {}, parent: HtmlElement | null = null): HtmlElement {
  return { type: 'element', tag, attrs, children: [], parent };
}

export function parseHtml(html: string): HtmlElement {
  const root = createElement('#document');
  const stack: HtmlElement[] = [root];
  const current = () => stack[stack.length - 1] as HtmlElement;

  const appendText = (text: string) => {
    if (text === '') return;
    const parent = current();
    const last = parent.children[parent.children.length - 1];
    if (last?.type === 'text') last.text += text;
    else parent.children.push({ type: 'text', text, parent });
  };

  const popUntil = (index: number) => {
    stack.length = Math.max(1, index);
  };

  const findOpen = (tags: string[], boundary: Set<string> | string[]): number => {
    const stop = boundary instanceof Set ? boundary : new Set(boundary);
    for (let i = stack.length - 1; i > 0; i--) {
      const tag = (stack[i] as HtmlElement).tag;
      if (tags.includes(tag)) return i;
      if (stop.has(tag)) return -1;
    }
    return -1;
  };

  const openElement = (tag: string, attrs: Record<string, string>, selfClosing: boolean) => {
    if (CLOSES_P.has(tag)) {
      const p = findOpen(['p'], P_SCOPE_BOUNDARY);
      if (p > 0) popUntil(p);
    }
    const implied = IMPLIED_END[tag];
    if (implied) {
      const open = findOpen(implied.closes, implied.boundary);
      if (open > 0) popUntil(open);
    }
    const parent = current();
    const element = createElement(tag, attrs, parent);
    parent.children.push(element);
    if (!VOID.has(tag) && !selfClosing && stack.length < MAX_DEPTH) stack.push(element);
    return element;
  };

  const closeElement = (tag: string) => {
    for (let i = stack.length - 1; i > 0; i--) {
      if ((stack[i] as HtmlElement).tag === tag) {
        popUntil(i);
        return;
      }
    }
  };

  let i = 0;
  const length = html.length;
  while (i < length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      appendText(decodeEntities(html.slice(i)));
      break;
    }
    if (lt > i) appendText(decodeEntities(html.slice(i, lt)));
    i = lt;
    const next = html[i + 1] ?? '';

    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end === -1 ? length : end + 3;
      continue;
    }
    if (next === '!' || next === '?') {
      const end = html.indexOf('>', i + 2);
      i = end === -1 ? length : end + 1;
      continue;
    }
    if (next === '/') {
      TAG_NAME.lastIndex = i + 2;
      const m = TAG_NAME.exec(html);
      const end = html.indexOf('>', i + 2);
      if (!m) {
        // "</>" or "</ 3" is dropped like a bogus comment.
        i = end === -1 ? length : end + 1;
        continue;
      }
      closeElement(m[0].toLowerCase());
      i = end === -1 ? length : end + 1;
      continue;
    }
    TAG_NAME.lastIndex = i + 1;
    const m = TAG_NAME.exec(html);
    if (!m) {
      appendText('<');
      i += 1;
      continue;
    }
    const tag = m[0].toLowerCase();
    const attrs: Record<string, string> = {};
    let pos = i + 1 + m[0].length;
    let selfClosing = false;
    for (;;) {
      while (pos < length && /\s/.test(html[pos] as string)) pos++;
      if (pos >= length) break;
      if (html[pos] === '>') {
        pos++;
        break;
      }
      if (html.startsWith('/>', pos)) {
        selfClosing = true;
        pos += 2;
        break;
      }
      ATTRIBUTE.lastIndex = pos;
      const a = ATTRIBUTE.exec(html);
      if (!a || a[0].length === 0) {
        pos++;
        continue;
      }
      pos += a[0].length;
      const name = (a[1] as string).toLowerCase();
      if (!Object.hasOwn(attrs, name)) attrs[name] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
    }
    i = pos;
    const element = openElement(tag, attrs, selfClosing);

    if ((RAW_TEXT.has(tag) || ESCAPABLE_RAW_TEXT.has(tag)) && !selfClosing) {
      const closer = new RegExp(`</${tag}`, 'gi');
      closer.lastIndex = i;
      const closeAt = closer.exec(html)?.index ?? -1;
      const rawEnd = closeAt === -1 ? length : closeAt;
      const raw = html.slice(i, rawEnd);
      const text = ESCAPABLE_RAW_TEXT.has(tag) ? decodeEntities(raw) : raw;
      if (text) element.children.push({ type: 'text', text, parent: element });
      closeElement(tag);
      const gt = closeAt === -1 ? -1 : html.indexOf('>', closeAt);
      i = gt === -1 ? length : gt + 1;
    }
  }
  return root;
}
