/**
 * What the terminal shows for a response: `--query` (JMESPath, community edition, as the AWS CLI
 * applies it to the response) and `--output json|text|table` in the AWS CLI's layouts.
 */
import { search } from '@jmespath-community/jmespath';
import { type Json, isRecord } from '../engine/index';
import type { OutputFormat } from './args';
import type { ConsoleError } from './types';

type JsonObject = { [key: string]: Json };

/**
 * The AWS CLI's JMESPath (jmespath.py) still accepts the legacy form of a literal: backticks
 * around text that is not JSON, read as a string (`` `ReadOnlyAccess` ``), which AWS's own
 * examples use. The JMESPath library here follows the strict specification, so such literals
 * are quoted as JSON strings first.
 */
export function quoteLegacyLiterals(query: string): string {
  return query.replace(/`((?:[^`\\]|\\.)*)`/g, (whole, body: string) => {
    try {
      JSON.parse(body.replaceAll('\\`', '`'));
      return whole;
    } catch {
      return `\`${JSON.stringify(body.replaceAll('\\`', '`')).replaceAll('`', '\\`')}\``;
    }
  });
}

/** Applies a JMESPath expression to a response. */
export function applyQuery(value: Json, query: string): { value: Json } | { error: ConsoleError } {
  try {
    // The library's JSON type is structurally the same as ours.
    return { value: search(value as never, quoteLegacyLiterals(query)) as Json };
  } catch (e) {
    return {
      error: {
        code: 'ParamValidation',
        message: `Bad value for --query ${query}: ${(e as Error).message}`,
      },
    };
  }
}

/** Formats a response as the AWS CLI prints it. */
export function formatOutput(value: Json, format: OutputFormat, title: string): string {
  switch (format) {
    case 'json':
      return JSON.stringify(value, null, 4);
    case 'text':
      return formatText(value).replace(/\n$/, '');
    case 'table':
      return formatTable(value, title);
  }
}

/** A JSON object, typed for output's `Json` values (the test is the engine's one). */
const isObject = (value: Json): value is JsonObject => isRecord(value);

function isScalar(value: Json): boolean {
  return value === null || typeof value !== 'object';
}

/** Python's str() of a scalar, which is what the AWS CLI's text output prints. */
function scalarText(value: Json | undefined): string {
  if (value === undefined) return '';
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * The AWS CLI's text output: each object's scalars on one tab-separated line (keys sorted),
 * prefixed by the upper-cased name of the key that holds it; nested lists and objects follow.
 */
export function formatText(value: Json): string {
  let out = '';
  const write = (line: string) => {
    out += line + '\n';
  };
  const visit = (
    item: Json,
    identifier: string | undefined,
    scalarKeys: string[] | undefined,
  ): void => {
    if (isObject(item)) {
      const scalars: string[] = [];
      const nested: [string, Json][] = [];
      if (scalarKeys) {
        for (const key of scalarKeys) scalars.push(scalarText(item[key]));
        for (const key of Object.keys(item).sort()) {
          if (!scalarKeys.includes(key)) nested.push([key, item[key]!]);
        }
      } else {
        for (const key of Object.keys(item).sort()) {
          const v = item[key]!;
          if (isScalar(v)) scalars.push(scalarText(v));
          else nested.push([key, v]);
        }
      }
      if (scalars.length > 0)
        write([...(identifier ? [identifier.toUpperCase()] : []), ...scalars].join('\t'));
      for (const [key, v] of nested) visit(v, key, undefined);
    } else if (Array.isArray(item)) {
      if (item.length === 0) return;
      if (item.some(isObject)) {
        const keys = new Set<string>();
        for (const element of item) {
          if (isObject(element))
            for (const [k, v] of Object.entries(element)) if (isScalar(v)) keys.add(k);
        }
        const sorted = [...keys].sort();
        for (const element of item) visit(element, identifier, sorted);
      } else {
        const scalars = item.filter(isScalar);
        if (scalars.length > 0) {
          if (identifier)
            for (const s of scalars) write(`${identifier.toUpperCase()}\t${scalarText(s)}`);
          else write(scalars.map(scalarText).join('\t'));
        }
        for (const element of item) if (!isScalar(element)) visit(element, identifier, undefined);
      }
    } else {
      write(scalarText(item));
    }
  };
  visit(value, undefined, undefined);
  return out;
}

/** One box of the table output: a title, an optional header row, rows, and nested boxes. */
interface Section {
  title: string;
  headers: string[];
  rows: string[][];
  children: Section[];
}

function toSection(title: string, value: Json): Section {
  const section: Section = { title, headers: [], rows: [], children: [] };
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    const scalarKeys = keys.filter((k) => isScalar(value[k]!));
    if (scalarKeys.length > 0) {
      section.headers = scalarKeys;
      section.rows.push(scalarKeys.map((k) => tableCell(value[k]!)));
    }
    for (const k of keys) if (!isScalar(value[k]!)) section.children.push(toSection(k, value[k]!));
  } else if (Array.isArray(value)) {
    if (value.some(isObject)) {
      const keys = new Set<string>();
      for (const element of value) {
        if (isObject(element))
          for (const [k, v] of Object.entries(element)) if (isScalar(v)) keys.add(k);
      }
      section.headers = [...keys].sort();
      for (const element of value) {
        if (isObject(element)) {
          section.rows.push(section.headers.map((k) => tableCell(element[k])));
          for (const k of Object.keys(element).sort()) {
            if (!isScalar(element[k]!)) section.children.push(toSection(k, element[k]!));
          }
        }
      }
    } else {
      for (const element of value) {
        if (isScalar(element)) section.rows.push([tableCell(element)]);
        else section.children.push(toSection(title, element));
      }
    }
  } else {
    section.rows.push([tableCell(value)]);
  }
  return section;
}

