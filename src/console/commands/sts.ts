/**
 * aws sts: who am I, and assume-role (decided by the engine; on success the console runs as
 * that role session until `exit`).
 */
import { uniqueId } from '../ids';
import type { CommandSpec } from '../spec';
import { fail, ok, optStr, str } from '../spec';
import type { RoleSession } from '../types';
import { parsePrincipalArn, roleArn } from '../world';
import { awsDate, findName, parsePolicyDocument } from './common';

/** A placeholder: nothing in the playground can sign a request. */
const NOT_A_SECRET = 'not-a-secret/the-playground-makes-no-credentials';

const getCallerIdentity: CommandSpec = {
  service: 'sts',
  name: 'get-caller-identity',
  operation: 'GetCallerIdentity',
  summary:
    'Shows who runs the commands: the account root user by default, or the role session after assume-role.',
  options: [],
  // AWS lets every caller run GetCallerIdentity, even when a policy denies it.
  run(ctx) {
    return ok({ UserId: ctx.caller.userId, Account: ctx.caller.account, Arn: ctx.caller.arn });
  },
};

const assumeRole: CommandSpec = {
  service: 'sts',
  name: 'assume-role',
  operation: 'AssumeRole',
  summary:
    'Assumes a role if its trust policy (and, across accounts, your identity policy) allows; the console then runs as the session until `exit`.',
  options: [
    {
      name: 'role-arn',
      type: 'string',
      required: true,
      help: 'The ARN of the role to assume.',
      complete: 'role-arn',
    },
    {
      name: 'role-session-name',
      type: 'string',
      required: true,
      help: 'A name for the session (it ends the session ARN).',
    },
    {
      name: 'policy',
      type: 'document',
      help: 'A session policy: limits the session to what both it and the role allow.',
      complete: 'document-file',
    },
    {
      name: 'duration-seconds',
      type: 'integer',
      help: 'Accepted, not used: sessions in the playground do not expire.',
    },
  ],
  run(ctx) {
    const arn = str(ctx.args, 'role-arn');
    const sessionName = str(ctx.args, 'role-session-name');
    if (sessionName.length < 2 || sessionName.length > 64) {
      return fail(
        'ValidationError',
        `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must have length ${sessionName.length < 2 ? 'greater than or equal to 2' : 'less than or equal to 64'}`,
      );
    }
    if (!/^[\w+=,.@-]+$/.test(sessionName)) {
      return fail(
        'ValidationError',
        `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
      );
    }
    const parts = parsePrincipalArn(arn);
    if (!parts || parts.kind !== 'role') {
      return fail('ValidationError', `${arn} is not a valid role ARN.`);
    }
    const denied = (why: string) =>
      fail(
        'AccessDenied',
        `User: ${ctx.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${arn}. ${why}`,
      );
    if (ctx.caller.kind === 'root') {
      // AWS's own rule, checked before any policy: the root user cannot assume roles.
      return fail('AccessDenied', 'Roles may not be assumed by root accounts.');
    }
    const roles = ctx.scenario.accounts?.[parts.account]?.roles;
    const name = findName(roles, parts.name);
    const role = name === undefined ? undefined : roles![name]!;
    if (name === undefined || !role || roleArn(parts.account, name, role.path) !== arn) {
      return denied('No role with this ARN exists in the world.');
    }
    let sessionPolicy;
    const policyText = optStr(ctx.args, 'policy');
    if (policyText !== undefined) {
      const parsed = parsePolicyDocument(policyText, 'identity');
      if ('error' in parsed) return parsed.error;
      sessionPolicy = parsed.document;
    }
    if (ctx.deps.decide) {
      const outcome = ctx.deps.decide(ctx.scenario, {
        principal: ctx.caller.arn,
        action: 'sts:AssumeRole',
        resource: arn,
      });
      if (outcome.decision !== 'allowed') return denied(outcome.reason);
    }
    const sessionArn = `arn:aws:sts::${parts.account}:assumed-role/${name}/${sessionName}`;
    const session: RoleSession = {
      roleArn: arn,
      roleName: name,
      account: parts.account,
      sessionName,
      arn: sessionArn,
      accessKeyId: uniqueId('sessionKey', `${sessionArn}#${ctx.state.sessions.length}`),
      ...(sessionPolicy !== undefined ? { sessionPolicy } : {}),
    };
    const expiration = new Date(ctx.deps.now().getTime() + 3600_000);
    const state = { ...ctx.state, sessions: [...ctx.state.sessions, session] };
    return ok(
      {
        Credentials: {
          AccessKeyId: session.accessKeyId,
          SecretAccessKey: NOT_A_SECRET,
          SessionToken: NOT_A_SECRET,
          Expiration: awsDate(expiration),
        },
        AssumedRoleUser: {
          AssumedRoleId: `${uniqueId('role', arn)}:${sessionName}`,
          Arn: sessionArn,
        },
      },
      undefined,
      state,
    );
  },
};

export const stsCommands: CommandSpec[] = [getCallerIdentity, assumeRole];
