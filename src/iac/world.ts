/**
 * What CloudFormation and Terraform exports share: the world's IAM entities per account, each
 * policy reference resolved (a customer managed policy of the same account, by name or ARN, or an
 * ARN to write as it is), bucket policies, identifiers safe in both languages, and the list of
 * what neither can carry (requests, credentials, organization policies, other resource policies).
 */
import {
  isArn,
  isBucketArn,
  type Account,
  type ResourceEntry,
  type Scenario,
} from '../model/index.ts';

/** A policy reference: a customer managed policy of the account being exported, or an ARN. */
export type PolicyRef = { local: string } | { arn: string };

/** Resolves a policy reference written in `account` (a name, its ARN, or another ARN). */
export function policyRef(account: string, ref: string): PolicyRef {
  const own = `arn:aws:iam::${account}:policy/`;
  if (ref.startsWith(own)) return { local: ref.slice(ref.lastIndexOf('/') + 1) };
  if (isArn(ref)) return { arn: ref };
  return { local: ref };
}

/** The account's IAM entities in document order (absent collections are empty). */
export function accountEntries(account: Account) {
  return {
    policies: Object.entries(account.policies ?? {}),
    users: Object.entries(account.users ?? {}),
    groups: Object.entries(account.groups ?? {}),
    roles: Object.entries(account.roles ?? {}),
    instanceProfiles: Object.entries(account.instanceProfiles ?? {}),
  };
}

/** The S3 bucket policies owned by `account`: bucket name and document. */
export function bucketPolicies(
  scenario: Scenario,
  account: string,
  onlyAccount: boolean,
): { bucket: string; policy: unknown }[] {
  const out: { bucket: string; policy: unknown }[] = [];
  for (const [arn, entry] of Object.entries(scenario.resources ?? {})) {
    if (!isBucketArn(arn) || entry.policy === undefined) continue;
    if (ownerOf(entry, onlyAccount ? account : undefined) !== account) continue;
    out.push({ bucket: arn.slice(arn.indexOf(':::') + 3), policy: entry.policy });
  }
  return out;
}

/** A bucket's account: its entry's, or (in a one-account world) that account. */
const ownerOf = (entry: ResourceEntry, only: string | undefined) => entry.account ?? only;

/**
 * What the export leaves out, one line each: everything in the world that is not an IAM entity
 * or a bucket policy of an exported account, and credentials (AWS makes those, not templates).
 */
export function notExported(scenario: Scenario): string[] {
  const out: string[] = [];
  const accounts = Object.keys(scenario.accounts ?? {});
  const only = accounts.length === 1 ? accounts[0] : undefined;
  if (scenario.organization)
    out.push('The organization, its SCPs and RCPs (AWS Organizations is outside these stacks).');
  for (const [arn, entry] of Object.entries(scenario.resources ?? {})) {
    if (entry.policy === undefined) continue;
    if (!isBucketArn(arn))
      out.push(`The resource policy of ${arn} (only S3 bucket policies are exported).`);
    else if (ownerOf(entry, only) === undefined)
      out.push(`The bucket policy of ${arn}: the world does not say which account owns it.`);
  }
  for (const [id, account] of Object.entries(scenario.accounts ?? {})) {
    for (const [name, user] of Object.entries(account.users ?? {})) {
      if (user.loginProfile) out.push(`${id}: ${name}'s console password (login profile).`);
      if (user.accessKeys?.length) out.push(`${id}: ${name}'s access keys.`);
      if (user.mfaDevices?.length) out.push(`${id}: ${name}'s MFA devices.`);
    }
    for (const [name, role] of Object.entries(account.roles ?? {}))
      if (role.trust === undefined)
        out.push(
          `${id}: role ${name} has no trust policy; AWS requires one (an empty one is written).`,
        );
    if (account.passwordPolicy) out.push(`${id}: the account's password policy.`);
    if (account.publicAccessBlock)
      out.push(`${id}: the account's S3 Block Public Access settings.`);
  }
  if (scenario.requests?.length)
    out.push(
      `The ${scenario.requests.length} requests (questions for the playground, not resources).`,
    );
  return out;
}

/** A trust policy that admits nothing, for a role the world gives none (AWS requires one). */
export const EMPTY_TRUST = { Version: '2012-10-17', Statement: [] };

/**
 * Identifiers for names: `prefix` + the name's letters and digits, unique within one `ids` set
 * (a clash gets a number). CloudFormation logical ids allow only letters and digits; Terraform
 * labels allow more, and take these too.
 */
export function uniqueId(ids: Set<string>, prefix: string, name: string): string {
  const base = `${prefix}${name.replace(/[^A-Za-z0-9]/g, '')}`;
  let id = base;
  for (let n = 2; ids.has(id); n++) id = `${base}${n}`;
  ids.add(id);
  return id;
}
