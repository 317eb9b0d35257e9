/**
 * S3 Object Ownership and ACLs in the scenario format (an extension of format v1,
 * docs/scenario-format-notes.md):
 *
 * - `resources[BUCKET_ARN].objectOwnership`: BucketOwnerEnforced | BucketOwnerPreferred |
 *   ObjectWriter. Absent: BucketOwnerEnforced, AWS's default for new buckets ("Controlling
 *   ownership of objects and disabling ACLs for your bucket"): ACLs are disabled, which is what a
 *   version-1 file without these fields always meant (ACLs played no part).
 * - `resources[BUCKET_ARN].acl` and `resources[OBJECT_ARN].acl`: the grants, each
 *   `{"grantee": G, "permission": P}`, G an account id, an account's canonical user id
 *   (64 hex digits) or the group `AllUsers` / `AuthenticatedUsers`, P one of READ, WRITE,
 *   READ_ACP, WRITE_ACP, FULL_CONTROL (WRITE only on a bucket).
 * - An object's owner is its entry's `account`, as before; with ACLs enabled an object of
 *   another account than the bucket's is governed by its owner's ACL (src/engine/s3-acl.ts).
 *
 * A world names no canonical user ids of its own: each account's is derived from its id
 * (stable, 64 hex digits, as S3 prints them), and `get-bucket-acl` shows it.
 */
import {
  ACL_GROUPS,
  ACL_PERMISSIONS,
  OBJECT_OWNERSHIP,
  type AclGrant,
  type AclPermission,
  type JsonPath,
  type ObjectOwnership,
  type S3AclInput,
} from '../engine/index.ts';
import { bucketOf, isBucketArn, isBucketOrObjectArn } from './arn.ts';
import { getOwn, isRecord, ownEntries } from './own.ts';
import { describeValue, type RawProblem } from './keyed-entries.ts';
import type { Scenario } from './scenario-types.ts';
import { quote } from './text-caps.ts';

export const ACL_RESOURCE_KEYS = ['objectOwnership', 'acl'];
const GRANT_KEYS = ['grantee', 'permission'];
const ACCOUNT_ID = /^\d{12}$/;
export const CANONICAL_ID = /^[0-9a-f]{64}$/;

/**
 * True when `grantee` can be written in an ACL grant: an account id, a canonical user id or a
 * group (the inspector's check; `aclProblems` spells the same test out, so the evaluator's worker,
 * whose first-load bytes are counted, does not carry this function too).
 */
export function isAclGrantee(grantee: string): boolean {
  return ACL_GROUPS.includes(grantee) || ACCOUNT_ID.test(grantee) || CANONICAL_ID.test(grantee);
}

/** The canonical user id of an account: 64 hex digits derived from its id (FNV-1a, 8 rounds). */
export function canonicalIdOf(account: string): string {
  let out = '';
  let hash = 0x811c9dc5;
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < account.length; i++) {
      hash ^= account.charCodeAt(i) + round * 31;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    out += hash.toString(16).padStart(8, '0');
  }
  return out;
}

/** The account a grantee names (its id, or the world's account with that canonical id); groups as they are. */
export function granteeAccount(scenario: Scenario, grantee: string): string | undefined {
  if (ACL_GROUPS.includes(grantee) || ACCOUNT_ID.test(grantee)) return grantee;
  for (const account of Object.keys(scenario.accounts ?? {}))
    if (canonicalIdOf(account) === grantee) return account;
  return undefined;
}

function grantsOf(scenario: Scenario, value: unknown): AclGrant[] {
  const out: AclGrant[] = [];
  for (const g of Array.isArray(value) ? value : []) {
    const grantee = getOwn(g, 'grantee');
    const permission = getOwn(g, 'permission');
    if (typeof grantee !== 'string' || typeof permission !== 'string') continue;
    const account = granteeAccount(scenario, grantee);
    if (account !== undefined)
      out.push({ grantee: account, permission: permission as AclPermission });
  }
  return out;
}

