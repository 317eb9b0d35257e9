/**
 * Policy variables (AWS page "IAM policy elements: Variables and tags").
 *
 * `${aws:username}` is replaced by the request's value for that key; `${key, 'default'}` gives a
 * default when the key is absent; `${*}`, `${?}` and `${$}` stand for the literal characters.
 * Variables are recognised only in documents whose Version is "2012-10-17"; elsewhere the text
 * is literal. A variable whose key is absent (and has no default) has no value: a Resource or
 * NotResource entry holding it matches no resource, and a condition value holding it is left out.
 */
import { LITERAL_QMARK, LITERAL_STAR, encodeLiterals } from './wildcard.ts';

/** One `${...}` reference. */
export interface VariableRef {
  /** Context key, lowercased (keys compare case-insensitively). */
  key: string;
  /** The key as written, for messages. */
  written: string;
  default?: string;
}

/**
 * A policy string prepared for substitution: either fixed text, or parts to join at request time.
 * Literal `*`/`?` produced by `${*}`/`${?}` are already encoded as literal markers.
 */
export type Template = { fixed: string } | { parts: (string | VariableRef)[] };

/** Something that can look up a context key (lowercased) as strings. */
export interface VariableSource {
  get(keyLower: string): string[] | undefined;
}

const VAR = /\$\{([^}]*)\}/g;
const WITH_DEFAULT = /^\s*([^,\s]+)\s*,\s*'([^']*)'\s*$/;

/** Parses a policy string. With `enabled` false (no Version 2012-10-17) it is fixed text. */
export function parseTemplate(text: string, enabled: boolean): Template {
  if (!enabled || !text.includes('${')) return { fixed: text };
  const parts: (string | VariableRef)[] = [];
  let last = 0;
  let hasVar = false;
  let literal = '';
  for (const m of text.matchAll(VAR)) {
    const inner = m[1] ?? '';
    literal += text.slice(last, m.index);
    last = m.index + m[0].length;
    if (inner === '*') literal += LITERAL_STAR;
    else if (inner === '?') literal += LITERAL_QMARK;
    else if (inner === '$') literal += '$';
    else {
      const d = WITH_DEFAULT.exec(inner);
      const written = (d ? d[1] : inner.trim()) ?? '';
      if (literal) parts.push(literal);
      literal = '';
      const ref: VariableRef = { key: written.toLowerCase(), written };
      if (d) ref.default = d[2] ?? '';
      parts.push(ref);
      hasVar = true;
    }
  }
  literal += text.slice(last);
  if (!hasVar) return { fixed: literal };
  if (literal) parts.push(literal);
  return { parts };
}

/** A mistake in the `${...}` syntax of one policy string. */
export interface VariableSyntaxProblem {
  /** `error`: a variable AWS can never resolve; `warning`: text AWS reads literally. */
  severity: 'error' | 'warning';
  message: string;
}

/** At most this many characters of a policy string are quoted in a message. */
const QUOTE_MAX = 80;

/** The text in quotes, cut after QUOTE_MAX characters with its length (as src/model/text-caps.ts does). */
function quoted(text: string): string {
  return text.length <= QUOTE_MAX
    ? `"${text}"`
    : `"${text.slice(0, QUOTE_MAX)}"… (${text.length.toLocaleString('en-US')} characters)`;
}

/**
 * Mistakes in the policy-variable syntax of a string, in a document where variables are
 * recognised (Version 2012-10-17). AWS's page "IAM policy elements: Variables and tags" defines a
 * variable as `${` + a key name (optionally `, 'default'`) + `}`; it documents no other form.
 * - `${` with no `}` after it is no variable at all: AWS reads the text literally (a warning,
 *   which says so).
 * - `${}` names no key, a `${` inside `${...}` (AWS does not nest variables) and a default not
 *   written `${key, 'default'}` make a variable whose key can never be in a request: it never
 *   resolves, so the entry holding it can never match (errors).
 */
