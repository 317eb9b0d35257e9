/**
 * S3's own settings of the world: Block Public Access (`aws s3api put-public-access-block` /
 * `get-public-access-block` for a bucket, `aws s3control put-public-access-block` /
 * `get-public-access-block` for an account) and bucket policies (`aws s3api put-bucket-policy`,
 * `get-bucket-policy`, `delete-bucket-policy`). put-bucket-policy refuses a public policy while
 * BlockPublicPolicy is on for the bucket or its account, as S3 does ("PublicAccessBlockConfiguration";
 * src/engine/s3-public-access.ts decides what is public).
 */
import { PUBLIC_ACCESS_BLOCK_KEYS, publicStatements, type Json } from '../../engine/index';
import {
  bucketStatementsWithoutResource,
  bucketSettings,
  resourceOwner,
  setPublicAccessBlock,
  setResourcePolicy,
} from '../../model/index';
import type { CommandContext, CommandSpec, Outcome } from '../spec';
import { fail, ok, str } from '../spec';
import { applyEdit, editAccount } from '../world';

const bucketArn = (ctx: CommandContext): string => `arn:aws:s3:::${str(ctx.args, 'bucket')}`;

const BUCKET_OPTION = {
  name: 'bucket',
  type: 'string',
  required: true,
  help: 'The bucket name (the world keeps it under resources as arn:aws:s3:::NAME).',
} as const;

const CONFIGURATION_OPTION = {
  name: 'public-access-block-configuration',
  type: 'structure',
  required: true,
  help: 'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true (or the same as JSON); a setting left out is false.',
} as const;

/**
 * The --public-access-block-configuration structure (JSON booleans or shorthand `true`/`false`).
 * `leftOut` is what a setting not given means: false for a bucket's or account's
 * put-public-access-block (only the settings turned on are kept), true for an access point
 * (AWS's default: every setting on; each one given is kept as given, absent structure included).
 */
export function readPublicAccessBlock(
  value: unknown,
  leftOut: boolean,
): Record<string, boolean> | { error: Outcome } {
  const out: Record<string, boolean> = leftOut
    ? Object.fromEntries(PUBLIC_ACCESS_BLOCK_KEYS.map((k) => [k, true]))
    : {};
  if (value === undefined && leftOut) return out;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return {
      error: fail('ParamValidation', 'Expected a structure for PublicAccessBlockConfiguration'),
    };
  for (const [key, raw] of Object.entries(value)) {
    if (!(PUBLIC_ACCESS_BLOCK_KEYS as readonly string[]).includes(key))
      return {
        error: fail(
          'ParamValidation',
          `Unknown parameter in PublicAccessBlockConfiguration: "${key}", must be one of: ${PUBLIC_ACCESS_BLOCK_KEYS.join(', ')}`,
        ),
      };
    const text = String(raw).toLowerCase();
    if (text !== 'true' && text !== 'false')
      return {
        error: fail(
          'ParamValidation',
          `Invalid type for parameter PublicAccessBlockConfiguration.${key}, value: ${String(raw)}, valid types: <class 'bool'>`,
        ),
      };
    if (leftOut || text === 'true') out[key] = text === 'true';
  }
  return out;
}

/** The configuration as AWS prints it: all four settings. */
function shown(settings: unknown): Json {
  const record =
    typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>) : {};
  return {
    PublicAccessBlockConfiguration: Object.fromEntries(
      PUBLIC_ACCESS_BLOCK_KEYS.map((k) => [k, record[k] === true]),
    ),
  };
}

/** The bucket's entry, or the NoSuchBucket error when the world does not have it. */
function bucketEntry(ctx: CommandContext): Record<string, unknown> | { error: Outcome } {
  const entry = ctx.scenario.resources?.[bucketArn(ctx)];
  if (!entry || !Object.hasOwn(ctx.scenario.resources ?? {}, bucketArn(ctx)))
    return { error: fail('NoSuchBucket', 'The specified bucket does not exist') };
  return entry as Record<string, unknown>;
}

const putBucketPab: CommandSpec = {
  service: 's3api',
  name: 'put-public-access-block',
  operation: 'PutPublicAccessBlock',
  summary: "Sets a bucket's S3 Block Public Access settings (all four; one left out is false).",
  options: [BUCKET_OPTION, CONFIGURATION_OPTION],
  action: 's3:PutBucketPublicAccessBlock',
  resources: (ctx) => [bucketArn(ctx)],
  run(ctx) {
    const entry = bucketEntry(ctx);
    if ('error' in entry) return entry.error as Outcome;
    const config = readPublicAccessBlock(ctx.args['public-access-block-configuration'], false);
    if ('error' in config) return config.error as Outcome;
    const arn = bucketArn(ctx);
    return ok(
      undefined,
      applyEdit(ctx.scenario, (doc) => setPublicAccessBlock(doc, ['resources', arn], config)),
    );
  },
};

