/**
 * Redaction: a scenario with its account ids and names (users, groups, roles, managed and inline
 * policies, instance profiles, buckets and other resources, access points, SCPs and RCPs, OUs,
 * account names) replaced by placeholders, so a user can hand a reproduction to a colleague
 * without showing their layout.
 *
 * The replacement is consistent: each name gets one placeholder wherever it stands (entry keys,
 * references, ARNs in policies, trust policies, conditions, requests, tags, context), and the same
 * input always gives the same placeholders (numbered in the order they are met). So the redacted
 * world decides every request exactly as the original (tests/unit/model/redact.property.test.ts).
 * What stays: AWS managed policy ARNs, service principals, actions, condition keys, tag keys,
 * Regions, organization and endpoint ids, paths.
 *
 * A name is kept (and reported with the reason) where replacing it could change a decision: a
 * wildcard pattern that matches it (`ali*` matches `alice` but not its placeholder), or the same
 * word in another case (`ALICE` compares equal to `alice` ignoring case), or a key of tags,
 * context or conditions, which stay as they are.
 */
import { isArn } from './arn.ts';
import { ouIdFor } from './org-paths.ts';
import { canonicalIdOf } from './s3-acl.ts';
import type { Organization, ScenarioDocument } from './scenario-types.ts';

/** What a name is, for its placeholder: `user-1`, `bucket-2`, `100000000001`, … */
export type RedactedKind =
  | 'account'
  | 'account-name'
  | 'user'
  | 'group'
  | 'role'
  | 'policy'
  | 'inline-policy'
  | 'instance-profile'
  | 'access-point'
  | 'org-policy'
  | 'ou'
  | 'bucket'
  | 'resource';

export interface Redaction {
  /** The redacted copy (the input is left untouched). */
  scenario: ScenarioDocument;
  /** Every name replaced, with its placeholder, in the order met. */
  replaced: { kind: RedactedKind; from: string; to: string }[];
  /** Names left as they are, and why. */
  kept: { kind: RedactedKind; name: string; reason: string }[];
}

/** Words that stand for kinds of things in ARNs and documents, never redacted. */
const RESERVED = new Set([
  'aws',
  'arn',
  'root',
  'user',
  'role',
  'group',
  'policy',
  'instance-profile',
  'assumed-role',
  'federated-user',
  'mfa',
  'oidc-provider',
  'saml-provider',
  '*',
  'FullAWSAccess',
  'RCPFullAWSAccess',
]);

/** Values never rewritten: they name kinds, actions, services or settings, not the world's things. */
const FIXED_VALUES = new Set([
  '$schema',
  'format',
  'version',
  'Version',
  'Effect',
  'Action',
  'NotAction',
  'Service',
  'action',
  'expect',
  'permission',
  'keyManager',
  'objectOwnership',
  'operations',
  'service',
  'region',
  'transitiveTagKeys',
  'path',
]);

/** Values that are free text: names in them are replaced as words. */
const FREE_TEXT = new Set(['title', 'description', 'id', 'Sid', 'name']);

