/**
 * How the request builder reads and writes condition-context values typed as text.
 *
 * A value is a string unless it clearly is something else: `true`/`false` are booleans
 * (as `aws:MultiFactorAuthPresent` wants) and a JSON array is a multivalued key
 * (`["a","b"]` for `aws:TagKeys`). Numbers stay strings: AWS sends context values as
 * strings, and the numeric operators read them as numbers.
 */
import type { ContextValue } from '../../engine/index.ts';

/** Reads a typed value. */
export function parseContextValue(text: string): ContextValue {
  const trimmed = text.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (
        Array.isArray(parsed) &&
        parsed.every((v) => ['string', 'number', 'boolean'].includes(typeof v))
      ) {
        return parsed as (string | number | boolean)[];
      }
    } catch {
      // not an array yet (the user is still typing): keep the text
    }
  }
  return text;
}

/** Writes a value back as the text that reads as it. */
export function formatContextValue(value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify(value);
  if (typeof value === 'string') return value;
  return String(value);
}

/**
 * Fills an ARN template's partition, region and account (the principal's, when known);
 * the resource's own placeholders (`${BucketName}`) stay for the user to replace.
 */
export function fillArnTemplate(template: string, account: string | undefined): string {
  let arn = template.replace('${Partition}', 'aws').replace('${Region}', 'us-east-1');
  if (account) arn = arn.replace('${Account}', account);
  return arn;
}
