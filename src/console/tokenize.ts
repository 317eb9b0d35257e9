/**
 * A small shell-like tokenizer: what a POSIX shell does to a command line before `aws` sees it,
 * limited to what tutorials use. Words split on blanks; 'single quotes' keep everything literally
 * (the usual way to pass JSON); "double quotes" allow \" \\ \$ \` escapes and $VARIABLE expansion;
 * a backslash outside quotes escapes the next character and a backslash before a newline joins
 * lines; an unquoted # starting a word begins a comment.
 */

/** One word of a command line, with where it stands in the line (`end` exclusive). */
export interface Token {
  value: string;
  start: number;
  end: number;
}

export interface TokenizeResult {
  tokens: Token[];
  /** Set when the line is incomplete (an open quote or a trailing backslash): the last token is partial. */
  error?: string;
}

const BLANK = /[ \t\r\n]/;

/** Splits `line` into words. `variables` supplies $NAME and ${NAME}; unknown names expand to nothing, as in a shell. */
export function tokenize(line: string, variables: Record<string, string> = {}): TokenizeResult {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (BLANK.test(ch)) {
      i++;
      continue;
    }
    // A line continuation between words is a blank too.
    const continuation = /^\\\r?\n/.exec(line.slice(i));
    if (continuation) {
      i += continuation[0].length;
      continue;
    }
    if (ch === '#') break; // comment to the end of the line
    const start = i;
    let value = '';
    let inWord = true;
    while (i < line.length && inWord) {
      const c = line[i]!;
      if (BLANK.test(c)) {
        inWord = false;
      } else if (c === "'") {
        const close = line.indexOf("'", i + 1);
        if (close < 0) {
          tokens.push({ value: value + line.slice(i + 1), start, end: line.length });
          return { tokens, error: 'unterminated single quote' };
        }
        value += line.slice(i + 1, close);
        i = close + 1;
      } else if (c === '"') {
        i++;
        let closed = false;
        while (i < line.length) {
          const d = line[i]!;
          if (d === '"') {
            closed = true;
            i++;
            break;
          }
          if (d === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1]!)) {
            if (line[i + 1] !== '\n') value += line[i + 1];
            i += 2;
          } else if (d === '$') {
            const expanded = expandVariable(line, i, variables);
            value += expanded.value;
            i = expanded.next;
          } else {
            value += d;
            i++;
          }
        }
        if (!closed) {
          tokens.push({ value, start, end: line.length });
          return { tokens, error: 'unterminated double quote' };
        }
      } else if (c === '\\') {
        if (i + 1 >= line.length) {
          tokens.push({ value, start, end: line.length });
          return { tokens, error: 'line ends with a backslash' };
        }
        const next = line[i + 1]!;
        if (next === '\n' || (next === '\r' && line[i + 2] === '\n')) {
          // Line continuation: the word goes on (or ends, if a blank follows).
          i += next === '\n' ? 2 : 3;
        } else {
          value += next;
          i += 2;
        }
      } else if (c === '$') {
        const expanded = expandVariable(line, i, variables);
        value += expanded.value;
        i = expanded.next;
      } else {
        value += c;
        i++;
      }
    }
    tokens.push({ value, start, end: i });
  }
  return { tokens };
}

function expandVariable(
  line: string,
  at: number,
  variables: Record<string, string>,
): { value: string; next: number } {
  const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(line.slice(at));
  if (braced) return { value: variables[braced[1]!] ?? '', next: at + braced[0].length };
  const plain = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(line.slice(at));
  if (plain) return { value: variables[plain[1]!] ?? '', next: at + plain[0].length };
  return { value: '$', next: at + 1 };
}

/** Quotes a word for a POSIX shell so that `tokenize` (and sh) give it back unchanged. */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
