import { isRecord } from './is-record.ts';
/**
 * S3 Block Public Access: when a bucket policy is "public", and what RestrictPublicBuckets does
 * to a request that such a policy would allow.
 *
 * AWS pages (Amazon S3 User Guide): "Blocking public access to your Amazon S3 storage", its
 * section "The meaning of "public"", and the API reference "PublicAccessBlockConfiguration".
 *
 * - A bucket policy is public unless each Allow statement is limited to fixed values: a fixed
 *   principal (no wildcard), or, for a wildcard principal, a condition that pins the caller to
 *   fixed values of keys such as aws:SourceIp (narrow CIDR ranges), aws:SourceArn, aws:SourceVpc,
 *   aws:SourceVpce, aws:SourceOwner, aws:SourceAccount, aws:userid (not "AROLEID:*"),
 *   s3:x-amz-server-side-encryption-aws-kms-key-id, s3:DataAccessPointAccount/Arn, and the
 *   principal keys aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn. A value is fixed
 *   when it has no wildcard (`*`, `?`) and no policy variable (`${...}`), compared with a
 *   positive operator (StringEquals, ArnEquals, IpAddress, ...; not ...IfExists, not Not...).
 * - RestrictPublicBuckets: when the bucket's policy is public, only AWS service principals and
 *   callers of the bucket owner's account are let through; every other request, cross-account
 *   grants to named accounts included, is refused, whatever the policy allows.
 * - The account's and the bucket's settings combine: the most restrictive applies (the model
 *   merges them; the engine gets the effective settings).
 * - BlockPublicPolicy and BlockPublicAcls refuse *changes* (PutBucketPolicy, PutBucketAcl, ...)
 *   and leave what is already stored as it is; IgnorePublicAcls makes S3 ignore public ACL grants.
 *
 * Which CIDR ranges count as narrow is not spelled out by AWS's page; we follow iam-simulate's
 * reading (IPv4: a private range or a prefix of /8 or longer; IPv6: /32 or longer).
 */

/** The four settings of a PublicAccessBlockConfiguration (absent = false). */
export interface PublicAccessBlock {
  BlockPublicAcls?: boolean;
  IgnorePublicAcls?: boolean;
  BlockPublicPolicy?: boolean;
  RestrictPublicBuckets?: boolean;
}

export const PUBLIC_ACCESS_BLOCK_KEYS = [
  'BlockPublicAcls',
  'IgnorePublicAcls',
  'BlockPublicPolicy',
  'RestrictPublicBuckets',
] as const;

/** What the engine needs to know about the bucket of an S3 request. */
export interface S3BucketSettings {
  /** The bucket's ARN, for the trace. */
  bucket: string;
  /** The effective settings: account and bucket combined (most restrictive wins). */
  publicAccessBlock: Required<PublicAccessBlock>;
  /** For each setting that is on, where it was set, e.g. `account 111122223333`, `bucket`. */
  setBy: Partial<Record<keyof PublicAccessBlock, string[]>>;
}

/** An Allow statement that makes a bucket policy public, and why. */
export interface PublicStatement {
  /** JSON path of the statement inside the policy. */
  path: (string | number)[];
  sid?: string;
  why: string;
}

/** Condition keys whose fixed value limits a wildcard principal (see the module comment). */
const FIXED_VALUE_KEYS = [
  'aws:sourcearn',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceowner',
  'aws:sourceaccount',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
  's3:dataaccesspointaccount',
  's3:dataaccesspointarn',
  'aws:principalorgid',
  'aws:principalaccount',
  'aws:principalarn',
];
const POSITIVE_OPERATORS = [
  'stringequals',
  'stringequalsignorecase',
  'stringlike',
  'arnequals',
  'arnlike',
];

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
const isFixed = (v: unknown): boolean =>
  typeof v === 'string' && v !== '' && !/[*?]/.test(v) && !v.includes('${');

/** True when an IPv4 or IPv6 CIDR is narrow enough not to make a policy public. */
export function isNarrowCidr(cidr: string): boolean {
  const [address = '', prefixText] = cidr.split('/');
  const prefix = prefixText === undefined ? (address.includes(':') ? 128 : 32) : Number(prefixText);
  if (!Number.isInteger(prefix)) return false;
  if (address.includes(':')) return prefix >= 32;
  const [a, b] = address.split('.').map(Number);
  if (a === undefined || b === undefined || !Number.isInteger(a) || !Number.isInteger(b))
    return false;
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return true;
  return prefix >= 8;
}

