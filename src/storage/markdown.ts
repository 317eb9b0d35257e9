/**
 * The small, safe Markdown subset scenario descriptions may use, parsed to plain data.
 *
 * Supported: paragraphs, `*emphasis*` / `_emphasis_`, `**strong**`, `` `inline code` ``, fenced
 * code blocks (```), lists (`- `, `* `, `1. `), and links `[text](https://…)` to http and https
 * only. Everything else is text, shown as written: there is no HTML here, and the component that
 * renders this tree (src/ui/library/Markdown.svelte) writes text nodes only, so markup in a
 * description can never run. A `[text](javascript:…)` stays literal text.
 */

/** Inline content. */
export type MdInline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong'; children: MdInline[] }
  | { type: 'em'; children: MdInline[] }
  | { type: 'link'; href: string; children: MdInline[] };

/** Block content. */
export type MdBlock =
  | { type: 'paragraph'; children: MdInline[] }
  | { type: 'heading'; level: number; children: MdInline[] }
  | { type: 'code'; text: string }
  | { type: 'list'; ordered: boolean; start: number; items: MdInline[][] };

import { MAX_MARKDOWN_LENGTH } from '../model/size-limits.ts';
/** Emphasis nested deeper than this is shown as written. */
const MAX_INLINE_DEPTH = 4;

const LIST_ITEM = /^ {0,3}([-*]|(\d{1,9})[.)])\s+(.*)$/;
const FENCE = /^ {0,3}```/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
/** A bare http(s) URL, up to white space; trailing punctuation is left out below. */
const BARE_URL = /^https?:\/\/[^\s<>]+/;

/** Parses description text into blocks. Never throws. */
export function parseMarkdown(source: string): MdBlock[] {
  const text = source.replace(/\r\n?/g, '\n');
  if (text.length > MAX_MARKDOWN_LENGTH)
    return [{ type: 'paragraph', children: [{ type: 'text', text }] }];
  const lines = text.split('\n');
  const blocks: MdBlock[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length > 0)
      blocks.push({ type: 'paragraph', children: parseInline(paragraph.join(' ')) });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (FENCE.test(line)) {
      endParagraph();
      const body: string[] = [];
      for (i++; i < lines.length && !FENCE.test(lines[i]!); i++) body.push(lines[i]!);
      blocks.push({ type: 'code', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      endParagraph();
      blocks.push({
        type: 'heading',
        level: heading[1]!.length,
        children: parseInline(heading[2]!),
      });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      endParagraph();
      const ordered = item[2] !== undefined;
      const items: string[] = [item[3]!];
      // Following items of the same kind, and indented continuation lines, belong to this list.
      for (; i + 1 < lines.length; i++) {
        const next = lines[i + 1]!;
        const nextItem = LIST_ITEM.exec(next);
        if (nextItem && (nextItem[2] !== undefined) === ordered) items.push(nextItem[3]!);
        else if (!nextItem && /^\s{2,}\S/.test(next)) items[items.length - 1] += ' ' + next.trim();
        else break;
      }
      blocks.push({
        type: 'list',
        ordered,
        start: ordered ? Number(item[2]) : 1,
        items: items.map((t) => parseInline(t.trim())),
      });
      continue;
    }
    if (line.trim() === '') endParagraph();
    else paragraph.push(line.trim());
  }
  endParagraph();
  return blocks;
}

/** Parses inline markup of one paragraph or list item. */
export function parseInline(text: string): MdInline[] {
  return new InlineParser(text).parse(0, text.length, 0);
}

/** Returns the URL if it is an absolute http or https URL, else undefined. */
export function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

class InlineParser {
  readonly #text: string;
  /**
   * Delimiters known to have no closer after some position. Searching again from a later position
   * cannot find one either, so remembering this keeps a text full of lone `*` linear.
   */
  readonly #noCloserAfter = new Map<string, number>();

  constructor(text: string) {
    this.#text = text;
  }

  parse(from: number, to: number, depth: number): MdInline[] {
    const out: MdInline[] = [];
    const text = this.#text;
    let buffer = '';
    const flush = () => {
      if (buffer) out.push({ type: 'text', text: buffer });
      buffer = '';
    };
    let i = from;
    while (i < to) {
      const c = text[i]!;
      if (c === '\\' && i + 1 < to && /[\\`*_[\]()]/.test(text[i + 1]!)) {
        buffer += text[i + 1];
        i += 2;
        continue;
      }
      if (c === '`') {
        const end = this.#closer('`', i + 1, to);
        if (end > i + 1) {
          flush();
          out.push({ type: 'code', text: text.slice(i + 1, end) });
          i = end + 1;
          continue;
        }
      }
      if (c === '[' && depth < MAX_INLINE_DEPTH) {
        const link = this.#link(i, to, depth);
        if (link) {
          if (link.node) {
            flush();
            out.push(link.node);
          } else {
            buffer += text.slice(i, link.end); // not http(s): shown as written
          }
          i = link.end;
          continue;
        }
      }
      if (c === 'h' && !/[\p{L}\p{N}]/u.test(text[i - 1] ?? ' ')) {
        const bare = BARE_URL.exec(text.slice(i, to));
        const url = bare?.[0].replace(/[.,;:!?)'"]+$/, '');
        const href = url ? safeHref(url) : undefined;
        if (url && href) {
          flush();
          out.push({ type: 'link', href, children: [{ type: 'text', text: url }] });
          i += url.length;
          continue;
        }
      }
      if ((c === '*' || c === '_') && depth < MAX_INLINE_DEPTH) {
        const strong = text.startsWith(c + c, i);
        const marker = strong ? c + c : c;
        const prev = i > 0 ? text[i - 1]! : ' ';
        const next = text[i + marker.length] ?? ' ';
        // `_` inside a word (my_bucket_name) is not emphasis; neither is a marker before a space.
        const opens = !/\s/.test(next) && !(c === '_' && /[\p{L}\p{N}]/u.test(prev));
        const end = opens ? this.#closer(marker, i + marker.length + 1, to) : -1;
        if (end > 0 && !/\s/.test(text[end - 1]!)) {
          flush();
          const children = this.parse(i + marker.length, end, depth + 1);
          out.push(strong ? { type: 'strong', children } : { type: 'em', children });
          i = end + marker.length;
          continue;
        }
        buffer += marker;
        i += marker.length;
        continue;
      }
      buffer += c;
      i++;
    }
    flush();
    return out;
  }

  /** Index of the next `marker` in [from, to), or -1. */
  #closer(marker: string, from: number, to: number): number {
    const known = this.#noCloserAfter.get(marker);
    if (known !== undefined && from >= known) return -1;
    const at = this.#text.indexOf(marker, from);
    if (at < 0) {
      this.#noCloserAfter.set(marker, Math.min(from, known ?? from));
      return -1;
    }
    return at + marker.length <= to ? at : -1;
  }

  /** A `[label](url)` at `start`: the node (undefined for unsafe URLs) and where it ends. */
  #link(
    start: number,
    to: number,
    depth: number,
  ): { node: MdInline | undefined; end: number } | undefined {
    const text = this.#text;
    const close = this.#closer(']', start + 1, to);
    if (close < 0 || text[close + 1] !== '(') return undefined;
    const urlEnd = this.#closer(')', close + 2, to);
    if (urlEnd < 0) return undefined;
    const url = text.slice(close + 2, urlEnd).trim();
    if (url === '' || /\s/.test(url)) return undefined;
    const href = safeHref(url);
    const end = urlEnd + 1;
    if (!href) return { node: undefined, end };
    return { node: { type: 'link', href, children: this.parse(start + 1, close, depth + 1) }, end };
  }
}
