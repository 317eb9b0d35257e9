/**
 * `iam-playground eval FILE.json [options]` (the package's bin, compiled to dist-cli/), or
 * `npm run --silent eval -- FILE.json [options]` (FILE may be `-` for standard input).
 * With `--what-can PRINCIPAL_ARN` or `--who-can RESOURCE_ARN [--action A]`, the access analysis
 * of the scenario instead (access.ts); exit 2 when the world has no such principal or resource.
 * With `--escalation [--target ARN]`, the escalation paths (escalation.ts); `diff OLD NEW` compares
 * two scenarios' access (diff.ts). `redact FILE` and `export --format cloudformation|terraform
 * FILE` print the scenario redacted, or the world as infrastructure code (redact-export.ts).
 *
 * Decides every request of a scenario file and prints a readable report, or with `--json`
 * `{"results": [{"id", "decision", "expect", "pass", "decidingStep", "decidingStatement"}],
 * "findings": [...]}` in request order (formats.ts; `--trace` adds each full `trace`), where
 * findings are the policy checks of src/findings ({code, severity, message, path, line, column}).
 * `--junit FILE` also writes JUnit XML. `--import` reads the files (a folder: its .json files)
 * as AWS CLI outputs (the IAM dump, the organization's, resource policies: src/model/aws-cli/)
 * into one world, with the requests of `--requests FILE` (a scenario, or a list of requests).
 * Exit status: 0 when every `expect` holds, 1 when one does not, 2 when the file is not a valid
 * scenario (each problem named by JSON path, line and column) or cannot be read, or when a
 * request takes longer than the time limit to decide (5 s; see time-limit.ts).
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import {
  formatPath,
  importAwsOutputs,
  type DumpFile,
  type LoadedScenario,
  loadScenario,
  MAX_IMPORT_BYTES,
  MAX_WORLD_TEXT_LENGTH,
  parseJsonText,
  type RequestResult,
  type Scenario,
  capByKind,
  omittedLine,
  shorten,
} from '../model/index.ts';
import { decodeText } from '../storage/index.ts';
import type { Trace } from '../engine/index.ts';
import { loadReferenceFor } from '../data/service-reference.ts';
import {
  checkScenario,
  escalationFindings,
  findingRecords,
  locateFindings,
  needsManagedPolicies,
  mayDuplicateManagedPolicy,
  type EscalationPathInfo,
  type FindingRecord,
} from '../findings/index.ts';
import { loadManagedPolicyCatalog, loadManagedPolicyDigests } from '../data/managed-policies.ts';
import { startDecider } from './time-limit.ts';
import { escalationChecked } from './escalation-scope.ts';
import { junitXml, leanResult, type LeanResult } from './formats.ts';
import { readBytes, readScenario, reportLoaded } from './read-scenario.ts';

const USAGE = `Usage: iam-playground eval FILE.json [options]   (or: npm run --silent eval -- FILE.json [options])
  FILE.json   a scenario file (format iam-playground/scenario, version 1), or - for standard input
  --json      print {"results": [...], "findings": [...]}: each request's decision and deciding statement
  --trace     with --json, each result's full trace too (large)
  --no-findings  decide the requests only: no policy checks, no escalation analysis (faster on
              big worlds; --json then has no "findings")
  --junit OUT write JUnit XML to OUT: one test case per request with an expect
  --import FILE...   the files are AWS CLI outputs (get-account-authorization-details, the
              organization's, resource policies) read into one world; a folder stands for
              every .json file in it
  --requests FILE    with --import: the requests to decide (a scenario file, or a JSON list)
  --now TIME  the clock for aws:CurrentTime and friends (ISO 8601; default: now)
  --what-can PRINCIPAL_ARN          every action the principal may perform, on which resources
  --who-can RESOURCE_ARN [--action A]  every principal that may act on the resource (one action, or all)
  --escalation [--target ARN]       who can become admin (or act as the target principal), path by path
              (without it, paths to admin are findings only in worlds of up to 100 users and roles)
Exit status: 0 every expect holds, 1 one does not, 2 the file is not a valid scenario
(or a request took longer than 5 seconds to decide, or --what-can/--who-can names something
the world does not have). With --what-can, --who-can or --escalation: 0, or 2.

       iam-playground eval diff OLD.json NEW.json [--json] [--fail-on-new-access]
  the access an edit adds and removes (iam-playground eval diff --help).
       iam-playground redact FILE.json
  the scenario with account ids and names replaced by placeholders (iam-playground redact --help).
       iam-playground export --format cloudformation|terraform FILE.json
  the world as a CloudFormation template or Terraform (iam-playground export --help).`;

interface Args {
  file?: string;
  /** With --import: every file named. */
  files: string[];
  json: boolean;
  trace: boolean;
  /** False with --no-findings: the policy checks and the escalation analysis are skipped. */
  findings: boolean;
  junit?: string;
  import: boolean;
  requests?: string;
  now?: Date;
  help: boolean;
  error?: string;
  whatCan?: string;
  whoCan?: string;
  action?: string;
  escalation: boolean;
  target?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    files: [],
    json: false,
    trace: false,
    findings: true,
    import: false,
    help: false,
    escalation: false,
  };
  // The bin's command word: `iam-playground eval FILE`.
  const words = argv[0] === 'eval' ? argv.slice(1) : argv;
  for (let i = 0; i < words.length; i++) {
    const arg = words[i]!;
    if (arg === '--json') args.json = true;
    else if (arg === '--trace') args.trace = true;
    else if (arg === '--no-findings') args.findings = false;
    else if (arg === '--import') args.import = true;
    else if (arg === '--escalation') args.escalation = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--now') {
      const value = words[++i];
      const date = value === undefined ? undefined : new Date(value);
      if (!date || Number.isNaN(date.getTime()))
        args.error = `--now needs an ISO 8601 time, e.g. 2026-01-01T00:00:00Z.`;
      else args.now = date;
    } else if (arg === '--junit' || arg === '--requests') {
      const value = words[++i];
      if (value === undefined || value.startsWith('--')) args.error = `${arg} needs a file name.`;
      else if (arg === '--junit') args.junit = value;
      else args.requests = value;
    } else if (
      arg === '--what-can' ||
      arg === '--who-can' ||
      arg === '--action' ||
      arg === '--target'
    ) {
      const value = words[++i];
      if (value === undefined || value.startsWith('--'))
        args.error = `${arg} needs ${arg === '--action' ? 'an action, e.g. s3:GetObject' : 'an ARN'}.`;
      else if (arg === '--what-can') args.whatCan = value;
      else if (arg === '--who-can') args.whoCan = value;
      else if (arg === '--target') args.target = value;
      else args.action = value;
    } else if (arg.startsWith('-') && arg !== '-') args.error = `Unknown option ${arg}.`;
    else args.files.push(arg);
  }
  args.file = args.files[0];
  if (!args.import && args.files.length > 1)
    args.error = `Only one file at a time (got ${args.files[0]} and ${args.files[1]}); --import reads several AWS CLI outputs.`;
  if (!args.help && !args.error && args.file === undefined) args.error = 'No scenario file given.';
  if (!args.error && args.trace && !args.json) args.error = '--trace goes with --json.';
  if (!args.error && args.requests !== undefined && !args.import)
    args.error = '--requests goes with --import.';
  if (!args.error && args.whatCan !== undefined && args.whoCan !== undefined)
    args.error = 'Give --what-can or --who-can, not both.';
  if (!args.error && args.action !== undefined && args.whoCan === undefined)
    args.error = '--action goes with --who-can.';
  if (!args.error && args.escalation && (args.whatCan ?? args.whoCan) !== undefined)
    args.error = 'Give --escalation alone, not with --what-can or --who-can.';
  if (!args.error && args.target !== undefined && !args.escalation)
    args.error = '--target goes with --escalation.';
  return args;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

