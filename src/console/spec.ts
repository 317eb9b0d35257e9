/**
 * The shape of the command table. Each command is data (name, options with types, help text)
 * plus its handler, so that parsing, help, usage errors and tab completion all read one table.
 */
import type { Json } from '../engine/index';
import type {
  ConsoleDeps,
  ConsoleError,
  ConsoleState,
  FederatedSession,
  RoleSession,
} from './types';
import type { SignIn } from '../model/index';
import type { Scenario } from './world';

/**
 * How an option's words become a value:
 * - `string`, `integer`: one word. `boolean`: a flag (`--no-NAME` turns it off).
 * - `string-list`: every word up to the next option.
 * - `document`: one word holding JSON (inline, or `file://NAME` naming a document of the world).
 * - `document-list`: several such words.
 * - `structure-list`: JSON (`[{"Key":"a","Value":"b"}]`) or AWS shorthand words (`Key=a,Value=b`).
 * - `structure`: one JSON object or one shorthand word.
 */
export type OptionType =
  | 'string'
  | 'integer'
  | 'boolean'
  | 'string-list'
  | 'document'
  | 'document-list'
  | 'structure-list'
  | 'structure';

/** Where tab completion finds values for an option. */
export type CompletionSource =
  | 'user'
  | 'group'
  | 'role'
  | 'role-arn'
  | 'principal-arn'
  | 'policy-arn'
  | 'instance-profile'
  | 'access-key'
  | 'mfa-serial'
  | 'document-file'
  | 'user-inline-policy'
  | 'group-inline-policy'
  | 'role-inline-policy'
  | 'org-parent'
  | 'org-target'
  | 'org-policy'
  | 'account';

export interface OptionSpec {
  /** Without the leading dashes, e.g. `user-name`. */
  name: string;
  type: OptionType;
  required?: boolean;
  help: string;
  /** Allowed values (AWS enums), checked and offered by completion. */
  choices?: string[];
  complete?: CompletionSource;
}

/** An option's parsed value. */
export type ArgValue = string | number | boolean | string[] | Json;

export type ParsedArgs = Record<string, ArgValue>;

/** Who runs the command. */
export interface Caller {
  kind: 'root' | 'user' | 'session' | 'federated';
  arn: string;
  account: string;
  /** AWS's UserId for get-caller-identity: the account id for root, AIDA… for a user, `AROA…:SESSION` for a session, `ACCOUNT:NAME` for a federated user. */
  userId: string;
  session?: RoleSession;
  /** For a federated user caller: its get-federation-token credentials. */
  federated?: FederatedSession;
  /** For an IAM user caller: the user's name. */
  userName?: string;
  /** How the caller signed in, when it matters to decisions (an MFA or token session). */
  signIn?: SignIn;
}

/** What a handler gets. The scenario is read-only: handlers return the world a world edit made (see `applyEdit`). */
export interface CommandContext {
  scenario: Scenario;
  state: ConsoleState;
  deps: ConsoleDeps;
  args: ParsedArgs;
  /** The account the command acts in: the caller's account. */
  account: string;
  caller: Caller;
}

/** What a handler returns: an output value and what changed, or an AWS error. */
export type Outcome =
  | { ok: true; value?: Json; scenario?: Scenario; state?: ConsoleState }
  | { ok: false; error: ConsoleError };

export interface CommandSpec {
  service:
    | 'iam'
    | 'sts'
    | 'organizations'
    | 'accessanalyzer'
    | 'ec2'
    | 'ssm'
    | 's3api'
    | 's3control'
    | 'kms';
  /** The CLI name, e.g. `create-user`. */
  name: string;
  /** The API operation, e.g. `CreateUser` (error messages and the table title name it). */
  operation: string;
  summary: string;
  options: OptionSpec[];
  /**
   * The action a caller needs, e.g. `iam:CreateUser`. Absent for commands AWS lets anyone
   * run (sts:GetCallerIdentity) or that the engine decides itself (sts:AssumeRole).
   */
  action?: string;
  /** The resource ARNs the action applies to; `['*']` when absent. Each must be allowed. */
  resources?: (ctx: CommandContext) => string[];
  /** Synchronous, or async for a command that asks `deps` (decisions run in the worker). */
  run: (ctx: CommandContext) => Outcome | Promise<Outcome>;
}

/** A successful outcome. */
export function ok(value?: Json, scenario?: Scenario, state?: ConsoleState): Outcome {
  return { ok: true, value, scenario, state };
}

/** A failed outcome with AWS's error code and message. */
export function fail(code: string, message: string): Outcome {
  return { ok: false, error: { code, message } };
}

/** Reads a string option (handlers call it only for options the parser made strings). */
export function str(args: ParsedArgs, name: string): string {
  const value = args[name];
  return typeof value === 'string' ? value : '';
}

/** Reads an optional string option. */
export function optStr(args: ParsedArgs, name: string): string | undefined {
  const value = args[name];
  return typeof value === 'string' ? value : undefined;
}

/** Reads a list option. */
export function list(args: ParsedArgs, name: string): string[] {
  const value = args[name];
  return Array.isArray(value)
    ? (value as unknown[]).filter((v): v is string => typeof v === 'string')
    : [];
}
