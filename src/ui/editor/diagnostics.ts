/**
 * Turns what the parser and the worker found into CodeMirror diagnostics for the open document.
 *
 * The worker reports problems by JSON path in the scenario; the editor shows one document
 * (a policy at some path, or the whole scenario). Problems under the open document's path are
 * placed by locating the rest of their path in the editor's own text, so they land correctly
 * even while the worker's copy of the scenario was formatted differently.
 */
import type { Diagnostic } from '@codemirror/lint';
import type { JsonPath } from '../../engine/index.ts';
import { type JsonTextResult, count, startsWith } from '../../model/index.ts';
import type { ScenarioIssue } from '../../worker/index.ts';

/** Underlines drawn in one document at most: thousands would only slow the editor down. */
export const UNDERLINE_LIMIT = 500;

/** The diagnostics for a document's text: its syntax error, or the issues located in it. */
export function documentDiagnostics(
  parsed: JsonTextResult,
  documentPath: JsonPath,
  issues: readonly ScenarioIssue[],
  textLength: number,
): Diagnostic[] {
  if (!parsed.ok) {
    const from = Math.min(parsed.error.offset, textLength);
    return [
      {
        from,
        to: Math.min(from + 1, textLength),
        severity: 'error',
        message: parsed.error.message,
        source: 'JSON',
      },
    ];
  }
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    if (!startsWith(issue.path, documentPath)) continue;
    // Find the deepest part of the path that exists in this text (a missing key points at its object).
    let rest = issue.path.slice(documentPath.length);
    let range = parsed.locateKey(rest);
    while (!range && rest.length > 0) {
      rest = rest.slice(0, -1);
      range = parsed.locateKey(rest);
    }
    if (!range) continue;
    // Underline the whole value of small elements, only the first line of big ones.
    const value = parsed.locate(rest);
    let to = value && value.to - range.from < 200 ? value.to : range.to;
    if (to <= range.from) to = Math.min(range.from + 1, textLength);
    out.push({
      from: range.from,
      to,
      severity: issue.severity,
      message: issue.message,
      source: issue.code,
    });
  }
  return out;
}

/**
 * The first `limit` diagnostics, and when there were more, one note at the top of the document
 * that says how many are not underlined (the Findings panel lists them all, by kind).
 */
export function capDiagnostics(diagnostics: Diagnostic[], limit = UNDERLINE_LIMIT): Diagnostic[] {
  if (diagnostics.length <= limit) return diagnostics;
  const rest = diagnostics.length - limit;
  return [
    ...diagnostics.slice(0, limit),
    {
      from: 0,
      to: 0,
      severity: 'info',
      message: `Only the first ${count(limit)} problems are underlined; ${count(rest)} more are not (the Findings panel lists them).`,
      source: 'underlines',
    },
  ];
}

/** The text range of the value at `path` in parsed text, if it is there. */
export function locateValue(
  parsed: JsonTextResult,
  path: JsonPath,
): { from: number; to: number } | null {
  if (!parsed.ok) return null;
  const range = parsed.locate(path);
  return range ? { from: range.from, to: range.to } : null;
}
