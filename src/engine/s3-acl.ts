/**
 * S3 Object Ownership and access control lists (ACLs), after the Amazon S3 User Guide:
 *
 * - "Controlling ownership of objects and disabling ACLs for your bucket": the bucket's Object
 *   Ownership setting is BucketOwnerEnforced (the default for new buckets), BucketOwnerPreferred
 *   or ObjectWriter. With BucketOwnerEnforced ACLs are disabled: they grant nothing, and the
 *   bucket owner owns every object. With the other two ACLs are enabled, and an object written
 *   by another account may belong to that account (its `account` in the world).
 * - "Access control list (ACL) overview": a grant gives one permission (READ, WRITE, READ_ACP,
 *   WRITE_ACP, FULL_CONTROL) to an AWS account (its canonical user id) or to a predefined group
 *   (AllUsers: anyone, anonymous callers included; AuthenticatedUsers: any signed request from
 *   any AWS account). Its table "Mapping of ACL permissions and access policy permissions" says
 *   which S3 actions each permission covers on a bucket and on an object (ACTIONS below).
 * - "Managing access with ACLs": ACLs grant only to accounts, never to an IAM user of one, and
 *   never deny or carry conditions. So an ACL grant is a resource-side Allow for an account:
 *   the caller's own account must still allow its IAM principals by their identity policies
 *   ("How Amazon S3 authorizes a request for an object operation", user context), as across
 *   accounts for a bucket policy naming the account.
 * - "How Amazon S3 authorizes a request for an object operation": when the object belongs to
 *   another account than the bucket, the bucket owner's policies can only deny (bucket context);
 *   what the object owner grants, by its object ACL, decides (object context). The bucket
 *   owner's policy Allow then grants nothing on that object.
 * - "Blocking public access to your Amazon S3 storage": IgnorePublicAcls makes S3 ignore every
 *   grant to AllUsers or AuthenticatedUsers on the bucket and its objects (BlockPublicAcls only
 *   refuses new public ACLs: the console's put-bucket-acl and put-object-acl).
 */
import type { PrincipalMatchKind } from './principals.ts';
import type { Principal, StepOutcome } from './types.ts';

export const OBJECT_OWNERSHIP = ['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'];
export type ObjectOwnership = 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter';

export const ACL_PERMISSIONS = ['READ', 'WRITE', 'READ_ACP', 'WRITE_ACP', 'FULL_CONTROL'];
export type AclPermission = 'READ' | 'WRITE' | 'READ_ACP' | 'WRITE_ACP' | 'FULL_CONTROL';

/** The predefined groups a grant may name (their URIs are http://acs.amazonaws.com/groups/global/NAME). */
export const ACL_GROUPS = ['AllUsers', 'AuthenticatedUsers'];

/** One grant: the grantee's account id (the model maps canonical ids to it) or a group name. */
export interface AclGrant {
  grantee: string;
  permission: AclPermission;
}

/** What the model tells the engine about a request on a bucket or an object in it. */
export interface S3AclInput {
  /** The bucket's Object Ownership setting as the world gives it. */
  ownership: ObjectOwnership;
  /** The bucket's ARN. */
  bucket: string;
  bucketOwner?: string;
  bucketAcl: AclGrant[];
  /** For a request on an object: the object, its owner (its entry's account) and its ACL. */
  object?: { arn: string; owner?: string; acl: AclGrant[] };
  /** Where IgnorePublicAcls is turned on (account, bucket); absent or empty: off. */
  ignorePublicAcls?: string[];
}

/**
 * "Mapping of ACL permissions and access policy permissions": the actions each permission
 * covers, on the bucket's ACL and on an object's. WRITE on an object is not applicable.
 */
const ACTIONS: Record<'bucket' | 'object', Partial<Record<AclPermission, string[]>>> = {
  bucket: {
    READ: ['s3:listbucket', 's3:listbucketversions', 's3:listbucketmultipartuploads'],
    WRITE: ['s3:putobject', 's3:deleteobject', 's3:deleteobjectversion'],
    READ_ACP: ['s3:getbucketacl'],
    WRITE_ACP: ['s3:putbucketacl'],
  },
  object: {
    READ: ['s3:getobject', 's3:getobjectversion', 's3:getobjecttorrent'],
    READ_ACP: ['s3:getobjectacl', 's3:getobjectversionacl'],
    WRITE_ACP: ['s3:putobjectacl', 's3:putobjectversionacl'],
  },
};

/** The permission of `which` ACL that covers `actionLower`, or undefined. */
export function aclPermissionFor(
  which: 'bucket' | 'object',
  actionLower: string,
): AclPermission | undefined {
  for (const [permission, actions] of Object.entries(ACTIONS[which]))
    if (actions.includes(actionLower)) return permission as AclPermission;
  return undefined;
}

export const isPublicGrantee = (grantee: string): boolean => ACL_GROUPS.includes(grantee);

