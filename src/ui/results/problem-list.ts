/**
 * The scenario's problems as the results panel lists them: each with its JSON path and, when the
 * scenario text locates it, its line and column; at most SAME_KIND_LIMIT of one code (the rest
 * counted, "and 19,990 more duplicate-request-id problems") and MAX_LISTED in all.
 *
 * Lines and columns need the text's positions, worked out by a parser in JavaScript: for a text
 * over BIG_TEXT characters (a megabyte took seconds of the page's time) only the path is given.
 */
import {
  formatPath,
  parseJsonText,
  capByKind,
  count,
  omittedLine,
  shorten,
} from '../../model/index.ts';
import type { ScenarioIssue } from '../../worker/index.ts';
import { BIG_TEXT } from '../state/playground.svelte.ts';

/** Problems listed at most, whatever their codes. */
export const MAX_LISTED = 20;

export interface ListedProblem {
  /** `requests[0].context["aws:SourceIp"] (line 12, column 24)` */
  where: string;
  message: string;
}

/** The list, and the lines that count what it leaves out. */
export function problemList(
  issues: readonly ScenarioIssue[],
  text: string,
): { items: ListedProblem[]; more: string[] } {
  const { shown, omitted } = capByKind(issues, (i) => i.code);
  const listed = shown.slice(0, MAX_LISTED);
  const parsed = listed.length > 0 && text.length <= BIG_TEXT ? parseJsonText(text) : undefined;
  const items = listed.map((issue): ListedProblem => {
    let where = formatPath(issue.path);
    if (parsed?.ok) {
      // The deepest part of the path the text has (a missing key points at its object).
      let range;
      for (let n = issue.path.length; n >= 0 && !range; n--)
        range = parsed.locateKey(issue.path.slice(0, n));
      if (range) where += ` (line ${range.line}, column ${range.column})`;
    }
    return { where, message: shorten(issue.message) };
  });
  const more = omitted.map((o) => omittedLine(o));
  const unlisted = shown.length - listed.length;
  if (unlisted > 0) more.push(`and ${count(unlisted)} more problems`);
  return { items, more };
}
