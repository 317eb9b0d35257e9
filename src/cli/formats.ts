/**
 * What the command line prints besides its readable report: the lean JSON result of a request
 * (its decision and the statement that decided it, without the trace) and JUnit XML, the test
 * report format CI systems read (one test case per request that has an `expect`).
 */
import type { JsonPath } from '../engine/index.ts';
import type { RequestResult, Scenario } from '../model/index.ts';

/** A request's result without its trace: what `--json` prints unless `--trace` is given. */
export interface LeanResult {
  id: string | number;
  decision: RequestResult['decision'];
  expect: RequestResult['expect'];
  pass: boolean;
  /** The evaluation step that decided (as in the trace). */
  decidingStep: string;
  /** The statement that decided, when one did: the policy's id and the statement's path in it. */
  decidingStatement?: { policyId: JsonPath; path: JsonPath };
  /** The hops of a multi-step request, each with its decision. */
  chain?: { title: string; decision: RequestResult['decision'] }[];
  problems?: RequestResult['problems'];
}

export function leanResult(result: RequestResult): LeanResult {
  const { id, decision, expect, pass, trace, chain, problems } = result;
  return {
    id,
    decision,
    expect,
    pass,
    decidingStep: trace.decidingStep,
    ...(trace.decidingStatement ? { decidingStatement: trace.decidingStatement } : {}),
    ...(chain ? { chain: chain.map(({ title, decision: d }) => ({ title, decision: d })) } : {}),
    ...(problems ? { problems } : {}),
  };
}

/** A JSON path as one line: `accounts["111122223333"].policies.S3Read`, `Statement[2]`. */
function pathText(path: JsonPath): string {
  return path
    .map((step, i) =>
      typeof step === 'number'
        ? `[${step}]`
        : /^[A-Za-z_][A-Za-z0-9_]*$/.test(step)
          ? `${i === 0 ? '' : '.'}${step}`
          : `[${JSON.stringify(step)}]`,
    )
    .join('');
}

/** The deciding statement in words, for a failure message. */
export function decidingStatementText(result: LeanResult): string {
  const s = result.decidingStatement;
  return s
    ? `decided by ${pathText(s.policyId)} ${pathText(s.path)}`
    : `decided at step ${result.decidingStep} (no statement decided it)`;
}

/** Text safe inside XML: the five special characters escaped, characters XML 1.0 forbids dropped. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** JUnit XML: one testsuite for the scenario, one testcase per request with an `expect`. */
export function junitXml(
  scenario: Scenario,
  results: readonly LeanResult[],
  source: string,
): string {
  const requests = scenario.requests ?? [];
  const cases = results
    .map((result, index) => ({ result, request: requests[index]! }))
    .filter(({ result }) => result.expect !== null);
  const failures = cases.filter(({ result }) => !result.pass).length;
  const suite = xml(scenario.title ?? source);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="iam-playground" tests="${cases.length}" failures="${failures}" errors="0">`,
    `  <testsuite name="${suite}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">`,
  ];
  for (const { result, request } of cases) {
    const name = typeof result.id === 'number' ? `request ${result.id}` : result.id;
    const what = `${String(request.principal)} -> ${String(request.action)} on ${String(request.resource)}`;
    const open = `    <testcase classname="${suite}" name="${xml(`${name}: ${what}`)}"`;
    if (result.pass) {
      lines.push(`${open}/>`);
      continue;
    }
    const message = `expected ${result.expect}, got ${result.decision}`;
    lines.push(
      `${open}>`,
      `      <failure message="${xml(message)}" type="${xml(result.decision)}">${xml(
        `${message}; ${decidingStatementText(result)}`,
      )}</failure>`,
      '    </testcase>',
    );
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
