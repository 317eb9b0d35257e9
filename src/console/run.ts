/**
 * runCommand: one command line against the world. Pure: the scenario and state given are never
 * changed; a command that changes the world returns the new scenario (one undoable step).
 * Asynchronous, because decisions are (the app's run in the worker).
 */
import type { Json } from '../engine/index';
import { callerRefusal, type Principal } from '../engine/index';
import type { OutputFormat } from './args';
import { USAGE_BANNER, extractGlobals, parseArgs, usageError } from './args';
import { COMMANDS, SERVICES, commandsOf, findCommand } from './commands/index';
import { documentFileNames, resolveDocumentFile } from './documents';
import { awsHelp, commandHelp, consoleHelp, serviceHelp } from './help';
import { applyQuery, formatOutput } from './output';
import type { CommandContext, CommandSpec, Outcome } from './spec';
import { NO_CREDENTIALS, closeShell, curl, instanceHasCredentials, openShell } from './instances';
import { callerOf } from './state';
import { callerRequest } from './caller-request';
import { tokenize } from './tokenize';
import type { CommandResult, ConsoleDeps, ConsoleError, ConsoleState } from './types';
import type { Scenario } from './world';

/** How an error shows in the terminal, as the AWS CLI prints it. */
export function formatError(error: ConsoleError, operation?: string): string {
  if (error.code === 'UsageError') return `${USAGE_BANNER}\n${error.message}`;
  if (error.code === 'ParamValidation' || error.code === 'ShellError' || operation === undefined)
    return error.message;
  return `An error occurred (${error.code}) when calling the ${operation} operation: ${error.message}`;
}

