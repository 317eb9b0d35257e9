/**
 * S3 Object Ownership and ACLs (src/model/s3-acl.ts, src/engine/s3-acl.ts):
 * `aws s3api put-bucket-ownership-controls` / `get-bucket-ownership-controls`,
 * `put-bucket-acl` / `get-bucket-acl`, `put-object-acl` / `get-object-acl`, with AWS's
 * parameter shapes: `--acl` canned ACLs, or `--grant-read`, `--grant-write`, `--grant-read-acp`,
 * `--grant-write-acp`, `--grant-full-control` each `id=CANONICAL_ID` or
 * `uri=http://acs.amazonaws.com/groups/global/AllUsers` (comma-separated). As S3 does: a bucket
 * with ACLs disabled (BucketOwnerEnforced) refuses a new ACL (AccessControlListNotSupported),
 * BlockPublicAcls refuses a public one (AccessDenied), and BucketOwnerEnforced cannot be set
 * while the bucket's ACL grants to others (InvalidBucketAclWithObjectOwnership).
 */
import {
  ACL_GROUPS,
  OBJECT_OWNERSHIP,
  isPublicGrantee,
  type AclPermission,
  type Json,
  type ObjectOwnership,
} from '../../engine/index';
import {
  bucketSettings,
  canonicalIdOf,
  objectOwnershipOf,
  resourceOwner,
  setAcl,
  setObjectOwnership,
  type AclGrantEntry,
} from '../../model/index';
import { applyEdit } from '../world';
import type { CommandContext, CommandSpec, OptionSpec, Outcome } from '../spec';
import { fail, ok, optStr, str } from '../spec';

const GROUP_URI = 'http://acs.amazonaws.com/groups/global/';

const bucketArn = (ctx: CommandContext): string => `arn:aws:s3:::${str(ctx.args, 'bucket')}`;
const objectArn = (ctx: CommandContext): string => `${bucketArn(ctx)}/${str(ctx.args, 'key')}`;

const BUCKET: OptionSpec = {
  name: 'bucket',
  type: 'string',
  required: true,
  help: 'The bucket name (the world keeps it under resources as arn:aws:s3:::NAME).',
};
const KEY: OptionSpec = { name: 'key', type: 'string', required: true, help: 'The object key.' };

const GRANT_OPTIONS: [string, AclPermission][] = [
  ['grant-read', 'READ'],
  ['grant-write', 'WRITE'],
  ['grant-read-acp', 'READ_ACP'],
  ['grant-write-acp', 'WRITE_ACP'],
  ['grant-full-control', 'FULL_CONTROL'],
];

const CANNED_BUCKET = ['private', 'public-read', 'public-read-write', 'authenticated-read'];
const CANNED_OBJECT = [
  'private',
  'public-read',
  'public-read-write',
  'authenticated-read',
  'bucket-owner-read',
  'bucket-owner-full-control',
];

function aclOptions(canned: string[]): OptionSpec[] {
  return [
    {
      name: 'acl',
      type: 'string',
      choices: canned,
      help: `A canned ACL: ${canned.join(', ')}.`,
    },
    ...GRANT_OPTIONS.map(([name, permission]): OptionSpec => ({
      name,
      type: 'string',
      help: `Grants ${permission}: id=CANONICAL_ID or uri=${GROUP_URI}AllUsers (or AuthenticatedUsers), comma-separated.`,
    })),
  ];
}

/** The bucket's entry, or NoSuchBucket. */
function requireBucket(ctx: CommandContext): Outcome | undefined {
  if (!Object.hasOwn(ctx.scenario.resources ?? {}, bucketArn(ctx)))
    return fail('NoSuchBucket', 'The specified bucket does not exist');
  return undefined;
}

const ownerOf = (ctx: CommandContext, arn: string): string =>
  resourceOwner(ctx.scenario, arn, ctx.account).account ?? ctx.account;

