/**
 * S3 access points in the scenario format (an extension of format v1,
 * docs/scenario-format-notes.md): `accounts.A.accessPoints.NAME` with the `bucket` it fronts
 * (a bucket name, as `aws s3control create-access-point --bucket` takes it), an optional
 * `region`, an optional access point `policy`, an optional `vpc` (network origin VPC: only
 * requests from that VPC are accepted) and optional `publicAccessBlock` settings (absent: all
 * four on, AWS's default for a new access point). A request targets an access point by its ARN,
 * `arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME` or `.../accesspoint/NAME/object/KEY`.
 *
 * Amazon S3 User Guide: "Configuring IAM policies for using access points" (the access point
 * policy and the bucket policy must both permit; the condition keys s3:DataAccessPointArn,
 * s3:DataAccessPointAccount, s3:AccessPointNetworkOrigin), "Delegating access control to access
 * points", "Creating access points restricted to a virtual private cloud", "Managing public
 * access to access points" (the access point's own Block Public Access settings, on by default,
 * combined with the bucket's and the account's). The engine's rules: src/engine/resource-layers.ts.
 */
import type { ContextValue, JsonPath, PolicyKind, ResourceLayer } from '../engine/index.ts';
import type { PolicySource } from '../engine/index.ts';
import { PUBLIC_ACCESS_BLOCK_KEYS, type PublicAccessBlock } from '../engine/index.ts';
import { parseArn } from './arn.ts';
import { getOwn, isRecord } from './own.ts';
import { checkPublicAccessBlock } from './s3-settings.ts';
import type { Scenario } from './scenario-types.ts';
import {
  checkVpcField,
  describeValue,
  entryPolicyPath,
  errorsInto,
  keyedEntries,
  type RawProblem,
} from './keyed-entries.ts';

export const ACCESS_POINT_KEYS = ['bucket', 'region', 'policy', 'vpc', 'publicAccessBlock'];

/** An access point name: 3 to 50 lowercase letters, digits and hyphens, starting and ending with a letter or digit. */
export const ACCESS_POINT_NAME = /^[a-z0-9](?:[a-z0-9-]{1,48})[a-z0-9]$/;
/** A general purpose bucket name (3 to 63 lowercase letters, digits, dots and hyphens). */
export const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;

/** The parts of an access point ARN. */
export interface AccessPointArn {
  partition: string;
  region: string;
  account: string;
  name: string;
  /** The object key, for `.../accesspoint/NAME/object/KEY`. */
  key?: string;
}

/** Reads `arn:PARTITION:s3:REGION:ACCOUNT:accesspoint/NAME[/object/KEY]`; undefined for any other ARN. */
export function parseAccessPointArn(arn: string): AccessPointArn | undefined {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 's3' || !parsed.resource.startsWith('accesspoint/'))
    return undefined;
  const rest = parsed.resource.slice('accesspoint/'.length);
  const slash = rest.indexOf('/');
  const name = slash < 0 ? rest : rest.slice(0, slash);
  const tail = slash < 0 ? undefined : rest.slice(slash + 1);
  if (name === '' || (tail !== undefined && !tail.startsWith('object/'))) return undefined;
  const key = tail?.slice('object/'.length);
  return {
    partition: parsed.partition,
    region: parsed.region,
    account: parsed.account,
    name,
    ...(key !== undefined ? { key } : {}),
  };
}

export interface AccessPointRef {
  name: string;
  account: string;
  path: JsonPath;
  /** The access point's ARN (without an object). */
  arn: string;
  bucket: string;
  bucketArn: string;
  vpc?: string;
  policy: unknown;
  publicAccessBlock: PublicAccessBlock;
  /** True when the settings are AWS's default (none written). */
  defaultBlock: boolean;
}

/** The access point a resource ARN names, or undefined (not an access point ARN, or unknown). */
export function findAccessPoint(scenario: Scenario, resource: string): AccessPointRef | undefined {
  const ap = parseAccessPointArn(resource);
  if (!ap) return undefined;
  const entry = getOwn(getOwn(getOwn(scenario.accounts, ap.account), 'accessPoints'), ap.name);
  if (!isRecord(entry)) return undefined;
  const region = getOwn(entry, 'region');
  if (typeof region === 'string' && region !== ap.region) return undefined;
  const bucket = typeof entry.bucket === 'string' ? entry.bucket : '';
  const vpc = getOwn(entry, 'vpc');
  const block = getOwn(entry, 'publicAccessBlock');
  const publicAccessBlock: PublicAccessBlock = {};
  for (const key of PUBLIC_ACCESS_BLOCK_KEYS)
    if (!isRecord(block) || block[key] === true) publicAccessBlock[key] = true;
  return {
    name: ap.name,
    account: ap.account,
    path: ['accounts', ap.account, 'accessPoints', ap.name],
    arn: `arn:${ap.partition}:s3:${ap.region}:${ap.account}:accesspoint/${ap.name}`,
    bucket,
    bucketArn: `arn:${ap.partition}:s3:::${bucket}`,
    ...(typeof vpc === 'string' ? { vpc } : {}),
    policy: getOwn(entry, 'policy'),
    publicAccessBlock,
    defaultBlock: !isRecord(block),
  };
}