function failure(state: ConsoleState, error: ConsoleError, operation?: string): CommandResult {
  return { output: formatError(error, operation), error, state };
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/**
 * Runs one command line. Besides `aws SERVICE COMMAND ...` the console understands `help`,
 * `exit` (leave the innermost role session), `export AWS_PROFILE=ACCOUNT|USER` (run as an
 * account's root user or as a user), `NAME=value` and `NAME=$(aws ...)` (shell variables for
 * later lines), `echo`, `unset` and `clear`.
 */
export async function runCommand(
  line: string,
  scenario: Scenario,
  state: ConsoleState,
  deps: ConsoleDeps,
): Promise<CommandResult> {
  // The lines of a here-document go to its file until the delimiter.
  if (state.heredoc) return heredocLine(line, state);
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return { output: '', state };
  const heredoc = /^cat\s*>\s*(\S+)\s*<<-?\s*(['"]?)(\w+)\2$/.exec(trimmed);
  if (heredoc) {
    return {
      output: '',
      state: { ...state, heredoc: { file: heredoc[1]!, delimiter: heredoc[3]!, lines: [] } },
    };
  }

  const exported = /^export\s+(.*)$/s.exec(trimmed);
  const assignment = ASSIGNMENT.exec(exported ? exported[1]!.trim() : trimmed);
  if (assignment) return assign(assignment[1]!, assignment[2]!, scenario, state, deps);

  // `aws iam get-credential-report --query Content --output text | base64 -d`: the one pipe
  // the guides use, to read the report.
  const piped = /^(.*?)\|\s*base64\s+(?:-d|--decode)\s*$/s.exec(trimmed);
  if (piped) return decodeBase64(await runCommand(piped[1]!, scenario, state, deps));

  const tokens = tokenize(trimmed, state.variables);
  if (tokens.error)
    return failure(state, { code: 'ShellError', message: `syntax error: ${tokens.error}` });
  const words = tokens.tokens.map((t) => t.value);
  const first = words[0] ?? '';
  if (first === 'help' || first === '?') return { output: consoleHelp(), state };
  if (first === 'files') return { output: listFiles(scenario, state, deps), state };
  if (first === 'clear') return { output: '', state };
  // Two shell words tutorials use around aws commands.
  if (first === 'echo') return { output: words.slice(1).join(' '), state };
  if (first === 'unset') {
    const variables = { ...state.variables };
    for (const name of words.slice(1)) delete variables[name];
    const next: ConsoleState = { ...state, variables };
    // Without AWS_PROFILE the default profile runs commands again: the account's root user.
    if (words.includes('AWS_PROFILE')) delete next.user;
    return { output: '', state: next };
  }
  if (first === 'exit' || first === 'logout') return exit(state, scenario);
  if (first === 'ssh')
    return openShell(words.filter((w) => !w.startsWith('-')).slice(1)[0] ?? '', state);
  if (first === 'curl') return curl(words.slice(1), scenario, state, deps);
  if (first !== 'aws') {
    return failure(state, {
      code: 'ShellError',
      message: `${first}: command not found (try \`help\`)`,
    });
  }
  return runAws(words.slice(1), scenario, state, deps);
}

/**
 * The texts of the last import's files that `params` name as `file://NAME` (and this console has
 * not written itself), read now. A file that can no longer be read is left out: "No such file".
 */
async function importedFiles(
  params: readonly string[],
  state: ConsoleState,
  deps: ConsoleDeps,
): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const files = deps.files?.() ?? {};
  for (const param of params) {
    const name = param.startsWith('file://') ? param.slice('file://'.length) : undefined;
    if (name === undefined || state.files?.[name] !== undefined || !Object.hasOwn(files, name))
      continue;
    const text = await files[name]!.text().catch(() => undefined);
    if (text !== undefined) texts.set(name, text);
  }
  return texts;
}

/** `files`: what `file://NAME` can name, in the order it looks. */
function listFiles(scenario: Scenario, state: ConsoleState, deps: ConsoleDeps): string {
  const groups: [string, string[]][] = [
    ['Written here (cat > NAME)', Object.keys(state.files ?? {})],
    ['Imported (the last files picked or dropped)', Object.keys(deps.files?.() ?? {})],
    ['Documents of the world', documentFileNames(scenario, callerOf(state, scenario).account)],
  ];
  return groups
    .map(([title, names]) => `${title}:${names.length > 0 ? `\n  ${names.join('\n  ')}` : ' none'}`)
    .join('\n');
}

function heredocLine(line: string, state: ConsoleState): CommandResult {
  const heredoc = state.heredoc!;
  if (line.trim() === heredoc.delimiter) {
    const next: ConsoleState = {
      ...state,
      files: { ...state.files, [heredoc.file]: heredoc.lines.join('\n') + '\n' },
    };
    delete next.heredoc;
    return { output: '', state: next };
  }
  return {
    output: '',
    state: { ...state, heredoc: { ...heredoc, lines: [...heredoc.lines, line] } },
  };
}

function decodeBase64(result: CommandResult): CommandResult {
  if (result.error) return result;
  const text = result.output.trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0)
    return {
      ...result,
      output: 'base64: invalid input',
      error: { code: 'ShellError', message: 'base64: invalid input' },
    };
  const binary = atob(text);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return { ...result, output: new TextDecoder().decode(bytes) };
}

function exit(state: ConsoleState, scenario: Scenario): CommandResult {
  const session = state.sessions[state.sessions.length - 1];
  if (!session && state.instanceShell !== undefined) return closeShell(state);
  if (!session && state.federated) {
    const next = { ...state };
    delete next.federated;
    return {
      output: `Left the federated user ${state.federated.arn}; now ${callerOf(next, scenario).arn}.`,
      state: next,
    };
  }
  if (!session && state.tokenSession) {
    const next = { ...state };
    delete next.tokenSession;
    return {
      output: `Left the get-session-token credentials; now ${callerOf(next, scenario).arn} with its access key.`,
      state: next,
    };
  }
  if (!session) {
    return { output: `Not in a role session: still ${callerOf(state, scenario).arn}.`, state };
  }
  const next = { ...state, sessions: state.sessions.slice(0, -1) };
  return {
    output: `Left the session ${session.arn}; now ${callerOf(next, scenario).arn}.`,
    state: next,
  };
}

async function assign(
  name: string,
  raw: string,
  scenario: Scenario,
  state: ConsoleState,
  deps: ConsoleDeps,
): Promise<CommandResult> {
  const substitution = /^\$\((.*)\)$/s.exec(raw.trim());
  if (substitution) {
    const inner = await runCommand(substitution[1]!, scenario, state, deps);
    if (inner.error) return inner;
    const value = inner.output.trim();
    const next = { ...inner.state, variables: { ...inner.state.variables, [name]: value } };
    return { output: '', state: next, ...(inner.scenario ? { scenario: inner.scenario } : {}) };
  }
  const tokens = tokenize(raw, state.variables);
  if (tokens.error)
    return failure(state, { code: 'ShellError', message: `syntax error: ${tokens.error}` });
  const value = tokens.tokens.map((t) => t.value).join(' ');
  if (name === 'AWS_PROFILE') return switchProfile(value, scenario, state);
  return { output: '', state: { ...state, variables: { ...state.variables, [name]: value } } };
}

/**
 * `export AWS_PROFILE=X`: in the playground a profile is an account id (run as its root user)
 * or the name of an IAM user of the current account (run as that user).
 */
function switchProfile(value: string, scenario: Scenario, state: ConsoleState): CommandResult {
  if (state.sessions.length > 0) {
    return failure(state, {
      code: 'ShellError',
      message: 'Leave the role session with `exit` before switching profiles.',
    });
  }
  const variables = { ...state.variables, AWS_PROFILE: value };
  if (/^\d{12}$/.test(value)) {
    const next: ConsoleState = { ...state, account: value, variables };
    delete next.user;
    delete next.tokenSession;
    delete next.federated;
    return { output: `Now the root user of ${value}.`, state: next };
  }
  const users = scenario.accounts?.[state.account]?.users ?? {};
  if (!Object.hasOwn(users, value)) {
    return failure(state, {
      code: 'ShellError',
      message: `The config profile (${value}) could not be found: a profile is an account id or a user of ${state.account}.`,
    });
  }
  const next: ConsoleState = { ...state, user: value, variables };
  delete next.tokenSession;
  delete next.federated;
  return { output: `Now ${callerOf(next, scenario).arn}.`, state: next };
}

async function runAws(
  words: string[],
  scenario: Scenario,
  state: ConsoleState,
  deps: ConsoleDeps,
): Promise<CommandResult> {
  // `--profile X` runs this one command as X (an account's root user or a user), as
  // `export AWS_PROFILE=X` would, and leaves the console's caller as it was.
  const at = words.findIndex((w) => w === '--profile' || w.startsWith('--profile='));
  if (at >= 0) {
    const word = words[at]!;
    const profile = word.includes('=') ? word.slice(word.indexOf('=') + 1) : words[at + 1];
    if (profile === undefined)
      return failure(state, usageError('argument --profile: expected one argument'));
    const switched = switchProfile(profile, scenario, state);
    if (switched.error) return switched;
    const rest = words.filter((_, i) => i !== at && (word.includes('=') || i !== at + 1));
    const inner = await runAws(rest, scenario, switched.state, deps);
    const restored: ConsoleState = {
      ...inner.state,
      account: state.account,
      variables: state.variables,
    };
    // The caller's own credentials come back too (the one command ran with the profile's).
    for (const key of ['user', 'tokenSession', 'federated'] as const) {
      if (state[key] === undefined) delete restored[key];
      else (restored as Record<typeof key, unknown>)[key] = state[key];
    }
    return { ...inner, state: restored };
  }
  const extracted = extractGlobals(words);
  if ('error' in extracted) return failure(state, extracted.error);
  const { globals, rest } = extracted;
  const [service, name, ...params] = rest;
  if (service === undefined || service === 'help') return { output: awsHelp(), state };
  if (!(service in SERVICES)) {
    return failure(
      state,
      usageError(
        `argument command: Invalid choice, valid choices are:\n\n${Object.keys(SERVICES).join(' | ')}`,
      ),
    );
  }
  if (name === undefined || name === 'help') return { output: serviceHelp(service), state };
  const spec = findCommand(service, name);
  if (!spec) {
    const names = commandsOf(service).map((c) => c.name);
    return failure(
      state,
      usageError(`argument operation: Invalid choice, valid choices are:\n\n${names.join(' | ')}`),
    );
  }
  if (params.includes('help')) return { output: commandHelp(spec), state };

  // On an instance the CLI finds credentials only in the instance metadata (the profile's role).
  if (state.sessions.length === 0 && !(await instanceHasCredentials(state, scenario, deps)))
    return failure(state, { code: 'ShellError', message: NO_CREDENTIALS });
  const caller = callerOf(state, scenario);
  // A file written in this console first, then a file of the last import, then a document of
  // the world by that name.
  const imported = await importedFiles(params, state, deps);
  const parsed = parseArgs(
    params,
    spec,
    (file) =>
      state.files?.[file] ??
      imported.get(file) ??
      resolveDocumentFile(scenario, caller.account, file),
  );
  if ('error' in parsed) return failure(state, parsed.error, spec.operation);
  const ctx: CommandContext = {
    scenario,
    state,
    deps,
    args: parsed.args,
    account: caller.account,
    caller,
  };

  let outcome: Outcome;
  try {
    const denied = await checkPermission(spec, ctx);
    if (denied) return failure(state, denied, spec.operation);
    outcome = await spec.run(ctx);
  } catch (e) {
    // A world typed by hand may not have the shapes the format promises (mid-edit): report
    // it as the command's failure rather than breaking the console.
    const why = e instanceof Error ? e.message : String(e);
    return failure(
      state,
      {
        code: 'InvalidScenario',
        message: `The world could not be read (${why}); fix the scenario in the editors.`,
      },
      spec.operation,
    );
  }
  if (!outcome.ok) return failure(state, outcome.error, spec.operation);
  const nextState = outcome.state ?? state;
  // A command that leaves the world as it was (e.g. the same trust policy again) is no undo step.
  const changed =
    outcome.scenario !== undefined && JSON.stringify(outcome.scenario) !== JSON.stringify(scenario);
  const base = { state: nextState, ...(changed ? { scenario: outcome.scenario } : {}) };
  if (outcome.value === undefined) return { output: '', ...base };
  return { output: render(outcome.value, globals.query, globals.output, spec), ...base };
}

function render(
  value: Json,
  query: string | undefined,
  output: OutputFormat,
  spec: CommandSpec,
): string {
  let shown = value;
  if (query !== undefined) {
    const queried = applyQuery(value, query);
    if ('error' in queried) return queried.error.message;
    shown = queried.value;
  }
  return formatOutput(shown, output, spec.operation);
}

/** The engine's kind of principal for each kind of console caller. */
const PRINCIPAL_TYPE = {
  root: 'root',
  user: 'user',
  session: 'role-session',
  federated: 'federated-user',
} as const;

/**
 * The engine's rule on which callers may call which operations at all, whatever the policies
 * say (src/engine/sts-callers.ts, `callerRefusal`: "Compare AWS STS credentials", GetSessionToken's
 * credentials), asked for the command's operation and worded as AWS answers the CLI.
 */
function callerRefused(spec: CommandSpec, ctx: CommandContext): ConsoleError | undefined {
  const signIn = ctx.caller.signIn;
  const principal: Principal = {
    type: PRINCIPAL_TYPE[ctx.caller.kind],
    arn: ctx.caller.arn,
    ...(signIn?.method === 'sessionToken' ? { sessionToken: { mfa: signIn.mfa === true } } : {}),
  };
  const reason = callerRefusal(principal, `${spec.service}:${spec.operation}`);
  if (!reason) return undefined;
  const action = spec.action ?? `${spec.service}:${spec.operation}`;
  if (reason.code === 'caller-session-token' && reason.limit === 'iam')
    return {
      code: 'AccessDenied',
      message: `User: ${ctx.caller.arn} is not authorized to perform: ${action}: temporary credentials from GetSessionToken without MFA cannot call IAM. Run get-session-token with --serial-number and --token-code, or \`exit\` to use the access key again.`,
    };
  if (ctx.caller.kind === 'federated')
    return {
      code: 'AccessDenied',
      message: `User: ${ctx.caller.arn} is not authorized to perform: ${action}: credentials from GetFederationToken cannot call ${spec.service === 'iam' ? 'IAM' : `${spec.operation} (AWS STS answers them only GetCallerIdentity)`}. \`exit\` to leave the federated user.`,
    };
  // AWS's own sentence for the root user: it cannot assume roles.
  if (ctx.caller.kind === 'root' && spec.operation === 'AssumeRole')
    return { code: 'AccessDenied', message: 'Roles may not be assumed by root accounts.' };
  // A role session's (AssumeRole's "Cannot call GetFederationToken or GetSessionToken"), and
  // GetSessionToken's credentials calling STS.
  return {
    code: 'AccessDenied',
    message: `Cannot call ${spec.operation} with session credentials`,
  };
}

/**
 * Asks the engine whether the caller may run the command: its action on each of its resources.
 * Without a `decide` in deps nothing is checked. The root user is checked too, so that an SCP
 * that restricts a member account's root user shows here as it would in AWS.
 */
async function checkPermission(
  spec: CommandSpec,
  ctx: CommandContext,
): Promise<ConsoleError | undefined> {
  const decide = ctx.deps.decide;
  const refused = callerRefused(spec, ctx);
  if (refused) return refused;
  if (!decide || !spec.action) return undefined;
  const resources = spec.resources ? spec.resources(ctx) : ['*'];
  for (const resource of resources) {
    const outcome = await decide(ctx.scenario, {
      ...callerRequest(ctx.caller, ctx.scenario),
      action: spec.action,
      resource,
    });
    if (outcome.decision !== 'allowed') {
      // AWS's sentence first, then the engine's reason.
      const why =
        outcome.decision === 'explicitDeny'
          ? 'with an explicit deny in a policy'
          : `because no policy allows the ${spec.action} action`;
      return {
        code: spec.service === 'organizations' ? 'AccessDeniedException' : 'AccessDenied',
        message:
          `User: ${ctx.caller.arn} is not authorized to perform: ${spec.action} on resource: ${resource} ${why}. ${outcome.reason}`.trim(),
      };
    }
  }
  return undefined;
}

/** One line's result within a script run. */
export interface ScriptStep {
  line: string;
  result: CommandResult;
}

/** What running a script did: every line's result, the final world and state, and where it stopped. */
export interface ScriptResult {
  steps: ScriptStep[];
  scenario: Scenario;
  state: ConsoleState;
  /** The first failing step, when one failed (`set -e`: the script stops there). */
  failed?: ScriptStep;
}

/** Joins backslash-continued lines and splits a script into command lines. */
export function scriptLines(text: string): string[] {
  return text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#') && l !== 'set -e' && !l.startsWith('#!'));
}

/** Runs a script line by line (as `set -e` would: it stops at the first error). */
export async function runScript(
  text: string,
  scenario: Scenario,
  state: ConsoleState,
  deps: ConsoleDeps,
): Promise<ScriptResult> {
  const steps: ScriptStep[] = [];
  let world = scenario;
  let current = state;
  for (const line of scriptLines(text)) {
    const result = await runCommand(line, world, current, deps);
    const step = { line, result };
    steps.push(step);
    if (result.scenario) world = result.scenario;
    current = result.state;
    if (result.error) return { steps, scenario: world, state: current, failed: step };
  }
  return { steps, scenario: world, state: current };
}

export { COMMANDS };
