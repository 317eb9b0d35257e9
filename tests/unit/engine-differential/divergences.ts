/**
 * Known, documented divergences between our engine and iam-simulate.
 *
 * Each entry names one behaviour, points to the section of docs/engine-divergences.md that
 * explains it (with the AWS documentation that decides it), and recognises the cases it
 * covers. The differential test compares every other case; a case that a divergence
 * recognises is set aside by that divergence's name and counted, never silently dropped.
 */
import {
  VERSION,
  isEpoch,
  type DiffCase,
  type DiffContextValue,
  type PolicyDoc,
  type StatementDoc,
} from './world.ts';

/** Which engine follows AWS's documentation for a divergence. */
export type FollowsAws = 'ours' | 'iam-simulate';

export interface Divergence {
  /** Stable name; also the heading in docs/engine-divergences.md. */
  name: string;
  /** One line: what differs. */
  summary: string;
  follows: FollowsAws;
  /** True when the case exercises this divergence, so the two engines may disagree on it. */
  applies(c: DiffCase): boolean;
}

/** Every policy document that applies to a case. */
export function policiesOf(c: DiffCase): PolicyDoc[] {
  const docs: PolicyDoc[] = [...c.identityPolicies];
  if (c.boundary) docs.push(c.boundary);
  if (c.resourcePolicy) docs.push(c.resourcePolicy);
  if (c.sessionPolicy) docs.push(c.sessionPolicy);
  for (const level of c.scps ?? []) docs.push(...level);
  for (const level of c.rcps ?? []) docs.push(...level);
  return docs;
}

/** The statements of a document, whether Statement is a list or a single object. */
export function statementsOf(doc: PolicyDoc): StatementDoc[] {
  const s = doc['Statement'];
  if (Array.isArray(s)) return s as StatementDoc[];
  return s && typeof s === 'object' ? [s as StatementDoc] : [];
}

/** A context value by key, compared case-insensitively as AWS does. */
export function contextValue(c: DiffCase, key: string): DiffContextValue | undefined {
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(c.context)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** Every (operator, key, values) condition in a statement. */
function conditionsOf(
  statement: StatementDoc,
): { operator: string; key: string; values: string[] }[] {
  const block = statement['Condition'];
  if (!block || typeof block !== 'object') return [];
  const out: { operator: string; key: string; values: string[] }[] = [];
  for (const [operator, byKey] of Object.entries(
    block as Record<string, Record<string, unknown>>,
  )) {
    for (const [key, values] of Object.entries(byKey)) {
      out.push({ operator, key, values: ([] as unknown[]).concat(values).map(String) });
    }
  }
  return out;
}

export const DIVERGENCES: readonly Divergence[] = [
  {
    name: 'date-epoch-against-iso',
    summary:
      'A Date condition compares a date written in epoch seconds with one written in ISO 8601: ' +
      'iam-simulate compares seconds with milliseconds.',
    follows: 'ours',
    applies: (c) =>
      policiesOf(c).some((doc) =>
        statementsOf(doc).some((s) =>
          conditionsOf(s).some(({ operator, key, values }) => {
            if (!/^(ForAnyValue:|ForAllValues:)?Date/i.test(operator)) return false;
            const inRequest = contextValue(c, key);
            if (inRequest === undefined) return false;
            const requestForms = ([] as string[]).concat(inRequest).map(isEpoch);
            return values.some((v) => requestForms.some((epoch) => epoch !== isEpoch(v)));
          }),
        ),
      ),
  },
  {
    name: 'variables-need-version-2012-10-17',
    summary:
      'A policy without "Version": "2012-10-17" contains ${...}: we read it as literal text, ' +
      'iam-simulate substitutes the variable anyway.',
    follows: 'ours',
    applies: (c) =>
      policiesOf(c).some((doc) => doc['Version'] !== VERSION && JSON.stringify(doc).includes('${')),
  },
];

/** The name of the first documented divergence a case exercises, if any. */
export function knownDivergence(c: DiffCase): string | undefined {
  return DIVERGENCES.find((d) => d.applies(c))?.name;
}
