/** Parsing of numeric and date values for the Numeric* and Date* condition operators. */

const NUMBER = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** A number, or NaN when the text is not one. */
export function parseNumber(text: string): number {
  return NUMBER.test(text) ? Number(text) : NaN;
}

const EPOCH = /^\s*-?\d+(\.\d+)?\s*$/;
const ISO = /^\d{4}(-\d{2}(-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?)?)?$/;

/**
 * Milliseconds since the epoch for an ISO 8601 date (`2026-01-01`, `2026-01-01T12:00:00Z`)
 * or for epoch seconds (`1767225600`), as AWS's date operators accept both; NaN otherwise.
 */
export function parseDate(text: string): number {
  if (EPOCH.test(text)) return Number(text) * 1000;
  const t = text.trim();
  if (!ISO.test(t)) return NaN;
  // A date-time without a zone is read as UTC, as AWS does.
  const withZone = /[Tt ]\d{2}:\d{2}/.test(t) && !/([Zz]|[+-]\d{2}:?\d{2})$/.test(t) ? t + 'Z' : t;
  return Date.parse(withZone.replace(' ', 'T'));
}
