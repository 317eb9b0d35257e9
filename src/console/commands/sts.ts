/**
 * aws sts: who am I, and assume-role (decided by the engine; on success the console runs as
 * that role session until `exit`).
 */
import { uniqueId } from '../ids';
import {
  MAX_POLICY_ARNS,
  SESSION_PLAINTEXT_LIMIT,
  callContext,
  needsSetSourceIdentity,
  NO_CARRY,
  nextCarry,
  passedSessionProblem,
  passesTags,
  sessionTagLimitProblem,
  type PassedSession,
  type SessionCarry,
  CHAINED_SESSION_LIMIT_SECONDS,
  identityUniqueId,
} from '../../model/index';
import type { Json } from '../../engine/index';
import { callerRequest } from '../caller-request';
import type { CommandContext, CommandSpec, Outcome } from '../spec';
import { fail, ok, optStr, str } from '../spec';
import type { RoleSession } from '../types';
import { parsePrincipalArn, roleArn } from '../world';
import { awsDate, findName, parsePolicyDocument } from './common';
import { NOT_A_SECRET, checkCode } from './iam-credentials';
import { tagsFromArgs, tagsOption } from './identities';
import { sessionContext } from '../world';

/** The `Credentials` of an STS answer: the key id, stand-ins for the secrets, and when they end. */
function temporaryCredentials(accessKeyId: string, expiration: Date): Json {
  return {
    AccessKeyId: accessKeyId,
    SecretAccessKey: NOT_A_SECRET,
    SessionToken: NOT_A_SECRET,
    Expiration: awsDate(expiration),
  };
}

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
      name: 'policy-arns',
      type: 'structure-list',
      help: "Managed session policies: arn=POLICY_ARN ... (at most 10; AWS managed, or in the role's account).",
    },
    {
      name: 'duration-seconds',
      type: 'integer',
      help: '900 to 43200; at most 3600 when a role session assumes a role (role chaining). Sessions in the playground do not expire.',
    },
    {
      name: 'serial-number',
      type: 'string',
      help: "Your MFA device's serial number: the session then has aws:MultiFactorAuthPresent true.",
      complete: 'mfa-serial',
    },
    { name: 'token-code', type: 'string', help: 'The six-digit code the MFA device shows.' },
    {
      ...tagsOption,
      help: 'Session tags (Key=team,Value=blue ...): they override the role tags of the same key in aws:PrincipalTag; passing them needs sts:TagSession.',
    },
    {
      name: 'transitive-tag-keys',
      type: 'string-list',
      help: 'Keys of --tags that pass on to the sessions this one makes (role chaining).',
    },
    {
      name: 'source-identity',
      type: 'string',
      help: 'Set once, kept along the chain (aws:SourceIdentity); needs sts:SetSourceIdentity.',
    },
  ],
  async run(ctx) {
    const arn = str(ctx.args, 'role-arn');
    const mfa = mfaOf(ctx);
    if (mfa && 'error' in mfa) return mfa.error;
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
    // Who may call AssumeRole at all (not the root user) is the engine's rule, asked before the
    // command runs (run.ts, callerRefused).
    const roles = ctx.scenario.accounts?.[parts.account]?.roles;
    const name = findName(roles, parts.name);
    const role = name === undefined ? undefined : roles![name]!;
    if (name === undefined || !role || roleArn(parts.account, name, role.path) !== arn) {
      return denied('No role with this ARN exists in the world.');
    }
    const tagged = tagsFromArgs(ctx.args['tags']);
    if ('error' in tagged) return fail('ValidationError', tagged.error);
    const transitiveKeys = ctx.args['transitive-tag-keys'];
    const passed: PassedSession = {
      tags: tagged.tags,
      transitiveTagKeys: Array.isArray(transitiveKeys)
        ? transitiveKeys.flatMap((k) => (typeof k === 'string' ? [k] : []))
        : [],
    };
    const overLimit = sessionTagLimitProblem(passed);
    if (overLimit) return fail('ValidationError', overLimit);
    const sourceIdentity = optStr(ctx.args, 'source-identity');
    if (sourceIdentity !== undefined) {
      if (!/^[\w+=,.@-]{2,64}$/.test(sourceIdentity))
        return fail(
          'ValidationError',
          `1 validation error detected: Value '${sourceIdentity}' at 'sourceIdentity' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]{2,64}`,
        );
      passed.sourceIdentity = sourceIdentity;
    }
    const calling = ctx.caller.session;
    const carry: SessionCarry = {
      transitive: calling?.transitiveTags ?? {},
      ...(calling?.sourceIdentity !== undefined ? { sourceIdentity: calling.sourceIdentity } : {}),
    };
    const problem = passedSessionProblem(carry, passed);
    if (problem) return fail('InvalidParameterValue', problem);
    const duration = ctx.args['duration-seconds'];
    if (
      calling !== undefined &&
      typeof duration === 'number' &&
      duration > CHAINED_SESSION_LIMIT_SECONDS
    )
      return fail(
        'ValidationError',
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      );
    const policies = sessionPoliciesOf(ctx, parts.account);
    if ('error' in policies) return policies.error;
    const { sessionPolicy, policyArns } = policies;
    if (ctx.deps.decide) {
      // AssumeRole, and sts:TagSession / sts:SetSourceIdentity when the call passes tags or a
      // source identity ("Pass session tags in AWS STS", "Monitor and control actions taken
      // with assumed roles"), each decided with the call's keys.
      const asCaller = callerRequest(ctx.caller, ctx.scenario);
      const context = { ...asCaller.context, ...callContext(carry, passed, sessionName) };
      const actions = [
        'sts:AssumeRole',
        ...(passesTags(passed) ? ['sts:TagSession'] : []),
        ...(needsSetSourceIdentity(carry, passed) ? ['sts:SetSourceIdentity'] : []),
      ];
      for (const action of actions) {
        const outcome = await ctx.deps.decide(ctx.scenario, {
          ...asCaller,
          action,
          resource: arn,
          context,
        });
        if (outcome.decision !== 'allowed')
          return fail(
            'AccessDenied',
            `User: ${ctx.caller.arn} is not authorized to perform: ${action} on resource: ${arn}. ${outcome.reason}`,
          );
      }
    }
    const next = nextCarry(carry, passed);
    const sessionTags = { ...carry.transitive, ...passed.tags };
    const sessionArn = `arn:aws:sts::${parts.account}:assumed-role/${name}/${sessionName}`;
    const session: RoleSession = {
      roleArn: arn,
      roleName: name,
      account: parts.account,
      sessionName,
      arn: sessionArn,
      accessKeyId: uniqueId('sessionKey', `${sessionArn}#${ctx.state.sessions.length}`),
      ...(sessionPolicy !== undefined ? { sessionPolicy } : {}),
      ...(policyArns.length > 0 ? { policyArns } : {}),
      ...(mfa ? { mfa: true, issuedAt: awsDate(ctx.deps.now()) } : {}),
      ...(Object.keys(sessionTags).length > 0 ? { tags: sessionTags } : {}),
      ...(Object.keys(next.transitive).length > 0 ? { transitiveTags: next.transitive } : {}),
      ...(next.sourceIdentity !== undefined ? { sourceIdentity: next.sourceIdentity } : {}),
    };
    const expiration = new Date(ctx.deps.now().getTime() + 3600_000);
    const state = { ...ctx.state, sessions: [...ctx.state.sessions, session] };
    return ok(
      {
        Credentials: temporaryCredentials(session.accessKeyId, expiration),
        AssumedRoleUser: {
          AssumedRoleId: `${identityUniqueId(ctx.scenario, parts.account, 'roles', name)}:${sessionName}`,
          Arn: sessionArn,
        },
      },
      undefined,
      state,
    );
  },
};