export interface AclVerdict {
  outcome: StepOutcome;
  explanation: string;
  /**
   * The kind of resource-side Allow the step ends with, replacing the policy's: the policy's own
   * when the ACL adds nothing, the ACL's when only it grants, none when the policy cannot grant
   * (an object of another account) and the ACL does not either.
   */
  kind: PrincipalMatchKind | undefined;
  /** Whose ACL decided, for the resource-policy step's words; absent when the policy's kind stands. */
  aclName?: string;
  /** The account that owns the object, when it differs from the bucket's and ACLs are enabled. */
  resourceAccount?: string;
}

function grantMatches(grant: AclGrant, caller: Principal): boolean {
  if (grant.grantee === 'AllUsers') return true;
  if (grant.grantee === 'AuthenticatedUsers') return caller.type !== 'anonymous';
  return caller.account !== undefined && caller.account === grant.grantee;
}

/**
 * The ACL step for a request on a bucket or an object; undefined when ACLs have nothing to say
 * (the action is not one an ACL covers and no other account owns the object).
 */
export function s3AclVerdict(
  acl: S3AclInput,
  caller: Principal,
  actionLower: string,
  policyKind: PrincipalMatchKind | undefined,
): AclVerdict | undefined {
  const object = acl.object;
  const which: 'bucket' | 'object' =
    object && aclPermissionFor('object', actionLower) ? 'object' : 'bucket';
  const permission = aclPermissionFor(which, actionLower);
  const foreign =
    which === 'object' &&
    object?.owner !== undefined &&
    acl.bucketOwner !== undefined &&
    object.owner !== acl.bucketOwner;
  // The account whose ACL governs: the object's owner for an object ACL, else the bucket's.
  const governing =
    which === 'object' && acl.ownership !== 'BucketOwnerEnforced' ? object?.owner : acl.bucketOwner;
  const moved = governing !== undefined && governing !== (object?.owner ?? acl.bucketOwner);
  const at = moved || foreign ? { resourceAccount: governing } : {};
  if (acl.ownership === 'BucketOwnerEnforced') {
    if (!permission && !foreign) return undefined;
    return {
      outcome: 'not-applicable',
      explanation: `Bucket ${acl.bucket} has Object Ownership BucketOwnerEnforced: ACLs are disabled and grant nothing, and the bucket owner${acl.bucketOwner ? ` ${acl.bucketOwner}` : ''} owns every object in it, so its policies decide ("Controlling ownership of objects and disabling ACLs for your bucket").`,
      kind: policyKind,
      ...at,
    };
  }
  if (!permission) return undefined;
  const grants = which === 'object' ? (object?.acl ?? []) : acl.bucketAcl;
  const aclName =
    which === 'object' ? `the ACL of object ${object?.arn}` : `the ACL of bucket ${acl.bucket}`;
  const ignoring = (acl.ignorePublicAcls ?? []).length > 0;
  const covering = grants.filter(
    (g) =>
      (g.permission === permission || g.permission === 'FULL_CONTROL') && grantMatches(g, caller),
  );
  const usable = ignoring ? covering.filter((g) => !isPublicGrantee(g.grantee)) : covering;
  const ignoredNote =
    covering.length > usable.length
      ? ` IgnorePublicAcls is on (${(acl.ignorePublicAcls ?? []).join(' and ')}), so S3 ignores its grant to ${covering
          .filter((g) => isPublicGrantee(g.grantee))
          .map((g) => g.grantee)
          .join(' and ')} ("Blocking public access to your Amazon S3 storage").`
      : '';
  const ownerNote = foreign
    ? ` The object belongs to account ${object?.owner}, not to the bucket owner ${acl.bucketOwner}: the bucket policy can only deny it, and the object owner's ACL decides ("How Amazon S3 authorizes a request for an object operation").`
    : '';
  const needed = `${permission} (or FULL_CONTROL)`;
  const grant = usable[0];
  if (grant) {
    const to =
      grant.grantee === 'AllUsers'
        ? 'AllUsers (everyone, anonymous callers included)'
        : grant.grantee === 'AuthenticatedUsers'
          ? 'AuthenticatedUsers (any signed request from any AWS account)'
          : `account ${grant.grantee}`;
    const anonymous = caller.type === 'anonymous';
    // A policy Allow that names the caller more closely stands; the ACL adds the account's.
    const kind: PrincipalMatchKind =
      !foreign && policyKind !== undefined ? policyKind : anonymous ? 'wildcard' : 'account';
    return {
      outcome: 'pass',
      explanation: `${capital(aclName)} grants ${grant.permission} to ${to}, which covers this action: ${anonymous ? 'that is a resource-side Allow for everyone, anonymous callers included' : "that is a resource-side Allow for the caller's account, so the caller's identity policies must allow the request too (an ACL grants to accounts, never to an IAM user)"} ("Access control list (ACL) overview").${ownerNote}${ignoredNote}`,
      kind,
      ...(kind === policyKind && !foreign ? {} : { aclName }),
      ...at,
    };
  }
  return {
    outcome: 'pass',
    explanation: `${capital(aclName)} grants ${needed} to neither the caller's account nor a group the caller belongs to.${ownerNote}${ignoredNote}`,
    kind: foreign ? undefined : policyKind,
    ...(foreign ? { aclName } : {}),
    ...at,
  };
}

const capital = (s: string): string => (s[0]?.toUpperCase() ?? '') + s.slice(1);