function briefTrace(trace: Trace): string[] {
  const lines = trace.steps.map((step) => `- ${step.title}: ${step.outcome}. ${step.explanation}`);
  for (const note of trace.notes) lines.push(`note: ${note}`);
  lines.push(`=> ${trace.summary}`);
  return lines;
}

function findingLine(f: FindingRecord): string {
  const at = f.line === null ? formatPath(f.path) : `line ${f.line}, column ${f.column}`;
  return `${f.severity} ${f.code} at ${at}: ${f.message}`;
}

function report(
  scenario: Scenario,
  results: RequestResult[],
  findings: FindingRecord[] | null,
  source: string,
): string {
  const out: string[] = [];
  out.push(`Scenario: ${scenario.title ?? '(untitled)'} (${source})`);
  const requests = scenario.requests ?? [];
  results.forEach((result, index) => {
    const request = requests[index]!;
    const mark = result.expect === null ? '[----]' : result.pass ? '[PASS]' : '[FAIL]';
    const expected = result.expect === null ? 'no expectation' : `expected ${result.expect}`;
    out.push('');
    out.push(
      `${mark} ${typeof result.id === 'number' ? `request ${result.id}` : result.id}: ${result.decision} (${expected})`,
    );
    out.push(`       ${request.principal} -> ${request.action} on ${request.resource}`);
    for (const step of result.chain ?? []) {
      out.push(`       chain: ${step.title}: ${step.decision}`);
      out.push(indent(briefTrace(step.trace).join('\n'), '         '));
    }
    out.push(indent(briefTrace(result.trace).join('\n'), '       '));
  });
  if (findings && findings.length > 0) {
    out.push('');
    out.push(`Findings (${findings.length}):`);
    const { shown, omitted } = capByKind(findings, (f) => f.code);
    for (const f of shown) out.push(`  ${findingLine(f)}`);
    for (const o of omitted) out.push(`  ${omittedLine(o, 'findings')}`);
  }
  const withExpect = results.filter((r) => r.expect !== null);
  const failed = withExpect.filter((r) => !r.pass);
  out.push('');
  out.push(
    `${results.length} request${results.length === 1 ? '' : 's'}, ${withExpect.length} with an expectation: ` +
      (failed.length === 0
        ? 'all met.'
        : `${failed.length} not met (${failed.map((r) => (typeof r.id === 'number' ? `request ${r.id}` : r.id)).join(', ')}).`),
  );
  return out.join('\n');
}