function tableCell(value: Json | undefined): string {
  if (value === undefined || value === null) return '';
  return scalarText(value);
}

function columnWidths(section: Section): number[] {
  const count = Math.max(section.headers.length, ...section.rows.map((r) => r.length), 0);
  const widths: number[] = [];
  for (let c = 0; c < count; c++) {
    const cells = [section.headers[c] ?? '', ...section.rows.map((r) => r[c] ?? '')];
    widths.push(Math.max(...cells.map((s) => s.length)) + 4);
  }
  return widths;
}

function sectionWidth(section: Section): number {
  const widths = columnWidths(section);
  const table = widths.reduce((a, b) => a + b, 0) + Math.max(widths.length - 1, 0) + 2;
  const children = section.children.map((c) => sectionWidth(c) + 2);
  return Math.max(section.title.length + 6, table, ...children);
}

function center(text: string, width: number): string {
  const left = Math.floor((width - text.length) / 2);
  return ' '.repeat(Math.max(left, 0)) + text + ' '.repeat(Math.max(width - text.length - left, 0));
}

function renderSection(section: Section, width: number, outer: boolean): string[] {
  const inner = width - 2;
  const lines: string[] = [];
  // Only the outermost box has a top border: a nested box starts right under its parent's rule.
  if (outer) lines.push('-'.repeat(width));
  lines.push(`|${center(section.title, inner)}|`);
  const widths = columnWidths(section);
  if (widths.length > 0) {
    // Stretch the last column so the table fills the box.
    const used = widths.reduce((a, b) => a + b, 0) + widths.length - 1;
    widths[widths.length - 1]! += inner - used;
    const rule = `+${widths.map((w) => '-'.repeat(w)).join('+')}+`;
    const row = (cells: string[]) =>
      `|${widths.map((w, i) => center(cells[i] ?? '', w)).join('|')}|`;
    lines.push(rule);
    if (section.headers.length > 0) {
      lines.push(row(section.headers));
      lines.push(rule);
    }
    for (const r of section.rows) lines.push(row(r));
    lines.push(rule);
  } else {
    lines.push(`+${'-'.repeat(inner)}+`);
  }
  for (const child of section.children) {
    for (const line of renderSection(child, inner, false)) lines.push(`|${line}|`);
  }
  return lines;
}

/** The AWS CLI's table output: boxes titled by the operation and by each nested key. */
export function formatTable(value: Json, title: string): string {
  const section = toSection(title, value);
  return renderSection(section, sectionWidth(section), true).join('\n');
}
