/**
 * S3 access points of the world (src/model/access-points.ts): `aws s3control
 * create-access-point`, `get-access-point`, `delete-access-point`, `list-access-points`,
 * `put-access-point-policy`, `get-access-point-policy`, `delete-access-point-policy`, with the
 * S3 Control API's error codes. The network origin and the Block Public Access settings are
 * fixed at creation (Amazon S3 User Guide, "Managing public access to access points": all four
 * settings are on unless turned off when the access point is created, and cannot change after);
 * put-access-point-policy refuses a public policy while BlockPublicPolicy is on for the access
 * point, its bucket or its account.
 */
import { PUBLIC_ACCESS_BLOCK_KEYS, publicStatements, type Json } from '../../engine/index.ts';
import {
  ACCESS_POINT_NAME,
  BUCKET_NAME,
  bucketSettings,
  findAccessPoint,
  resourceOwner,
  VPC_ID,
  addAccessPoint,
  deleteAccessPoint as deleteAccessPointEdit,
  setAccessPointPolicy,
  type AccessPoint,
  type ScenarioDocument,
} from '../../model/index.ts';
import type { CommandContext, CommandSpec, Outcome } from '../spec';
import { fail, ok, optStr, str } from '../spec';
import { applyEdit, editAccount } from '../world';
import { readPublicAccessBlock } from './s3';

/** The Region the console's commands act in (as elsewhere in the console). */
const REGION = 'us-east-1';

const ACCOUNT_OPTION = {
  name: 'account-id',
  type: 'string',
  required: true,
  help: 'The account that owns the access point (the current account).',
  complete: 'account',
} as const;
const NAME_OPTION = {
  name: 'name',
  type: 'string',
  required: true,
  help: 'The access point name: 3 to 50 lowercase letters, digits and hyphens.',
} as const;

const apArn = (account: string, name: string, region = REGION): string =>
  `arn:aws:s3:${region}:${account}:accesspoint/${name}`;

function accessPointOf(ctx: CommandContext): FoundAccessPoint | { error: Outcome } {
  const account = str(ctx.args, 'account-id');
  const name = str(ctx.args, 'name');
  const entry = ctx.scenario.accounts?.[account]?.accessPoints?.[name];
  if (!entry || !Object.hasOwn(ctx.scenario.accounts?.[account]?.accessPoints ?? {}, name))
    return { error: fail('NoSuchAccessPoint', 'The specified accesspoint does not exist') };
  return { account, name, entry };
}

function sameAccount(ctx: CommandContext): Outcome | undefined {
  const account = str(ctx.args, 'account-id');
  return account === ctx.account
    ? undefined
    : fail('AccessDenied', `Account ${account} is not the caller's account ${ctx.account}.`);
}

type FoundAccessPoint = { account: string; name: string; entry: AccessPoint };

/**
 * The run body of a command on one named access point: a change (`changes`) needs the caller's
 * own account (AccessDenied otherwise), then the access point must exist (NoSuchAccessPoint).
 */
function onAccessPoint(
  changes: boolean,
  body: (ctx: CommandContext, found: FoundAccessPoint) => Outcome,
): (ctx: CommandContext) => Outcome {
  return (ctx) => {
    const denied = changes ? sameAccount(ctx) : undefined;
    if (denied) return denied;
    const found = accessPointOf(ctx);
    if ('error' in found) return found.error;
    return body(ctx, found);
  };
}

/** The world after `edit` (a world edit of src/model/world) of the access point's account. */
function changeAccount(
  ctx: CommandContext,
  edit: (document: ScenarioDocument) => ScenarioDocument,
): Outcome {
  return ok(undefined, applyEdit(ctx.scenario, edit));
}

/** The --vpc-configuration structure's VpcId. */
function readVpc(value: unknown): string | undefined | { error: Outcome } {
  if (value === undefined) return undefined;
  const vpc =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)['VpcId']
      : undefined;
  if (typeof vpc !== 'string')
    return {
      error: fail('ParamValidation', 'Missing required parameter in VpcConfiguration: "VpcId"'),
    };
  if (!VPC_ID.test(vpc))
    return {
      error: fail(
        'InvalidRequest',
        `The VPC id ${vpc} is not valid (vpc- and 8 or 17 hex digits).`,
      ),
    };
  return vpc;
}