/** Which request ran past the time limit, in words. */
function tooCostly(scenario: Scenario, index: number, limitMs: number): string {
  const request = scenario.requests?.[index];
  const name = typeof request?.id === 'string' ? `request ${request.id}` : `request ${index}`;
  const short = (text: unknown): string => {
    const s = String(text);
    return s.length > 100
      ? `${s.slice(0, 100)}… (${s.length.toLocaleString('en-US')} characters)`
      : s;
  };
  const what = request
    ? ` (${short(request.principal)} -> ${short(request.action)} on ${short(request.resource)})`
    : '';
  return (
    `requests[${index}]: deciding ${name}${what} took longer than ${limitMs / 1000} seconds, so it was stopped. ` +
    'Look for very long wildcard patterns or values, or keys with many values, in it and the policies that apply to it.'
  );
}

/** The files of an import as a message names them: the first three, and how many more. */
function filesNamed(files: readonly string[]): string {
  return files.length > 3
    ? `${files.slice(0, 3).join(', ')} and ${(files.length - 3).toLocaleString('en-US')} more files`
    : files.join(', ');
}

/** A file's JSON with positions for messages, or its problem as one line. */
function readJsonFile(file: string): DumpFile | string {
  const bytes = readBytes(file);
  if (typeof bytes === 'string') return bytes;
  const decoded = decodeText(bytes, file);
  if (!decoded.ok) return `${file}: ${decoded.message}`;
  // An account's get-account-authorization-details runs to tens of megabytes (the app's import
  // takes them too: MAX_IMPORT_BYTES).
  const parsed = parseJsonText(decoded.text, { maxLength: MAX_IMPORT_BYTES });
  if (!parsed.ok)
    return `${file}, line ${parsed.error.line}, column ${parsed.error.column}: Not valid JSON: ${parsed.error.message}.`;
  return {
    name: file,
    value: parsed.value,
    locate: (path) => {
      const range = parsed.locate(path);
      return range ? { line: range.line, column: range.column } : undefined;
    },
  };
}

/**
 * The files --import names: a folder stands for every `.json` file in it and its subfolders,
 * in order of their paths (as the app's "Import folder…" takes a folder's JSON files); a folder
 * with none is a problem.
 */
