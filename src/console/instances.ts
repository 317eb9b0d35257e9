/**
 * EC2 instances as the guides use them: `aws ec2 run-instances --iam-instance-profile Name=P`
 * launches one (the console keeps it; the format has no instances), `ssh INSTANCE` (or
 * `aws ssm start-session --target INSTANCE`) opens its shell, and there the instance metadata
 * service answers `curl http://169.254.169.254/latest/meta-data/iam/security-credentials/` and
 * `aws` runs with the profile's role, as the SDKs and the CLI find it ("Use instance profiles",
 * "Retrieve security credentials from instance metadata"). With no role, or a role EC2 may not
 * assume, `aws` finds no credentials. The profile is read from the world at each command, so
 * adding a role to it shows at once.
 */
import { identityUniqueId } from '../model/index';
import type { Json } from '../engine/index';
import { awsDate, findName } from './commands/common';
import { NOT_A_SECRET } from './commands/iam-credentials';
import { hashChars, uniqueId } from './ids';
import { callerRequest } from './caller-request';
import type { Caller, CommandSpec } from './spec';
import { fail, ok, str } from './spec';
import type { CommandResult, ConsoleDeps, ConsoleState, InstanceRecord } from './types';
import type { Scenario } from './world';
import { instanceProfileArn, roleArn } from './world';

export const IMDS = 'http://169.254.169.254';
/** What the AWS CLI prints when no credentials are found anywhere. */
export const NO_CREDENTIALS =
  'Unable to locate credentials. You can configure credentials by running "aws configure".';
const NOT_FOUND = `<?xml version="1.0" encoding="iso-8859-1"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
	"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
 <head>
  <title>404 - Not Found</title>
 </head>
 <body>
  <h1>404 - Not Found</h1>
 </body>
</html>`;

const LOWER_HEX = '0123456789abcdef';

function instanceOf(state: ConsoleState, id: string): InstanceRecord | undefined {
  return (state.instances ?? []).find((i) => i.instanceId === id);
}

/** The role an instance's profile holds now, from the world; undefined when none. */
export function instanceRole(
  scenario: Scenario,
  instance: InstanceRecord,
): { name: string; arn: string } | undefined {
  if (instance.profile === undefined) return undefined;
  const account = scenario.accounts?.[instance.account];
  const profile = account?.instanceProfiles?.[instance.profile];
  const name = typeof profile?.role === 'string' ? profile.role : undefined;
  const role = name === undefined ? undefined : account?.roles?.[name];
  if (name === undefined || !role) return undefined;
  return { name, arn: roleArn(instance.account, name, role.path) };
}

/** Whether EC2 may assume the role (its trust policy), when the console can decide it. */
async function ec2MayAssume(scenario: Scenario, arn: string, deps: ConsoleDeps): Promise<boolean> {
  if (!deps.decide) return true;
  const outcome = await deps.decide(scenario, {
    principal: 'ec2.amazonaws.com',
    action: 'sts:AssumeRole',
    resource: arn,
  });
  return outcome.decision === 'allowed';
}

/**
 * Whether the AWS CLI on the instance whose shell is open finds credentials: its profile holds
 * a role that EC2 may assume. True outside an instance's shell.
 */
export async function instanceHasCredentials(
  state: ConsoleState,
  scenario: Scenario,
  deps: ConsoleDeps,
): Promise<boolean> {
  const caller = instanceCaller(state, scenario);
  if (caller === undefined) return true;
  return caller !== 'none' && (await ec2MayAssume(scenario, caller.session!.roleArn, deps));
}

/**
 * The caller inside an instance's shell: the role session EC2 made from the instance profile,
 * or 'none' when the profile holds no role. Undefined outside an instance. Whether EC2 may
 * assume that role is `instanceHasCredentials`.
 */