/** The grants the command's options ask for, or the error S3 gives. */
function requestedGrants(
  ctx: CommandContext,
  onObject: boolean,
  bucketOwner: string,
): AclGrantEntry[] | Outcome {
  const canned = optStr(ctx.args, 'acl');
  const explicit = GRANT_OPTIONS.filter(([name]) => optStr(ctx.args, name) !== undefined);
  if (canned !== undefined && explicit.length > 0)
    return fail('InvalidRequest', 'Specifying both Canned ACLs and Header Grants is not allowed');
  if (canned !== undefined) {
    const owner = canonicalIdOf(bucketOwner);
    const cannedGrants: Record<string, AclGrantEntry[]> = {
      private: [],
      'public-read': [{ grantee: 'AllUsers', permission: 'READ' }],
      'public-read-write': [
        { grantee: 'AllUsers', permission: 'READ' },
        ...(onObject ? [] : [{ grantee: 'AllUsers', permission: 'WRITE' as const }]),
      ],
      'authenticated-read': [{ grantee: 'AuthenticatedUsers', permission: 'READ' }],
      'bucket-owner-read': [{ grantee: owner, permission: 'READ' }],
      'bucket-owner-full-control': [{ grantee: owner, permission: 'FULL_CONTROL' }],
    };
    return cannedGrants[canned] ?? [];
  }
  if (explicit.length === 0)
    return fail('MissingSecurityHeader', 'Your request was missing a required header');
  const grants: AclGrantEntry[] = [];
  for (const [name, permission] of explicit) {
    if (onObject && permission === 'WRITE')
      return fail('InvalidArgument', 'Invalid Argument: WRITE is not applicable to objects');
    for (const part of (optStr(ctx.args, name) ?? '').split(',')) {
      const [kind = '', ...rest] = part.trim().split('=');
      const value = rest.join('=').replace(/^"|"$/g, '');
      if (kind === 'id' && /^[0-9a-f]{64}$/.test(value))
        grants.push({ grantee: value, permission });
      else if (
        kind === 'uri' &&
        value.startsWith(GROUP_URI) &&
        ACL_GROUPS.includes(value.slice(GROUP_URI.length))
      )
        grants.push({ grantee: value.slice(GROUP_URI.length), permission });
      else if (kind === 'emailAddress')
        return fail(
          'InvalidArgument',
          'Invalid Argument: grants by email address are not supported here; use id=CANONICAL_ID',
        );
      else return fail('InvalidArgument', `Invalid id or uri: ${part.trim()}`);
    }
  }
  return grants;
}

/** Puts an ACL as S3 does: ACLs must be enabled, and a public one needs BlockPublicAcls off. */
function putAcl(ctx: CommandContext, arn: string, onObject: boolean): Outcome {
  const missing = requireBucket(ctx);
  if (missing) return missing;
  const bucket = bucketArn(ctx);
  const bucketOwner = ownerOf(ctx, bucket);
  const grants = requestedGrants(ctx, onObject, bucketOwner);
  if (!Array.isArray(grants)) return grants;
  const ownership = objectOwnershipOf(ctx.scenario, bucket) ?? 'BucketOwnerEnforced';
  if (ownership === 'BucketOwnerEnforced' && grants.length > 0)
    return fail('AccessControlListNotSupported', 'The bucket does not allow ACLs');
  const settings = bucketSettings(ctx.scenario, bucket, bucketOwner);
  if (settings?.publicAccessBlock.BlockPublicAcls && grants.some((g) => isPublicGrantee(g.grantee)))
    return fail('AccessDenied', 'Access Denied');
  return ok(
    undefined,
    applyEdit(ctx.scenario, (doc) => setAcl(doc, arn, grants)),
  );
}

function grantee(id: string): Json {
  return isPublicGrantee(id)
    ? { Type: 'Group', URI: `${GROUP_URI}${id}` }
    : { Type: 'CanonicalUser', ID: /^\d{12}$/.test(id) ? canonicalIdOf(id) : id };
}

/** The ACL as S3 prints it: the owner with FULL_CONTROL (AWS's default grant), then the world's grants. */
function shownAcl(ctx: CommandContext, arn: string): Json {
  const owner = canonicalIdOf(ownerOf(ctx, arn));
  const entry = ctx.scenario.resources?.[arn];
  const written = Array.isArray(entry?.acl) ? entry.acl : [];
  return {
    Owner: { ID: owner },
    Grants: [
      { Grantee: { Type: 'CanonicalUser', ID: owner }, Permission: 'FULL_CONTROL' },
      ...written.map((g) => ({ Grantee: grantee(g.grantee), Permission: g.permission })),
    ],
  };
}

