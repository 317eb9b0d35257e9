/**
 * Suggestions the request builder and the explorer offer, read from the scenario: who can make
 * a request, what it can be made on, and which policies can be attached where.
 */
import {
  accountIds,
  accountParts,
  namesIn,
  resourceArns,
  reusingLast,
  type ScenarioDocument,
} from '../../model/index.ts';
import { getIn, isArn, isObject } from '../../model/index.ts';

/** A suggestion with a human label. */
export interface Candidate {
  value: string;
  label: string;
}

/** Service principals learners meet most, for requests made by AWS services. */
export const SERVICE_PRINCIPALS = [
  'ec2.amazonaws.com',
  'lambda.amazonaws.com',
  's3.amazonaws.com',
  'cloudtrail.amazonaws.com',
  'sns.amazonaws.com',
];

function pathOf(scenario: ScenarioDocument, account: string, kind: string, name: string): string {
  const path = getIn(scenario, ['accounts', account, kind, name, 'path']);
  return typeof path === 'string' && path.startsWith('/') && path.endsWith('/') ? path : '/';
}

/**
 * Every principal the world offers: users, roles, instance profiles, account roots, services,
 * anonymous. Worked out again only when the identities change (not on a keystroke in a policy).
 */
export const principalCandidates = reusingLast(
  (scenario: ScenarioDocument) => accountParts(scenario, ['users', 'roles', 'instanceProfiles']),
  principalsOf,
);

function principalsOf(scenario: ScenarioDocument): Candidate[] {
  const out: Candidate[] = [];
  for (const account of accountIds(scenario)) {
    for (const user of namesIn(scenario, account, 'users')) {
      out.push({
        value: `arn:aws:iam::${account}:user${pathOf(scenario, account, 'users', user)}${user}`,
        label: `user ${user} (${account})`,
      });
    }
    for (const role of namesIn(scenario, account, 'roles')) {
      out.push({
        value: `arn:aws:iam::${account}:role${pathOf(scenario, account, 'roles', role)}${role}`,
        label: `session of role ${role} (${account})`,
      });
    }
    for (const profile of namesIn(scenario, account, 'instanceProfiles')) {
      out.push({
        value: `arn:aws:iam::${account}:instance-profile${pathOf(scenario, account, 'instanceProfiles', profile)}${profile}`,
        label: `EC2 instance with profile ${profile} (${account})`,
      });
    }
    out.push({ value: `arn:aws:iam::${account}:root`, label: `root user of ${account}` });
  }
  for (const service of SERVICE_PRINCIPALS) out.push({ value: service, label: 'AWS service' });
  out.push({ value: 'anonymous', label: 'unauthenticated caller' });
  return unique(out);
}

/**
 * Resources the world names: its resource entries (and, for buckets, an object inside) and its
 * roles. Worked out again only when those change.
 */
export const resourceCandidates = reusingLast(
  (scenario: ScenarioDocument) => [scenario['resources'], ...accountParts(scenario, ['roles'])],
  resourcesOf,
);

function resourcesOf(scenario: ScenarioDocument): Candidate[] {
  const out: Candidate[] = [];
  for (const arn of resourceArns(scenario)) {
    out.push({ value: arn, label: 'resource' });
    if (/^arn:aws:s3:::[^/]+$/.test(arn))
      out.push({ value: `${arn}/example.txt`, label: 'object in the bucket' });
  }
  for (const account of accountIds(scenario)) {
    for (const role of namesIn(scenario, account, 'roles')) {
      out.push({
        value: `arn:aws:iam::${account}:role${pathOf(scenario, account, 'roles', role)}${role}`,
        label: 'role (for sts:AssumeRole)',
      });
    }
  }
  return unique(out);
}

/**
 * How many suggestions a field's list offers at once. A world imported from a real account
 * holds tens of thousands of resources: a list of them all took the page more than a second to
 * build (a 23.5 MB world opened from the library), and the browser filtered it on every key.
 */
export const OPTIONS_LIMIT = 50;

/**
 * The first `limit` items whose text (`textOf`) contains what is typed, ignoring case and the
 * white space around it: what a field's suggestion list shows while the user types.
 */
export function firstMatching<T>(
  items: readonly T[],
  typed: string,
  textOf: (item: T) => string,
  limit = OPTIONS_LIMIT,
): T[] {
  const wanted = typed.trim().toLowerCase();
  if (wanted === '') return items.slice(0, limit);
  const out: T[] = [];
  for (const item of items) {
    if (out.length === limit) break;
    if (textOf(item).toLowerCase().includes(wanted)) out.push(item);
  }
  return out;
}

/** The candidates to suggest while `typed` is in the field: value or label contains it. */
export function candidatesMatching(candidates: readonly Candidate[], typed: string): Candidate[] {
  return firstMatching(candidates, typed, (c) => `${c.value}\n${c.label}`);
}

/** Drops later candidates with a value already offered. */
function unique(candidates: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return candidates.filter((c) => !seen.has(c.value) && seen.add(c.value) !== undefined);
}

/** Customer managed policies of an account, as references (names) that can be attached. */
export function attachablePolicies(scenario: ScenarioDocument, account: string): Candidate[] {
  return namesIn(scenario, account, 'policies').map((name) => ({ value: name, label: name }));
}

/** The account a principal string belongs to, if it names one. */
export function principalAccount(principal: string): string | undefined {
  return /^arn:aws:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

/** A short name for a policy reference: the policy name of an ARN, or the name itself. */
export function policyRefLabel(ref: string): string {
  if (ref.startsWith('arn:aws:iam::aws:policy/'))
    return `${ref.split('/').pop() ?? ref} (AWS managed)`;
  if (isArn(ref)) return ref.split('/').pop() ?? ref;
  return ref;
}

/** The access key ids of the user a principal ARN names (none for other principals). */
export function principalAccessKeys(scenario: ScenarioDocument, principal: string): string[] {
  const match = /^arn:aws:iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/.exec(principal);
  if (!match) return [];
  const keys = getIn(scenario, ['accounts', match[1] ?? '', 'users', match[2] ?? '', 'accessKeys']);
  if (!Array.isArray(keys)) return [];
  return keys.flatMap((k) => (isObject(k) && typeof k['id'] === 'string' ? [k['id']] : []));
}