/** The condition key that limits a wildcard-principal statement to fixed values, if one does. */
function limitingCondition(condition: unknown): string | undefined {
  if (!isRecord(condition)) return undefined;
  for (const [opText, block] of Object.entries(condition)) {
    if (!isRecord(block)) continue;
    const op = opText.toLowerCase().replace(/^foranyvalue:/, '');
    for (const [key, raw] of Object.entries(block)) {
      const k = key.toLowerCase();
      const values = asList(raw);
      if (values.length === 0) continue;
      if (k === 'aws:sourceip') {
        if (op === 'ipaddress' && values.every((v) => typeof v === 'string' && isNarrowCidr(v)))
          return key;
      } else if (k === 'aws:userid') {
        if (
          POSITIVE_OPERATORS.includes(op) &&
          values.every((v) => typeof v === 'string' && (isFixed(v) || /^[A-Z0-9]+:\*$/.test(v)))
        )
          return key;
      } else if (FIXED_VALUE_KEYS.includes(k)) {
        if (POSITIVE_OPERATORS.includes(op) && values.every(isFixed)) return key;
      }
    }
  }
  return undefined;
}

/** The principal values of a statement's Principal, or the reason it is not fixed. */
function wildcardPrincipal(principal: unknown): string | undefined {
  if (principal === '*') return 'Principal "*"';
  if (!isRecord(principal)) return undefined;
  for (const [type, raw] of Object.entries(principal)) {
    for (const v of asList(raw)) {
      if (typeof v === 'string' && !isFixed(v)) return `Principal {"${type}": "${v}"}`;
    }
  }
  return undefined;
}

/**
 * The Allow statements that make `document` (a bucket policy) public, in order. Empty: the
 * policy is not public. Statements that are not objects are skipped (validation reports them).
 */
export function publicStatements(document: unknown): PublicStatement[] {
  if (!isRecord(document)) return [];
  const raw = document['Statement'];
  const list: [unknown, (string | number)[]][] = Array.isArray(raw)
    ? raw.map((s, i) => [s, ['Statement', i]])
    : [[raw, ['Statement']]];
  const out: PublicStatement[] = [];
  for (const [st, path] of list) {
    if (!isRecord(st) || st['Effect'] !== 'Allow') continue;
    const sid = typeof st['Sid'] === 'string' ? st['Sid'] : undefined;
    let who: string | undefined;
    if (Object.hasOwn(st, 'NotPrincipal'))
      who = 'NotPrincipal with Allow (everyone except the named principals)';
    else who = wildcardPrincipal(st['Principal']);
    if (who === undefined) continue;
    const limit = limitingCondition(st['Condition']);
    if (limit !== undefined) continue;
    out.push({
      path,
      ...(sid !== undefined ? { sid } : {}),
      why: `${who} with no condition that limits it to fixed values`,
    });
  }
  return out;
}

export type RestrictVerdict =
  | { applies: false }
  | { applies: true; blocked: boolean; why: string; publicStatement: PublicStatement };

/**
 * What RestrictPublicBuckets does to a request on the bucket: nothing when the setting is off
 * or the bucket policy is not public; otherwise it admits only AWS service principals and the
 * bucket owner's account.
 */
export function restrictPublicBuckets(
  settings: S3BucketSettings,
  bucketPolicy: unknown,
  caller: { type: string; account?: string },
  bucketAccount: string | undefined,
  /** Whose policy it is, for the trace (an access point's policy is checked too). */
  label = `bucket ${settings.bucket}`,
): RestrictVerdict {
  if (!settings.publicAccessBlock.RestrictPublicBuckets) return { applies: false };
  const first = publicStatements(bucketPolicy)[0];
  if (!first) return { applies: false };
  const where = (settings.setBy.RestrictPublicBuckets ?? []).join(' and ');
  const head = `The policy of ${label} is public (${describePublic(first)}) and RestrictPublicBuckets is on${where ? ` (set on the ${where})` : ''}`;
  if (caller.type === 'service')
    return {
      applies: true,
      blocked: false,
      publicStatement: first,
      why: `${head}; AWS service principals are still let through.`,
    };
  if (caller.account !== undefined && caller.account === bucketAccount)
    return {
      applies: true,
      blocked: false,
      publicStatement: first,
      why: `${head}; callers of the bucket owner's account ${bucketAccount} are still let through.`,
    };
  return {
    applies: true,
    blocked: true,
    publicStatement: first,
    why: `${head}: only AWS service principals and callers of the bucket owner's account ${bucketAccount ?? '(unknown)'} may use the bucket, so S3 refuses this ${caller.type === 'anonymous' ? 'anonymous' : 'cross-account'} request whatever the policies allow.`,
  };
}

export function describePublic(s: PublicStatement): string {
  return `statement ${s.sid !== undefined ? `"${s.sid}"` : s.path.join(' ')}: ${s.why}`;
}
