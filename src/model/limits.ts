/**
 * The budget of a scenario (README, "Budget"): requests and resource names beyond AWS's own limits
 * (`REQUEST_LIMITS` in src/engine/limits.ts) are errors with a JSON path, so validation shows
 * them at their line and column, and resolution refuses to decide such a request.
 */
import { REQUEST_LIMITS, type JsonPath, validateRequestLimits } from '../engine/index.ts';
import { getOwn, isRecord } from './own.ts';
import type { ScenarioProblem } from './scenario-types.ts';

/** A problem before it is located; `atKey` places it on the property name. */
export interface LimitProblem extends Omit<ScenarioProblem, 'line' | 'column' | 'range'> {
  atKey?: boolean;
}

/** The request's parts beyond the limits, with paths in the scenario (`path` is the request's). */
export function requestLimitProblems(request: unknown, path: JsonPath): LimitProblem[] {
  if (!isRecord(request)) return [];
  const parts = {
    action: getOwn(request, 'action'),
    resource: getOwn(request, 'resource'),
    context: getOwn(request, 'context'),
  };
  return validateRequestLimits(parts).map((p) => ({
    code: p.code,
    severity: p.severity,
    message: p.message,
    path: [...path, ...p.path],
    ...(p.code === 'context-key-too-long' ? { atKey: true } : {}),
  }));
}

/** Every limit problem of a scenario: its requests, and the ARNs that name its resources. */
export function scenarioLimitProblems(scenario: unknown): LimitProblem[] {
  if (!isRecord(scenario)) return [];
  const problems: LimitProblem[] = [];
  const requests = getOwn(scenario, 'requests');
  if (Array.isArray(requests))
    requests.forEach((r, i) => problems.push(...requestLimitProblems(r, ['requests', i])));
  const resources = getOwn(scenario, 'resources');
  if (isRecord(resources)) {
    for (const arn of Object.keys(resources)) {
      if (arn.length > REQUEST_LIMITS.arnLength)
        problems.push({
          code: 'resource-too-long',
          severity: 'error',
          message: `This resource's ARN has ${arn.length.toLocaleString('en-US')} characters; an ARN has at most ${REQUEST_LIMITS.arnLength.toLocaleString('en-US')} (AWS IAM API, SimulatePrincipalPolicy).`,
          path: ['resources', arn],
          atKey: true,
        });
    }
  }
  return problems;
}
