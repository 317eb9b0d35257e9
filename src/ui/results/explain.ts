/**
 * Plain-language pieces of a trace, for the results panel and the flow picture.
 */
import { STEP_NAMES } from '../../engine/index.ts';
import type { Decision, StatementTrace, StepId, StepOutcome, Trace } from '../../engine/index.ts';

/**
 * AWS's evaluation steps in order, with the short label the flow picture shows (the engine's
 * one table of step names). Every StepId has a row (tests/unit/ui/explain.test.ts).
 */
export const FLOW_STEPS: readonly { id: StepId; label: string; optional?: boolean }[] = STEP_NAMES;

/** How a decision reads in a sentence. */
export function decisionWords(decision: Decision, decidingStep?: StepId): string {
  if (decision === 'allowed') return 'allowed';
  if (decidingStep === 's3-public-access') return 'refused by S3 Block Public Access';
  if (decision === 'explicitDeny') return 'denied by an explicit Deny';
  return 'denied because nothing allows it (implicit deny)';
}

/** A step outcome as a short word. */
export function outcomeWord(outcome: StepOutcome): string {
  switch (outcome) {
    case 'allow':
      return 'allows';
    case 'deny':
      return 'denies';
    case 'pass':
      return 'continues';
    case 'not-applicable':
      return 'does not apply';
  }
}

/** Why a statement applied, or the first reason it did not. */
export function statementReason(statement: StatementTrace): string {
  const elements = [
    statement.action,
    statement.resource,
    ...(statement.principal ? [statement.principal] : []),
  ];
  if (statement.matched) {
    const conditions =
      statement.conditions.length > 0
        ? `; ${statement.conditions.map((c) => c.detail).join('; ')}`
        : '';
    return `${elements.map((e) => e.detail).join('; ')}${conditions}`;
  }
  const failed = elements.find((e) => !e.matched);
  if (failed) return `${failed.element}: ${failed.detail}`;
  const condition = statement.conditions.find((c) => !c.matched);
  if (condition) return `Condition: ${condition.detail}`;
  return 'does not apply';
}

/** A statement's name: its Sid, or its position. */
export function statementName(statement: StatementTrace): string {
  return statement.sid ? `"${statement.sid}"` : `statement ${statement.index + 1}`;
}

/** The flow steps to draw for this trace: every step, and optional ones it went through. */
export function flowSteps(trace: Trace | null): { id: StepId; label: string }[] {
  const visited = new Set(trace?.steps.map((s) => s.id) ?? []);
  return FLOW_STEPS.filter((s) => !s.optional || visited.has(s.id));
}

/** The steps the request went through, by id, with their outcomes. */
export function visitedSteps(trace: Trace | null): Map<StepId, StepOutcome> {
  const out = new Map<StepId, StepOutcome>();
  for (const step of trace?.steps ?? []) out.set(step.id, step.outcome);
  return out;
}