export function instanceCaller(
  state: ConsoleState,
  scenario: Scenario,
): Caller | 'none' | undefined {
  if (state.instanceShell === undefined) return undefined;
  const instance = instanceOf(state, state.instanceShell);
  if (!instance) return 'none';
  const role = instanceRole(scenario, instance);
  if (!role) return 'none';
  const arn = `arn:aws:sts::${instance.account}:assumed-role/${role.name}/${instance.instanceId}`;
  return {
    kind: 'session',
    arn,
    account: instance.account,
    userId: `${identityUniqueId(scenario, instance.account, 'roles', role.name)}:${instance.instanceId}`,
    session: {
      roleArn: role.arn,
      roleName: role.name,
      account: instance.account,
      sessionName: instance.instanceId,
      arn,
      accessKeyId: uniqueId('sessionKey', arn),
      instanceId: instance.instanceId,
    },
  };
}

/** `ssh [USER@]INSTANCE`: opens the instance's shell (until `exit`). */
export function openShell(target: string, state: ConsoleState): CommandResult {
  const id = target.includes('@') ? target.slice(target.indexOf('@') + 1) : target;
  const instance = instanceOf(state, id);
  if (!instance) {
    return {
      output: `ssh: Could not resolve hostname ${id}: launch an instance first (aws ec2 run-instances ... --iam-instance-profile Name=PROFILE).`,
      error: { code: 'ShellError', message: `ssh: Could not resolve hostname ${id}` },
      state,
    };
  }
  if (state.instanceShell !== undefined) {
    return {
      output: 'Already on an instance: `exit` first.',
      error: { code: 'ShellError', message: 'Already on an instance' },
      state,
    };
  }
  const next: ConsoleState = {
    ...state,
    instanceShell: id,
    outerSessions: state.sessions,
    sessions: [],
  };
  return {
    output: `Connected to ${id}${instance.profile ? ` (instance profile ${instance.profile})` : ' (no instance profile)'}. \`exit\` to leave.`,
    state: next,
  };
}

/** `exit` on an instance: back to the console's own caller. */
export function closeShell(state: ConsoleState): CommandResult {
  const next: ConsoleState = { ...state, sessions: state.outerSessions ?? [] };
  delete next.instanceShell;
  delete next.outerSessions;
  return { output: `Connection to ${state.instanceShell} closed.`, state: next };
}

/** `curl [options] URL`: the instance metadata service, on an instance only. */
export async function curl(
  words: string[],
  scenario: Scenario,
  state: ConsoleState,
  deps: ConsoleDeps,
): Promise<CommandResult> {
  const url = words.find((w) => /^https?:\/\//.test(w));
  const put = words.some((w, i) => w === '-X' && words[i + 1] === 'PUT') || words.includes('-XPUT');
  if (url === undefined) return shellError(state, 'curl: no URL specified!');
  if (!url.startsWith(IMDS)) {
    return shellError(
      state,
      `curl: (6) Could not resolve host: ${url.replace(/^https?:\/\//, '').split('/')[0]}`,
    );
  }
  const instance =
    state.instanceShell === undefined ? undefined : instanceOf(state, state.instanceShell);
  if (!instance) {
    return shellError(
      state,
      'curl: (28) Failed to connect to 169.254.169.254 port 80: Connection timed out (the instance metadata service answers only on an EC2 instance: ssh INSTANCE first)',
    );
  }
  const path = url.slice(IMDS.length).replace(/\/+$/, (m) => (m.length > 0 ? '/' : ''));
  const role = instanceRole(scenario, instance);
  const now = deps.now();
  if (path === '/latest/api/token' && put)
    return {
      output:
        hashChars(
          `${instance.instanceId}#${awsDate(now)}`,
          56,
          'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
        ) + '==',
      state,
    };
  if (path === '/latest/meta-data/instance-id') return { output: instance.instanceId, state };
  if (path === '/latest/meta-data/iam/security-credentials/') {
    return { output: role ? role.name : NOT_FOUND, state };
  }
  const named = /^\/latest\/meta-data\/iam\/security-credentials\/([^/]+)$/.exec(path);
  if (named && role && named[1] === role.name) {
    if (!(await ec2MayAssume(scenario, role.arn, deps))) {
      const body = {
        Code: 'AssumeRoleUnauthorizedAccess',
        Message: `EC2 cannot assume the role ${role.name}. Please see documentation at https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html#troubleshoot_roles_ec2.`,
        LastUpdated: awsDate(now).replace('+00:00', 'Z'),
      };
      return { output: JSON.stringify(body, null, 2), state };
    }
    const arn = `arn:aws:sts::${instance.account}:assumed-role/${role.name}/${instance.instanceId}`;
    const body = {
      Code: 'Success',
      LastUpdated: awsDate(now).replace('+00:00', 'Z'),
      Type: 'AWS-HMAC',
      AccessKeyId: uniqueId('sessionKey', arn),
      SecretAccessKey: NOT_A_SECRET,
      Token: NOT_A_SECRET,
      Expiration: awsDate(new Date(now.getTime() + 6 * 3600_000)).replace('+00:00', 'Z'),
    };
    return { output: JSON.stringify(body, null, 2), state };
  }
  if (path === '/latest/meta-data/iam/info' && instance.profile !== undefined && role) {
    const profileArn = instanceProfileArn(instance.account, instance.profile);
    return {
      output: JSON.stringify(
        {
          Code: 'Success',
          LastUpdated: awsDate(now).replace('+00:00', 'Z'),
          InstanceProfileArn: profileArn,
          InstanceProfileId: uniqueId('instanceProfile', profileArn),
        },
        null,
        2,
      ),
      state,
    };
  }
  return { output: NOT_FOUND, state };
}

function shellError(state: ConsoleState, message: string): CommandResult {
  return { output: message, error: { code: 'ShellError', message }, state };
}

/** `Name=PROFILE` or `Arn=arn:aws:iam::A:instance-profile/PROFILE` (shorthand or JSON). */
function profileName(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record['Name'] === 'string') return record['Name'];
  if (typeof record['Arn'] === 'string')
    return record['Arn'].slice(record['Arn'].lastIndexOf('/') + 1);
  return undefined;
}