const createAccessPoint: CommandSpec = {
  service: 's3control',
  name: 'create-access-point',
  operation: 'CreateAccessPoint',
  summary:
    'Creates an access point for a bucket; its network origin and Block Public Access settings are fixed from then on.',
  options: [
    ACCOUNT_OPTION,
    NAME_OPTION,
    {
      name: 'bucket',
      type: 'string',
      required: true,
      help: 'The name of the bucket the access point fronts.',
    },
    {
      name: 'vpc-configuration',
      type: 'structure',
      help: 'VpcId=vpc-…: accept requests only from this VPC (network origin VPC).',
    },
    {
      name: 'public-access-block-configuration',
      type: 'structure',
      help: 'BlockPublicAcls=…,IgnorePublicAcls=…,BlockPublicPolicy=…,RestrictPublicBuckets=…; a setting left out is on.',
    },
  ],
  action: 's3:CreateAccessPoint',
  resources: (ctx) => [apArn(str(ctx.args, 'account-id'), str(ctx.args, 'name'))],
  run(ctx) {
    const denied = sameAccount(ctx);
    if (denied) return denied;
    const name = str(ctx.args, 'name');
    const bucket = str(ctx.args, 'bucket');
    if (!ACCESS_POINT_NAME.test(name))
      return fail(
        'InvalidAccessPointName',
        `${name} is not a valid access point name: 3 to 50 lowercase letters, digits and hyphens, starting and ending with a letter or digit.`,
      );
    if (!BUCKET_NAME.test(bucket))
      return fail('InvalidBucketName', 'The specified bucket is not valid.');
    if (!Object.hasOwn(ctx.scenario.resources ?? {}, `arn:aws:s3:::${bucket}`))
      return fail('NoSuchBucket', 'The specified bucket does not exist');
    if (Object.hasOwn(ctx.scenario.accounts?.[ctx.account]?.accessPoints ?? {}, name))
      return fail(
        'AccessPointAlreadyOwnedByYou',
        'Your previous request to create the named accesspoint succeeded and you already own it.',
      );
    const vpc = readVpc(ctx.args['vpc-configuration']);
    if (typeof vpc === 'object') return vpc.error;
    const block = readPublicAccessBlock(ctx.args['public-access-block-configuration'], true);
    if ('error' in block) return block.error as Outcome;
    const entry: AccessPoint = { bucket, region: REGION };
    if (vpc !== undefined) entry.vpc = vpc;
    // Only what differs from AWS's default (all on) is written.
    if (PUBLIC_ACCESS_BLOCK_KEYS.some((k) => !block[k])) entry.publicAccessBlock = block;
    return ok(
      { AccessPointArn: apArn(ctx.account, name) },
      editAccount(ctx.scenario, ctx.account, (doc) =>
        addAccessPoint(doc, ctx.account, name, { ...entry }),
      ),
    );
  },
};

const getAccessPoint: CommandSpec = {
  service: 's3control',
  name: 'get-access-point',
  operation: 'GetAccessPoint',
  summary: 'Shows an access point: its bucket, network origin and Block Public Access settings.',
  options: [ACCOUNT_OPTION, NAME_OPTION],
  action: 's3:GetAccessPoint',
  resources: (ctx) => [apArn(str(ctx.args, 'account-id'), str(ctx.args, 'name'))],
  run: onAccessPoint(false, (ctx, found) => {
    const { account, name, entry } = found;
    const block = entry.publicAccessBlock;
    const owner = resourceOwner(ctx.scenario, `arn:aws:s3:::${entry.bucket}`, account).account;
    const value: Record<string, Json> = {
      Name: name,
      Bucket: entry.bucket,
      NetworkOrigin: entry.vpc !== undefined ? 'VPC' : 'Internet',
      PublicAccessBlockConfiguration: Object.fromEntries(
        PUBLIC_ACCESS_BLOCK_KEYS.map((k) => [k, block === undefined || block[k] === true]),
      ),
      AccessPointArn: apArn(account, name, entry.region),
      BucketAccountId: owner ?? account,
    };
    if (entry.vpc !== undefined) value['VpcConfiguration'] = { VpcId: entry.vpc };
    return ok(value);
  }),
};

const listAccessPoints: CommandSpec = {
  service: 's3control',
  name: 'list-access-points',
  operation: 'ListAccessPoints',
  summary: "Lists the account's access points, optionally those of one bucket.",
  options: [ACCOUNT_OPTION, { name: 'bucket', type: 'string', help: 'Only this bucket’s.' }],
  action: 's3:ListAccessPoints',
  run(ctx) {
    const account = str(ctx.args, 'account-id');
    const bucket = optStr(ctx.args, 'bucket');
    const list = Object.entries(ctx.scenario.accounts?.[account]?.accessPoints ?? {})
      .filter(([, ap]) => bucket === undefined || ap.bucket === bucket)
      .map(([name, ap]) => ({
        Name: name,
        NetworkOrigin: ap.vpc !== undefined ? 'VPC' : 'Internet',
        ...(ap.vpc !== undefined ? { VpcConfiguration: { VpcId: ap.vpc } } : {}),
        Bucket: ap.bucket,
        AccessPointArn: apArn(account, name, ap.region),
      }));
    return ok({ AccessPointList: list });
  },
};