/**
 * `--policy` and `--policy-arns` of assume-role and get-federation-token, checked as the AWS STS
 * API Reference says (AssumeRole, GetFederationToken: `Policy`, `PolicyArns`): at most 10 ARNs of
 * AWS managed policies or customer managed ones of `account` (the role's, or the calling user's),
 * and with the inline policy at most 2,048 characters of plaintext.
 */
function sessionPoliciesOf(
  ctx: CommandContext,
  account: string,
): { sessionPolicy?: Json; policyArns: string[] } | { error: Outcome } {
  let sessionPolicy: Json | undefined;
  const policyText = optStr(ctx.args, 'policy');
  if (policyText !== undefined) {
    const parsed = parsePolicyDocument(policyText, 'identity');
    if ('error' in parsed) return { error: parsed.error };
    sessionPolicy = parsed.document;
  }
  const arnArgs = ctx.args['policy-arns'];
  const policyArns = (Array.isArray(arnArgs) ? arnArgs : []).map((item) =>
    typeof item === 'object' && item !== null && !Array.isArray(item)
      ? String(item['arn'] ?? '')
      : '',
  );
  if (policyArns.length > MAX_POLICY_ARNS)
    return {
      error: fail(
        'ValidationError',
        `1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to ${MAX_POLICY_ARNS}`,
      ),
    };
  for (const policyArn of policyArns) {
    const m = /^arn:aws:iam::(\d{12}|aws):policy\/(?:.+\/)?([^/]+)$/.exec(policyArn);
    if (!m || (m[1] !== 'aws' && m[1] !== account))
      return {
        error: fail(
          'InvalidParameterValue',
          `The policy ${policyArn} is not a managed policy of account ${account} nor an AWS managed policy.`,
        ),
      };
    if (m[1] !== 'aws' && ctx.scenario.accounts?.[account]?.policies?.[m[2] ?? ''] === undefined)
      return {
        error: fail(
          'InvalidParameterValue',
          `Policy ${policyArn} does not exist or is not attachable.`,
        ),
      };
  }
  const plaintext =
    (sessionPolicy !== undefined ? JSON.stringify(sessionPolicy).length : 0) +
    policyArns.reduce((n, a) => n + a.length, 0);
  if (plaintext > SESSION_PLAINTEXT_LIMIT)
    return {
      error: fail('PackedPolicyTooLarge', 'Packed size of session policies exceeds the limit.'),
    };
  return { ...(sessionPolicy !== undefined ? { sessionPolicy } : {}), policyArns };
}

