/**
 * The data-perimeter commands: `aws ec2 create-vpc-endpoint` (an endpoint with its endpoint
 * policy, kept under the account's `vpcEndpoints`) and `aws kms create-grant` / `list-grants`
 * (grants kept on the key's `resources` entry). The engine decides requests with them
 * (src/engine/vpc-endpoint.ts, src/engine/kms-grants.ts).
 */
import { type Json, GRANT_OPERATIONS } from '../../engine/index';
import { type KmsGrantEntry, addKmsGrant, addVpcEndpoint, isArn } from '../../model/index';
import { hashChars } from '../ids';
import type { CommandContext, CommandSpec } from '../spec';
import { fail, list, ok, optStr, str } from '../spec';
import { applyEdit, editAccount } from '../world';
import { parsePolicyDocument } from './common';

const HEX = '0123456789abcdef';

const createVpcEndpoint: CommandSpec = {
  service: 'ec2',
  name: 'create-vpc-endpoint',
  operation: 'CreateVpcEndpoint',
  summary: 'Creates a VPC endpoint for a service, with an endpoint policy (default: full access).',
  options: [
    { name: 'vpc-id', type: 'string', required: true, help: 'The VPC, e.g. vpc-0123abcd.' },
    {
      name: 'service-name',
      type: 'string',
      required: true,
      help: 'e.g. com.amazonaws.us-east-1.s3: the service the endpoint connects to.',
    },
    {
      name: 'policy-document',
      type: 'document',
      help: 'The endpoint policy: inline JSON or file://NAME. It must name Principal.',
      complete: 'document-file',
    },
    {
      name: 'vpc-endpoint-type',
      type: 'string',
      help: 'Gateway or Interface (accepted as given).',
      choices: ['Gateway', 'Interface', 'GatewayLoadBalancer'],
    },
  ],
  action: 'ec2:CreateVpcEndpoint',
  run(ctx) {
    const vpc = str(ctx.args, 'vpc-id');
    if (!/^vpc-[0-9a-f]{8}(?:[0-9a-f]{9})?$/.test(vpc))
      return fail('InvalidVpcId.Malformed', `Invalid id: "${vpc}" (expecting "vpc-...")`);
    const serviceName = str(ctx.args, 'service-name');
    const m = /^com\.amazonaws\.[a-z0-9-]+\.([a-z0-9-]+)$/.exec(serviceName);
    if (!m)
      return fail(
        'InvalidServiceName',
        `The Vpc Endpoint Service '${serviceName}' does not exist: write com.amazonaws.REGION.SERVICE.`,
      );
    const text = optStr(ctx.args, 'policy-document');
    let policy: Json | undefined;
    if (text !== undefined) {
      const parsed = parsePolicyDocument(text, 'endpoint');
      if ('error' in parsed) return parsed.error;
      policy = parsed.document;
    }
    const existing = ctx.scenario.accounts?.[ctx.account]?.vpcEndpoints ?? {};
    let id = '';
    for (let n = 0; id === '' || Object.hasOwn(existing, id); n++)
      id = `vpce-${hashChars(`${ctx.account}/${vpc}/${serviceName}/${n}`, 17, HEX)}`;
    const scenario = editAccount(ctx.scenario, ctx.account, (doc) =>
      addVpcEndpoint(doc, ctx.account, id, {
        vpc,
        service: m[1],
        ...(policy !== undefined ? { policy } : {}),
      }),
    );
    return ok(
      {
        VpcEndpoint: {
          VpcEndpointId: id,
          VpcEndpointType: optStr(ctx.args, 'vpc-endpoint-type') ?? 'Gateway',
          VpcId: vpc,
          ServiceName: serviceName,
          State: 'available',
          PolicyDocument: JSON.stringify(
            policy ?? {
              Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
            },
          ),
          OwnerId: ctx.account,
        },
      },
      scenario,
    );
  },
};

/** The key ARN for --key-id: a key ARN, or a key id in the caller's account and us-east-1. */
function keyArn(ctx: CommandContext): string {
  const given = str(ctx.args, 'key-id');
  if (isArn(given)) return given;
  const known = Object.keys(ctx.scenario.resources ?? {}).find((arn) =>
    arn.endsWith(`:key/${given}`),
  );
  return known ?? `arn:aws:kms:us-east-1:${ctx.account}:key/${given}`;
}

const PRINCIPAL =
  /^arn:aws[a-z-]*:(?:iam::\d{12}:(?:root|user\/.+|role\/.+)|sts::\d{12}:assumed-role\/.+\/.+)$/;