/** The bucket's Object Ownership as written, or undefined when not written. */
export function objectOwnershipOf(scenario: Scenario, bucket: string): ObjectOwnership | undefined {
  const value = getOwn(getOwn(scenario.resources, bucket), 'objectOwnership');
  return typeof value === 'string' && OBJECT_OWNERSHIP.includes(value)
    ? (value as ObjectOwnership)
    : undefined;
}

/**
 * The engine's ACL input for a request on `resource` (a bucket or an object in it), or
 * undefined when the world says nothing about ownership or ACLs there (ACLs play no part).
 */
export function aclInput(
  scenario: Scenario,
  resource: string,
  bucketOwner: string | undefined,
  objectOwner: string | undefined,
  ignorePublicAcls: string[] | undefined,
): S3AclInput | undefined {
  const bucket = bucketOf(resource) ?? resource;
  if (!isBucketOrObjectArn(bucket)) return undefined;
  const bucketEntry = getOwn(scenario.resources, bucket);
  const objectEntry = bucket !== resource ? getOwn(scenario.resources, resource) : undefined;
  const written = objectOwnershipOf(scenario, bucket);
  if (
    written === undefined &&
    getOwn(bucketEntry, 'acl') === undefined &&
    getOwn(objectEntry, 'acl') === undefined
  )
    return undefined;
  return {
    ownership: written ?? 'BucketOwnerEnforced',
    bucket,
    ...(bucketOwner !== undefined ? { bucketOwner } : {}),
    bucketAcl: grantsOf(scenario, getOwn(bucketEntry, 'acl')),
    ...(bucket !== resource
      ? {
          object: {
            arn: resource,
            ...(objectOwner !== undefined ? { owner: objectOwner } : {}),
            acl: grantsOf(scenario, getOwn(objectEntry, 'acl')),
          },
        }
      : {}),
    ...(ignorePublicAcls && ignorePublicAcls.length > 0 ? { ignorePublicAcls } : {}),
  };
}

