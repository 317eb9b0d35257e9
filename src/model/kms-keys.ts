/**
 * KMS keys of the world (extensions of format v1 on a `resources` entry whose ARN is a key):
 *
 * - `keyManager`: `CUSTOMER` (default) or `AWS`, as DescribeKey reports it. AWS KMS's "AWS KMS
 *   keys" concepts: an AWS managed key is created and used for you by one AWS service, under the
 *   alias `aws/<service>`; its key policy is AWS's and cannot be changed, and it lets principals
 *   of the key's account use the key only through that service (`kms:ViaService`,
 *   `kms:CallerAccount`). "Resource control policies in AWS KMS": RCPs do not apply to AWS
 *   managed keys.
 * - `alias`: the key's alias without `alias/` (`aws/s3` for S3's AWS managed key).
 * - `grants`: the key's grants (src/engine/kms-grants.ts has the rules).
 */
import type { ContextValue, KmsGrant, Principal } from '../engine/index.ts';
import { parseArn } from './arn.ts';
import { getOwn, isRecord } from './own.ts';
import type { ResourceEntry } from './scenario-types.ts';

/**
 * Whether an ARN names a KMS key (not an alias): the one rule for "this resource policy is a key
 * policy" (the engine then decides it as one: it must allow before identity policies count).
 */
export function isKeyArn(resource: string): boolean {
  const arn = parseArn(resource);
  return arn?.service === 'kms' && arn.resource.startsWith('key/');
}

/** True when the entry describes an AWS managed key. */
export function isAwsManaged(entry: ResourceEntry | undefined): boolean {
  return getOwn(entry, 'keyManager') === 'AWS';
}

/** The service of an AWS managed key, from its alias `aws/<service>`. */
export function managedKeyService(entry: ResourceEntry | undefined): string | undefined {
  const alias = getOwn(entry, 'alias');
  return typeof alias === 'string' && alias.startsWith('aws/') ? alias.slice(4) : undefined;
}

/**
 * The key policy AWS gives an AWS managed key ("AWS managed keys": the policy statements the
 * console shows for such a key): use through the service by principals of the key's account,
 * and reading the key's metadata by the account.
 */
export function awsManagedKeyPolicy(account: string, region: string, service: string): unknown {
  return {
    Version: '2012-10-17',
    Id: `auto-${service}`,
    Statement: [
      {
        Sid: `Allow access through ${service} for all principals in the account that are authorized to use ${service}`,
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:CreateGrant',
          'kms:DescribeKey',
        ],
        Resource: '*',
        Condition: {
          StringEquals: {
            'kms:CallerAccount': account,
            'kms:ViaService': `${service}.${region || 'us-east-1'}.amazonaws.com`,
          },
        },
      },
      {
        Sid: 'Allow direct access to key metadata to the account',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: ['kms:Describe*', 'kms:Get*', 'kms:List*', 'kms:RevokeGrant'],
        Resource: '*',
      },
    ],
  };
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** The grants of a key entry, as the engine takes them. */
export function grantsOf(entry: ResourceEntry | undefined, resource: string): KmsGrant[] {
  const list = getOwn(entry, 'grants');
  if (!Array.isArray(list)) return [];
  const out: KmsGrant[] = [];
  list.forEach((value, i) => {
    if (!isRecord(value)) return;
    const grantee = getOwn(value, 'grantee');
    if (typeof grantee !== 'string') return;
    const name = getOwn(value, 'name');
    const ops = getOwn(value, 'operations');
    const grant: KmsGrant = {
      id: ['resources', resource, 'grants', i],
      name: typeof name === 'string' ? `"${name}"` : String(i + 1),
      grantee,
      operations: Array.isArray(ops) ? ops.filter((o): o is string => typeof o === 'string') : [],
    };
    const constraints = getOwn(value, 'constraints');
    const equals = stringRecord(getOwn(constraints, 'encryptionContextEquals'));
    const subset = stringRecord(getOwn(constraints, 'encryptionContextSubset'));
    if (equals) grant.constraints = { encryptionContextEquals: equals };
    else if (subset) grant.constraints = { encryptionContextSubset: subset };
    const retiring = getOwn(value, 'retiringPrincipal');
    if (typeof retiring === 'string') grant.retiringPrincipal = retiring;
    out.push(grant);
  });
  return out;
}

/**
 * `kms:CallerAccount` (AWS KMS condition keys): the account of the caller, in every KMS request
 * made with AWS credentials.
 */
export function kmsContext(principal: Principal, action: string): Record<string, ContextValue> {
  if (!action.toLowerCase().startsWith('kms:') || principal.account === undefined) return {};
  if (principal.type !== 'user' && principal.type !== 'role-session' && principal.type !== 'root')
    return {};
  return { 'kms:CallerAccount': principal.account };
}
