import { is, selectAll as cssSelectAll, selectOne as cssSelectOne } from 'css-select';
import { type AnyNode, type Document, DomHandler, type Element, isTag, isText, type ParentNode } from 'domhandler';
import { decodeHTML } from 'entities';
import { Parser } from 'htmlparser2';

// The one way the service reads HTML: result pages of search engines, pages checked for contact addresses,
// pages fetched without a browser. Parsing is htmlparser2 (tokenizer, entities, implied end tags), selection is
// css-select; this file adds only what hostile pages require of them and the few operations callers need.
//
// Hostile pages: htmlparser2 keeps its open elements in an array it searches and shifts on every tag, so
// 100,000 nested tags cost minutes. Chromium's parser stops nesting at a fixed depth and inserts deeper
// elements as siblings at that depth; the same is done here, which keeps every tag's cost bounded. The
// input is cut at a fixed length before parsing, and the cut is reported to the caller.

export type { Document as HtmlDocument, Element as HtmlElement, AnyNode as HtmlNode } from 'domhandler';

export const HTML_DOM_LIMITS = {
  /** Characters read; the largest result page in the recorded corpus is under 1 MB. */
  maxChars: 4 * 1024 * 1024,
  /** Chromium's HTMLParser limit (kMaximumHTMLParserDOMTreeDepth). */
  maxDepth: 512,
};

export interface HtmlPage {
  document: Document;
  /** The input was longer than the limit and only its start was read. */
  truncated: boolean;
  /** Characters of input that were not read. */
  droppedChars: number;
}

class BoundedHandler extends DomHandler {
  get depth(): number {
    return this.tagStack.length - 1;
  }

  override onclosetag(): void {
    const element = this.tagStack[this.tagStack.length - 1];
    super.onclosetag();
    // A template's content is not part of the document in a browser (it lives in `.content`): nothing in it is
    // shown, matched by a selector, or read as text.
    if (element && isTag(element) && element.name === 'template') element.children = [];
  }
}

class BoundedParser extends Parser {
  /** Set while one start tag is being read: whether it opens past the depth limit. */
  private overflowing: boolean | null = null;
  private opening = false;

  constructor(
    private readonly handler: BoundedHandler,
    private readonly maxDepth: number,
  ) {
    super(handler, { decodeEntities: true });
  }

  override onopentagname(start: number, endIndex: number): void {
    this.opening = true;
    this.overflowing = null;
    super.onopentagname(start, endIndex);
  }

  override onopentagend(endIndex: number): void {
    super.onopentagend(endIndex);
    this.opening = false;
  }

  override onselfclosingtag(endIndex: number): void {
    super.onselfclosingtag(endIndex);
    this.opening = false;
  }

  /** An element opened past the limit is closed at once, like a void element: what follows becomes its sibling. */
  protected override isVoidElement(name: string): boolean {
    if (this.opening) {
      this.overflowing ??= this.handler.depth >= this.maxDepth;
      if (this.overflowing) return true;
    }
    return super.isVoidElement(name);
  }
}

export function parseHtml(html: string, options: { maxChars?: number; maxDepth?: number } = {}): HtmlPage {
  const maxChars = options.maxChars ?? HTML_DOM_LIMITS.maxChars;
  const input = html.length > maxChars ? html.slice(0, maxChars) : html;
  const handler = new BoundedHandler();
  const parser = new BoundedParser(handler, options.maxDepth ?? HTML_DOM_LIMITS.maxDepth);
  parser.end(input);
  return { document: handler.root, truncated: input.length < html.length, droppedChars: html.length - input.length };
}

type Scope = HtmlPage | ParentNode | null | undefined;

function scopeNode(scope: Scope): ParentNode | null {
  if (!scope) return null;
  return 'document' in scope && !('type' in scope) ? scope.document : (scope as ParentNode);
}

/** Every element below `scope` matching the CSS selector, in document order. Selectors are ours, never a page's. */
export function selectAll(scope: Scope, selector: string): Element[] {
  const node = scopeNode(scope);
  return node ? cssSelectAll<AnyNode, Element>(selector, node) : [];
}

export function selectOne(scope: Scope, selector: string): Element | null {
  const node = scopeNode(scope);
  return node ? cssSelectOne<AnyNode, Element>(selector, node) : null;
}

