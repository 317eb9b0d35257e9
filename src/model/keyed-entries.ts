/**
 * The shape check shared by the format's "keyed entries of an account" extensions
 * (`accounts.A.vpcEndpoints`, `accounts.A.accessPoints`): the map must be an object, each entry
 * an object with only the allowed keys. Each problem names the map or the entry and its path;
 * what the entries hold is checked by their own modules.
 */
import type { JsonPath } from '../engine/index.ts';
import { getOwn, isRecord, ownEntries } from './own.ts';
import type { ScenarioProblem } from './scenario-types.ts';
import { quote } from './text-caps.ts';
import { VPC_ID } from './vpc-endpoints.ts';

/** A problem before it is located in the text; `atKey` points at the key rather than its value. */
export type RawProblem = Omit<ScenarioProblem, 'line' | 'column' | 'range'> & { atKey?: boolean };

export type ReportError = (code: string, path: JsonPath, message: string, atKey?: boolean) => void;

/** A ReportError that adds each error to `problems`. */
export function errorsInto(problems: RawProblem[]): ReportError {
  return (code, path, message, atKey = false) => {
    problems.push({ code, severity: 'error', message, path, atKey });
  };
}

/** A value in words for a message: `null`, `an array`, `an object`, `the number 3`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `the ${typeof value} ${JSON.stringify(value)}`;
}

export interface KeyedEntriesSpec {
  /** The property of an account, e.g. `accessPoints`. */
  field: string;
  /** What the map is keyed by, e.g. `access point name`. */
  keyedBy: string;
  /** What one entry is, in a sentence, e.g. `access point`, `VPC endpoint`. */
  label: string;
  /** The keys an entry may have. */
  keys: readonly string[];
  /**
   * What every key (an entry's name or id) must match, the problem's code when it does not, and
   * what such a key is, in words: `"x" is not ${what}`.
   */
  keyRule?: { pattern: RegExp; code: string; what: string };
  /** Checks an entry's key further, before its value. */
  checkKey?: (key: string, at: JsonPath) => void;
}

export interface KeyedEntry {
  account: string;
  key: string;
  entry: Record<string, unknown>;
  at: JsonPath;
}

/** The entries of every account's map that are objects; reports the shape problems on the way. */
export function keyedEntries(
  scenario: unknown,
  spec: KeyedEntriesSpec,
  error: ReportError,
): KeyedEntry[] {
  const out: KeyedEntry[] = [];
  for (const [account, value] of ownEntries(getOwn(scenario, 'accounts'))) {
    const list = getOwn(value, spec.field);
    if (list === undefined) continue;
    const base: JsonPath = ['accounts', account, spec.field];
    if (!isRecord(list)) {
      error(
        'wrong-type',
        base,
        `${quote(spec.field)} must be an object keyed by ${spec.keyedBy}, not ${describeValue(list)}.`,
      );
      continue;
    }
    for (const [key, entry] of Object.entries(list)) {
      const at = [...base, key];
      const rule = spec.keyRule;
      if (rule && !rule.pattern.test(key))
        error(rule.code, at, `${quote(key)} is not ${rule.what}`, true);
      spec.checkKey?.(key, at);
      if (!isRecord(entry)) {
        error(
          'wrong-type',
          at,
          `${spec.label[0]?.toUpperCase() ?? ''}${spec.label.slice(1)} ${key} must be an object, not ${describeValue(entry)}.`,
        );
        continue;
      }
      for (const k of Object.keys(entry))
        if (!spec.keys.includes(k))
          error(
            'unknown-property',
            [...at, k],
            `Unknown property ${quote(k)} in ${spec.label} ${key}. Allowed here: ${spec.keys.join(', ')}.`,
            true,
          );
      out.push({ account, key, entry, at });
    }
  }
  return out;
}

/** Checks an entry's optional `vpc` (an access point's network origin, an endpoint's VPC). */
export function checkVpcField(
  entry: Record<string, unknown>,
  at: JsonPath,
  error: ReportError,
): void {
  const vpc = getOwn(entry, 'vpc');
  if (vpc !== undefined && (typeof vpc !== 'string' || !VPC_ID.test(vpc)))
    error(
      'invalid-vpc-id',
      [...at, 'vpc'],
      `${typeof vpc === 'string' ? quote(vpc) : describeValue(vpc)} is not a VPC id: it looks like "vpc-0a1b2c3d4e5f67890".`,
    );
}

/**
 * The path of an entry's `policy` when it is a document to check as one; a `policy` that is not an
 * object is reported (`label`: "access point policy", "endpoint policy"), and null or none is none.
 */
export function entryPolicyPath(
  entry: Record<string, unknown>,
  at: JsonPath,
  label: string,
  error: ReportError,
): JsonPath | undefined {
  const policy = getOwn(entry, 'policy');
  if (policy === undefined || policy === null) return undefined;
  if (isRecord(policy)) return [...at, 'policy'];
  error(
    'wrong-type',
    [...at, 'policy'],
    `The ${label} must be a policy document (an object), not ${describeValue(policy)}.`,
  );
  return undefined;
}
