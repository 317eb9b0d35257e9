/**
 * Turns a scenario's findings into CodeMirror diagnostics for the document open in the editor,
 * each with a quick-fix action where the finding has a fix.
 *
 * Findings carry JSON paths into the scenario. As with validation problems
 * (src/ui/editor/diagnostics.ts), the findings under the open document's path are placed by
 * locating the rest of their path in the editor's own text, so they land correctly even when the
 * text is formatted differently from the scenario the findings were computed from.
 */
import type { Action, Diagnostic } from '@codemirror/lint';
import type { JsonPath, Severity } from '../../engine/index.ts';
import type { Finding } from '../../findings/index.ts';
import { type JsonTextResult, startsWith } from '../../model/index.ts';

const SEVERITY: Record<Severity, Diagnostic['severity']> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
};

/** Values longer than this many characters are underlined by their key (first line) only. */
const WHOLE_VALUE_LIMIT = 200;

/**
 * The text range to underline for `rest` (a path relative to the document): the deepest part of
 * it that exists in the text (a finding about a missing key points at its object), from its key
 * to the end of its value when the value is small.
 */
export function rangeInText(
  parsed: Extract<JsonTextResult, { ok: true }>,
  rest: JsonPath,
  textLength: number,
): { from: number; to: number } | null {
  let path = rest;
  let key = parsed.locateKey(path);
  while (!key && path.length > 0) {
    path = path.slice(0, -1);
    key = parsed.locateKey(path);
  }
  if (!key) return null;
  const value = parsed.locate(path);
  let to = value && value.to - key.from < WHOLE_VALUE_LIMIT ? value.to : key.to;
  if (to <= key.from) to = Math.min(key.from + 1, textLength);
  return { from: key.from, to };
}

/** The diagnostic's text: the finding's sentence and the AWS page it rests on. */
export function findingMessage(finding: Finding): string {
  return `${finding.message}\nAWS docs: ${finding.docs.title}`;
}

/**
 * Diagnostics for the findings inside the document at `documentPath` ([] is the whole
 * scenario), placed in the editor's text as `parsed` (parseJsonText of that text) locates them.
 * Text that does not parse gets none: its syntax error is the one thing to show.
 * A finding with a fix gets an action `Fix: …` that calls `onfix(finding)`; the caller applies
 * the fix to the scenario (see applyFix), and the editor follows the scenario.
 */
export function findingDiagnostics(
  parsed: JsonTextResult,
  documentPath: JsonPath,
  findings: readonly Finding[],
  textLength: number,
  onfix: (finding: Finding) => void,
): Diagnostic[] {
  if (!parsed.ok) return [];
  const out: Diagnostic[] = [];
  for (const finding of findings) {
    if (!startsWith(finding.path, documentPath)) continue;
    const range = rangeInText(parsed, finding.path.slice(documentPath.length), textLength);
    if (!range) continue;
    const actions: Action[] = finding.fix
      ? [{ name: `Fix: ${finding.fix.description}`, apply: () => onfix(finding) }]
      : [];
    out.push({
      ...range,
      severity: SEVERITY[finding.severity],
      message: findingMessage(finding),
      source: finding.code,
      ...(actions.length > 0 ? { actions } : {}),
    });
  }
  return out;
}
