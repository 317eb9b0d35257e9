/**
 * The world as CloudFormation templates, one per account (a stack deploys into one account):
 * AWS::IAM::ManagedPolicy, User, Group, Role (inline policies in their `Policies` property) and
 * InstanceProfile, and AWS::S3::BucketPolicy for the account's buckets. References between them
 * are `Ref`s (a ManagedPolicy's Ref is its ARN; a User's, Group's or Role's is its name), so the
 * stack creates things in the right order. What a template cannot carry is listed in the
 * template's Metadata (`IamPlayground.NotExported`).
 *
 * Property names follow the CloudFormation User Guide's pages for each resource type
 * (AWS::IAM::User, AWS::IAM::Group, AWS::IAM::Role, AWS::IAM::ManagedPolicy,
 * AWS::IAM::InstanceProfile, AWS::S3::BucketPolicy).
 */
import type { Scenario } from '../model/index.ts';
import {
  accountEntries,
  bucketPolicies,
  EMPTY_TRUST,
  notExported,
  policyRef,
  uniqueId,
} from './world.ts';

export interface CloudFormationTemplate {
  AWSTemplateFormatVersion: '2010-09-09';
  Description: string;
  Metadata: { IamPlayground: { Account: string; NotExported: string[] } };
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
}

/** One template per account, keyed by account id. */
export function cloudFormationTemplates(scenario: Scenario): Map<string, CloudFormationTemplate> {
  const ids = Object.keys(scenario.accounts ?? {});
  const left = notExported(scenario);
  return new Map(ids.map((id) => [id, accountTemplate(scenario, id, ids.length === 1, left)]));
}

function accountTemplate(
  scenario: Scenario,
  account: string,
  onlyAccount: boolean,
  left: string[],
): CloudFormationTemplate {
  const entries = accountEntries(scenario.accounts![account]!);
  const ids = new Set<string>();
  const Resources: CloudFormationTemplate['Resources'] = {};
  const add = (id: string, Type: string, Properties: Record<string, unknown>) =>
    (Resources[id] = { Type, Properties });

  const policyIds = new Map(
    entries.policies.map(([name]) => [name, uniqueId(ids, 'Policy', name)]),
  );
  const groupIds = new Map(entries.groups.map(([name]) => [name, uniqueId(ids, 'Group', name)]));
  const roleIds = new Map(entries.roles.map(([name]) => [name, uniqueId(ids, 'Role', name)]));
  const policyArn = (ref: string): unknown => {
    const r = policyRef(account, ref);
    if ('arn' in r) return r.arn;
    const id = policyIds.get(r.local);
    return id ? { Ref: id } : `arn:aws:iam::${account}:policy/${r.local}`;
  };
  const common = (entity: {
    path?: string;
    policies?: string[];
    inline?: Record<string, unknown>;
    boundary?: string | null;
    tags?: Record<string, string>;
  }) => ({
    ...(entity.path !== undefined ? { Path: entity.path } : {}),
    ...(entity.policies?.length ? { ManagedPolicyArns: entity.policies.map(policyArn) } : {}),
    ...(entity.inline && Object.keys(entity.inline).length
      ? {
          Policies: Object.entries(entity.inline).map(([PolicyName, PolicyDocument]) => ({
            PolicyName,
            PolicyDocument,
          })),
        }
      : {}),
    ...(typeof entity.boundary === 'string'
      ? { PermissionsBoundary: policyArn(entity.boundary) }
      : {}),
    ...(entity.tags && Object.keys(entity.tags).length
      ? { Tags: Object.entries(entity.tags).map(([Key, Value]) => ({ Key, Value })) }
      : {}),
  });

  for (const [name, document] of entries.policies)
    add(policyIds.get(name)!, 'AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: name,
      PolicyDocument: document,
    });
  for (const [name, group] of entries.groups)
    add(groupIds.get(name)!, 'AWS::IAM::Group', { GroupName: name, ...common(group) });
  for (const [name, user] of entries.users)
    add(uniqueId(ids, 'User', name), 'AWS::IAM::User', {
      UserName: name,
      ...(user.groups?.length
        ? { Groups: user.groups.map((g) => (groupIds.has(g) ? { Ref: groupIds.get(g) } : g)) }
        : {}),
      ...common(user),
    });
  for (const [name, role] of entries.roles)
    add(roleIds.get(name)!, 'AWS::IAM::Role', {
      RoleName: name,
      AssumeRolePolicyDocument: role.trust ?? EMPTY_TRUST,
      ...common(role),
      ...(role.maxSessionDuration !== undefined
        ? { MaxSessionDuration: role.maxSessionDuration }
        : {}),
    });
  for (const [name, profile] of entries.instanceProfiles)
    add(uniqueId(ids, 'InstanceProfile', name), 'AWS::IAM::InstanceProfile', {
      InstanceProfileName: name,
      ...(profile.path !== undefined ? { Path: profile.path } : {}),
      Roles:
        typeof profile.role === 'string'
          ? [roleIds.has(profile.role) ? { Ref: roleIds.get(profile.role) } : profile.role]
          : [],
    });
  for (const { bucket, policy } of bucketPolicies(scenario, account, onlyAccount))
    add(uniqueId(ids, 'BucketPolicy', bucket), 'AWS::S3::BucketPolicy', {
      Bucket: bucket,
      PolicyDocument: policy,
    });

  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `IAM of account ${account}${scenario.title ? ` from "${scenario.title}"` : ''}, exported by IAM Playground.`,
    Metadata: { IamPlayground: { Account: account, NotExported: left } },
    Resources,
  };
}

/** A template as JSON text. */
export function templateJson(template: CloudFormationTemplate): string {
  return `${JSON.stringify(template, null, 2)}\n`;
}