/** The bucket or object ARN behind an access point ARN. */
export function underlyingArn(ref: AccessPointRef, resource: string): string {
  const key = parseAccessPointArn(resource)?.key;
  return key === undefined ? ref.bucketArn : `${ref.bucketArn}/${key}`;
}

/** The access point's policy as the request's own resource-based policy, if it has one. */
export function accessPointPolicy(ref: AccessPointRef): PolicySource | undefined {
  if (ref.policy === undefined || ref.policy === null) return undefined;
  return {
    id: [...ref.path, 'policy'],
    name: `of access point ${ref.name}`,
    kind: 'resource',
    document: ref.policy,
  };
}

/** The bucket behind the access point as a layer that must permit the request too. */
export function bucketLayer(
  ref: AccessPointRef,
  resource: string,
  bucketAccount: string | undefined,
  bucketPolicy: unknown,
): ResourceLayer {
  const name = `bucket ${ref.bucket} behind access point ${ref.name}`;
  return {
    name,
    resource: underlyingArn(ref, resource),
    ...(bucketAccount !== undefined ? { account: bucketAccount } : {}),
    ...(bucketPolicy !== undefined && bucketPolicy !== null
      ? {
          policy: {
            id: ['resources', ref.bucketArn, 'policy'],
            name: `of ${name}`,
            kind: 'resource',
            document: bucketPolicy,
          },
        }
      : {}),
    advice: `or let the bucket delegate access control to access points: Allow Principal "*" with the condition StringEquals s3:DataAccessPointAccount "${ref.account}"`,
  };
}

/** The condition keys of a request through the access point. */
export function accessPointContext(ref: AccessPointRef): Record<string, ContextValue> {
  return {
    's3:DataAccessPointArn': ref.arn,
    's3:DataAccessPointAccount': ref.account,
    's3:AccessPointNetworkOrigin': ref.vpc !== undefined ? 'VPC' : 'Internet',
  };
}

/** Checks every `accessPoints` map; access point policies are returned to be checked as documents. */
export function accessPointProblems(scenario: unknown): {
  problems: RawProblem[];
  documents: { path: JsonPath; kind: PolicyKind }[];
} {
  const problems: RawProblem[] = [];
  const documents: { path: JsonPath; kind: PolicyKind }[] = [];
  const error = errorsInto(problems);
  const spec = {
    field: 'accessPoints',
    keyedBy: 'access point name',
    label: 'access point',
    keys: ACCESS_POINT_KEYS,
    keyRule: {
      pattern: ACCESS_POINT_NAME,
      code: 'invalid-access-point-name',
      what: 'an access point name: 3 to 50 lowercase letters, digits and hyphens, starting and ending with a letter or digit.',
    },
  };
  for (const { key: name, entry, at } of keyedEntries(scenario, spec, error)) {
    const bucket = getOwn(entry, 'bucket');
    if (bucket === undefined)
      error(
        'missing-bucket',
        at,
        `Access point ${name} needs "bucket": the name of the bucket it fronts, such as "amzn-s3-demo-bucket".`,
      );
    else if (typeof bucket !== 'string' || !BUCKET_NAME.test(bucket))
      error(
        'invalid-bucket-name',
        [...at, 'bucket'],
        `"bucket" is a bucket name (3 to 63 lowercase letters, digits, dots and hyphens, not an ARN), not ${describeValue(bucket)}.`,
      );
    const region = getOwn(entry, 'region');
    if (region !== undefined && (typeof region !== 'string' || !REGION.test(region)))
      error(
        'invalid-region',
        [...at, 'region'],
        `"region" is an AWS Region such as "us-east-1", not ${describeValue(region)}.`,
      );
    checkVpcField(entry, at, error);
    if (Object.hasOwn(entry, 'publicAccessBlock'))
      checkPublicAccessBlock(entry.publicAccessBlock, [...at, 'publicAccessBlock'], error);
    const policy = entryPolicyPath(entry, at, 'access point policy', error);
    if (policy) documents.push({ path: policy, kind: 'resource' });
  }
  return { problems, documents };
}
