/**
 * Known, documented divergences between our engine and iam-simulate.
 *
 * Each entry names one behaviour, points to the section of docs/engine-divergences.md that
 * explains it (with the AWS documentation that decides it), and recognises the cases it
 * covers. The differential test compares every other case; a case that a divergence
 * recognises is set aside by that divergence's name and counted, never silently dropped.
 */
import { validatePolicy } from '../../../src/engine/index.ts';
import type { PolicyKind } from '../../../src/engine/types.ts';
import {
  VERSION,
  isEpoch,
  type DiffCase,
  type DiffContextValue,
  type PolicyDoc,
  type StatementDoc,
} from './world.ts';

/**
 * Which engine follows AWS's documentation for a divergence; `neither` when AWS refuses
 * the document outright, so no AWS decision exists to follow.
 */
export type FollowsAws = 'ours' | 'iam-simulate' | 'neither';

export interface Divergence {
  /** Stable name; also the heading in docs/engine-divergences.md. */
  name: string;
  /** True when our engine is the one that departs from AWS: an open bug, set aside until fixed. */
  openBug?: boolean;
  /** One line: what differs. */
  summary: string;
  follows: FollowsAws;
  /** True when the case exercises this divergence, so the two engines may disagree on it. */
  applies(c: DiffCase): boolean;
}

/** Every policy document that applies to a case, with the kind our engine checks it as. */
export function policiesWithKind(c: DiffCase): [PolicyDoc, PolicyKind][] {
  const docs: [PolicyDoc, PolicyKind][] = c.identityPolicies.map((d) => [d, 'identity']);
  if (c.boundary) docs.push([c.boundary, 'boundary']);
  if (c.resourcePolicy) docs.push([c.resourcePolicy, c.resourcePolicyKind ?? 'resource']);
  if (c.sessionPolicy) docs.push([c.sessionPolicy, 'session']);
  for (const level of c.scps ?? []) for (const d of level) docs.push([d, 'scp']);
  for (const level of c.rcps ?? []) for (const d of level) docs.push([d, 'rcp']);
  return docs;
}

/**
 * Errors our validator reports that were checked against AWS's documentation: AWS refuses
 * such a document, and our engine skips the offending statement. Only these codes set a
 * case aside, so a wrong new error in our validator still shows up as a disagreement.
 */
const REVIEWED_REFUSALS = new Set(['duplicate-sid']);

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

/** Who may call the STS operations that hand out credentials ("Compare AWS STS credentials"). */
const STS_CALLERS: Record<string, DiffCase['principal']['kind'][]> = {
  'sts:assumerole': ['user', 'role-session', 'service'],
  'sts:assumerolewithwebidentity': [],
  'sts:assumerolewithsaml': [],
  'sts:getfederationtoken': ['user'],
  'sts:getsessiontoken': ['user'],
  'sts:getcalleridentity': ['user', 'role-session'],
};
/** STS operations that need no permission ("Permissions for GetSessionToken"; GetCallerIdentity). */
const NO_PERMISSION = new Set(['sts:getsessiontoken', 'sts:getcalleridentity']);

