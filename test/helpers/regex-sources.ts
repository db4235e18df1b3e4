// Finds the regular expressions in a TypeScript or JavaScript file without a TypeScript parser: comments,
// strings and template literals (with the code nested in their `${...}`) are skipped, a `/` opens a regular
// expression where an operand is expected, and strings or template literals passed to `RegExp(` count too.

const IDENT = /[A-Za-z0-9_$]/;
const KEYWORDS_BEFORE_REGEX = ['return', 'typeof', 'case', 'in', 'of', 'void', 'yield', 'await', 'throw'];

/** The source of every regular expression in a file: literals, and strings passed to `RegExp(`. */
export function regexSources(text: string): string[] {
  const out: string[] = [];
  // Code nested in template literals (`${...}`) is lexed like any other code; each level counts its own braces.
  const modes: Array<{ kind: 'code'; depth: number } | { kind: 'template'; start: number; pattern: boolean }> = [{ kind: 'code', depth: 0 }];
  let prev = '';
  let word = '';
  let i = 0;
  while (i < text.length) {
    const mode = modes[modes.length - 1] as (typeof modes)[number];
    const c = text[i] as string;
    if (mode.kind === 'template') {
      if (c === '\\') i += 2;
      else if (c === '`') {
        if (mode.pattern) out.push(text.slice(mode.start, i));
        modes.pop();
        prev = '`';
        i++;
      } else if (c === '$' && text[i + 1] === '{') {
        modes.push({ kind: 'code', depth: 0 });
        prev = '{';
        i += 2;
      } else i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      continue;
    }
    if (c === '`') {
      modes.push({ kind: 'template', start: i + 1, pattern: /\bRegExp\(\s*$/.test(text.slice(Math.max(0, i - 20), i)) });
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      if (/\bRegExp\(\s*$/.test(text.slice(Math.max(0, i - 20), i))) out.push(text.slice(i + 1, j));
      i = j + 1;
      prev = c;
      word = '';
      continue;
    }
    if (c === '{') mode.depth++;
    if (c === '}') {
      if (mode.depth === 0 && modes.length > 1) {
        modes.pop();
        i++;
        continue;
      }
      mode.depth--;
    }
    const regexMayStart = prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev) || KEYWORDS_BEFORE_REGEX.includes(word);
    if (c === '/' && regexMayStart) {
      let j = i + 1;
      let inClass = false;
      while (j < text.length && text[j] !== '\n') {
        const d = text[j];
        if (d === '\\') {
          j += 2;
          continue;
        }
        if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) break;
        j++;
      }
      if (text[j] === '/') {
        out.push(text.slice(i + 1, j));
        i = j + 1;
        prev = '/';
        word = '';
        continue;
      }
    }
    if (IDENT.test(c)) word = IDENT.test(prev) ? word + c : c;
    else if (!/\s/.test(c)) word = '';
    if (!/\s/.test(c)) prev = c;
    i++;
  }
  return out;
}

/** A tag in a pattern: `<a`, `</div`, `<\/form`, `<!--`, or a tag name built at run time (`</${tag}`); not `(?<name>`. */
export const TAG_IN_PATTERN = /(?<![?]|\\k)<(?:\\?\/)?\s*(?:[A-Za-z!]|\$\{)/;
