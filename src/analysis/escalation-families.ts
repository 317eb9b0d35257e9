/**
 * The privilege-escalation families the escalation graph knows (docs/escalation.md lists each
 * with its sources): which requests make each step possible, and, for the steps that change the
 * world (a policy written, a boundary deleted, a group joined, a trust policy rewritten), the
 * change itself, so its effect is decided by the engine on the changed world, not assumed.
 */
import type { JsonPath } from '../engine/index.ts';
import { getIn, iamArn, isArn, setIn, deleteIn, type Scenario } from '../model/index.ts';

/** A policy that allows everything: what a principal that may write its own policies can give itself. */
export const ADMIN_DOCUMENT = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

/** The region the families' resources are placed in (any region gives the same decisions here). */
const REGION = 'us-east-1';

/**
 * "Admin" = may do `*` on `*`. Deciding every action is not possible, so the graph decides one
 * request of each of these, across services and access levels, on resources of the principal's
 * account that the world does not name: a principal allowed all of them is taken as admin.
 */
export function adminProbes(account: string): { action: string; resource: string }[] {
  return [
    { action: 'iam:CreateUser', resource: `arn:aws:iam::${account}:user/any-other-user` },
    { action: 'iam:PutRolePolicy', resource: `arn:aws:iam::${account}:role/any-other-role` },
    { action: 's3:PutBucketPolicy', resource: 'arn:aws:s3:::any-other-bucket' },
    {
      action: 'ec2:TerminateInstances',
      resource: `arn:aws:ec2:${REGION}:${account}:instance/i-0a1b2c3d4e5f60718`,
    },
    {
      action: 'dynamodb:DeleteTable',
      resource: `arn:aws:dynamodb:${REGION}:${account}:table/any-other-table`,
    },
    {
      action: 'lambda:UpdateFunctionCode',
      resource: `arn:aws:lambda:${REGION}:${account}:function:any-other-function`,
    },
  ];
}

/**
 * A service that runs code the caller supplies as a role passed to it (`iam:PassRole` with
 * `iam:PassedToService`): the caller then holds the role's power. `launch` are the requests that
 * create and start the code; the role must also trust the service (it assumes the role).
 * EC2 goes through instance profiles instead (see `EC2_LAUNCH`).
 */
export interface PassRoleService {
  service: string;
  launch: (account: string) => { action: string; resource: string }[];
}

export const PASS_ROLE_SERVICES: readonly PassRoleService[] = [
  {
    service: 'lambda.amazonaws.com',
    launch: (a) => {
      const fn = `arn:aws:lambda:${REGION}:${a}:function:escalation`;
      return [
        { action: 'lambda:CreateFunction', resource: fn },
        { action: 'lambda:InvokeFunction', resource: fn },
      ];
    },
  },
  {
    service: 'cloudformation.amazonaws.com',
    launch: (a) => [
      {
        action: 'cloudformation:CreateStack',
        resource: `arn:aws:cloudformation:${REGION}:${a}:stack/escalation/any-other-id`,
      },
    ],
  },
  {
    service: 'glue.amazonaws.com',
    launch: () => [{ action: 'glue:CreateDevEndpoint', resource: '*' }],
  },
  {
    service: 'ecs-tasks.amazonaws.com',
    launch: (a) => {
      const td = `arn:aws:ecs:${REGION}:${a}:task-definition/escalation:1`;
      return [
        { action: 'ecs:RegisterTaskDefinition', resource: td },
        { action: 'ecs:RunTask', resource: td },
      ];
    },
  },
  {
    service: 'codebuild.amazonaws.com',
    launch: (a) => {
      const project = `arn:aws:codebuild:${REGION}:${a}:project/escalation`;
      return [
        { action: 'codebuild:CreateProject', resource: project },
        { action: 'codebuild:StartBuild', resource: project },
      ];
    },
  },
  {
    service: 'sagemaker.amazonaws.com',
    launch: (a) => {
      const notebook = `arn:aws:sagemaker:${REGION}:${a}:notebook-instance/escalation`;
      return [
        { action: 'sagemaker:CreateNotebookInstance', resource: notebook },
        { action: 'sagemaker:CreatePresignedNotebookInstanceUrl', resource: notebook },
      ];
    },
  },
];

/** Launching an instance with a profile: the code on it runs as the profile's role. */
export const EC2_LAUNCH = (account: string) => ({
  action: 'ec2:RunInstances',
  resource: `arn:aws:ec2:${REGION}:${account}:instance/*`,
});

/** Taking another user's credentials: a new access key, or a console password set or reset. */
export const CREDENTIAL_ACTIONS = [
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
] as const;

/** One change of the world, as a JSON path and the value it gets (undefined: removed). */
export interface WorldEdit {
  path: JsonPath;
  value?: unknown;
}