const runInstances: CommandSpec = {
  service: 'ec2',
  name: 'run-instances',
  operation: 'RunInstances',
  summary:
    'Launches an instance (kept by the console) with an instance profile; `ssh INSTANCE` then opens its shell.',
  options: [
    { name: 'image-id', type: 'string', help: 'The AMI (accepted as given).' },
    { name: 'instance-type', type: 'string', help: 'e.g. t3.micro (accepted as given).' },
    { name: 'count', type: 'integer', help: 'How many (default 1).' },
    { name: 'key-name', type: 'string', help: 'Accepted, not used.' },
    { name: 'subnet-id', type: 'string', help: 'Accepted, not used.' },
    { name: 'security-group-ids', type: 'string-list', help: 'Accepted, not used.' },
    {
      name: 'iam-instance-profile',
      type: 'structure',
      help: 'Name=PROFILE or Arn=ARN: the instance profile whose role the instance gets.',
      complete: 'instance-profile',
    },
  ],
  action: 'ec2:RunInstances',
  async run(ctx) {
    const given = ctx.args['iam-instance-profile'];
    const name = given === undefined ? undefined : profileName(given);
    if (given !== undefined && name === undefined)
      return fail(
        'InvalidParameterValue',
        'Value for parameter iamInstanceProfile is invalid: give Name=PROFILE or Arn=ARN.',
      );
    let profile: string | undefined;
    if (name !== undefined) {
      profile = findName(ctx.scenario.accounts?.[ctx.account]?.instanceProfiles, name);
      if (profile === undefined || profile !== name)
        return fail(
          'InvalidParameterValue',
          `Value (${name}) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name`,
        );
      // Launching with a role passes it to EC2: the caller needs iam:PassRole on it.
      const role = instanceRole(ctx.scenario, {
        instanceId: '',
        account: ctx.account,
        profile,
        launchTime: '',
      });
      if (role && ctx.deps.decide && ctx.caller.kind !== 'root') {
        const outcome = await ctx.deps.decide(ctx.scenario, {
          ...callerRequest(ctx.caller, ctx.scenario),
          action: 'iam:PassRole',
          resource: role.arn,
        });
        if (outcome.decision !== 'allowed')
          return fail(
            'UnauthorizedOperation',
            `You are not authorized to perform this operation. User: ${ctx.caller.arn} is not authorized to perform: iam:PassRole on resource: ${role.arn}. ${outcome.reason}`.trim(),
          );
      }
    }
    const count = typeof ctx.args['count'] === 'number' ? Math.max(1, ctx.args['count']) : 1;
    const launchTime = awsDate(ctx.deps.now());
    const existing = ctx.state.instances ?? [];
    const made: InstanceRecord[] = [];
    for (let i = 0; i < count; i++) {
      const n = existing.length + made.length;
      made.push({
        instanceId: `i-0${hashChars(`${ctx.account}#instance#${n}`, 16, LOWER_HEX)}`,
        account: ctx.account,
        ...(profile !== undefined ? { profile } : {}),
        launchTime,
      });
    }
    const state: ConsoleState = { ...ctx.state, instances: [...existing, ...made] };
    return ok(
      {
        Groups: [],
        Instances: made.map((m) =>
          instanceJson(
            ctx.scenario,
            m,
            str(ctx.args, 'image-id'),
            str(ctx.args, 'instance-type'),
            'pending',
          ),
        ),
        OwnerId: ctx.account,
        ReservationId: `r-0${hashChars(`${ctx.account}#reservation#${existing.length}`, 16, LOWER_HEX)}`,
      },
      undefined,
      state,
    );
  },
};