function importFileNames(names: readonly string[]): { files: string[]; problems: string[] } {
  const files: string[] = [];
  const problems: string[] = [];
  for (const name of names) {
    let folder = false;
    try {
      folder = name !== '-' && statSync(name).isDirectory();
    } catch {
      // Not there: reading it names the problem.
    }
    if (!folder) {
      files.push(name);
      continue;
    }
    const inside = readdirSync(name, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.json$/i.test(f))
      .map((f) => join(name, f))
      .filter((f) => statSync(f).isFile())
      .sort();
    if (inside.length === 0) problems.push(`${name}: the folder has no .json file to import.`);
    files.push(...inside);
  }
  return { files, problems };
}

/** --import: the AWS CLI outputs read into one scenario's text, with --requests' requests. */
function importedText(args: Args): string | { problems: string[] } {
  const files: DumpFile[] = [];
  const { files: names, problems } = importFileNames(args.files);
  for (const name of names) {
    const read = readJsonFile(name);
    if (typeof read === 'string') problems.push(read);
    else files.push(read);
  }
  let requests: unknown = [];
  if (args.requests !== undefined) {
    const read = readJsonFile(args.requests);
    if (typeof read === 'string') problems.push(read);
    else {
      const value = read.value;
      requests = Array.isArray(value)
        ? value
        : typeof value === 'object' && value !== null && 'requests' in value
          ? value.requests
          : undefined;
      if (!Array.isArray(requests))
        problems.push(
          `${args.requests}: expected a list of requests, or a scenario with "requests".`,
        );
    }
  }
  if (problems.length > 0) return { problems };
  const imported = importAwsOutputs(files);
  if (!imported.ok)
    return {
      problems: imported.problems.map(
        ({ file, path, line, column, message }) =>
          `${file}: ${path}${line !== undefined ? `, line ${line}, column ${column}` : ''}: ${message}`,
      ),
    };
  for (const note of imported.notes) process.stderr.write(`note: ${note}\n`);
  return JSON.stringify({ ...imported.scenario, requests }, null, 2);
}

/**
 * The policy checks, and the paths to admin (severity error) that the evaluation thread lists
 * (`paths`; the analysis runs there, not in src/findings).
 */
async function findingsOf(
  scenario: Scenario,
  loaded: LoadedScenario,
  now: Date | undefined,
  [reference, digests]: [
    Awaited<ReturnType<typeof loadReferenceFor>>,
    ReadonlySet<string> | undefined,
  ],
  paths: Promise<EscalationPathInfo[]> | undefined,
): Promise<FindingRecord[]> {
  // As in the app: a customer managed policy that repeats an AWS managed one needs every AWS
  // document; they load only when the digests say one may (most worlds start faster without).
  const managedPolicies =
    digests && mayDuplicateManagedPolicy(scenario, digests)
      ? await loadManagedPolicyCatalog()
      : undefined;
  const checks = checkScenario(scenario, reference, loaded.locate, {
    now,
    ...(managedPolicies ? { managedPolicies } : {}),
  });
  return findingRecords([
    ...checks,
    ...(paths ? locateFindings(escalationFindings(await paths), loaded.locate) : []),
  ]);
}

/**
 * Runs the command; returns the exit status. `thread`: the evaluation thread, when the entry
 * started it already (eval.ts). Unreferenced until it is given a job, it does not keep the
 * process from ending when the command stops early (a wrong argument).
 */