/** Checks `objectOwnership` and `acl` on every resource entry; each problem at its place. */
export function aclProblems(scenario: unknown): RawProblem[] {
  const problems: RawProblem[] = [];
  const report = (
    severity: 'error' | 'warning',
    code: string,
    path: JsonPath,
    message: string,
    atKey = false,
  ): void => {
    problems.push({ code, severity, message, path, atKey });
  };
  const accounts = new Set(ownEntries(getOwn(scenario, 'accounts')).map(([id]) => id));
  const canonical = new Set([...accounts].map(canonicalIdOf));
  for (const [arn, entry] of ownEntries(getOwn(scenario, 'resources'))) {
    if (!isRecord(entry)) continue;
    const base: JsonPath = ['resources', arn];
    const isBucket = isBucketArn(arn);
    const isObject = isBucketOrObjectArn(arn) && arn.includes('/');
    const bucket = bucketOf(arn);
    const ownership = Object.hasOwn(entry, 'objectOwnership') ? entry.objectOwnership : undefined;
    if (ownership !== undefined) {
      if (!isBucket)
        report(
          'error',
          'setting-not-supported',
          [...base, 'objectOwnership'],
          `Object Ownership is a setting of an S3 bucket (arn:aws:s3:::BUCKET), not of ${quote(arn)}.`,
          true,
        );
      else if (typeof ownership !== 'string' || !OBJECT_OWNERSHIP.includes(ownership))
        report(
          'error',
          'invalid-object-ownership',
          [...base, 'objectOwnership'],
          `"objectOwnership" is one of ${OBJECT_OWNERSHIP.join(', ')}, not ${typeof ownership === 'string' ? quote(ownership) : describeValue(ownership)}.`,
        );
    }
    if (!Object.hasOwn(entry, 'acl')) continue;
    const at: JsonPath = [...base, 'acl'];
    if (!isBucket && !isObject) {
      report(
        'error',
        'setting-not-supported',
        at,
        `An ACL belongs to an S3 bucket (arn:aws:s3:::BUCKET) or object (arn:aws:s3:::BUCKET/KEY), not to ${quote(arn)}.`,
        true,
      );
      continue;
    }
    const acl = entry.acl;
    if (!Array.isArray(acl)) {
      report(
        'error',
        'wrong-type',
        at,
        `"acl" is a list of grants such as [{"grantee": "AllUsers", "permission": "READ"}], not ${describeValue(acl)}.`,
      );
      continue;
    }
    if (acl.length > 100)
      report(
        'error',
        'too-many-grants',
        at,
        `An ACL holds at most 100 grants ("Access control list (ACL) overview"); this one has ${acl.length}.`,
      );
    acl.forEach((grant, i) => {
      const gAt = [...at, i];
      if (!isRecord(grant)) {
        report(
          'error',
          'wrong-type',
          gAt,
          `Grant ${i} must be an object with "grantee" and "permission", not ${describeValue(grant)}.`,
        );
        return;
      }
      for (const key of Object.keys(grant))
        if (!GRANT_KEYS.includes(key))
          report(
            'error',
            'unknown-property',
            [...gAt, key],
            `Unknown property ${quote(key)} in grant ${i}. Allowed here: ${GRANT_KEYS.join(', ')}.`,
            true,
          );
      const grantee = grant.grantee;
      if (grantee === undefined)
        report(
          'error',
          'missing-grantee',
          gAt,
          `Grant ${i} needs "grantee": an account id, a canonical user id, "AllUsers" or "AuthenticatedUsers".`,
        );
      else if (
        typeof grantee !== 'string' ||
        !(ACL_GROUPS.includes(grantee) || ACCOUNT_ID.test(grantee) || CANONICAL_ID.test(grantee))
      )
        report(
          'error',
          'invalid-grantee',
          [...gAt, 'grantee'],
          `${typeof grantee === 'string' ? quote(grantee) : describeValue(grantee)} is not a grantee: use a 12-digit account id, a canonical user id (64 hex digits), "AllUsers" or "AuthenticatedUsers".`,
        );
      else if (CANONICAL_ID.test(grantee) && !canonical.has(grantee))
        report(
          'warning',
          'unknown-grantee',
          [...gAt, 'grantee'],
          `No account of this world has canonical user id ${grantee}, so the grant allows nobody here (each account's canonical id is derived from its id; aws s3api get-bucket-acl shows the owner's).`,
        );
      const permission = grant.permission;
      if (permission === undefined)
        report(
          'error',
          'missing-permission',
          gAt,
          `Grant ${i} needs "permission": one of ${ACL_PERMISSIONS.join(', ')}.`,
        );
      else if (typeof permission !== 'string' || !ACL_PERMISSIONS.includes(permission))
        report(
          'error',
          'invalid-permission',
          [...gAt, 'permission'],
          `"permission" is one of ${ACL_PERMISSIONS.join(', ')}, not ${typeof permission === 'string' ? quote(permission) : describeValue(permission)}.`,
        );
      else if (permission === 'WRITE' && isObject)
        report(
          'error',
          'invalid-permission',
          [...gAt, 'permission'],
          `WRITE is not applicable to an object ("Access control list (ACL) overview"): writing objects is granted by WRITE on the bucket's ACL.`,
        );
    });
    const owning = isBucket ? arn : bucket;
    const setting = owning
      ? getOwn(getOwn(getOwn(scenario, 'resources'), owning), 'objectOwnership')
      : undefined;
    if (acl.length > 0 && (setting === undefined || setting === 'BucketOwnerEnforced'))
      report(
        'warning',
        'acl-disabled',
        at,
        `ACLs are disabled on bucket ${owning}: its Object Ownership is ${setting === undefined ? "not given, so BucketOwnerEnforced (AWS's default for new buckets)" : 'BucketOwnerEnforced'}, and S3 ignores this ACL. Set "objectOwnership" on the bucket to "BucketOwnerPreferred" or "ObjectWriter" to enable ACLs.`,
      );
  }
  return problems;
}