export function applyEdit(scenario: Scenario, edit: WorldEdit): Scenario {
  return (
    edit.value === undefined
      ? deleteIn(scenario, edit.path)
      : setIn(scenario, edit.path, edit.value)
  ) as Scenario;
}

/** A change a principal might make to its own permissions: the request, and what it changes. */
export interface SelfChange {
  action: string;
  resource: string;
  edit: WorldEdit;
  /** What the change does, in words. */
  change: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const pathOf = (entity: unknown): string =>
  isRecord(entity) && typeof entity['path'] === 'string' ? entity['path'] : '/';

/** A customer managed policy reference (name or ARN) as [account, name]; undefined for AWS managed ones. */
function customerPolicy(ref: unknown, account: string): [string, string] | undefined {
  if (typeof ref !== 'string') return undefined;
  if (!isArn(ref)) return [account, ref];
  const m = /^arn:aws:iam::(\d{12}):policy\/(?:.*\/)?([^/]+)$/.exec(ref);
  return m ? [m[1]!, m[2]!] : undefined;
}

/**
 * The changes to its own permissions that would give a user or role more power: writing or
 * attaching a policy on itself or on a group it is in, a new version of a customer managed
 * policy it holds (or its boundary), deleting its boundary, joining another group.
 */
export function selfChanges(
  scenario: Scenario,
  account: string,
  kind: 'user' | 'role',
  name: string,
): SelfChange[] {
  const base: JsonPath = ['accounts', account, kind === 'user' ? 'users' : 'roles', name];
  const entity = getIn(scenario, base);
  if (!isRecord(entity)) return [];
  const arn = iamArn('aws', account, kind, pathOf(entity), name);
  const what = `${kind} ${name}`;
  const out: SelfChange[] = [];
  const put = kind === 'user' ? 'User' : 'Role';
  const inline = { path: [...base, 'inline', 'escalation'], value: ADMIN_DOCUMENT };
  out.push(
    {
      action: `iam:Put${put}Policy`,
      resource: arn,
      edit: inline,
      change: `writes an inline policy allowing * on * into ${what}`,
    },
    {
      action: `iam:Attach${put}Policy`,
      resource: arn,
      edit: inline,
      change: `attaches a policy allowing * on * to ${what}`,
    },
  );
  if (typeof entity['boundary'] === 'string')
    out.push({
      action: `iam:Delete${put}PermissionsBoundary`,
      resource: arn,
      edit: { path: [...base, 'boundary'] },
      change: `deletes the permissions boundary of ${what}`,
    });
  const policyRefs: unknown[] = [...(Array.isArray(entity['policies']) ? entity['policies'] : [])];
  if (typeof entity['boundary'] === 'string') policyRefs.push(entity['boundary']);
  const groups = Array.isArray(entity['groups'])
    ? entity['groups'].filter((g): g is string => typeof g === 'string')
    : [];
  const allGroups = getIn(scenario, ['accounts', account, 'groups']);
  for (const [group, value] of Object.entries(isRecord(allGroups) ? allGroups : {})) {
    const groupArn = iamArn('aws', account, 'group', pathOf(value), group);
    if (kind === 'user' && groups.includes(group)) {
      const edit = {
        path: ['accounts', account, 'groups', group, 'inline', 'escalation'],
        value: ADMIN_DOCUMENT,
      };
      out.push(
        {
          action: 'iam:PutGroupPolicy',
          resource: groupArn,
          edit,
          change: `writes an inline policy allowing * on * into group ${group}, which ${what} is in`,
        },
        {
          action: 'iam:AttachGroupPolicy',
          resource: groupArn,
          edit,
          change: `attaches a policy allowing * on * to group ${group}, which ${what} is in`,
        },
      );
      if (isRecord(value) && Array.isArray(value['policies']))
        policyRefs.push(...value['policies']);
    } else if (kind === 'user')
      out.push({
        action: 'iam:AddUserToGroup',
        resource: groupArn,
        edit: { path: [...base, 'groups'], value: [...groups, group] },
        change: `adds ${what} to group ${group}`,
      });
  }
  const seen = new Set<string>();
  for (const ref of policyRefs) {
    const policy = customerPolicy(ref, account);
    if (!policy || seen.has(policy.join('/'))) continue;
    seen.add(policy.join('/'));
    const [owner, policyName] = policy;
    if (getIn(scenario, ['accounts', owner, 'policies', policyName]) === undefined) continue;
    out.push({
      action: 'iam:CreatePolicyVersion',
      resource: `arn:aws:iam::${owner}:policy/${policyName}`,
      edit: { path: ['accounts', owner, 'policies', policyName], value: ADMIN_DOCUMENT },
      change: `makes a new default version of policy ${policyName} (held by ${what}) allowing * on *`,
    });
  }
  return out;
}

/** The trust policy a principal that may rewrite a role's trust gives it: itself may assume it. */
export function trustFor(principal: string): unknown {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }],
  };
}