const createGrant: CommandSpec = {
  service: 'kms',
  name: 'create-grant',
  operation: 'CreateGrant',
  summary: 'Adds a grant to a KMS key: a grantee may call the listed operations on it.',
  options: [
    { name: 'key-id', type: 'string', required: true, help: 'The key id or key ARN.' },
    {
      name: 'grantee-principal',
      type: 'string',
      required: true,
      help: 'ARN of the user, role, role session or account the grant is for.',
      complete: 'principal-arn',
    },
    {
      name: 'operations',
      type: 'string-list',
      required: true,
      help: 'Grant operations, e.g. Decrypt GenerateDataKey.',
      choices: [...GRANT_OPERATIONS],
    },
    {
      name: 'retiring-principal',
      type: 'string',
      help: 'ARN of the principal that may retire the grant.',
      complete: 'principal-arn',
    },
    {
      name: 'constraints',
      type: 'structure',
      help: 'EncryptionContextSubset={Key=Value} or EncryptionContextEquals={...}, or the JSON.',
    },
    { name: 'name', type: 'string', help: 'A friendly name for the grant.' },
  ],
  action: 'kms:CreateGrant',
  resources: (ctx) => [keyArn(ctx)],
  run(ctx) {
    const arn = keyArn(ctx);
    const grantee = str(ctx.args, 'grantee-principal');
    if (!PRINCIPAL.test(grantee))
      return fail(
        'InvalidArnException',
        `GranteePrincipal ${grantee} is not a valid principal ARN.`,
      );
    const retiring = optStr(ctx.args, 'retiring-principal');
    if (retiring !== undefined && !PRINCIPAL.test(retiring))
      return fail(
        'InvalidArnException',
        `RetiringPrincipal ${retiring} is not a valid principal ARN.`,
      );
    const operations = list(ctx.args, 'operations');
    const bad = operations.find((o) => !(GRANT_OPERATIONS as readonly string[]).includes(o));
    if (operations.length === 0 || bad !== undefined)
      return fail(
        'ValidationException',
        `Value '${bad ?? ''}' at 'operations' failed to satisfy constraint: Member must satisfy enum value set: [${GRANT_OPERATIONS.join(', ')}]`,
      );
    const grant: KmsGrantEntry = { grantee, operations };
    const name = optStr(ctx.args, 'name');
    if (name !== undefined) grant.name = name;
    if (retiring !== undefined) grant.retiringPrincipal = retiring;
    const c = ctx.args['constraints'];
    if (c !== undefined) {
      const record = typeof c === 'object' && c !== null && !Array.isArray(c) ? c : {};
      const equals = record['EncryptionContextEquals'];
      const subset = record['EncryptionContextSubset'];
      const pairs = (v: unknown): Record<string, string> | undefined =>
        typeof v === 'object' && v !== null && !Array.isArray(v)
          ? Object.fromEntries(
              Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'),
            )
          : undefined;
      if ((equals === undefined) === (subset === undefined) || !pairs(equals ?? subset))
        return fail(
          'ValidationException',
          'Constraints takes one of EncryptionContextEquals or EncryptionContextSubset, a map of strings.',
        );
      grant.constraints =
        equals !== undefined
          ? { encryptionContextEquals: pairs(equals)! }
          : { encryptionContextSubset: pairs(subset)! };
    }
    const scenario = applyEdit(ctx.scenario, (doc) => addKmsGrant(doc, arn, { ...grant }));
    const count = scenario.resources?.[arn]?.grants?.length ?? 1;
    const grantId = hashChars(`${arn}/${count}`, 64, HEX);
    return ok({ GrantToken: `token-${grantId.slice(0, 16)}`, GrantId: grantId }, scenario);
  },
};

const listGrants: CommandSpec = {
  service: 'kms',
  name: 'list-grants',
  operation: 'ListGrants',
  summary: 'Lists the grants of a KMS key.',
  options: [{ name: 'key-id', type: 'string', required: true, help: 'The key id or key ARN.' }],
  action: 'kms:ListGrants',
  resources: (ctx) => [keyArn(ctx)],
  run(ctx) {
    const arn = keyArn(ctx);
    const grants = ctx.scenario.resources?.[arn]?.grants ?? [];
    const out: Json[] = grants.map((g, i) => {
      const item: Record<string, Json> = {
        KeyId: arn,
        GrantId: hashChars(`${arn}/${i + 1}`, 64, HEX),
        GranteePrincipal: g.grantee,
        Operations: g.operations,
      };
      if (g.name !== undefined) item['Name'] = g.name;
      if (g.retiringPrincipal !== undefined) item['RetiringPrincipal'] = g.retiringPrincipal;
      const equals = g.constraints?.encryptionContextEquals;
      const subset = g.constraints?.encryptionContextSubset;
      if (equals) item['Constraints'] = { EncryptionContextEquals: equals };
      else if (subset) item['Constraints'] = { EncryptionContextSubset: subset };
      return item;
    });
    return ok({ Grants: out });
  },
};

export const perimeterCommands: readonly CommandSpec[] = [
  createVpcEndpoint,
  createGrant,
  listGrants,
];
