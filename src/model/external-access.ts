/**
 * Who outside a resource's account its resource-based policy (a bucket, queue or key policy, a
 * role's trust policy) lets in, statement by statement: the "external access" IAM Access
 * Analyzer reports, with the resource's account as the zone of trust (AWS pages "Access
 * Analyzer findings" and "Review findings": public access, another account, an organization,
 * a federated identity).
 *
 * "Public" is the same test S3 Block Public Access applies (src/engine/s3-public-access.ts,
 * `publicStatements`): a wildcard principal without a condition that pins it to fixed values.
 * A wildcard principal pinned by aws:PrincipalArn is those principals (the ones in the resource's
 * own account are inside the zone of trust); by aws:PrincipalOrgID, the organization; by
 * aws:PrincipalAccount or aws:SourceAccount / aws:SourceOwner, those accounts.
 */
import { publicStatements } from '../engine/index.ts';
import type { JsonPath } from '../engine/index.ts';
import { bucketOf, parseArn } from './arn.ts';
import { resourceOwner } from './owner.ts';
import type { Scenario } from './scenario-types.ts';
import { isRecord } from './own.ts';

export type GranteeKind =
  'public' | 'account' | 'organization' | 'federated' | 'service' | 'principal';

/** One caller outside the zone of trust that one Allow statement admits. */
export interface ExternalGrant {
  kind: GranteeKind;
  /** `*` for public; an account id; an organization id; a provider, service or principal ARN. */
  value: string;
  /** The statement's path inside the policy document. */
  statement: JsonPath;
  sid?: string;
  /** The statement's Action (or NotAction, then `notAction` is true) patterns. */
  actions: string[];
  notAction: boolean;
  /** The condition keys of the statement, as written. */
  conditionKeys: string[];
}

