/**
 * One import of AWS CLI outputs, recognised each by its own shape: `aws iam
 * get-account-authorization-details` (authorization-details.ts), the organization's
 * (organizations.ts) and resources' policies (resource-policies.ts), merged into one scenario.
 * On any problem nothing is returned but the problems, so nothing half-imported replaces work.
 */
import { parseArn } from '../arn.ts';
import { setOwn } from '../json-text.ts';
import { getOwn, isRecord } from '../own.ts';
import { SCENARIO_FORMAT, SCENARIO_VERSION } from '../scenario-types.ts';
import { count } from '../text-caps.ts';
import {
  importAuthorizationDetails,
  importDescription,
  isAuthorizationDetails,
  type DumpImport,
} from './authorization-details.ts';
import { counted, Located, type DumpFile } from './located.ts';
import { OrganizationReader, organizationsOutput } from './organizations.ts';
import { readResourcePolicy, resourcePolicyOutput } from './resource-policies.ts';

type Json = Record<string, unknown>;

const RESOURCE_COMMANDS: Record<string, string> = {
  s3: '`aws s3api get-bucket-policy`',
  kms: '`aws kms get-key-policy`',
  sqs: '`aws sqs get-queue-attributes`',
  sns: '`aws sns get-topic-attributes`',
  lambda: '`aws lambda get-policy`',
  secretsmanager: '`aws secretsmanager get-resource-policy`',
};

/** True for a value one of the readers recognises (and never a scenario). */
export function isAwsOutput(value: unknown): boolean {
  return (
    isAuthorizationDetails(value) ||
    organizationsOutput(value) !== undefined ||
    resourcePolicyOutput(value) !== undefined
  );
}

