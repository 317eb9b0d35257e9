/**
 * What the analysis reads from a world: its principals, its resources, and every Action or
 * NotAction pattern any of its policies holds.
 */
import { iamArn, isArn } from '../model/index.ts';
import { parseArn, parsePrincipal, referencedManagedPolicies } from '../model/index.ts';
import type { Scenario } from '../model/index.ts';
import type { AnalysisWorld } from './types.ts';
import { isRecord } from '../model/index.ts';

const entries = (v: unknown): [string, unknown][] => (isRecord(v) ? Object.entries(v) : []);

const pathOf = (entity: unknown): string => {
  const p = isRecord(entity) ? entity['path'] : undefined;
  return typeof p === 'string' ? p : '/';
};

/**
 * Every principal of the world, as a request's `principal` names it: users, roles (a session of
 * each), instance profiles, each account's root user, and the identity providers that trust
 * policies name.
 */
export function worldPrincipals(scenario: Scenario): string[] {
  const out = new Set<string>();
  for (const [account, value] of entries(scenario.accounts)) {
    if (!isRecord(value)) continue;
    for (const [name, user] of entries(value['users']))
      out.add(iamArn('aws', account, 'user', pathOf(user), name));
    for (const [name, role] of entries(value['roles']))
      out.add(iamArn('aws', account, 'role', pathOf(role), name));
    for (const [name, profile] of entries(value['instanceProfiles']))
      out.add(iamArn('aws', account, 'instance-profile', pathOf(profile), name));
    out.add(`arn:aws:iam::${account}:root`);
    for (const [, role] of entries(value['roles']))
      for (const provider of federatedIn(isRecord(role) ? role['trust'] : undefined)) {
        const ref = parsePrincipal(provider);
        if (typeof ref !== 'string' && isRecord(scenario.accounts?.[parseArn(provider)!.account]))
          out.add(provider);
      }
  }
  return [...out];
}

/** The identity-provider ARNs a trust policy names under `Principal.Federated`. */
function federatedIn(trust: unknown): string[] {
  const out: string[] = [];
  const raw = isRecord(trust) ? trust['Statement'] : undefined;
  for (const st of Array.isArray(raw) ? raw : [raw]) {
    const principal = isRecord(st) ? st['Principal'] : undefined;
    const federated = isRecord(principal) ? principal['Federated'] : undefined;
    for (const v of Array.isArray(federated) ? federated : [federated])
      if (typeof v === 'string' && /^arn:aws:iam::\d{12}:(oidc|saml)-provider\//.test(v))
        out.push(v);
  }
  return out;
}

/**
 * Every resource of the world: resource entries, users, roles, customer managed policies, the
 * resources its requests name (an object of a bucket, say), and those its policies name without
 * the world holding them (an account imported from `get-account-authorization-details` has no
 * buckets, yet its policies grant on them: their access must be counted, not dropped).
 */
export function worldResources(scenario: Scenario): string[] {
  const out = new Set<string>(Object.keys(scenario.resources ?? {}));
  for (const request of scenario.requests ?? [])
    if (typeof request.resource === 'string' && isArn(request.resource)) out.add(request.resource);
  for (const pattern of resourcesNamed(scenario)) out.add(pattern);
  for (const [account, value] of entries(scenario.accounts)) {
    if (!isRecord(value)) continue;
    for (const [name, user] of entries(value['users']))
      out.add(iamArn('aws', account, 'user', pathOf(user), name));
    for (const [name, role] of entries(value['roles']))
      out.add(iamArn('aws', account, 'role', pathOf(role), name));
    for (const [name] of entries(value['policies']))
      out.add(`arn:aws:iam::${account}:policy/${name}`);
  }
  return [...out];
}

/**
 * The resources the scenario's own policies name in `Resource`: an ARN without wildcards or
 * variables as it is, and the bucket of an S3 object pattern whose bucket name is literal
 * (`arn:aws:s3:::reports/*` names the bucket `reports`, whose objects the analysis then covers).
 */
function resourcesNamed(scenario: Scenario): Set<string> {
  const out = new Set<string>();
  for (const value of patternsIn(scenario, new Set(['Resource']), new Set())) {
    if (!isArn(value)) continue;
    if (!/[*?]|\$\{/.test(value)) out.add(value);
    const bucket = /^arn:aws:s3:::([^/*?$]+)\//.exec(value);
    if (bucket) out.add(`arn:aws:s3:::${bucket[1]}`);
  }
  return out;
}

/** Every string under one of `keys` in the world's policies (the scenario's documents and the AWS managed policies it attaches). */
function patternsUnder(
  world: AnalysisWorld,
  keys: ReadonlySet<string>,
  out: Set<string>,
): Set<string> {
  patternsIn(world.scenario, keys, out);
  for (const arn of referencedManagedPolicies(world.scenario))
    patternsIn(world.catalog.get(arn), keys, out);
  return out;
}

/** Every string under one of `keys` in `node` (a scenario's requests left out). */
function patternsIn(node: unknown, keys: ReadonlySet<string>, out: Set<string>): Set<string> {
  const walk = (value: unknown, key: string | undefined): void => {
    if (typeof value === 'string') {
      if (key !== undefined && keys.has(key)) out.add(value);
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, key);
    } else if (isRecord(value)) {
      for (const [k, v] of Object.entries(value)) if (k !== 'requests') walk(v, k);
    }
  };
  walk(node, undefined);
  return out;
}

/**
 * Every Action and NotAction pattern of the world's policies, lower case. Policies the model
 * adds itself (FullAWSAccess, RCPFullAWSAccess, default key policies) allow `*` or only KMS
 * actions, which the analysis never collapses (classes.ts).
 */
export function actionPatterns(world: AnalysisWorld): Set<string> {
  const found = patternsUnder(world, new Set(['Action', 'NotAction']), new Set());
  return new Set(['*', ...[...found].map((p) => p.toLowerCase())]);
}

/**
 * Every Resource and NotResource pattern of the world's policies, as written. Policies the
 * model adds itself name `*` or only KMS keys, which the analysis never collapses
 * (resource-classes.ts).
 */
export function resourcePatterns(world: AnalysisWorld): Set<string> {
  return patternsUnder(world, new Set(['Resource', 'NotResource']), new Set(['*']));
}
