/**
 * `npm run --silent eval -- FILE.json [--json] [--now ISO-TIME]` (FILE may be `-` for standard input).
 *
 * Decides every request of a scenario file and prints a readable report, or with `--json`
 * `{"results": [{"id", "decision", "expect", "pass", "trace"}], "findings": [...]}` in request order,
 * where findings are the policy checks of src/findings ({code, severity, message, path, line, column}).
 * Exit status: 0 when every `expect` holds, 1 when one does not, 2 when the file is not a valid
 * scenario (each problem named by JSON path, line and column) or cannot be read.
 */
import { readFileSync } from 'node:fs';
import { loadManagedPolicyCatalog, type ManagedPolicyCatalog } from '../data/managed-policies.ts';
import {
  evaluateScenario,
  formatPath,
  formatProblem,
  loadScenario,
  referencedManagedPolicies,
  type RequestResult,
  type Scenario,
} from '../model/index.ts';
import type { Trace } from '../engine/types.ts';
import { loadReferenceFor } from '../data/service-reference.ts';
import { checkScenario, findingRecords, type FindingRecord } from '../findings/index.ts';

const USAGE = `Usage: npm run --silent eval -- FILE.json [--json] [--now 2026-01-01T00:00:00Z]
  FILE.json   a scenario file (format iam-playground/scenario, version 1), or - for standard input
  --json      print {"results": [...], "findings": [...]} instead of the readable report
  --now TIME  the clock for aws:CurrentTime and friends (ISO 8601; default: now)
Exit status: 0 every expect holds, 1 one does not, 2 the file is not a valid scenario.`;

interface Args {
  file?: string;
  json: boolean;
  now?: Date;
  help: boolean;
  error?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') args.json = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--now') {
      const value = argv[++i];
      const date = value === undefined ? undefined : new Date(value);
      if (!date || Number.isNaN(date.getTime()))
        args.error = `--now needs an ISO 8601 time, e.g. 2026-01-01T00:00:00Z.`;
      else args.now = date;
    } else if (arg.startsWith('-') && arg !== '-') args.error = `Unknown option ${arg}.`;
    else if (args.file === undefined) args.file = arg;
    else args.error = `Only one file at a time (got ${args.file} and ${arg}).`;
  }
  if (!args.help && !args.error && args.file === undefined) args.error = 'No scenario file given.';
  return args;
}

function readInput(file: string): string {
  return readFileSync(file === '-' ? 0 : file, 'utf8');
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
  findings: FindingRecord[],
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
  if (findings.length > 0) {
    out.push('');
    out.push(`Findings (${findings.length}):`);
    for (const f of findings) out.push(`  ${findingLine(f)}`);
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

/** Runs the command; returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.error || args.file === undefined) {
    process.stderr.write(`${args.error}\n${USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = readInput(args.file);
  } catch (error) {
    const reason =
      error instanceof Error && 'code' in error && error.code === 'ENOENT'
        ? 'no such file'
        : String(error);
    process.stderr.write(`Cannot read ${args.file}: ${reason}\n`);
    return 2;
  }
  const source = args.file === '-' ? 'standard input' : args.file;
  const loaded = loadScenario(text);
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (!loaded.scenario || errors.length > 0) {
    if (args.json) {
      process.stdout.write(`${JSON.stringify({ problems: loaded.problems }, null, 2)}\n`);
    } else {
      process.stderr.write(`${source} is not a valid scenario:\n`);
      for (const problem of loaded.problems) process.stderr.write(`  ${formatProblem(problem)}\n`);
    }
    return 2;
  }
  if (!args.json) {
    // Warnings go to standard error beside the report; notes of severity info stay quiet.
    for (const problem of loaded.problems.filter((p) => p.severity === 'warning')) {
      process.stderr.write(`${formatProblem(problem)}\n`);
    }
  }
  const scenario = loaded.scenario;
  let catalog: ManagedPolicyCatalog = new Map();
  if (referencedManagedPolicies(scenario).length > 0) catalog = await loadManagedPolicyCatalog();
  const results = evaluateScenario(scenario, { catalog, now: args.now });

  // A request refused at authentication is an outcome (the report shows it), not a broken file.
  const unresolved = results.filter((r) =>
    (r.problems ?? []).some((p) => p.code !== 'authentication-failed'),
  );
  if (unresolved.length > 0) {
    for (const result of unresolved) {
      for (const problem of result.problems ?? []) {
        process.stderr.write(`error: ${formatPath(problem.path)}: ${problem.message}\n`);
      }
    }
    return 2;
  }
  const findings = findingRecords(
    checkScenario(scenario, await loadReferenceFor(scenario), loaded.locate, { now: args.now }),
  );
  if (args.json) {
    const json = results.map(({ id, decision, expect, pass, trace, chain }) =>
      chain ? { id, decision, expect, pass, trace, chain } : { id, decision, expect, pass, trace },
    );
    process.stdout.write(`${JSON.stringify({ results: json, findings }, null, 2)}\n`);
  } else {
    process.stdout.write(`${report(scenario, results, findings, source)}\n`);
  }
  return results.every((r) => r.pass) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `Internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
