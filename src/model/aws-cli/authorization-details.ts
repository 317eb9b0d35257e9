/**
 * Reads what `aws iam get-account-authorization-details` prints (the API's
 * GetAccountAuthorizationDetails response) into the scenario format's `accounts`.
 *
 * Accepted as the CLI prints it (policy documents as JSON objects) and as the raw API returns it
 * (documents as URL-encoded JSON text); several pages of one account (`IsTruncated`/`Marker`) and
 * several accounts' dumps merge into one world. What the scenario format cannot hold is listed in
 * the notes, never dropped silently; a malformed part is a problem naming the file and its JSON
 * path, and then nothing is imported (the caller keeps the user's work).
 *
 * Field names follow the IAM API reference: "GetAccountAuthorizationDetails", "UserDetail",
 * "GroupDetail", "RoleDetail", "ManagedPolicyDetail", "PolicyVersion", "InstanceProfile".
 */
import { isAccountId, parseArn } from '../arn.ts';
import { counted, Located, text, type DumpFile, type DumpProblem, type Path } from './located.ts';

export type { DumpFile, DumpProblem } from './located.ts';
import { setOwn } from '../json-text.ts';
import { getOwn, isRecord } from '../own.ts';
import { SCENARIO_FORMAT, SCENARIO_VERSION } from '../scenario-types.ts';

/** The response's lists: a JSON object with at least one of them is a dump. */
const LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;
/** The response's other top-level fields: the API's paging, and the CLI's (`--max-items`). */
const PAGING = ['IsTruncated', 'Marker', 'NextToken'] as const;

export type DumpImport =
  | {
      ok: true;
      /** A scenario (format version 1) holding the accounts read. */
      scenario: Record<string, unknown>;
      /** The account ids read, in order of first appearance. */
      accounts: string[];
      /** What the scenario format does not keep, or what was merged; one sentence each. */
      notes: string[];
    }
  | { ok: false; problems: DumpProblem[] };

/** True for a value that looks like GetAccountAuthorizationDetails output (and not a scenario). */
export function isAuthorizationDetails(value: unknown): boolean {
  if (!isRecord(value) || Object.hasOwn(value, 'format')) return false;
  if (!LISTS.some((list) => Array.isArray(getOwn(value, list)))) return false;
  // `aws organizations list-policies` prints a `Policies` list too, of policy summaries.
  const policies = getOwn(value, 'Policies');
  return !(
    LISTS.every((list) => list === 'Policies' || getOwn(value, list) === undefined) &&
    Array.isArray(policies) &&
    policies.some((p) => /^p-/.test(String(getOwn(p, 'Id'))))
  );
}

type Json = Record<string, unknown>;

/** The scenario's accounts as they are built: plain objects written with `setOwn` only. */
class Builder extends Located {
  readonly accounts: Json = {};
  readonly order: string[] = [];
  /** Counts for notes, by sentence (filled in when the count is known). */
  readonly counts = new Map<string, number>();
  readonly notes: string[] = [];
  /** Where each entity was read from, to say which of two copies was kept. */
  readonly seen = new Map<string, string>();

  tally(sentence: string, n = 1): void {
    this.counts.set(sentence, (this.counts.get(sentence) ?? 0) + n);
  }

  account(id: string): Json {
    let account = getOwn(this.accounts, id);
    if (!isRecord(account)) {
      account = {};
      setOwn(this.accounts, id, account);
      this.order.push(id);
    }
    return account as Json;
  }

  /** The `kind` map of an account (users, groups, roles, policies, instanceProfiles). */
  table(accountId: string, kind: string): Json {
    const account = this.account(accountId);
    let table = getOwn(account, kind);
    if (!isRecord(table)) {
      table = {};
      setOwn(account, kind, table);
    }
    return table as Json;
  }

  /** Puts an entity in its table; a second copy replaces the first, with a note. */
  put(accountId: string, kind: string, name: string, entity: unknown, noun: string): void {
    const key = `${accountId}\u0000${kind}\u0000${name}`;
    const earlier = this.seen.get(key);
    if (earlier !== undefined)
      this.notes.push(
        `The ${noun} ${name} of account ${accountId} is in ${earlier} and in ${this.file.name}; the copy in ${this.file.name} is kept.`,
      );
    this.seen.set(key, this.file.name);
    setOwn(this.table(accountId, kind), name, entity);
  }
}