const putOwnership: CommandSpec = {
  service: 's3api',
  name: 'put-bucket-ownership-controls',
  operation: 'PutBucketOwnershipControls',
  summary:
    "Sets the bucket's Object Ownership: BucketOwnerEnforced (ACLs disabled), BucketOwnerPreferred or ObjectWriter.",
  options: [
    BUCKET,
    {
      name: 'ownership-controls',
      type: 'string',
      required: true,
      help: 'Rules=[{ObjectOwnership=BucketOwnerEnforced}] (or the same as JSON).',
    },
  ],
  action: 's3:PutBucketOwnershipControls',
  resources: (ctx) => [bucketArn(ctx)],
  run(ctx) {
    const missing = requireBucket(ctx);
    if (missing) return missing;
    const text = str(ctx.args, 'ownership-controls');
    const value = /ObjectOwnership"?\s*[=:]\s*"?([A-Za-z]+)/.exec(text)?.[1];
    if (value === undefined || !OBJECT_OWNERSHIP.includes(value))
      return fail(
        'MalformedXML',
        'The XML you provided was not well-formed or did not validate against our published schema',
      );
    const arn = bucketArn(ctx);
    const owner = canonicalIdOf(ownerOf(ctx, arn));
    const acl = ctx.scenario.resources?.[arn]?.acl ?? [];
    if (value === 'BucketOwnerEnforced' && acl.some((g) => g.grantee !== owner))
      return fail(
        'InvalidBucketAclWithObjectOwnership',
        "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting",
      );
    return ok(
      undefined,
      applyEdit(ctx.scenario, (doc) => setObjectOwnership(doc, arn, value as ObjectOwnership)),
    );
  },
};

const getOwnership: CommandSpec = {
  service: 's3api',
  name: 'get-bucket-ownership-controls',
  operation: 'GetBucketOwnershipControls',
  summary:
    "Shows the bucket's Object Ownership (not set in the world: BucketOwnerEnforced, AWS's default).",
  options: [BUCKET],
  action: 's3:GetBucketOwnershipControls',
  resources: (ctx) => [bucketArn(ctx)],
  run(ctx) {
    const missing = requireBucket(ctx);
    if (missing) return missing;
    const value = objectOwnershipOf(ctx.scenario, bucketArn(ctx)) ?? 'BucketOwnerEnforced';
    return ok({ OwnershipControls: { Rules: [{ ObjectOwnership: value }] } });
  },
};

const putBucketAcl: CommandSpec = {
  service: 's3api',
  name: 'put-bucket-acl',
  operation: 'PutBucketAcl',
  summary: "Replaces the bucket's ACL (only when its Object Ownership enables ACLs).",
  options: [BUCKET, ...aclOptions(CANNED_BUCKET)],
  action: 's3:PutBucketAcl',
  resources: (ctx) => [bucketArn(ctx)],
  run: (ctx) => putAcl(ctx, bucketArn(ctx), false),
};

const getBucketAcl: CommandSpec = {
  service: 's3api',
  name: 'get-bucket-acl',
  operation: 'GetBucketAcl',
  summary: "Shows the bucket's ACL: its owner's canonical id and the grants.",
  options: [BUCKET],
  action: 's3:GetBucketAcl',
  resources: (ctx) => [bucketArn(ctx)],
  run(ctx) {
    return requireBucket(ctx) ?? ok(shownAcl(ctx, bucketArn(ctx)));
  },
};

const putObjectAcl: CommandSpec = {
  service: 's3api',
  name: 'put-object-acl',
  operation: 'PutObjectAcl',
  summary: "Replaces an object's ACL (only when the bucket's Object Ownership enables ACLs).",
  options: [BUCKET, KEY, ...aclOptions(CANNED_OBJECT)],
  action: 's3:PutObjectAcl',
  resources: (ctx) => [objectArn(ctx)],
  run: (ctx) => putAcl(ctx, objectArn(ctx), true),
};

const getObjectAcl: CommandSpec = {
  service: 's3api',
  name: 'get-object-acl',
  operation: 'GetObjectAcl',
  summary: "Shows an object's ACL: its owner's canonical id and the grants.",
  options: [BUCKET, KEY],
  action: 's3:GetObjectAcl',
  resources: (ctx) => [objectArn(ctx)],
  run(ctx) {
    return requireBucket(ctx) ?? ok(shownAcl(ctx, objectArn(ctx)));
  },
};

export const s3AclCommands: CommandSpec[] = [
  putOwnership,
  getOwnership,
  putBucketAcl,
  getBucketAcl,
  putObjectAcl,
  getObjectAcl,
];