function instanceJson(
  scenario: Scenario,
  instance: InstanceRecord,
  image: string,
  type: string,
  state: 'pending' | 'running',
): Json {
  const profileArn =
    instance.profile === undefined
      ? undefined
      : instanceProfileArn(instance.account, instance.profile);
  void scenario;
  return {
    InstanceId: instance.instanceId,
    ImageId: image || 'ami-0abcdef1234567890',
    InstanceType: type || 't3.micro',
    LaunchTime: instance.launchTime,
    State: state === 'pending' ? { Code: 0, Name: 'pending' } : { Code: 16, Name: 'running' },
    ...(profileArn
      ? { IamInstanceProfile: { Arn: profileArn, Id: uniqueId('instanceProfile', profileArn) } }
      : {}),
  };
}

const describeInstances: CommandSpec = {
  service: 'ec2',
  name: 'describe-instances',
  operation: 'DescribeInstances',
  summary: 'Lists the instances launched in this console.',
  options: [{ name: 'instance-ids', type: 'string-list', help: 'Only these instances.' }],
  action: 'ec2:DescribeInstances',
  run(ctx) {
    const ids = ctx.args['instance-ids'];
    const wanted = Array.isArray(ids) ? (ids as string[]) : undefined;
    const shown = (ctx.state.instances ?? []).filter(
      (i) => i.account === ctx.account && (!wanted || wanted.includes(i.instanceId)),
    );
    return ok({
      Reservations: shown.map((i) => ({
        Groups: [],
        Instances: [instanceJson(ctx.scenario, i, '', '', 'running')],
        OwnerId: ctx.account,
        ReservationId: `r-0${hashChars(`${i.instanceId}#reservation`, 16, LOWER_HEX)}`,
      })),
    });
  },
};

const startSession: CommandSpec = {
  service: 'ssm',
  name: 'start-session',
  operation: 'StartSession',
  summary: "Opens an instance's shell, as Session Manager does (same as `ssh INSTANCE`).",
  options: [{ name: 'target', type: 'string', required: true, help: 'The instance id.' }],
  action: 'ssm:StartSession',
  resources: (ctx) => [`arn:aws:ec2:us-east-1:${ctx.account}:instance/${str(ctx.args, 'target')}`],
  run(ctx) {
    const opened = openShell(str(ctx.args, 'target'), ctx.state);
    if (opened.error)
      return fail('TargetNotConnected', `${str(ctx.args, 'target')} is not connected.`);
    return ok(undefined, undefined, opened.state);
  },
};

export const instanceCommands: CommandSpec[] = [runInstances, describeInstances, startSession];