const deleteAccessPoint: CommandSpec = {
  service: 's3control',
  name: 'delete-access-point',
  operation: 'DeleteAccessPoint',
  summary: 'Deletes an access point (the bucket and its objects stay).',
  options: [ACCOUNT_OPTION, NAME_OPTION],
  action: 's3:DeleteAccessPoint',
  resources: (ctx) => [apArn(str(ctx.args, 'account-id'), str(ctx.args, 'name'))],
  run: onAccessPoint(true, (ctx, found) =>
    changeAccount(ctx, (doc) => deleteAccessPointEdit(doc, found.account, found.name)),
  ),
};

const putAccessPointPolicy: CommandSpec = {
  service: 's3control',
  name: 'put-access-point-policy',
  operation: 'PutAccessPointPolicy',
  summary:
    'Sets the access point policy; refused while BlockPublicPolicy is on and the policy is public.',
  options: [
    ACCOUNT_OPTION,
    NAME_OPTION,
    {
      name: 'policy',
      type: 'document',
      required: true,
      help: 'The access point policy: inline JSON or file://NAME (a document of the world).',
      complete: 'document-file',
    },
  ],
  action: 's3:PutAccessPointPolicy',
  resources: (ctx) => [apArn(str(ctx.args, 'account-id'), str(ctx.args, 'name'))],
  run: onAccessPoint(true, (ctx, found) => {
    let document: Json;
    try {
      document = JSON.parse(str(ctx.args, 'policy')) as Json;
    } catch {
      return fail('MalformedPolicy', 'Policies must be valid JSON and the first byte must be {');
    }
    if (typeof document !== 'object' || document === null || Array.isArray(document))
      return fail('MalformedPolicy', 'Policies must be valid JSON and the first byte must be {');
    const arn = apArn(found.account, found.name, found.entry.region);
    const ref = findAccessPoint(ctx.scenario, arn);
    const bucketArn = `arn:aws:s3:::${found.entry.bucket}`;
    const settings = ref
      ? bucketSettings(
          ctx.scenario,
          bucketArn,
          resourceOwner(ctx.scenario, bucketArn, found.account).account,
          { where: `access point ${found.name}`, settings: ref.publicAccessBlock },
        )
      : undefined;
    if (settings?.publicAccessBlock.BlockPublicPolicy && publicStatements(document).length > 0)
      return fail(
        'AccessDenied',
        `User: ${ctx.caller.arn} is not authorized to perform: s3:PutAccessPointPolicy on resource: "${arn}" because public policies are blocked by the BlockPublicPolicy block public access setting (set on the ${(settings.setBy.BlockPublicPolicy ?? []).join(' and ')}).`,
      );
    return changeAccount(ctx, (doc) =>
      setAccessPointPolicy(doc, found.account, found.name, document),
    );
  }),
};

const getAccessPointPolicy: CommandSpec = {
  service: 's3control',
  name: 'get-access-point-policy',
  operation: 'GetAccessPointPolicy',
  summary: 'Shows the access point policy (as a JSON string, as S3 returns it).',
  options: [ACCOUNT_OPTION, NAME_OPTION],
  action: 's3:GetAccessPointPolicy',
  resources: (ctx) => [apArn(str(ctx.args, 'account-id'), str(ctx.args, 'name'))],
  run: onAccessPoint(false, (_, found) => {
    if (found.entry.policy === undefined || found.entry.policy === null)
      return fail('NoSuchAccessPointPolicy', 'The specified accesspoint policy does not exist');
    return ok({ Policy: JSON.stringify(found.entry.policy) });
  }),
};

const deleteAccessPointPolicy: CommandSpec = {
  service: 's3control',
  name: 'delete-access-point-policy',
  operation: 'DeleteAccessPointPolicy',
  summary: 'Deletes the access point policy.',
  options: [ACCOUNT_OPTION, NAME_OPTION],
  action: 's3:DeleteAccessPointPolicy',
  resources: (ctx) => [apArn(str(ctx.args, 'account-id'), str(ctx.args, 'name'))],
  run: onAccessPoint(true, (ctx, found) =>
    changeAccount(ctx, (doc) => setAccessPointPolicy(doc, found.account, found.name, null)),
  ),
};

export const accessPointCommands: CommandSpec[] = [
  createAccessPoint,
  getAccessPoint,
  listAccessPoints,
  deleteAccessPoint,
  putAccessPointPolicy,
  getAccessPointPolicy,
  deleteAccessPointPolicy,
];
