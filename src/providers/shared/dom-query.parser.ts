import type { HtmlElement, HtmlNode } from './html.parser.ts';

// The CSS selector subset the parsers need: type, #id, .class, [attr], [attr=v], [attr~=v], [attr^=v],
// [attr$=v], [attr*=v], :not(compound), descendant and child combinators, and selector lists.
// Selectors are written by us, never taken from pages; a malformed one is a programming error and throws.

interface AttributeTest {
  name: string;
  op: '' | '=' | '~=' | '^=' | '$=' | '*=';
  value: string;
}
interface Compound {
  tag: string | null;
  id: string | null;
  classes: string[];
  attrs: AttributeTest[];
  not: Compound[];
}
interface Complex {
  /** Right-most compound first; `combinators[i]` joins parts[i] to parts[i + 1]. */
  parts: Compound[];
  combinators: Array<' ' | '>'>;
}

const cache = new Map<string, Complex[]>();

function parseCompound(source: string, start: number): { compound: Compound; end: number } {
  const compound: Compound = { tag: null, id: null, classes: [], attrs: [], not: [] };
  let i = start;
  const ident = () => {
    const m = /^[-\w\u00a0-\uffff]+/.exec(source.slice(i));
    if (!m) throw new Error(`Bad selector near "${source.slice(i)}"`);
    i += m[0].length;
    return m[0];
  };
  if (source[i] === '*') i++;
  else if (/[A-Za-z]/.test(source[i] ?? '')) compound.tag = ident().toLowerCase();
  for (;;) {
    const c = source[i];
    if (c === '#') {
      i++;
      compound.id = ident();
    } else if (c === '.') {
      i++;
      compound.classes.push(ident());
    } else if (c === '[') {
      const close = source.indexOf(']', i);
      if (close === -1) throw new Error('Unclosed attribute selector');
      const m = /^\s*([-\w:]+)\s*(?:([~^$*]?=)\s*(?:"([^"]*)"|'([^']*)'|([^\s\]]+)))?\s*$/.exec(source.slice(i + 1, close));
      if (!m) throw new Error(`Bad attribute selector "${source.slice(i, close + 1)}"`);
      compound.attrs.push({ name: (m[1] as string).toLowerCase(), op: (m[2] ?? '') as AttributeTest['op'], value: m[3] ?? m[4] ?? m[5] ?? '' });
      i = close + 1;
    } else if (source.startsWith(':not(', i)) {
      const inner = parseCompound(source, i + 5);
      if (source[inner.end] !== ')') throw new Error('Unclosed :not(');
      compound.not.push(inner.compound);
      i = inner.end + 1;
    } else break;
  }
  if (i === start) throw new Error(`Bad selector near "${source.slice(i)}"`);
  return { compound, end: i };
}

function parseSelectorList(selector: string): Complex[] {
  const cached = cache.get(selector);
  if (cached) return cached;
  const list: Complex[] = [];
  for (const part of selector.split(',')) {
    const source = part.trim();
    const parts: Compound[] = [];
    const combinators: Array<' ' | '>'> = [];
    let i = 0;
    while (i < source.length) {
      const { compound, end } = parseCompound(source, i);
      parts.push(compound);
      i = end;
      const m = /^\s*(>)?\s*/.exec(source.slice(i)) as RegExpExecArray;
      i += m[0].length;
      if (i < source.length) combinators.push(m[1] ? '>' : ' ');
    }
    list.push({ parts: parts.reverse(), combinators: combinators.reverse() });
  }
  cache.set(selector, list);
  return list;
}

function classList(el: HtmlElement): string[] {
  return (el.attrs.class ?? '').split(/\s+/).filter(Boolean);
}

