/**
 * S3 Block Public Access in the scenario format (extension, docs/scenario-format-notes.md):
 * `accounts[A].publicAccessBlock` (the account's settings, AWS's s3control
 * PutPublicAccessBlock) and `resources[BUCKET_ARN].publicAccessBlock` (the bucket's, s3api
 * put-public-access-block), each an object with AWS's four boolean settings; absent keys are
 * false. The engine's rules are in src/engine/s3-public-access.ts.
 */
import {
  PUBLIC_ACCESS_BLOCK_KEYS,
  publicStatements,
  type PublicAccessBlock,
  type S3BucketSettings,
  type JsonPath,
} from '../engine/index.ts';
import { editDistance } from '../data/edit-distance.ts';
import { parseArn } from './arn.ts';
import { getOwn, isRecord } from './own.ts';
import type { Scenario } from './scenario-types.ts';

export type ProblemSink = (code: string, path: JsonPath, message: string, atKey?: boolean) => void;

const show = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : `${typeof v} ${JSON.stringify(v)}`;

/** Checks a `publicAccessBlock` value; reports each problem at its place. */
export function checkPublicAccessBlock(value: unknown, path: JsonPath, error: ProblemSink): void {
  if (!isRecord(value)) {
    error(
      'wrong-type',
      path,
      `publicAccessBlock must be an object such as {"RestrictPublicBuckets": true}, not ${show(value)}.`,
    );
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    if (!(PUBLIC_ACCESS_BLOCK_KEYS as readonly string[]).includes(key)) {
      const near = PUBLIC_ACCESS_BLOCK_KEYS.find(
        (k) => editDistance(k.toLowerCase(), key.toLowerCase(), 2) <= 2,
      );
      error(
        'unknown-property',
        [...path, key],
        `Unknown Block Public Access setting "${key}".${near ? ` Did you mean "${near}"?` : ` The settings are ${PUBLIC_ACCESS_BLOCK_KEYS.join(', ')}.`}`,
        true,
      );
    } else if (typeof v !== 'boolean')
      error('wrong-type', [...path, key], `${key} must be true or false, not ${show(v)}.`);
  }
}

function settingsOf(value: unknown): PublicAccessBlock {
  const out: PublicAccessBlock = {};
  if (!isRecord(value)) return out;
  for (const key of PUBLIC_ACCESS_BLOCK_KEYS) if (value[key] === true) out[key] = true;
  return out;
}

/**
 * The effective Block Public Access settings of `bucket` owned by `account`: a setting is on
 * when the account or the bucket turns it on ("Blocking public access to your Amazon S3
 * storage": the most restrictive combination applies). Undefined when neither sets any.
 */
export function bucketSettings(
  scenario: Scenario,
  bucket: string,
  account: string | undefined,
  /** For a request through an access point: its own settings ("Managing public access to access points"). */
  accessPoint?: { where: string; settings: PublicAccessBlock },
): S3BucketSettings | undefined {
  const fromAccount =
    account !== undefined
      ? settingsOf(getOwn(getOwn(scenario.accounts, account), 'publicAccessBlock'))
      : {};
  const fromBucket = settingsOf(getOwn(getOwn(scenario.resources, bucket), 'publicAccessBlock'));
  const effective = {
    BlockPublicAcls: false,
    IgnorePublicAcls: false,
    BlockPublicPolicy: false,
    RestrictPublicBuckets: false,
  };
  const setBy: S3BucketSettings['setBy'] = {};
  let any = false;
  for (const key of PUBLIC_ACCESS_BLOCK_KEYS) {
    const where = [
      ...(fromAccount[key] ? [`account ${account}`] : []),
      ...(fromBucket[key] ? ['bucket'] : []),
      ...(accessPoint?.settings[key] ? [accessPoint.where] : []),
    ];
    if (where.length > 0) {
      effective[key] = true;
      setBy[key] = where;
      any = true;
    }
  }
  return any ? { bucket, publicAccessBlock: effective, setBy } : undefined;
}

/**
 * A bucket policy that BlockPublicPolicy would refuse today: S3 keeps a policy that was stored
 * before the setting was turned on, so this is a warning, not an error. The path points into
 * the policy, at the first public statement's Principal (or NotPrincipal).
 */
export function blockedPolicyWarning(
  scenario: Scenario,
  bucket: string,
  account: string | undefined,
  policy: unknown,
): { path: JsonPath; message: string } | undefined {
  const settings = bucketSettings(scenario, bucket, account);
  if (!settings?.publicAccessBlock.BlockPublicPolicy) return undefined;
  const first = publicStatements(policy)[0];
  if (!first) return undefined;
  const statement = getOwn(policy, 'Statement');
  const st = Array.isArray(statement) ? statement[first.path[1] as number] : statement;
  const element = getOwn(st, 'NotPrincipal') !== undefined ? 'NotPrincipal' : 'Principal';
  return {
    path: [...first.path, element],
    message: `This bucket policy is public (${first.sid !== undefined ? `statement "${first.sid}"` : 'a statement'}: ${first.why}), and BlockPublicPolicy is on (${(settings.setBy.BlockPublicPolicy ?? []).join(' and ')}): S3 would refuse to put it now (PutBucketPolicy: AccessDenied). A policy stored before the setting stays${settings.publicAccessBlock.RestrictPublicBuckets ? ', but RestrictPublicBuckets limits what it grants' : ' and still grants: turn RestrictPublicBuckets on to stop it'}.`,
  };
}