export const DIVERGENCES: readonly Divergence[] = [
  {
    name: 'sts-operation-this-caller-cannot-call',
    summary:
      'An anonymous caller (or a role session, or a service) calls an STS operation AWS does not ' +
      'let it call (AssumeRole unsigned, GetSessionToken with temporary credentials), or calls ' +
      'one that needs no permission (GetSessionToken, GetCallerIdentity): we decide without the ' +
      'policies; iam-simulate lets the policies decide.',
    follows: 'ours',
    applies: (c) => {
      const action = c.action.toLowerCase();
      const kinds = Object.hasOwn(STS_CALLERS, action) ? STS_CALLERS[action] : undefined;
      return (
        kinds !== undefined && (!kinds.includes(c.principal.kind) || NO_PERMISSION.has(action))
      );
    },
  },
  {
    name: 'statement-aws-would-refuse',
    summary:
      'A document has an error AWS refuses to store (duplicate Sid): our engine skips the ' +
      'offending statement and shows the error; iam-simulate evaluates it.',
    follows: 'neither',
    applies: (c) =>
      policiesWithKind(c).some(([doc, kind]) =>
        validatePolicy(doc, kind).some(
          (p) => p.severity === 'error' && REVIEWED_REFUSALS.has(p.code),
        ),
      ),
  },
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
  {
    name: 'session-policy-and-resource-policy-naming-the-session',
    summary:
      'In the same account, a resource-based policy allows the role session (or federated user) by its session ARN ' +
      '(or by "*", or by a NotPrincipal that leaves it out): per AWS that grant is not ' +
      'limited by the session policy; iam-simulate ' +
      'limits it anyway.',
    follows: 'ours',
    applies: (c) =>
      (c.principal.kind === 'role-session' || c.principal.kind === 'federated-user') &&
      c.sessionPolicy !== undefined &&
      c.resourceAccount === c.principal.account &&
      c.resourcePolicy !== undefined &&
      statementsOf(c.resourcePolicy).some(
        (s) =>
          s['Effect'] === 'Allow' &&
          (principalNames(s['Principal'], (c.principal as { arn: string }).arn) ||
            // Allow with NotPrincipal that does not exclude the caller grants to it directly too.
            (s['NotPrincipal'] !== undefined && !namesCallerIdentity(s['NotPrincipal'], c))),
      ),
  },
  {
    name: 'notprincipal-naming-part-of-the-caller',
    summary:
      "NotPrincipal lists only part of the caller's identity (its user, role or session ARN " +
      'without the account, or the account alone): we exclude the caller only when the account ' +
      'and the caller are both listed, as AWS checks the account first and then the principal; ' +
      'iam-simulate excludes it when any of them is listed.',
    follows: 'ours',
    applies: (c) =>
      c.resourcePolicy !== undefined &&
      statementsOf(c.resourcePolicy).some(
        (s) => namesCallerIdentity(s['NotPrincipal'], c) && !namesWholeCaller(s['NotPrincipal'], c),
      ),
  },
  {
    name: 'null-on-empty-list',
    summary:
      'A Null condition tests a multivalued key whose value is an empty list: we read the empty ' +
      'list as no value (Null true matches); iam-simulate reads it as present.',
    follows: 'ours',
    applies: (c) =>
      policiesOf(c).some((doc) =>
        statementsOf(doc).some((s) =>
          conditionsOf(s).some(({ operator, key }) => {
            const v = contextValue(c, key);
            return /^Null$/i.test(operator) && Array.isArray(v) && v.length === 0;
          }),
        ),
      ),
  },
  {
    name: 'unresolved-variable-in-notresource',
    summary:
      'A NotResource entry holds a policy variable with no value in the request: per AWS the ' +
      'entry matches no resource, so NotResource excludes nothing and the statement applies; ' +
      'iam-simulate says the statement does not apply (it agrees only by accident, when its ' +
      'split of the ARN cuts through the variable).',
    follows: 'ours',
    applies: (c) =>
      policiesOf(c).some(
        (doc) =>
          doc['Version'] === VERSION &&
          statementsOf(doc).some((s) =>
            ([] as unknown[])
              .concat(s['NotResource'] ?? [])
              .some((r) => hasUnresolvedVariable(c, String(r))),
          ),
      ),
  },
  {
    name: 'unresolved-variable-with-negated-operator',
    summary:
      'A negated String or Arn condition (StringNotEquals, ArnNotLike, ...) on a key the request ' +
      'has compares with a policy variable that has no value: per AWS the negated operator ' +
      'matches the null value; iam-simulate counts that value as not matching.',
    follows: 'ours',
    applies: (c) =>
      policiesOf(c).some(
        (doc) =>
          doc['Version'] === VERSION &&
          statementsOf(doc).some((s) =>
            conditionsOf(s).some(
              ({ operator, key, values }) =>
                /^(ForAnyValue:|ForAllValues:)?(StringNot|ArnNot)/i.test(operator) &&
                contextValue(c, key) !== undefined &&
                values.some((v) => hasUnresolvedVariable(c, v)),
            ),
          ),
      ),
  },
];

/** A NotPrincipal element lists one of the caller's identities: its ARN, its role, or its account. */
function namesCallerIdentity(element: unknown, c: DiffCase): boolean {
  if (!element || typeof element !== 'object') return false;
  const p = c.principal;
  if (p.kind === 'service') {
    const services = ([] as unknown[]).concat(
      (element as Record<string, unknown>)['Service'] ?? [],
    );
    return services.includes(p.serviceName);
  }
  if (p.kind === 'anonymous') return false;
  const ids = [p.arn, p.account, `arn:aws:iam::${p.account}:root`];
  if (p.kind === 'role-session') ids.push(p.roleArn);
  const aws = ([] as unknown[]).concat((element as Record<string, unknown>)['AWS'] ?? []);
  return aws.some((a) => a === '*' || ids.includes(String(a)));
}

/** A NotPrincipal element lists both the caller's own ARN and its account. */
function namesWholeCaller(element: unknown, c: DiffCase): boolean {
  const p = c.principal;
  if (p.kind !== 'user' && p.kind !== 'role-session') return false;
  const aws = ([] as unknown[])
    .concat((element as Record<string, unknown>)['AWS'] ?? [])
    .map(String);
  const account = aws.includes(p.account) || aws.includes(`arn:aws:iam::${p.account}:root`);
  return account && aws.includes(p.arn);
}

/** A Principal element names the given ARN directly or by the wildcard. */
function principalNames(element: unknown, arn: string): boolean {
  if (element === '*') return true;
  if (!element || typeof element !== 'object') return false;
  const aws = (element as Record<string, unknown>)['AWS'];
  return ([] as unknown[]).concat(aws ?? []).some((p) => p === '*' || p === arn);
}

/** `${key}` references without a default (`${key, 'x'}` has one), keys lowercased. */
function variablesWithoutDefault(value: string): string[] {
  return [...value.matchAll(/\$\{([^}]*)\}/g)]
    .map((m) => m[1]!)
    .filter((inner) => !inner.includes(',') && !['*', '?', '$'].includes(inner))
    .map((k) => k.trim().toLowerCase());
}

/** A variable in the value has no single value in the request (absent or multivalued). */
function hasUnresolvedVariable(c: DiffCase, value: string): boolean {
  return variablesWithoutDefault(value).some((k) => {
    const v = contextValue(c, k);
    return v === undefined || Array.isArray(v);
  });
}

/** The name of the first documented divergence a case exercises, if any. */
export function knownDivergence(c: DiffCase): string | undefined {
  return DIVERGENCES.find((d) => d.applies(c))?.name;
}