/** The account and IAM path of an entity's ARN (`arn:aws:iam::A:role/PATH/NAME`). */
function entityArn(b: Builder, item: Json, path: Path, kind: string): string | undefined {
  const arn = parseArn(text(getOwn(item, 'Arn')) ?? '');
  if (!arn || arn.service !== 'iam' || !arn.resource.startsWith(`${kind}/`)) {
    b.problem([...path, 'Arn'], `Expected the ${kind}'s ARN (arn:aws:iam::ACCOUNT:${kind}/NAME).`);
    return undefined;
  }
  if (!isAccountId(arn.account)) {
    b.problem([...path, 'Arn'], `The ARN's account "${arn.account}" is not a 12-digit account id.`);
    return undefined;
  }
  return arn.account;
}

/**
 * A policy document as the CLI prints it (an object) or as the API returns it (URL-encoded JSON
 * text, "IAM API reference: policy documents are URL-encoded").
 */
function policyDocument(b: Builder, raw: unknown, path: Path): unknown {
  if (isRecord(raw)) return raw;
  if (typeof raw !== 'string') {
    b.problem(path, 'Expected a policy document (a JSON object or URL-encoded JSON text).');
    return undefined;
  }
  let source = raw;
  if (/%[0-9a-f]{2}/i.test(raw)) {
    try {
      source = decodeURIComponent(raw);
    } catch {
      b.problem(path, 'The policy document is not valid URL-encoded text.');
      return undefined;
    }
  }
  try {
    const parsed: unknown = JSON.parse(source);
    if (isRecord(parsed)) return parsed;
  } catch {
    // reported below
  }
  b.problem(path, 'The policy document is not a JSON object, neither as text nor URL-decoded.');
  return undefined;
}

/**
 * A managed policy ARN as the scenario refers to it: a customer managed policy of the same
 * account by its name (names are unique in an account, whatever the path), anything else as
 * its ARN (AWS managed policies resolve against the shipped catalog).
 */
function policyReference(arn: string, accountId: string): string {
  const parsed = parseArn(arn);
  if (
    parsed?.service === 'iam' &&
    parsed.account === accountId &&
    parsed.resource.startsWith('policy/')
  )
    return parsed.resource.slice(parsed.resource.lastIndexOf('/') + 1);
  return arn;
}

function list(b: Builder, item: Json, key: string, path: Path): Json[] {
  const value = getOwn(item, key);
  if (value === undefined || value === null) return [];
  // One object where a list belongs: AWS's own example output prints a group's single attached
  // policy that way, so it is read as a list of one.
  if (isRecord(value)) return [value];
  if (!Array.isArray(value)) {
    b.problem([...path, key], `Expected a list.`);
    return [];
  }
  const out: Json[] = [];
  value.forEach((entry, i) => {
    if (isRecord(entry)) out.push(entry);
    else b.problem([...path, key, i], 'Expected an object.');
  });
  return out;
}

/** `AttachedManagedPolicies` as scenario references. */
function attached(b: Builder, item: Json, path: Path, accountId: string): string[] {
  const refs: string[] = [];
  list(b, item, 'AttachedManagedPolicies', path).forEach((policy, i) => {
    const arn = text(getOwn(policy, 'PolicyArn'));
    if (arn) refs.push(policyReference(arn, accountId));
    else b.problem([...path, 'AttachedManagedPolicies', i, 'PolicyArn'], 'Expected a policy ARN.');
  });
  return refs;
}

/** An inline policy list (`UserPolicyList`, `GroupPolicyList`, `RolePolicyList`) by name. */
function inline(b: Builder, item: Json, key: string, path: Path): Json {
  const out: Json = {};
  list(b, item, key, path).forEach((policy, i) => {
    const name = text(getOwn(policy, 'PolicyName'));
    if (!name) return b.problem([...path, key, i, 'PolicyName'], 'Expected a policy name.');
    const document = policyDocument(b, getOwn(policy, 'PolicyDocument'), [
      ...path,
      key,
      i,
      'PolicyDocument',
    ]);
    if (document !== undefined) setOwn(out, name, document);
  });
  return out;
}

function tags(b: Builder, item: Json, path: Path): Json {
  const out: Json = {};
  list(b, item, 'Tags', path).forEach((tag, i) => {
    const key = getOwn(tag, 'Key');
    const value = getOwn(tag, 'Value');
    if (typeof key !== 'string' || typeof value !== 'string')
      return b.problem([...path, 'Tags', i], 'Expected a tag {"Key": ..., "Value": ...}.');
    setOwn(out, key, value);
  });
  return out;
}