/** A resource-based policy of the world: where it stands, what it governs, whose it is. */
export interface ResourcePolicyRef {
  /** JSON path of the document in the scenario. */
  path: JsonPath;
  /** The resource (bucket, queue, key ARN, or the role's ARN for a trust policy). */
  resource: string;
  kind: 'resource' | 'trust';
  document: unknown;
  /** The account that owns the resource (the zone of trust); absent when the world does not say. */
  account?: string;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const strings = (v: unknown): string[] => list(v).filter((x): x is string => typeof x === 'string');

/** Keys that pin a wildcard principal to accounts or to an organization, lower case. */
const ACCOUNT_KEYS = ['aws:principalaccount', 'aws:sourceaccount', 'aws:sourceowner'];

/** The fixed values a positive condition gives `key` (lower case), if the statement pins it. */
function pinned(condition: unknown, key: string): string[] {
  if (!isRecord(condition)) return [];
  for (const [op, block] of Object.entries(condition)) {
    if (!isRecord(block) || /not|ifexists/i.test(op)) continue;
    for (const [k, v] of Object.entries(block))
      if (k.toLowerCase() === key) return strings(v).filter((s) => !/[*?]|\$\{/.test(s));
  }
  return [];
}

/** The account an AWS principal value names (an account id, a root, a user or role ARN). */
function accountOfPrincipal(value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return value;
  const arn = parseArn(value);
  return arn && /^\d{12}$/.test(arn.account) ? arn.account : undefined;
}

/**
 * The callers outside `account` that the Allow statements of `document` admit, in statement
 * order. A `Principal` naming the account itself (or a principal in it) is inside the zone of
 * trust and not listed.
 */
export function externalGrants(document: unknown, account: string | undefined): ExternalGrant[] {
  if (!isRecord(document)) return [];
  const publicPaths = new Set(publicStatements(document).map((s) => JSON.stringify(s.path)));
  const raw = document['Statement'];
  const statements: [unknown, JsonPath][] = Array.isArray(raw)
    ? raw.map((s, i) => [s, ['Statement', i]])
    : [[raw, ['Statement']]];
  const out: ExternalGrant[] = [];
  for (const [st, path] of statements) {
    if (!isRecord(st) || st['Effect'] !== 'Allow') continue;
    const notAction = Object.hasOwn(st, 'NotAction');
    const base = {
      statement: path,
      ...(typeof st['Sid'] === 'string' ? { sid: st['Sid'] } : {}),
      actions: strings(notAction ? st['NotAction'] : st['Action']),
      notAction,
      conditionKeys: isRecord(st['Condition'])
        ? Object.values(st['Condition']).flatMap((b) => (isRecord(b) ? Object.keys(b) : []))
        : [],
    };
    const add = (kind: GranteeKind, value: string) => {
      if (!out.some((g) => g.statement === path && g.kind === kind && g.value === value))
        out.push({ kind, value, ...base });
    };
    if (publicPaths.has(JSON.stringify(path))) {
      add('public', '*');
      continue;
    }
    const principal = st['Principal'];
    const values: [string, string][] =
      principal === '*'
        ? [['AWS', '*']]
        : isRecord(principal)
          ? Object.entries(principal).flatMap(([type, v]) =>
              strings(v).map((s): [string, string] => [type, s]),
            )
          : [];
    for (const [type, value] of values) {
      if (type === 'Service') add('service', value);
      else if (type === 'Federated') add('federated', value);
      else if (type === 'CanonicalUser') add('principal', value);
      else if (/[*?]/.test(value)) {
        // A wildcard the condition pins (publicStatements found it not public). Pinned principal
        // ARNs are the narrowest: only they get in, whatever the other keys also require.
        const arns = pinned(st['Condition'], 'aws:principalarn');
        if (arns.length > 0) {
          for (const arn of arns) if (accountOfPrincipal(arn) !== account) add('principal', arn);
          continue;
        }
        const orgs = pinned(st['Condition'], 'aws:principalorgid');
        const accounts = ACCOUNT_KEYS.flatMap((k) => pinned(st['Condition'], k));
        for (const org of orgs) add('organization', org);
        for (const a of accounts) if (a !== account) add('account', a);
        if (orgs.length === 0 && accounts.length === 0) add('principal', value);
      } else {
        const owner = accountOfPrincipal(value);
        if (owner !== undefined && owner === account) continue;
        if (owner !== undefined && (/^\d{12}$/.test(value) || value.endsWith(':root')))
          add('account', owner);
        else add('principal', value);
      }
    }
  }
  return out;
}

/** Every bucket, queue, key or other resource policy of the world, and every role's trust policy. */
export function resourcePolicies(scenario: Scenario): ResourcePolicyRef[] {
  const out: ResourcePolicyRef[] = [];
  for (const [resource, entry] of Object.entries(scenario.resources ?? {})) {
    if (!isRecord(entry) || entry['policy'] === undefined || entry['policy'] === null) continue;
    const account = resourceOwner(scenario, resource).account;
    out.push({
      path: ['resources', resource, 'policy'],
      resource,
      kind: 'resource',
      document: entry['policy'],
      ...(account !== undefined ? { account } : {}),
    });
  }
  for (const [account, value] of Object.entries(scenario.accounts ?? {})) {
    if (!isRecord(value) || !isRecord(value['roles'])) continue;
    for (const [name, role] of Object.entries(value['roles'])) {
      if (!isRecord(role) || role['trust'] === undefined) continue;
      const path = typeof role['path'] === 'string' ? role['path'] : '/';
      out.push({
        path: ['accounts', account, 'roles', name, 'trust'],
        resource: `arn:aws:iam::${account}:role${path}${name}`,
        kind: 'trust',
        document: role['trust'],
        account,
      });
    }
  }
  return out;
}

/** The resource-based policy that governs `resource` (an object's is its bucket's), if any. */
export function resourcePolicyFor(
  scenario: Scenario,
  resource: string,
): ResourcePolicyRef | undefined {
  const all = resourcePolicies(scenario);
  const target = bucketOf(resource) ?? resource;
  return all.find((p) => p.resource === target);
}