/**
 * The access key a GetSessionToken or GetFederationToken call is signed with: a user's first
 * active one (the root user's own is not modelled), or the error AWS gives without one.
 */
function signingKey(ctx: CommandContext, operation: string): { id?: string } | { error: Outcome } {
  if (ctx.caller.kind !== 'user') return {};
  const name = ctx.caller.userName!;
  const keys = ctx.scenario.accounts?.[ctx.account]?.users?.[name]?.accessKeys ?? [];
  const id = keys.find((k) => k.status === 'Active')?.id;
  if (id === undefined)
    return {
      error: fail(
        'InvalidClientTokenId',
        `The security token included in the request is invalid. (User ${name} has no active access key to call ${operation} with: aws iam create-access-key --user-name ${name}.)`,
      ),
    };
  return { id };
}

/**
 * --serial-number and --token-code, checked as AWS does ("Configuring MFA-protected API access"):
 * both or neither, a six-digit code, and a device enabled for the calling user (any code is
 * taken as the device's: the playground has no clock on the device).
 */
function mfaOf(ctx: CommandContext): { ok: true } | { error: Outcome } | undefined {
  const serial = optStr(ctx.args, 'serial-number');
  const code = optStr(ctx.args, 'token-code');
  if (serial === undefined && code === undefined) return undefined;
  if (serial === undefined || code === undefined) {
    return {
      error: fail(
        'ValidationError',
        serial === undefined
          ? 'SerialNumber is required when TokenCode is provided.'
          : 'TokenCode is required when SerialNumber is provided.',
      ),
    };
  }
  const bad = checkCode(code, 'tokenCode');
  if (bad) return { error: bad };
  const account = ctx.scenario.accounts?.[ctx.caller.account];
  const owner =
    ctx.caller.kind === 'root'
      ? account?.rootUser?.mfa === true &&
        serial === `arn:aws:iam::${ctx.caller.account}:mfa/root-account-mfa-device`
      : ctx.caller.userName !== undefined &&
        (account?.users?.[ctx.caller.userName]?.mfaDevices ?? []).some((d) => d.serial === serial);
  if (!owner) {
    return {
      error: fail(
        'AccessDenied',
        'MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.',
      ),
    };
  }
  return { ok: true };
}

