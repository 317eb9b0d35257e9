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
} from '../engine/index';
import type { Finding } from '../findings/index';
import type { AssumeStep, SignIn } from '../model/index';
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
  /** The managed session policies passed with `--policy-arns` (PolicyArns). */
  policyArns?: string[];
  /** True when assume-role was given --serial-number and --token-code (aws:MultiFactorAuthPresent). */
  mfa?: boolean;
  /** When the session was issued (ISO 8601, AWS's form), for aws:TokenIssueTime. */
  issuedAt?: string;
  /** Set for the session of an EC2 instance's shell (`aws ec2 ssh`... see instances.ts). */
  instanceId?: string;
  /** Session tags passed with `--tags`, with the transitive tags inherited from the calling session. */
  tags?: Record<string, string>;
  /** The tags this session passes on to sessions it makes (role chaining). */
  transitiveTags?: Record<string, string>;
  /** Set with `--source-identity` (or inherited); it never changes along a chain. */
  sourceIdentity?: string;
}

/**
 * Credentials from `aws sts get-federation-token`: a federated user of the IAM user (or root
 * user) that called it, with that caller's permissions intersected with the session policies
 * ("Permissions for GetFederationToken").
 */
export interface FederatedSession {
  name: string;
  account: string;
  /** `arn:aws:sts::ACCOUNT:federated-user/NAME` */
  arn: string;
  /** The IAM user that called GetFederationToken; absent: the account's root user. */
  user?: string;
  /** The call's `--policy`; with no session policy at all the federated user may do nothing. */
  sessionPolicy?: Json;
  policyArns?: string[];
  /** Session tags passed with `--tags` (aws:PrincipalTag over the user's tags). */
  tags?: Record<string, string>;
  accessKeyId: string;
  /** ISO 8601, AWS's form. */
  issuedAt: string;
}

/** Temporary credentials from `aws sts get-session-token`: the same user (or root), signed in anew. */
export interface TokenSession {
  mfa: boolean;
  /** ISO 8601, AWS's form. */
  issuedAt: string;
  accessKeyId: string;
  /** The access key of the user that called GetSessionToken. */
  callerKeyId?: string;
}

/** A virtual MFA device made by create-virtual-mfa-device and not (or no longer) enabled for a user. */
export interface UnassignedMfaDevice {
  serial: string;
  createDate: string;
}

/** A credential report made by generate-credential-report: a snapshot, as AWS keeps one. */
export interface CredentialReport {
  generatedTime: string;
  csv: string;
}

/** An instance launched by `aws ec2 run-instances` (the console keeps it; the format has no instances). */
export interface InstanceRecord {
  instanceId: string;
  account: string;
  /** The instance profile it was launched with. */
  profile?: string;
  launchTime: string;
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
  /** Credentials from get-session-token, for the root user or `user` (none inside a role session). */
  tokenSession?: TokenSession;
  /** The federated user from get-federation-token, who runs commands until `exit`. */
  federated?: FederatedSession;
  /** Virtual MFA devices created and not enabled for any user (the world holds enabled ones). */
  virtualMfaDevices?: UnassignedMfaDevice[];
  /** The latest credential report of each account. */
  credentialReports?: Record<string, CredentialReport>;
  /** Instances launched with `aws ec2 run-instances`. */
  instances?: InstanceRecord[];
  /** Files written with `cat > NAME << 'EOF'` (the guides write policy documents so), by name. */
  files?: Record<string, string>;
  /** A here-document being typed: the file it goes to, its delimiter, and the lines so far. */
  heredoc?: { file: string; delimiter: string; lines: string[] };
  /** The instance whose shell the console is in (`ssh INSTANCE`), until `exit`. */
  instanceShell?: string;
  /** The role sessions open when the instance's shell was opened, given back on `exit`. */
  outerSessions?: RoleSession[];
  /** Creation dates (ISO 8601) of entities created in this console, by ARN or organization id. */
  created: Record<string, string>;
  /** The date reported for entities that existed before the console started. */
  startedAt: string;
  /** Shell variables set by `NAME=value` or `NAME=$(aws …)`. */
  variables: Record<string, string>;
}

/** A request the console asks to be decided in the current world. */
export interface DecisionRequest {
  /** The caller: a user, role, assumed-role or root ARN. */
  principal: string;
  action: string;
  resource: string;
  context?: Record<string, ContextValue>;
  sessionPolicy?: Json;
  policyArns?: string[];
  /** How the caller signed in (a get-session-token or MFA session), for the MFA and token keys. */
  signIn?: SignIn;
  /**
   * For a federated user: the GetFederationToken call that made it (`federatedUser` set), and
   * `principal` is the IAM user or root user that called it. The call was decided when the
   * console made it; only the request itself is decided now.
   */
  federation?: AssumeStep;
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

/**
 * What the console needs from outside: a clock and, for permissions and simulate-*, the engine.
 * Decisions are asynchronous: in the app they run in the worker (src/worker/console-deps.ts),
 * in tests and the command line on the same thread (createConsoleDeps).
 */
export interface ConsoleDeps {
  /** The current time (a parameter, so tests are deterministic). */
  now: () => Date;
  /**
   * Decides a request in a scenario: the model resolves the world, the engine decides.
   * Without it the console checks no permissions and simulate-principal-policy is unavailable.
   */
  decide?: (scenario: Scenario, request: DecisionRequest) => Promise<DecisionOutcome>;
  /** Decides explicit documents (simulate-custom-policy). */
  evaluate?: (input: EvaluationInput) => Promise<EvaluationResult>;
  /**
   * The project's findings for one policy document (`aws accessanalyzer validate-policy`).
   * Without it validate-policy is unavailable.
   */
  checkPolicy?: (
    document: Json,
    kind: 'identity' | 'resource' | 'scp' | 'rcp',
  ) => Promise<Finding[]>;
  /**
   * The files of the session's last import (picked or dropped), by file name: `file://NAME`
   * reads one when a command names it, and `files` lists them. Their texts are not kept: an
   * account's export is hundreds of files and megabytes.
   */
  files?: () => Readonly<Record<string, Blob>>;
  /** AWS managed policies known to the program (for get-policy, list-policies --scope AWS, attach-*). */
  managedPolicies?: {
    get: (arn: string) => ManagedPolicyInfo | undefined;
    list: () => ManagedPolicyInfo[];
    /** The document of a policy whose info came without one (the worker holds the catalog). */
    document?: (arn: string) => Promise<Json | undefined>;
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