function matchesCompound(el: HtmlElement, c: Compound): boolean {
  if (c.tag !== null && el.tag !== c.tag) return false;
  if (c.id !== null && el.attrs.id !== c.id) return false;
  if (c.classes.length > 0) {
    const classes = classList(el);
    if (!c.classes.every((name) => classes.includes(name))) return false;
  }
  for (const a of c.attrs) {
    const v = el.attrs[a.name];
    if (v === undefined) return false;
    if (a.op === '=' && v !== a.value) return false;
    if (a.op === '~=' && !v.split(/\s+/).includes(a.value)) return false;
    if (a.op === '^=' && !v.startsWith(a.value)) return false;
    if (a.op === '$=' && !v.endsWith(a.value)) return false;
    if (a.op === '*=' && !v.includes(a.value)) return false;
  }
  return c.not.every((inner) => !matchesCompound(el, inner));
}

function matchesComplex(el: HtmlElement, complex: Complex, index: number): boolean {
  const part = complex.parts[index] as Compound;
  if (!matchesCompound(el, part)) return false;
  if (index === complex.parts.length - 1) return true;
  const combinator = complex.combinators[index];
  let ancestor = el.parent;
  while (ancestor && ancestor.tag !== '#document') {
    if (matchesComplex(ancestor, complex, index + 1)) return true;
    if (combinator === '>') return false;
    ancestor = ancestor.parent;
  }
  return false;
}

export function matches(el: HtmlElement, selector: string): boolean {
  return parseSelectorList(selector).some((complex) => matchesComplex(el, complex, 0));
}

function* descendants(root: HtmlElement): Generator<HtmlElement> {
  const stack: HtmlNode[] = [...root.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as HtmlNode;
    if (node.type !== 'element') continue;
    yield node;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as HtmlNode);
  }
}

export function queryAll(root: HtmlElement, selector: string): HtmlElement[] {
  const list = parseSelectorList(selector);
  const found: HtmlElement[] = [];
  for (const el of descendants(root)) if (list.some((complex) => matchesComplex(el, complex, 0))) found.push(el);
  return found;
}

export function query(root: HtmlElement, selector: string): HtmlElement | null {
  const list = parseSelectorList(selector);
  for (const el of descendants(root)) if (list.some((complex) => matchesComplex(el, complex, 0))) return el;
  return null;
}

export function closest(el: HtmlElement, selector: string): HtmlElement | null {
  let node: HtmlElement | null = el;
  while (node && node.tag !== '#document') {
    if (matches(node, selector)) return node;
    node = node.parent;
  }
  return null;
}

export function hasClass(el: HtmlElement, name: string): boolean {
  return classList(el).includes(name);
}

const HIDDEN_TEXT = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'table', 'td', 'th', 'tr', 'ul',
]);

/** Text as a reader sees it: scripts and styles left out, block boundaries become spaces, whitespace collapsed. */
export function textOf(node: HtmlNode | null | undefined, options: { skip?: (el: HtmlElement) => boolean } = {}): string {
  if (!node) return '';
  const out: string[] = [];
  const stack: Array<HtmlNode | ' '> = [node];
  while (stack.length > 0) {
    const item = stack.pop() as HtmlNode | ' ';
    if (item === ' ') {
      out.push(' ');
      continue;
    }
    if (item.type === 'text') {
      out.push(item.text);
      continue;
    }
    if (item !== node && (HIDDEN_TEXT.has(item.tag) || options.skip?.(item))) continue;
    const block = BLOCK.has(item.tag);
    if (block) stack.push(' ');
    for (let i = item.children.length - 1; i >= 0; i--) stack.push(item.children[i] as HtmlNode);
    if (block) out.push(' ');
  }
  return out.join('').replace(/\s+/g, ' ').trim();
}

/** The raw text content of an element (script bodies included), for embedded JSON. */
export function rawTextOf(el: HtmlElement): string {
  return el.children.map((child) => (child.type === 'text' ? child.text : rawTextOf(child))).join('');
}

export function attr(el: HtmlElement | null | undefined, name: string): string | null {
  return el?.attrs[name] ?? null;
}