const getSessionToken: CommandSpec = {
  service: 'sts',
  name: 'get-session-token',
  operation: 'GetSessionToken',
  summary:
    'Temporary credentials for the calling user; with --serial-number and --token-code they carry MFA, and later commands run with them until `exit`.',
  options: [
    {
      name: 'serial-number',
      type: 'string',
      help: "Your MFA device's serial number (arn:aws:iam::ACCOUNT:mfa/NAME).",
      complete: 'mfa-serial',
    },
    { name: 'token-code', type: 'string', help: 'The six-digit code the MFA device shows.' },
    {
      name: 'duration-seconds',
      type: 'integer',
      help: '900 to 129600 (default 43200 for a user, 3600 for the root user).',
    },
  ],
  // "Permissions for GetSessionToken": no permission is needed; policies cannot control it.
  // Only long-term credentials may call it (run.ts refuses temporary ones).
  run(ctx) {
    const duration = ctx.args['duration-seconds'];
    const seconds =
      typeof duration === 'number' ? duration : ctx.caller.kind === 'root' ? 3600 : 43200;
    const max = ctx.caller.kind === 'root' ? 3600 : 129600;
    if (seconds < 900 || seconds > max) {
      return fail(
        'ValidationError',
        `1 validation error detected: Value '${seconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value ${seconds < 900 ? 'greater than or equal to 900' : `less than or equal to ${max}`}`,
      );
    }
    const mfa = mfaOf(ctx);
    if (mfa && 'error' in mfa) return mfa.error;
    // The call is signed with the user's access key: the playground takes the first active one.
    const key = signingKey(ctx, 'GetSessionToken');
    if ('error' in key) return key.error;
    const callerKeyId = key.id;
    const now = ctx.deps.now();
    const issuedAt = awsDate(now);
    const accessKeyId = uniqueId('sessionKey', `${ctx.caller.arn}#token#${issuedAt}`);
    const state = {
      ...ctx.state,
      tokenSession: {
        mfa: mfa !== undefined,
        issuedAt,
        accessKeyId,
        ...(callerKeyId !== undefined ? { callerKeyId } : {}),
      },
    };
    return ok(
      {
        Credentials: temporaryCredentials(accessKeyId, new Date(now.getTime() + seconds * 1000)),
      },
      undefined,
      state,
    );
  },
};

/**
 * GetFederationToken (AWS STS API Reference; "Permissions for GetFederationToken"; "Compare AWS
 * STS credentials"): an IAM user or the root user, signed with long-term credentials, gets
 * credentials for a federated user `arn:aws:sts::ACCOUNT:federated-user/NAME`, whose permissions
 * are the caller's identity policies intersected with the session policies passed (none passed:
 * no permissions from them). The call needs sts:GetFederationToken (and sts:TagSession with
 * --tags); the federated user then calls no IAM operation and no STS operation but
 * GetCallerIdentity (run.ts). A root user's session lasts at most one hour.
 */