export function variableSyntaxProblems(text: string): VariableSyntaxProblem[] {
  const problems: VariableSyntaxProblem[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('${', from);
    if (start < 0) break;
    const end = text.indexOf('}', start + 2);
    if (end < 0) {
      problems.push({
        severity: 'warning',
        message: `${quoted(text.slice(start))} has no closing "}", so it is not a policy variable: AWS reads it as literal text. Close it, e.g. \${aws:username}.`,
      });
      break;
    }
    const inner = text.slice(start + 2, end);
    const variable = text.slice(start, end + 1);
    if (inner.includes('${')) {
      // Quote the whole nest, up to its balanced "}" (or the end of the text).
      let depth = 0;
      let j = start;
      for (; j < text.length; j++) {
        if (text.startsWith('${', j)) {
          depth++;
          j++;
        } else if (text[j] === '}' && --depth === 0) break;
      }
      problems.push({
        severity: 'error',
        message: `${quoted(text.slice(start, j + 1))}: policy variables cannot be nested (a variable's key is a condition key name, not another variable), so this one never resolves and the value never matches.`,
      });
      from = j + 1;
      continue;
    } else if (inner.trim() === '') {
      problems.push({
        severity: 'error',
        message: `"\${}" names no condition key, so it never resolves and the value never matches. Write a key, e.g. \${aws:username}.`,
      });
    } else if (inner.includes(',') && !WITH_DEFAULT.test(inner)) {
      problems.push({
        severity: 'error',
        message: `${quoted(variable)}: a default value is written \${key, 'default'} (a comma, then the value in single quotes); as written, the whole text is taken as the key name, which no request has.`,
      });
    }
    from = end + 1;
  }
  return problems;
}

/** The variables a template reads. */
export function templateVariables(t: Template): VariableRef[] {
  return 'fixed' in t ? [] : (t.parts.filter((p) => typeof p !== 'string') as VariableRef[]);
}

/**
 * Resolves a template against the request. Substituted values are literal text (a `*` in a
 * user name is not a wildcard). Returns `undefined` and the missing variable when a key is absent
 * or multivalued (AWS substitutes single values only).
 */
export function resolveTemplate(
  t: Template,
  source: VariableSource,
): { value: string; missing?: undefined } | { value?: undefined; missing: VariableRef } {
  if ('fixed' in t) return { value: t.fixed };
  let out = '';
  for (const p of t.parts) {
    if (typeof p === 'string') {
      out += p;
      continue;
    }
    const v = source.get(p.key);
    if (v !== undefined && v.length === 1) out += encodeLiterals(v[0] as string);
    else if (p.default !== undefined) out += encodeLiterals(p.default);
    else return { missing: p };
  }
  return { value: out };
}

/**
 * Substitutes policy variables in `text` using a plain context (public helper for the UI and
 * tests). Unknown keys stay absent: the result is `undefined` with the variable that was missing.
 */
export function substituteVariables(
  text: string,
  context: Record<string, string | number | boolean | (string | number | boolean)[]>,
  version: string | undefined = '2012-10-17',
): { value: string; missing?: string } {
  const t = parseTemplate(text, version === '2012-10-17');
  const lowered = new Map<string, string[]>();
  for (const [k, v] of Object.entries(context))
    lowered.set(k.toLowerCase(), Array.isArray(v) ? v.map(String) : [String(v)]);
  const r = resolveTemplate(t, { get: (k) => lowered.get(k) });
  if (r.missing) return { value: text, missing: r.missing.written };
  return { value: r.value.replaceAll(LITERAL_STAR, '*').replaceAll(LITERAL_QMARK, '?') };
}

/** Remembers the variable values a template was last resolved with. */
export interface TemplateMemo {
  vals?: string[];
  value?: string;
}

/**
 * `resolveTemplate` that returns the very same string as last time when the variables have the
 * same values, so callers can key their own caches on it with a cheap identity comparison.
 * Returns the missing variable instead of a string when one is absent.
 */
export function resolveTemplateMemo(
  t: Template,
  source: VariableSource,
  memo: TemplateMemo,
): string | VariableRef {
  if ('fixed' in t) return t.fixed;
  const parts = t.parts;
  const last = memo.vals;
  let vals: string[] | undefined;
  let j = 0;
  let same = last !== undefined;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as string | VariableRef;
    if (typeof p === 'string') continue;
    const v = source.get(p.key);
    let s: string;
    if (v !== undefined && v.length === 1) s = v[0] as string;
    else if (p.default !== undefined) s = p.default;
    else return p;
    if (same && (last as string[])[j] !== s) same = false;
    (vals ??= []).push(s);
    j++;
  }
  if (same && memo.value !== undefined) return memo.value;
  let out = '';
  j = 0;
  for (const p of parts)
    out += typeof p === 'string' ? p : encodeLiterals((vals as string[])[j++] as string);
  memo.vals = vals;
  memo.value = out;
  return out;
}
