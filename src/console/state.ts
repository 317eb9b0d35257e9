/**
 * The console's state: who the caller is and what the console remembers between commands.
 */
import { awsDate } from './commands/common';
import { identityUniqueId } from '../model/index';
import { instanceCaller } from './instances';
import type { Caller } from './spec';
import type { ConsoleState } from './types';
import type { Scenario } from './world';
import { DEFAULT_ACCOUNT, emptyScenario, userArn } from './world';

/**
 * A fresh console for a world. The caller is the root user of the scenario's first account
 * (123456789012 in a world without accounts): the identity that may do everything in its own
 * account, so a learner can build a world before trying it as someone else with assume-role.
 */
export function createConsoleState(scenario: Scenario, now: Date): ConsoleState {
  return {
    account: Object.keys(scenario.accounts ?? {})[0] ?? DEFAULT_ACCOUNT,
    sessions: [],
    created: {},
    startedAt: awsDate(now),
    variables: {},
  };
}

/**
 * Who runs the next command: the innermost role session, else the federated user of
 * get-federation-token, else the chosen IAM user, else the account's root user. The scenario,
 * when given, supplies the user's path for its ARN.
 */
export function callerOf(state: ConsoleState, scenario?: Scenario): Caller {
  const session = state.sessions[state.sessions.length - 1];
  const onInstance = session ? undefined : instanceCaller(state, scenario ?? emptyScenario());
  if (onInstance !== undefined) {
    // Without credentials on an instance, `aws` stops before anything needs the caller.
    if (onInstance !== 'none') return onInstance;
  }
  if (session) {
    const roleId = identityUniqueId(
      scenario ?? emptyScenario(),
      session.account,
      'roles',
      session.roleName,
    );
    return {
      kind: 'session',
      arn: session.arn,
      account: session.account,
      userId: `${roleId}:${session.sessionName}`,
      session,
      ...(session.mfa
        ? { signIn: { method: 'roleSession', mfa: true, ...issued(session.issuedAt) } }
        : {}),
    };
  }
  const federated = state.federated;
  if (federated) {
    return {
      kind: 'federated',
      arn: federated.arn,
      account: federated.account,
      userId: `${federated.account}:${federated.name}`,
      federated,
    };
  }
  const token = state.tokenSession;
  const signIn: Caller['signIn'] = token
    ? {
        method: 'sessionToken',
        mfa: token.mfa,
        ...issued(token.issuedAt),
        ...(token.callerKeyId !== undefined ? { accessKeyId: token.callerKeyId } : {}),
      }
    : undefined;
  if (state.user !== undefined) {
    const path = scenario?.accounts?.[state.account]?.users?.[state.user]?.path;
    const arn = userArn(state.account, state.user, path);
    return {
      kind: 'user',
      arn,
      account: state.account,
      userId: identityUniqueId(scenario ?? emptyScenario(), state.account, 'users', state.user),
      userName: state.user,
      ...(signIn ? { signIn } : {}),
    };
  }
  return {
    kind: 'root',
    arn: `arn:aws:iam::${state.account}:root`,
    account: state.account,
    userId: state.account,
    ...(signIn ? { signIn } : {}),
  };
}

/** `at` for a sign-in, from a date the console printed (`…+00:00`). */
function issued(date: string | undefined): { at?: string } {
  return date === undefined ? {} : { at: date };
}

/** A short prompt that shows the caller, e.g. `123456789012 root` or `111122223333 WebRole/alice`. */
export function promptOf(state: ConsoleState, scenario?: Scenario): string {
  if (state.heredoc) return '>';
  if (state.instanceShell !== undefined && state.sessions.length === 0)
    return `ec2-user@${state.instanceShell}`;
  const caller = callerOf(state, scenario);
  if (caller.federated) return `${caller.account} federated-user/${caller.federated.name}`;
  if (caller.session)
    return `${caller.account} ${caller.session.roleName}/${caller.session.sessionName}`;
  return `${caller.account} ${caller.userName ?? 'root'}`;
}