export async function main(argv: string[], thread?: Worker): Promise<number> {
  const words = argv[0] === 'eval' ? argv.slice(1) : argv;
  if (words[0] === 'diff') {
    const { runDiff } = await import('./diff.ts');
    return runDiff(words.slice(1));
  }
  if (words[0] === 'redact' || words[0] === 'export') {
    const { runRedact, runExport } = await import('./redact-export.ts');
    return words[0] === 'redact' ? runRedact(words.slice(1)) : runExport(words.slice(1));
  }
  const args = parseArgs(argv);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.error || args.file === undefined) {
    process.stderr.write(`${args.error}\n${USAGE}\n`);
    return 2;
  }
  const analysis = args.escalation || args.whatCan !== undefined || args.whoCan !== undefined;
  // The evaluation thread starts now unless the entry started it (eval.ts), so that its start-up
  // overlaps reading the file.
  if (analysis) void thread?.terminate(); // not needed after all (see thread.ts, needsThread)
  const decider = analysis ? undefined : startDecider(thread);
  let read;
  if (args.import) {
    const text = importedText(args);
    if (typeof text !== 'string') {
      process.stderr.write(text.problems.map((line) => `${line}\n`).join(''));
      decider?.stop();
      return 2;
    }
    read = reportLoaded(
      loadScenario(text, { limits: { maxLength: MAX_WORLD_TEXT_LENGTH } }),
      filesNamed(args.files),
      args.json,
    );
  } else read = readScenario(args.file, args.json);
  if (!read.ok) {
    decider?.stop();
    return 2;
  }
  const { scenario, loaded, source } = read;
  if (args.escalation) {
    const { runEscalation } = await import('./escalation.ts');
    return runEscalation(scenario, {
      json: args.json,
      ...(args.target !== undefined ? { target: args.target } : {}),
      ...(args.now ? { now: args.now } : {}),
    });
  }
  if (args.whatCan !== undefined || args.whoCan !== undefined) {
    const { runAccess } = await import('./access.ts');
    return runAccess(scenario, {
      json: args.json,
      ...(args.whatCan !== undefined ? { whatCan: args.whatCan } : {}),
      ...(args.whoCan !== undefined ? { whoCan: args.whoCan } : {}),
      ...(args.action !== undefined ? { action: args.action } : {}),
      ...(args.now ? { now: args.now } : {}),
    });
  }
  if (!decider) return 2; // not reached: the analyses above return
  // Traces are needed only for the readable report and --trace.
  const lean = args.json && !args.trace;
  // Paths to admin are findings too (severity error), and only on a world small enough for them
  // to be instant (--escalation lists them on any world): the thread lists them after deciding.
  const checked = args.findings ? escalationChecked(scenario) : undefined;
  if (checked && !checked.ok) process.stderr.write(`note: ${checked.note}\n`);
  const { decided: deciding, paths } = decider.decide(scenario, args.now, {
    lean,
    escalation: checked?.ok === true,
  });
  // While the thread decides, the policy checks run here (two cores, both at work). A request
  // stopped at the time limit still ends the command as soon as they are done (they take well
  // under a second even on a world of 1,000 statements).
  const finding = args.findings
    ? Promise.all([
        loadReferenceFor(scenario),
        needsManagedPolicies(scenario) ? loadManagedPolicyDigests() : undefined,
      ]).then((prepared) => findingsOf(scenario, loaded, args.now, prepared, paths))
    : undefined;
  finding?.catch(() => undefined); // awaited below; not reported twice when the decisions fail
  const decided = await deciding;
  if (!decided.ok) {
    process.stderr.write(`error: ${tooCostly(scenario, decided.index, decided.limitMs)}\n`);
    return 2;
  }
  const results = decided.results;

  // A request refused at authentication is an outcome (the report shows it), not a broken file.
  const unresolved = results.filter((r) =>
    (r.problems ?? []).some((p) => p.code !== 'authentication-failed'),
  );
  if (unresolved.length > 0) {
    const all = unresolved.flatMap((result) => result.problems ?? []);
    const { shown, omitted } = capByKind(all, (p) => p.code);
    for (const problem of shown)
      process.stderr.write(`error: ${formatPath(problem.path)}: ${shorten(problem.message)}\n`);
    for (const o of omitted) process.stderr.write(`error: ${omittedLine(o)}\n`);
    decider.stop();
    return 2;
  }
  const findings = finding ? await finding : null;
  if (args.junit !== undefined) {
    const leanResults = lean
      ? (results as LeanResult[])
      : (results as RequestResult[]).map(leanResult);
    writeFileSync(args.junit, junitXml(scenario, leanResults, source));
  }
  if (args.json) {
    const json = lean
      ? results
      : (results as RequestResult[]).map(({ id, decision, expect, pass, trace, chain }) =>
          chain
            ? { id, decision, expect, pass, trace, chain }
            : { id, decision, expect, pass, trace },
        );
    // Lean output is one line per result: small enough to read, and fast to write.
    process.stdout.write(
      lean
        ? `{"results": [\n${json.map((r) => JSON.stringify(r)).join(',\n')}\n]${findings ? `, "findings": ${JSON.stringify(findings)}` : ''}}\n`
        : `${JSON.stringify(findings ? { results: json, findings } : { results: json }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(`${report(scenario, results as RequestResult[], findings, source)}\n`);
  }
  return results.every((r) => r.pass) ? 0 : 1;
}
