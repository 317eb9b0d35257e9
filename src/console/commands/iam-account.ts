/**
 * `aws iam get-account-authorization-details`: the current account's users, groups, roles
 * (with their instance profiles) and managed policies in one answer, in AWS's shape (IAM API
 * reference, "GetAccountAuthorizationDetails": UserDetail, GroupDetail, RoleDetail,
 * ManagedPolicyDetail). What it prints is what the import reads
 * (src/model/aws-cli/authorization-details.ts), so export → import gives the world back.
 */
import type { Json } from '../../engine/index';
import { uniqueId } from '../ids';
import type { CommandContext, CommandSpec } from '../spec';
import { fail, list, ok } from '../spec';
import type { WorldGroup, WorldRole, WorldUser } from '../world';
import {
  asJson,
  groupArn,
  normalizePath,
  parsePolicyArn,
  policyArn,
  referenceToArn,
  tagList,
} from '../world';
import { accountOf, createdAt } from './common';
import { policyJson } from './iam-policies';
import { profileJson, roleJson } from './iam-roles';
import { userJson } from './iam-users';

/** The entity types `--filter` takes ("GetAccountAuthorizationDetails", Filter.member.N). */
const FILTERS = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const;

/** `AttachedManagedPolicies`: each reference as AWS names it, by name and ARN. */
function attachedJson(ctx: CommandContext, references: readonly string[] | undefined): Json[] {
  return (references ?? []).map((reference) => {
    const arn = referenceToArn(ctx.account, reference);
    return { PolicyName: parsePolicyArn(arn)?.name ?? reference, PolicyArn: arn };
  });
}

/** An inline policy list (`UserPolicyList`, ...): documents as the CLI prints them, JSON objects. */
function inlineJson(inline: Record<string, unknown> | undefined): Json[] {
  return Object.entries(inline ?? {}).map(([PolicyName, document]) => ({
    PolicyName,
    PolicyDocument: asJson(document),
  }));
}

/** The world's own unique id wins over the derived one (the format's `id` extension). */
function withOwnId(json: Json, key: string, id: string | undefined): Json {
  return id === undefined ? json : { ...(json as Record<string, Json>), [key]: id };
}

function userDetail(ctx: CommandContext, name: string, user: WorldUser): Json {
  const base = withOwnId(userJson(ctx, name, user, true), 'UserId', user.id);
  return {
    ...(base as Record<string, Json>),
    UserPolicyList: inlineJson(user.inline),
    GroupList: [...(user.groups ?? [])],
    AttachedManagedPolicies: attachedJson(ctx, user.policies),
    Tags: tagList(user.tags),
  };
}

function groupDetail(ctx: CommandContext, name: string, group: WorldGroup): Json {
  const arn = groupArn(ctx.account, name);
  return {
    Path: normalizePath(group.path),
    GroupName: name,
    GroupId: uniqueId('group', arn),
    Arn: arn,
    CreateDate: createdAt(ctx.state, arn),
    GroupPolicyList: inlineJson(group.inline),
    AttachedManagedPolicies: attachedJson(ctx, group.policies),
  };
}

function roleDetail(ctx: CommandContext, name: string, role: WorldRole): Json {
  const base = withOwnId(roleJson(ctx, name, role, true), 'RoleId', role.id) as Record<
    string,
    Json
  >;
  // A role of the world may have no trust policy yet (AWS's always have one): leave the key out
  // rather than print null, which no import can read as a document.
  if (role.trust === undefined) delete base['AssumeRolePolicyDocument'];
  const profiles = Object.entries(accountOf(ctx).instanceProfiles ?? {})
    .filter(([, profile]) => profile.role === name)
    .map(([profile]) => profileJson(ctx, profile));
  return {
    ...base,
    InstanceProfileList: profiles,
    RolePolicyList: inlineJson(role.inline),
    AttachedManagedPolicies: attachedJson(ctx, role.policies),
    Tags: tagList(role.tags),
  };
}

/** A managed policy with its one version (the format keeps the default version only). */
function policyDetail(ctx: CommandContext, arn: string, name: string, document: Json | undefined) {
  const awsManaged = parsePolicyArn(arn)?.account === 'aws';
  const policy = policyJson(ctx, arn, name, awsManaged) as Record<string, Json>;
  return {
    ...policy,
    PolicyVersionList:
      document === undefined
        ? []
        : [
            {
              Document: document,
              VersionId: policy['DefaultVersionId'] ?? 'v1',
              IsDefaultVersion: true,
              CreateDate: policy['CreateDate'] ?? null,
            },
          ],
  };
}

/** AWS managed policies the account uses (attached or as a boundary), each once, in order of use. */
function awsManagedInUse(ctx: CommandContext): string[] {
  const account = accountOf(ctx);
  const used = new Set<string>();
  const entities: { policies?: string[]; boundary?: string | null }[] = [
    ...Object.values(account.users ?? {}),
    ...Object.values(account.groups ?? {}),
    ...Object.values(account.roles ?? {}),
  ];
  for (const entity of entities) {
    const boundary = entity.boundary;
    for (const reference of [...(entity.policies ?? []), ...(boundary ? [boundary] : [])]) {
      const arn = referenceToArn(ctx.account, reference);
      if (parsePolicyArn(arn)?.account === 'aws') used.add(arn);
    }
  }
  return [...used];
}

const getAccountAuthorizationDetails: CommandSpec = {
  service: 'iam',
  name: 'get-account-authorization-details',
  operation: 'GetAccountAuthorizationDetails',
  summary:
    "The current account's users, groups, roles (with instance profiles) and managed policies, in AWS's shape: the file the import reads.",
  options: [
    {
      name: 'filter',
      type: 'string-list',
      help: `Only these entity types: ${FILTERS.join(', ')} (LocalManagedPolicy: customer managed policies).`,
      choices: [...FILTERS],
    },
  ],
  action: 'iam:GetAccountAuthorizationDetails',
  async run(ctx) {
    const filter = list(ctx.args, 'filter');
    const unknown = filter.find((f) => !(FILTERS as readonly string[]).includes(f));
    if (unknown !== undefined)
      return fail(
        'ValidationError',
        `1 validation error detected: Value '[${unknown}]' at 'filter' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${FILTERS.join(', ')}]]`,
      );
    const wants = (type: (typeof FILTERS)[number]) => filter.length === 0 || filter.includes(type);
    const account = accountOf(ctx);
    const policies: Json[] = [];
    if (wants('LocalManagedPolicy')) {
      for (const [name, document] of Object.entries(account.policies ?? {}))
        policies.push(policyDetail(ctx, policyArn(ctx.account, name), name, asJson(document)));
    }
    if (wants('AWSManagedPolicy')) {
      for (const arn of awsManagedInUse(ctx)) {
        const managed = ctx.deps.managedPolicies;
        const info = managed?.get(arn);
        const document = info?.document ?? (await managed?.document?.(arn));
        policies.push(policyDetail(ctx, arn, parsePolicyArn(arn)!.name, document));
      }
    }
    return ok({
      UserDetailList: wants('User')
        ? Object.entries(account.users ?? {}).map(([name, user]) => userDetail(ctx, name, user))
        : [],
      GroupDetailList: wants('Group')
        ? Object.entries(account.groups ?? {}).map(([name, group]) => groupDetail(ctx, name, group))
        : [],
      RoleDetailList: wants('Role')
        ? Object.entries(account.roles ?? {}).map(([name, role]) => roleDetail(ctx, name, role))
        : [],
      Policies: policies,
    });
  },
};

export const accountCommands: CommandSpec[] = [getAccountAuthorizationDetails];