/** Up to three names, and how many more: `a, b, c and 297 more`. */
function listed(names: readonly string[]): string {
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} and ${count(names.length - 3)} more` : shown;
}

/**
 * Owners of the buckets read from their policies alone. With the IAM of one account in the
 * import (`dumped`: bucket policies are read with that account's credentials, and
 * `aws s3api list-buckets` lists that account's buckets), or one account at all, the bucket is
 * taken to be that account's, and the report says so; otherwise the entry has no `account` (a
 * request's own account is assumed, docs/scenario-format.md "resources"), and the report says
 * what that changes: a cross-account request is decided as a same-account one.
 */
function ownBuckets(
  resources: Json,
  buckets: readonly string[],
  dumped: readonly string[],
  accounts: readonly string[],
): string[] {
  if (buckets.length === 0) return [];
  const one = buckets.length === 1;
  const owner =
    dumped.length === 1
      ? dumped[0]
      : dumped.length === 0 && accounts.length === 1
        ? accounts[0]
        : undefined;
  if (owner !== undefined) {
    for (const arn of buckets)
      setOwn(resources, arn, { account: owner, ...(getOwn(resources, arn) as Json) });
    const why =
      accounts.length === 1
        ? 'the only account in the import'
        : 'the only account whose IAM (`aws iam get-account-authorization-details`) is in the import, whose credentials read the bucket policies';
    return [
      `A bucket policy does not say which account owns the bucket: ${listed(buckets)} ${one ? 'is' : 'are'} taken to be owned by ${owner}, ${why}. If ${one ? 'it belongs' : 'one belongs'} to another account, change ${one ? 'its' : "that entry's"} "account" under resources.`,
    ];
  }
  return [
    `A bucket policy does not say which account owns the bucket, and the import has ${accounts.length === 0 ? 'no account' : 'several accounts'} to take it from: ${counted(buckets.length, 'bucket has', 'buckets have')} no owner (${listed(buckets)}). Until you add "account": "OWNER-ACCOUNT-ID" to ${one ? 'its entry' : 'each entry'} under resources, a request to ${one ? 'it' : 'them'} is decided as if the caller's own account owned the bucket, so a cross-account request is decided as a same-account one (a bucket policy that names the caller is then enough, without the caller's own identity policy).`,
  ];
}

/** Reads every file into one scenario; never throws. */
export function importAwsOutputs(files: readonly DumpFile[]): DumpImport {
  const at = new Located(files[0] ?? { name: 'The file', value: undefined });
  const dumps: DumpFile[] = [];
  const organization = new OrganizationReader(at);
  const resources: Json = {};
  const commands = new Set<string>();
  const kept = new Map<string, string>();
  const notes: string[] = [];
  /** Buckets read from policies alone: GetBucketPolicy's response does not name the owner. */
  const ownerless: string[] = [];
  for (const file of files) {
    at.at(file);
    if (isAuthorizationDetails(file.value)) {
      dumps.push(file);
      commands.add('`aws iam get-account-authorization-details`');
      continue;
    }
    const org = organizationsOutput(file.value);
    if (org) {
      organization.read(file, org);
      commands.add(`\`aws organizations ${org}\``);
      continue;
    }
    const output = resourcePolicyOutput(file.value);
    if (!output) {
      at.problem(
        [],
        'This is not an output the import knows: it reads aws iam get-account-authorization-details, the organization (aws organizations describe-organization, list-roots, list-organizational-units-for-parent, list-accounts-for-parent, list-policies, describe-policy, list-targets-for-policy) and resource policies (aws s3api get-bucket-policy, kms get-key-policy, sqs get-queue-attributes, sns get-topic-attributes, lambda get-policy, secretsmanager get-resource-policy).',
      );
      continue;
    }
    const read = readResourcePolicy(at, file, output);
    if (!read) continue;
    commands.add(RESOURCE_COMMANDS[parseArn(read.arn)?.service ?? ''] ?? '');
    if (!read.policy) {
      notes.push(`${file.name}: ${read.arn} has no policy, so nothing is read from it.`);
      continue;
    }
    const earlier = kept.get(read.arn);
    if (earlier !== undefined)
      notes.push(
        `The policy of ${read.arn} is in ${earlier} and in ${file.name}; the copy in ${file.name} is kept.`,
      );
    kept.set(read.arn, file.name);
    if (read.arn.startsWith('arn:aws:s3:::') && earlier === undefined) ownerless.push(read.arn);
    setOwn(resources, read.arn, { policy: read.policy });
  }
  const dumped = dumps.length > 0 ? importAuthorizationDetails(dumps) : undefined;
  if (dumped && !dumped.ok) at.problems.unshift(...dumped.problems);
  const org = organization.used ? organization.build() : undefined;
  if (at.problems.length > 0) return { ok: false, problems: at.problems };

  const scenario: Json = dumped?.ok
    ? dumped.scenario
    : { format: SCENARIO_FORMAT, version: SCENARIO_VERSION, accounts: {}, requests: [] };
  const accounts = scenario.accounts as Json;
  const ids = dumped?.ok ? [...dumped.accounts] : [];
  if (org) {
    scenario.organization = org;
    for (const [id, name] of organization.accountNames) {
      let account = getOwn(accounts, id);
      if (!isRecord(account)) {
        account = {};
        setOwn(accounts, id, account);
      }
      if (getOwn(account, 'name') === undefined) (account as Json).name = name;
    }
  }
  if (Object.keys(resources).length > 0) scenario.resources = resources;
  notes.push(...ownBuckets(resources, ownerless, ids, Object.keys(accounts)));
  const allNotes = [...(dumped?.ok ? dumped.notes : []), ...organization.notes, ...notes];
  const orgName = org ? `organization ${String(org.id ?? '')}`.trim() : undefined;
  const title =
    ids.length > 0
      ? `AWS account${ids.length === 1 ? '' : 's'} ${ids.join(', ')}${orgName ? ` in ${orgName}` : ''}`
      : orgName
        ? `AWS ${orgName}`
        : 'AWS resource policies';
  // Keys in the order a scenario is written.
  const { format, version, accounts: a, requests } = scenario;
  const ordered: Json = {
    format,
    version,
    title,
    description: importDescription([...commands].sort(), allNotes),
    ...(scenario.organization ? { organization: scenario.organization } : {}),
    accounts: a,
    ...(scenario.resources ? { resources: scenario.resources } : {}),
    requests,
  };
  return { ok: true, scenario: ordered, accounts: ids, notes: allNotes };
}