/** Maps keyed by names (outside policy documents): their keys are redacted. */
const NAMED_MAPS = new Set([
  'accounts',
  'users',
  'groups',
  'roles',
  'policies',
  'inline',
  'instanceProfiles',
  'accessPoints',
  'ous',
  'resources',
]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isPolicyDocument = (v: unknown): boolean => isObject(v) && 'Statement' in v;
const SEGMENTS = /([/:])/;
const ACCOUNT_ID = /^\d{12}$/;

/** Redacts a scenario document (any JSON object; a half-typed one is redacted as far as it goes). */
export function redactScenario(input: ScenarioDocument): Redaction {
  const doc = withOuIds(input);
  const found = collectNames(doc);
  const { words, protectedWords } = collectWords(doc);

  // Names a wildcard or another-case spelling reaches, or that are also keys, stay.
  const kept: Redaction['kept'] = [];
  const keptNames = new Set<string>();
  const keep = (name: string, kind: RedactedKind, reason: string) => {
    if (keptNames.has(name)) return;
    keptNames.add(name);
    kept.push({ kind, name, reason });
  };
  const patterns = [...words].filter((w) => /[*?]/.test(w) && w !== '*').map((w) => [w, glob(w)]);
  const byLowerCase = new Map<string, string[]>();
  for (const w of words) {
    const lower = w.toLowerCase();
    byLowerCase.set(lower, [...(byLowerCase.get(lower) ?? []), w]);
  }
  for (const [name, kind] of found) {
    if (protectedWords.has(name)) {
      keep(name, kind, 'it is also a key of tags, context or a condition, which stay as they are');
      continue;
    }
    const pattern = patterns.find(([, re]) => (re as RegExp).test(name));
    if (pattern) {
      keep(name, kind, `the pattern "${pattern[0] as string}" matches it`);
      continue;
    }
    const other = (byLowerCase.get(name.toLowerCase()) ?? []).find((w) => w !== name);
    if (other !== undefined) keep(name, kind, `"${other}" is the same word in another case`);
  }

  // Placeholders: per kind, numbered in order, never a word the document already has.
  const map = new Map<string, string>();
  const replaced: Redaction['replaced'] = [];
  const counters = new Map<RedactedKind, number>();
  const taken = new Set([...words, ...found.keys()]);
  for (const [name, kind] of found) {
    if (keptNames.has(name)) continue;
    let to: string;
    do {
      const n = (counters.get(kind) ?? 0) + 1;
      counters.set(kind, n);
      to = placeholder(kind, n);
    } while (taken.has(to));
    taken.add(to);
    map.set(name, to);
    replaced.push({ kind, from: name, to });
    // An account's canonical user id (S3 ACLs) follows its account id.
    if (kind === 'account') map.set(canonicalIdOf(name), canonicalIdOf(to));
  }

  const text = freeTextReplacer(replaced);
  const rewriteArn = (arn: string): string => {
    const parts = arn.split(':');
    if (parts.length < 6) return rewriteSegments(arn, map);
    const [, , service, region, account] = parts;
    // AWS managed policies (`arn:aws:iam::aws:policy/…`) stay as they are.
    if (account === 'aws') return arn;
    const resource = parts.slice(5).join(':').split(SEGMENTS);
    // The first part of the resource names a kind (`role/…`, `key/…`, `function:…`), except an
    // S3 bucket's name and a resource with one part (an SQS queue, an SNS topic).
    const typed =
      service === 'iam' ||
      service === 'sts' ||
      (resource.length > 1 && !(service === 's3' && region === '' && account === ''));
    const mapped = resource.map((s, i) => (i === 0 && typed ? s : (map.get(s) ?? s)));
    return [...parts.slice(0, 4), map.get(account!) ?? account, mapped.join('')].join(':');
  };
  const value = (s: string): string => (isArn(s) ? rewriteArn(s) : rewriteSegments(s, map));

  const walk = (node: unknown, key: string | undefined, inPolicy: boolean): unknown => {
    if (typeof node === 'string') {
      if (key !== undefined && FIXED_VALUES.has(key)) return node;
      if (key !== undefined && FREE_TEXT.has(key)) return text(node);
      return value(node);
    }
    if (Array.isArray(node)) return node.map((item) => walk(item, key, inPolicy));
    if (!isObject(node)) return node;
    const policy = inPolicy || isPolicyDocument(node);
    const named = !policy && key !== undefined && NAMED_MAPS.has(key);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      const newKey = named ? value(k) : k;
      out[newKey] = walk(v, named ? undefined : k, policy);
    }
    return out;
  };
  return { scenario: walk(doc, undefined, false) as ScenarioDocument, replaced, kept };
}

function placeholder(kind: RedactedKind, n: number): string {
  if (kind === 'account') return String(100_000_000_000 + n);
  return `${kind}-${n}`;
}

/** `text` with each of its parts between `/` and `:` that is a redacted name replaced. */
function rewriteSegments(text: string, map: ReadonlyMap<string, string>): string {
  if (map.size === 0) return text;
  const parts = text.split(SEGMENTS);
  return parts.length === 1 ? (map.get(text) ?? text) : parts.map((s) => map.get(s) ?? s).join('');
}

/** Replaces redacted names that stand as words (not inside a longer word) in free text. */
function freeTextReplacer(replaced: Redaction['replaced']): (text: string) => string {
  if (replaced.length === 0) return (t) => t;
  const to = new Map(replaced.map((r) => [r.from, r.to]));
  // Free text decides nothing: a name in another case ("Alice" for alice) is replaced too.
  const lower = new Map<string, string>();
  for (const r of replaced)
    if (!lower.has(r.from.toLowerCase())) lower.set(r.from.toLowerCase(), r.to);
  const names = [...to.keys()].sort((a, b) => b.length - a.length);
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`(?<![A-Za-z0-9])(?:${escaped.join('|')})(?![A-Za-z0-9])`, 'gi');
  return (text) => text.replace(re, (m) => to.get(m) ?? lower.get(m.toLowerCase()) ?? m);
}