/** The fields every user, group and role shares: path, attached and inline policies, boundary. */
function common(b: Builder, item: Json, path: Path, accountId: string, inlineKey: string): Json {
  const entity: Json = {};
  const iamPath = text(getOwn(item, 'Path'));
  if (iamPath && iamPath !== '/') entity.path = iamPath;
  const policies = attached(b, item, path, accountId);
  if (policies.length > 0) entity.policies = policies;
  const policiesInline = inline(b, item, inlineKey, path);
  if (Object.keys(policiesInline).length > 0) entity.inline = policiesInline;
  const boundary = text(getOwn(getOwn(item, 'PermissionsBoundary'), 'PermissionsBoundaryArn'));
  if (boundary) entity.boundary = policyReference(boundary, accountId);
  return entity;
}

function name(b: Builder, item: Json, key: string, path: Path): string | undefined {
  const value = text(getOwn(item, key));
  if (!value) b.problem([...path, key], `Expected a name.`);
  return value;
}

function readUsers(b: Builder, dump: Json): void {
  list(b, dump, 'UserDetailList', []).forEach((item, i) => {
    const path: Path = ['UserDetailList', i];
    const userName = name(b, item, 'UserName', path);
    const accountId = entityArn(b, item, path, 'user');
    if (!userName || !accountId) return;
    const user = common(b, item, path, accountId, 'UserPolicyList');
    const id = text(getOwn(item, 'UserId'));
    if (id && /^AIDA[A-Z0-9]{12,128}$/.test(id)) user.id = id;
    const groups = getOwn(item, 'GroupList');
    if (Array.isArray(groups) && groups.length > 0) {
      if (groups.every((g) => typeof g === 'string')) user.groups = groups;
      else b.problem([...path, 'GroupList'], 'Expected a list of group names.');
    }
    const userTags = tags(b, item, path);
    if (Object.keys(userTags).length > 0) user.tags = userTags;
    b.put(accountId, 'users', userName, user, 'user');
  });
}

function readGroups(b: Builder, dump: Json): void {
  list(b, dump, 'GroupDetailList', []).forEach((item, i) => {
    const path: Path = ['GroupDetailList', i];
    const groupName = name(b, item, 'GroupName', path);
    const accountId = entityArn(b, item, path, 'group');
    if (!groupName || !accountId) return;
    const group = common(b, item, path, accountId, 'GroupPolicyList');
    delete group.boundary; // groups have none
    b.put(accountId, 'groups', groupName, group, 'group');
  });
}

function readRoles(b: Builder, dump: Json): void {
  list(b, dump, 'RoleDetailList', []).forEach((item, i) => {
    const path: Path = ['RoleDetailList', i];
    const roleName = name(b, item, 'RoleName', path);
    const accountId = entityArn(b, item, path, 'role');
    if (!roleName || !accountId) return;
    const role: Json = {};
    const id = text(getOwn(item, 'RoleId'));
    if (id && /^AROA[A-Z0-9]{12,128}$/.test(id)) role.id = id;
    const trust = getOwn(item, 'AssumeRolePolicyDocument');
    if (trust !== undefined) {
      const document = policyDocument(b, trust, [...path, 'AssumeRolePolicyDocument']);
      if (document !== undefined) role.trust = document;
    }
    Object.assign(role, common(b, item, path, accountId, 'RolePolicyList'));
    const roleTags = tags(b, item, path);
    if (Object.keys(roleTags).length > 0) role.tags = roleTags;
    // The CLI prints `"RoleLastUsed": {}` for a role never used (or not in the tracking period):
    // only a date is something lost.
    if (getOwn(getOwn(item, 'RoleLastUsed'), 'LastUsedDate') !== undefined)
      b.tally('role-last-used');
    b.put(accountId, 'roles', roleName, role, 'role');
    list(b, item, 'InstanceProfileList', path).forEach((profile, j) => {
      const profilePath: Path = [...path, 'InstanceProfileList', j];
      const profileName = name(b, profile, 'InstanceProfileName', profilePath);
      if (!profileName) return;
      const entry: Json = { role: roleName };
      const profileIamPath = text(getOwn(profile, 'Path'));
      if (profileIamPath && profileIamPath !== '/') entry.path = profileIamPath;
      setOwn(b.table(accountId, 'instanceProfiles'), profileName, entry);
    });
  });
}

