/**
 * A lenient read of a policy document for the checks: statements with their JSON paths,
 * each element's string values with theirs. Anything malformed is simply skipped (validation
 * reports it); the checks see only what they can reason about.
 */
import type { JsonPath } from '../engine/index.ts';
import { isRecord } from '../model/index.ts';

/** One string value of an element, with its path in the document. */
export interface ElementValue {
  value: string;
  path: JsonPath;
}

/** An element such as `Action`: its path, its string values, and whether it was an array. */
export interface ElementView {
  path: JsonPath;
  values: ElementValue[];
  isArray: boolean;
  /** True when every entry was a string (otherwise some were skipped). */
  allStrings: boolean;
}

export interface StatementView {
  path: JsonPath;
  raw: Record<string, unknown>;
  effect: 'Allow' | 'Deny' | undefined;
  sid: string | undefined;
  action?: ElementView;
  notAction?: ElementView;
  resource?: ElementView;
  notResource?: ElementView;
  /** The raw Principal / NotPrincipal values (shapes vary: `*`, `{AWS: ...}`, ...). */
  principal?: unknown;
  notPrincipal?: unknown;
  /** The Condition block when it is an object. */
  condition?: Record<string, unknown>;
}

/** What JSON calls an object: the one test, under the name the checks use. */
export const isObject: (value: unknown) => value is Record<string, unknown> = isRecord;

function element(statement: Record<string, unknown>, name: string, base: JsonPath) {
  if (!(name in statement)) return undefined;
  const raw = statement[name];
  const path = [...base, name];
  if (typeof raw === 'string') {
    return { path, values: [{ value: raw, path }], isArray: false, allStrings: true };
  }
  if (Array.isArray(raw)) {
    const values: ElementValue[] = [];
    raw.forEach((v, i) => {
      if (typeof v === 'string') values.push({ value: v, path: [...path, i] });
    });
    return { path, values, isArray: true, allStrings: values.length === raw.length };
  }
  return { path, values: [], isArray: false, allStrings: false };
}

/** The statements of a policy document (`Statement` as an array or a single object). */
export function statementsOf(document: unknown): StatementView[] {
  if (!isObject(document)) return [];
  const raw = document['Statement'];
  const entries: [Record<string, unknown>, JsonPath][] = [];
  if (Array.isArray(raw)) {
    raw.forEach((s, i) => {
      if (isObject(s)) entries.push([s, ['Statement', i]]);
    });
  } else if (isObject(raw)) {
    entries.push([raw, ['Statement']]);
  }
  return entries.map(([s, path]) => {
    const effect = s['Effect'] === 'Allow' || s['Effect'] === 'Deny' ? s['Effect'] : undefined;
    const view: StatementView = {
      path,
      raw: s,
      effect,
      sid: typeof s['Sid'] === 'string' ? s['Sid'] : undefined,
    };
    const action = element(s, 'Action', path);
    const notAction = element(s, 'NotAction', path);
    const resource = element(s, 'Resource', path);
    const notResource = element(s, 'NotResource', path);
    if (action) view.action = action;
    if (notAction) view.notAction = notAction;
    if (resource) view.resource = resource;
    if (notResource) view.notResource = notResource;
    if ('Principal' in s) view.principal = s['Principal'];
    if ('NotPrincipal' in s) view.notPrincipal = s['NotPrincipal'];
    if (isObject(s['Condition'])) view.condition = s['Condition'];
    return view;
  });
}

/** True when the statement has a non-empty Condition block. */
export function hasCondition(statement: StatementView): boolean {
  return statement.condition !== undefined && Object.keys(statement.condition).length > 0;
}

/** Values of a principal map entry (`"AWS": "x"` or `"AWS": ["x", "y"]`) that are strings. */
export function principalValues(principal: unknown, type: string): string[] {
  if (!isObject(principal)) return [];
  const raw = principal[type];
  if (typeof raw === 'string') return [raw];
  if (Array.isArray(raw)) return raw.filter((v): v is string => typeof v === 'string');
  return [];
}

/** True when the Principal admits everyone: `"*"` or `{"AWS": "*"}` (or `*` in an AWS list). */
export function principalIsEveryone(principal: unknown): boolean {
  return principal === '*' || principalValues(principal, 'AWS').includes('*');
}

/** The account a principal value names as a whole (`123456789012` or `arn:aws:iam::123456789012:root`). */
export function wholeAccountOf(value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return value;
  const m = /^arn:[^:]+:iam::(\d{12}):root$/.exec(value);
  return m?.[1];
}