/** An IAM wildcard pattern (`*`, `?`) as a whole-string regular expression. */
function glob(pattern: string): RegExp {
  const body = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

/**
 * Every OU without an `id` gets the one derived from its names (org-paths.ts), so renaming the OU
 * keeps its id, and with it `aws:PrincipalOrgPaths` and `aws:ResourceOrgPaths`.
 */
function withOuIds(doc: ScenarioDocument): ScenarioDocument {
  const org = doc['organization'];
  if (!isObject(org) || !isObject(org['root'])) return doc;
  const organization = org as Organization;
  const fill = (node: Record<string, unknown>, names: string[]): Record<string, unknown> => {
    const ous = node['ous'];
    if (!isObject(ous)) return node;
    const next: Record<string, unknown> = {};
    for (const [name, child] of Object.entries(ous)) {
      if (!isObject(child)) {
        next[name] = child;
        continue;
      }
      const path = [...names, name];
      const filled = fill(child, path);
      next[name] =
        typeof filled['id'] === 'string' ? filled : { ...filled, id: ouIdFor(organization, path) };
    }
    return { ...node, ous: next };
  };
  return { ...doc, organization: { ...org, root: fill(org['root'], []) } };
}

/** The world's names, each with its kind (the first it is met as), in document order. */
function collectNames(doc: ScenarioDocument): Map<string, RedactedKind> {
  const found = new Map<string, RedactedKind>();
  const add = (name: unknown, kind: RedactedKind) => {
    if (typeof name !== 'string' || name === '' || RESERVED.has(name) || /[*?$]/.test(name)) return;
    if (kind === 'account' ? !ACCOUNT_ID.test(name) : ACCOUNT_ID.test(name)) return;
    if (!found.has(name)) found.set(name, kind);
  };
  const keysOf = (v: unknown): string[] => (isObject(v) ? Object.keys(v) : []);
  const accounts = doc['accounts'];
  for (const id of keysOf(accounts)) add(id, 'account');
  const org = doc['organization'];
  if (isObject(org)) {
    add(org['managementAccount'], 'account');
    const visit = (node: unknown) => {
      if (!isObject(node)) return;
      for (const id of keysOf(node['accounts'])) add(id, 'account');
      for (const [name, child] of Object.entries(isObject(node['ous']) ? node['ous'] : {})) {
        add(name, 'ou');
        visit(child);
      }
    };
    visit(org['root']);
    for (const name of keysOf(org['policies'])) add(name, 'org-policy');
  }
  for (const account of Object.values(isObject(accounts) ? accounts : {})) {
    if (!isObject(account)) continue;
    add(account['name'], 'account-name');
    for (const name of keysOf(account['users'])) add(name, 'user');
    for (const name of keysOf(account['groups'])) add(name, 'group');
    for (const name of keysOf(account['roles'])) add(name, 'role');
    for (const name of keysOf(account['policies'])) add(name, 'policy');
    for (const name of keysOf(account['instanceProfiles'])) add(name, 'instance-profile');
    for (const name of keysOf(account['accessPoints'])) add(name, 'access-point');
    for (const holder of ['users', 'groups', 'roles'])
      for (const entry of Object.values(isObject(account[holder]) ? account[holder] : {}))
        if (isObject(entry)) for (const name of keysOf(entry['inline'])) add(name, 'inline-policy');
  }
  for (const arn of keysOf(doc['resources'])) {
    const parts = arn.split(':');
    if (parts.length < 6 || parts[2] === 'iam' || parts[2] === 'sts') continue;
    add(parts[4], 'account');
    const resource = parts.slice(5).join(':').split(/[/:]/);
    if (parts[2] === 's3' && parts[3] === '' && parts[4] === '') add(resource[0], 'bucket');
    else add(resource.length > 1 ? resource[resource.length - 1] : resource[0], 'resource');
  }
  return found;
}

/**
 * Every part (between `/` and `:`) of every string the redaction may rewrite, and every part of
 * the keys it never rewrites (tag keys, context keys, condition keys and operators).
 */
function collectWords(doc: ScenarioDocument): { words: Set<string>; protectedWords: Set<string> } {
  const words = new Set<string>();
  const protectedWords = new Set<string>();
  const split = (s: string, into: Set<string>) => {
    for (const part of s.split(/[/:]/)) into.add(part);
  };
  const walk = (node: unknown, key: string | undefined, inPolicy: boolean) => {
    if (typeof node === 'string') {
      if (key === undefined || (!FIXED_VALUES.has(key) && !FREE_TEXT.has(key))) split(node, words);
      if (key === 'transitiveTagKeys') split(node, protectedWords);
      return;
    }
    if (Array.isArray(node)) {
      for (const item of node) walk(item, key, inPolicy);
      return;
    }
    if (!isObject(node)) return;
    const policy = inPolicy || isPolicyDocument(node);
    const named = !policy && key !== undefined && NAMED_MAPS.has(key);
    for (const [k, v] of Object.entries(node)) {
      split(k, named ? words : protectedWords);
      walk(v, named ? undefined : k, policy);
    }
  };
  walk(doc, undefined, false);
  return { words, protectedWords };
}
