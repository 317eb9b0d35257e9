/**
 * Public types of the console: the state it carries between commands, what it needs from the
 * outside (clock, decisions), and what one command returns.
 */
import type {
  ContextValue,
  Decision,
  EvaluationInput,
  EvaluationResult,
  Json,
} from '../engine/types';
import type { Scenario } from './world';

/** An error as AWS (or the AWS CLI) reports it: a code such as `NoSuchEntity` and its message. */
export interface ConsoleError {
  code: string;
  message: string;
}

/** A session of a role the console runs as after `aws sts assume-role`. */
export interface RoleSession {
  roleArn: string;
  roleName: string;
  account: string;
  sessionName: string;
  /** `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION` */
  arn: string;
  /** The session's access key id (ASIA…), shown by assume-role. */
  accessKeyId: string;
  /** The session policy passed with `--policy`, which limits every decision of the session. */
  sessionPolicy?: Json;
}

/** An access key of a user. The format has no place for keys, so the console keeps them here. */
export interface AccessKeyRecord {
  account: string;
  userName: string;
  accessKeyId: string;
  status: 'Active' | 'Inactive';
  createDate: string;
}

/**
 * Everything the console remembers between commands. Immutable: every command returns a new state.
 *
 * The caller is the root user of `account` (or its IAM user `user`) unless a role session is
 * active (the top of `sessions`).
 * The default account is the scenario's first account, or 123456789012 in a world without accounts.
 */
export interface ConsoleState {
  /** The account whose root user (or `user`) runs commands when no role session is active. */
  account: string;
  /** An IAM user of `account` who runs commands instead of the root user (`export AWS_PROFILE=NAME`). */
  user?: string;
  /** Assumed-role sessions, innermost last; `exit` leaves the last one. */
  sessions: RoleSession[];
  accessKeys: AccessKeyRecord[];
  /** Creation dates (ISO 8601) of entities created in this console, by ARN or organization id. */
  created: Record<string, string>;
  /** The date reported for entities that existed before the console started. */
  startedAt: string;
  /** Shell variables set by `NAME=value` or `NAME=$(aws …)`. */
  variables: Record<string, string>;
  /** Counts access keys made so far, so that each new key gets a new id. */
  keySerial: number;
}

/** A request the console asks to be decided in the current world. */
export interface DecisionRequest {
  /** The caller: a user, role, assumed-role or root ARN. */
  principal: string;
  action: string;
  resource: string;
  context?: Record<string, ContextValue>;
  sessionPolicy?: Json;
}

/** How a request came out. `reason` is one sentence that says why (the trace's summary). */
export interface DecisionOutcome {
  decision: Decision;
  reason: string;
  /** The engine's full result, when it is available (simulate-* shows matched statements from it). */
  result?: EvaluationResult;
}

/** An AWS managed policy as the console shows it. */
export interface ManagedPolicyInfo {
  arn: string;
  name: string;
  path: string;
  defaultVersionId: string;
  document?: Json;
}

/** What the console needs from outside: a clock and, for permissions and simulate-*, the engine. */
export interface ConsoleDeps {
  /** The current time (a parameter, so tests are deterministic). */
  now: () => Date;
  /**
   * Decides a request in a scenario: the model resolves the world, the engine decides.
   * Without it the console checks no permissions and simulate-principal-policy is unavailable.
   */
  decide?: (scenario: Scenario, request: DecisionRequest) => DecisionOutcome;
  /** Decides explicit documents (simulate-custom-policy). */
  evaluate?: (input: EvaluationInput) => EvaluationResult;
  /** AWS managed policies known to the program (for get-policy, list-policies --scope AWS, attach-*). */
  managedPolicies?: {
    get: (arn: string) => ManagedPolicyInfo | undefined;
    list: () => ManagedPolicyInfo[];
  };
}

/** What one command line did. */
export interface CommandResult {
  /** What the terminal shows: the formatted output, or the error as the AWS CLI prints it. */
  output: string;
  /** Present when the command failed. */
  error?: ConsoleError;
  /** The changed world, present only when the command changed it (one undoable step). */
  scenario?: Scenario;
  /** The console state after the command (always present; unchanged when nothing changed). */
  state: ConsoleState;
}