const getFederationToken: CommandSpec = {
  service: 'sts',
  name: 'get-federation-token',
  operation: 'GetFederationToken',
  summary:
    'Credentials for a federated user (arn:aws:sts::ACCOUNT:federated-user/NAME): your permissions intersected with --policy/--policy-arns (none given: no permissions); later commands run as it until `exit`.',
  options: [
    {
      name: 'name',
      type: 'string',
      required: true,
      help: "The federated user's name (2 to 32 characters: letters, digits and _+=,.@-).",
    },
    {
      name: 'policy',
      type: 'document',
      help: 'A session policy: the federated user may do what both it and your policies allow.',
      complete: 'document-file',
    },
    {
      name: 'policy-arns',
      type: 'structure-list',
      help: 'Managed session policies: arn=POLICY_ARN ... (at most 10; AWS managed, or in your account).',
    },
    {
      name: 'duration-seconds',
      type: 'integer',
      help: "900 to 129600 (default 43200); the root user's session lasts at most 3600. Sessions in the playground do not expire.",
    },
    {
      ...tagsOption,
      help: "Session tags (Key=team,Value=blue ...): they override your user's tags of the same key in aws:PrincipalTag; passing them needs sts:TagSession.",
    },
  ],
  async run(ctx) {
    const name = str(ctx.args, 'name');
    if (name.length < 2 || name.length > 32)
      return fail(
        'ValidationError',
        `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must have length ${name.length < 2 ? 'greater than or equal to 2' : 'less than or equal to 32'}`,
      );
    if (!/^[\w+=,.@-]+$/.test(name))
      return fail(
        'ValidationError',
        `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`,
      );
    const duration = ctx.args['duration-seconds'];
    const asked = typeof duration === 'number' ? duration : 43200;
    if (asked < 900 || asked > 129600)
      return fail(
        'ValidationError',
        `1 validation error detected: Value '${asked}' at 'durationSeconds' failed to satisfy constraint: Member must have value ${asked < 900 ? 'greater than or equal to 900' : 'less than or equal to 129600'}`,
      );
    // "Sessions obtained using root user credentials are restricted to a maximum of 3,600
    // seconds": a longer request is shortened, not refused.
    const seconds = ctx.caller.kind === 'root' ? Math.min(asked, 3600) : asked;
    const tagged = tagsFromArgs(ctx.args['tags']);
    if ('error' in tagged) return fail('ValidationError', tagged.error);
    const overLimit = sessionTagLimitProblem({ tags: tagged.tags, transitiveTagKeys: [] });
    if (overLimit) return fail('ValidationError', overLimit);
    const key = signingKey(ctx, 'GetFederationToken');
    if ('error' in key) return key.error;
    const policies = sessionPoliciesOf(ctx, ctx.account);
    if ('error' in policies) return policies.error;
    const arn = `arn:aws:sts::${ctx.account}:federated-user/${name}`;
    const passed: PassedSession = { tags: tagged.tags, transitiveTagKeys: [] };
    if (ctx.deps.decide) {
      const actions = ['sts:GetFederationToken', ...(passesTags(passed) ? ['sts:TagSession'] : [])];
      for (const action of actions) {
        const outcome = await ctx.deps.decide(ctx.scenario, {
          ...callerRequest(ctx.caller, ctx.scenario),
          action,
          resource: arn,
          context: callContext(NO_CARRY, passed, undefined),
        });
        if (outcome.decision !== 'allowed')
          return fail(
            'AccessDenied',
            `User: ${ctx.caller.arn} is not authorized to perform: ${action} on resource: ${arn}. ${outcome.reason}`,
          );
      }
    }
    const now = ctx.deps.now();
    const issuedAt = awsDate(now);
    const accessKeyId = uniqueId('sessionKey', `${arn}#federation#${issuedAt}`);
    const state = {
      ...ctx.state,
      federated: {
        name,
        account: ctx.account,
        arn,
        ...(ctx.caller.kind === 'user' ? { user: ctx.caller.userName! } : {}),
        ...(policies.sessionPolicy !== undefined ? { sessionPolicy: policies.sessionPolicy } : {}),
        ...(policies.policyArns.length > 0 ? { policyArns: policies.policyArns } : {}),
        ...(Object.keys(tagged.tags).length > 0 ? { tags: tagged.tags } : {}),
        accessKeyId,
        issuedAt,
      },
    };
    return ok(
      {
        Credentials: temporaryCredentials(accessKeyId, new Date(now.getTime() + seconds * 1000)),
        FederatedUser: { FederatedUserId: `${ctx.account}:${name}`, Arn: arn },
      },
      undefined,
      state,
    );
  },
};

export const stsCommands: CommandSpec[] = [
  getCallerIdentity,
  assumeRole,
  getSessionToken,
  getFederationToken,
];