const getBucketPab: CommandSpec = {
  service: 's3api',
  name: 'get-public-access-block',
  operation: 'GetPublicAccessBlock',
  summary: "Shows a bucket's own S3 Block Public Access settings.",
  options: [BUCKET_OPTION],
  action: 's3:GetBucketPublicAccessBlock',
  resources: (ctx) => [bucketArn(ctx)],
  run(ctx) {
    const entry = bucketEntry(ctx);
    if ('error' in entry) return entry.error as Outcome;
    if (entry['publicAccessBlock'] === undefined)
      return fail(
        'NoSuchPublicAccessBlockConfiguration',
        'The public access block configuration was not found',
      );
    return ok(shown(entry['publicAccessBlock']));
  },
};

const ACCOUNT_OPTION = {
  name: 'account-id',
  type: 'string',
  required: true,
  help: 'The account whose settings these are (the current account).',
  complete: 'account',
} as const;

const putAccountPab: CommandSpec = {
  service: 's3control',
  name: 'put-public-access-block',
  operation: 'PutPublicAccessBlock',
  summary: "Sets the account's S3 Block Public Access settings, for every bucket it owns.",
  options: [ACCOUNT_OPTION, CONFIGURATION_OPTION],
  action: 's3:PutAccountPublicAccessBlock',
  run(ctx) {
    const account = str(ctx.args, 'account-id');
    if (account !== ctx.account)
      return fail('AccessDenied', `Account ${account} is not the caller's account ${ctx.account}.`);
    const config = readPublicAccessBlock(ctx.args['public-access-block-configuration'], false);
    if ('error' in config) return config.error as Outcome;
    return ok(
      undefined,
      editAccount(ctx.scenario, account, (doc) =>
        setPublicAccessBlock(doc, ['accounts', account], config),
      ),
    );
  },
};

const getAccountPab: CommandSpec = {
  service: 's3control',
  name: 'get-public-access-block',
  operation: 'GetPublicAccessBlock',
  summary: "Shows the account's S3 Block Public Access settings.",
  options: [ACCOUNT_OPTION],
  action: 's3:GetAccountPublicAccessBlock',
  run(ctx) {
    const account = str(ctx.args, 'account-id');
    const settings = ctx.scenario.accounts?.[account]?.publicAccessBlock;
    if (settings === undefined)
      return fail(
        'NoSuchPublicAccessBlockConfiguration',
        'The public access block configuration was not found',
      );
    return ok(shown(settings));
  },
};

const putBucketPolicy: CommandSpec = {
  service: 's3api',
  name: 'put-bucket-policy',
  operation: 'PutBucketPolicy',
  summary:
    'Sets the bucket policy; refused while BlockPublicPolicy is on and the policy is public.',
  options: [
    BUCKET_OPTION,
    {
      name: 'policy',
      type: 'document',
      required: true,
      help: 'The bucket policy: inline JSON or file://NAME (a document of the world).',
      complete: 'document-file',
    },
  ],
  action: 's3:PutBucketPolicy',
  resources: (ctx) => [bucketArn(ctx)],
  run(ctx) {
    const entry = bucketEntry(ctx);
    if ('error' in entry) return entry.error as Outcome;
    let document: Json;
    try {
      document = JSON.parse(str(ctx.args, 'policy')) as Json;
    } catch {
      return fail('MalformedPolicy', 'Policies must be valid JSON and the first byte must be {');
    }
    if (typeof document !== 'object' || document === null || Array.isArray(document))
      return fail('MalformedPolicy', 'Policies must be valid JSON and the first byte must be {');
    if (bucketStatementsWithoutResource(document).length > 0)
      return fail('MalformedPolicy', 'Statement is missing required element');
    const arn = bucketArn(ctx);
    const owner = resourceOwner(ctx.scenario, arn, ctx.account).account;
    const settings = bucketSettings(ctx.scenario, arn, owner);
    if (settings?.publicAccessBlock.BlockPublicPolicy && publicStatements(document).length > 0)
      return fail(
        'AccessDenied',
        `User: ${ctx.caller.arn} is not authorized to perform: s3:PutBucketPolicy on resource: "${arn}" because public policies are blocked by the BlockPublicPolicy block public access setting (set on the ${(settings.setBy.BlockPublicPolicy ?? []).join(' and ')}).`,
      );
    return ok(
      undefined,
      applyEdit(ctx.scenario, (doc) => setResourcePolicy(doc, arn, document)),
    );
  },
};

const getBucketPolicy: CommandSpec = {
  service: 's3api',
  name: 'get-bucket-policy',
  operation: 'GetBucketPolicy',
  summary: 'Shows the bucket policy (as a JSON string, as S3 returns it).',
  options: [BUCKET_OPTION],
  action: 's3:GetBucketPolicy',
  resources: (ctx) => [bucketArn(ctx)],
  run(ctx) {
    const entry = bucketEntry(ctx);
    if ('error' in entry) return entry.error as Outcome;
    if (entry['policy'] === undefined || entry['policy'] === null)
      return fail('NoSuchBucketPolicy', 'The bucket policy does not exist');
    return ok({ Policy: JSON.stringify(entry['policy']) });
  },
};

export const s3Commands: CommandSpec[] = [
  putBucketPab,
  getBucketPab,
  putBucketPolicy,
  getBucketPolicy,
  putAccountPab,
  getAccountPab,
];