export function matches(element: Element, selector: string): boolean {
  return is<AnyNode, Element>(element, selector);
}

/** The element itself or its nearest ancestor matching the selector. */
export function closest(node: AnyNode | null | undefined, selector: string): Element | null {
  for (let at: AnyNode | null | undefined = node; at; at = at.parent) {
    if (isTag(at) && matches(at, selector)) return at;
  }
  return null;
}

export function parentElement(node: AnyNode | null | undefined): Element | null {
  const parent = node?.parent;
  return parent && isTag(parent) ? parent : null;
}

export function nextElementSibling(node: AnyNode): Element | null {
  for (let at = node.next; at; at = at.next) if (isTag(at)) return at;
  return null;
}

export function attr(element: Element | null | undefined, name: string): string | null {
  return element?.attribs[name] ?? null;
}

export function hasClass(element: Element, name: string): boolean {
  return (element.attribs.class ?? '').split(/\s+/).includes(name);
}

export function tagName(node: AnyNode | null | undefined): string | null {
  return node && isTag(node) ? node.name : null;
}

/** Elements whose text a reader never sees. */
export const HIDDEN_TEXT_TAGS: ReadonlySet<string> = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg']);
/** Elements that start a new line of text when shown. */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
]);

export interface WalkVisitor {
  /** Return false to leave the element's content out. */
  enter?(element: Element): boolean | void;
  leave?(element: Element): void;
  text?(text: string): void;
}

/**
 * Depth-first walk without recursion (pages may be as deep as the depth limit allows and callers add their own).
 * `maxNodes` ends the walk early: an unclosed element can hold the rest of a page, and callers that read many
 * such elements bound the work per element.
 */
export function walk(root: AnyNode, visitor: WalkVisitor, options: { maxNodes?: number } = {}): void {
  const stack: Array<{ node: AnyNode; leaving: boolean }> = [{ node: root, leaving: false }];
  let budget = options.maxNodes ?? Number.POSITIVE_INFINITY;
  while (stack.length > 0 && budget-- > 0) {
    const { node, leaving } = stack.pop() as { node: AnyNode; leaving: boolean };
    if (isText(node)) {
      visitor.text?.(node.data);
      continue;
    }
    if (!('children' in node)) continue;
    if (isTag(node)) {
      if (leaving) {
        visitor.leave?.(node);
        continue;
      }
      if (visitor.enter?.(node) === false) continue;
      stack.push({ node, leaving: true });
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] as AnyNode, leaving: false });
  }
}

/**
 * Text as a reader sees it: scripts, styles and other hidden elements left out, block boundaries become spaces,
 * whitespace collapsed. The node passed in is read even if it is itself of a hidden kind.
 */
export function textOf(node: AnyNode | HtmlPage | null | undefined, options: { skip?: (element: Element) => boolean; maxNodes?: number } = {}): string {
  const start = node && 'document' in node && !('type' in node) ? node.document : (node as AnyNode | null | undefined);
  if (!start) return '';
  const out: string[] = [];
  walk(start, {
    enter(element) {
      if (element !== start && (HIDDEN_TEXT_TAGS.has(element.name) || options.skip?.(element))) return false;
      if (BLOCK_TAGS.has(element.name)) out.push(' ');
      return true;
    },
    leave(element) {
      if (BLOCK_TAGS.has(element.name)) out.push(' ');
    },
    text(text) {
      out.push(text);
    },
  }, options);
  return out.join('').replace(/\s+/g, ' ').trim();
}

/** The raw text content of an element, script bodies included, for JSON a page embeds. */
export function rawTextOf(node: AnyNode | null | undefined): string {
  if (!node) return '';
  const out: string[] = [];
  walk(node, { text: (text) => out.push(text) });
  return out.join('');
}

/** Text of an HTML fragment that arrived inside JSON (a highlighted title): tags dropped, entities decoded. */
export function fragmentText(fragment: string): string {
  return rawTextOf(parseHtml(fragment, { maxChars: 64 * 1024 }).document);
}

/** Character references in plain text (`&eacute;`, `&#64;`), decoded with the parser's own table and rules. */
export function decodeEntities(text: string): string {
  return text.includes('&') ? decodeHTML(text) : text;
}