function readPolicies(b: Builder, dump: Json): void {
  list(b, dump, 'Policies', []).forEach((item, i) => {
    const path: Path = ['Policies', i];
    const arn = parseArn(text(getOwn(item, 'Arn')) ?? '');
    if (!arn || arn.service !== 'iam' || !arn.resource.startsWith('policy/'))
      return b.problem(
        [...path, 'Arn'],
        'Expected the policy ARN (arn:aws:iam::ACCOUNT:policy/NAME).',
      );
    if (arn.account === 'aws') return b.tally('aws-managed');
    if (!isAccountId(arn.account))
      return b.problem(
        [...path, 'Arn'],
        `The ARN's account "${arn.account}" is not a 12-digit account id.`,
      );
    const policyName = name(b, item, 'PolicyName', path);
    if (!policyName) return;
    const versions = list(b, item, 'PolicyVersionList', path);
    const defaultId = text(getOwn(item, 'DefaultVersionId'));
    const index = versions.findIndex(
      (v) =>
        getOwn(v, 'IsDefaultVersion') === true ||
        (defaultId !== undefined && getOwn(v, 'VersionId') === defaultId),
    );
    if (index < 0)
      return b.problem(
        [...path, 'PolicyVersionList'],
        `The policy ${policyName} has no default version${defaultId ? ` (${defaultId})` : ''} in its PolicyVersionList.`,
      );
    if (versions.length > 1) b.tally('other-versions', versions.length - 1);
    if (arn.resource !== `policy/${policyName}`) b.tally('policy-path');
    const document = policyDocument(b, getOwn(versions[index], 'Document'), [
      ...path,
      'PolicyVersionList',
      index,
      'Document',
    ]);
    if (document !== undefined) b.put(arn.account, 'policies', policyName, document, 'policy');
  });
}

const NOTES: Record<string, (n: number) => string> = {
  'role-last-used': (n) =>
    `${counted(n, "role's last-used date is", "roles' last-used dates are")} not kept: the scenario format has no place for them.`,
  'other-versions': (n) =>
    `${counted(n, 'non-default policy version is', 'non-default policy versions are')} not kept: only each policy's default version decides requests.`,
  'policy-path': (n) =>
    `${counted(n, 'customer managed policy has', 'customer managed policies have')} a path; the scenario names policies without it (an account's policy names are unique), so the ARN loses the path.`,
  'aws-managed': (n) =>
    `${counted(n, 'AWS managed policy listed in the file is', 'AWS managed policies listed in the file are')} read from the catalog this program ships (the documents in the file are not used).`,
};

/**
 * Reads one or more dumps (pages of one account, or several accounts) into one scenario.
 * Never throws; on any problem nothing is returned but the problems.
 */
export function importAuthorizationDetails(files: readonly DumpFile[]): DumpImport {
  const b = new Builder(files[0] ?? { name: 'The file', value: undefined });
  // Every page but the last says there is more: when all of them do, the last one is missing.
  let truncatedPages = 0;
  for (const file of files) {
    b.at(file);
    const dump = file.value;
    if (!isAuthorizationDetails(dump)) {
      b.problem(
        [],
        `This is not the output of "aws iam get-account-authorization-details": it has none of ${LISTS.join(', ')}.`,
      );
      continue;
    }
    const record = dump as Json;
    for (const key of Object.keys(record))
      if (
        !(LISTS as readonly string[]).includes(key) &&
        !(PAGING as readonly string[]).includes(key)
      )
        b.notes.push(`${file.name}: the field ${key} is not read.`);
    readUsers(b, record);
    readGroups(b, record);
    readRoles(b, record);
    readPolicies(b, record);
    if (getOwn(record, 'IsTruncated') === true || text(getOwn(record, 'NextToken')))
      truncatedPages += 1;
  }
  if (b.problems.length > 0) return { ok: false, problems: b.problems };
  if (truncatedPages > 0 && truncatedPages === files.length)
    b.notes.push(
      `The last page is missing: every file given says there is more (IsTruncated: true or a NextToken). Run the command again with --starting-token (the API: Marker) and import all the pages together.`,
    );
  for (const [key, n] of b.counts) {
    const sentence = NOTES[key];
    if (sentence) b.notes.push(sentence(n));
  }
  const ids = b.order;
  const scenario: Json = {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    title: `AWS account${ids.length === 1 ? '' : 's'} ${ids.join(', ')}`,
    description: importDescription(['`aws iam get-account-authorization-details`'], b.notes),
    accounts: b.accounts,
    requests: [],
  };
  return { ok: true, scenario, accounts: ids, notes: b.notes };
}

/** An imported scenario's description: where it came from, and its import report. */
export function importDescription(commands: readonly string[], notes: readonly string[]): string {
  return [
    `Imported from the output of ${commands.join(', ')}. Add requests to ask what the principals may do.`,
    ...(notes.length > 0
      ? [
          '',
          // Written once, at the import: an edit to the world does not update it.
          'Import report (as the files were imported; edits since are not reflected here, so delete a line once you have dealt with it):',
          '',
          ...notes.map((n) => `- ${n}`),
        ]
      : []),
  ].join('\n');
}
