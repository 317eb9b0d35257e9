/**
 * A decision's record (the steps with their reasons, evaluate.ts) turned into the trace the
 * user reads: titles, explanations, summary, advice and notes.
 */
import { policyTrace, type PolicyOutcome } from '../evaluate-policy.ts';
import type { NoteReason, StepReason } from '../reasons.ts';
import type {
  Decision,
  JsonPath,
  PolicyTrace,
  StepId,
  StepOutcome,
  Trace,
  TraceStep,
} from '../types.ts';
import { TITLES } from './titles.ts';
import {
  advice,
  capital,
  errorWords,
  explanation,
  noteText,
  type ExplainContext,
} from './words.ts';
import { describeCaller } from '../describe.ts';

/** One step as the engine decided it. */
export interface StepFact {
  id: StepId;
  outcome: StepOutcome;
  reason: StepReason;
  /** The policies this step looked at (their traces are shown under it). */
  policies: readonly (PolicyOutcome | undefined)[];
}

/** Everything the engine decided about one request, before any words. */
export interface DecisionRecord {
  decision: Decision;
  step: StepId;
  /** The statement that decided, when one did. */
  statement?: { policyId: JsonPath; path: JsonPath };
  steps: StepFact[];
  notes: NoteReason[];
  /** The reasons whose advice says what would have to change (when not allowed). */
  advice: StepReason[];
}

function traceStep(f: StepFact, c: ExplainContext): TraceStep {
  const policies: PolicyTrace[] = [];
  for (const o of f.policies) if (o) policies.push(policyTrace(o));
  const r = f.reason;
  return {
    id: f.id,
    title: 'layer' in r ? capital(r.layer.name) : TITLES[f.id],
    outcome: f.outcome,
    explanation: capital(explanation(r, c)),
    policies,
    reason: r,
  };
}

/** Where an S3 ACL decided, it stands for the resource-based policy in every later sentence. */
function withAcl(c: ExplainContext, steps: readonly StepFact[]): ExplainContext {
  const acl = steps.find((f) => f.reason.code === 's3-acl')?.reason;
  if (acl?.code !== 's3-acl') return c;
  return {
    ...c,
    ...(acl.aclName !== undefined ? { aclName: acl.aclName } : {}),
    ...(acl.resourceAccount !== undefined ? { resourceAccount: acl.resourceAccount } : {}),
  };
}

function summaryHead(decision: Decision, step: StepId): string {
  if (decision === 'allowed') return 'Allowed.';
  if (decision === 'explicitDeny') return 'Denied explicitly.';
  return step === 'caller'
    ? 'Denied implicitly (AWS refuses this kind of caller for this operation).'
    : 'Denied implicitly (no Deny applies, but not everything that must allow it does).';
}

/** The trace of a decision. */
export function explainDecision(d: DecisionRecord, given: ExplainContext): Trace {
  const c = withAcl(given, d.steps);
  const steps = d.steps.map((f) => traceStep(f, c));
  const last = steps[steps.length - 1];
  const trace: Trace = {
    steps,
    decidingStep: d.step,
    summary:
      `${summaryHead(d.decision, d.step)} ${capital(describeCaller(c.caller))} asked for ${c.action} on ${c.resource}. ${last ? last.explanation : ''}`.trim(),
    toAllow: d.decision === 'allowed' ? [] : d.advice.flatMap((r) => advice(r, c)),
    notes: d.notes.map((n) => noteText(n, c)),
  };
  if (d.statement) trace.decidingStatement = d.statement;
  return trace;
}

/** The trace of a request that could not be evaluated (malformed input). */
export function explainError(message: string): Trace {
  const reason: StepReason = { code: 'error', message };
  const why = errorWords(message);
  return {
    steps: [
      { id: 'final', title: TITLES.final, outcome: 'deny', explanation: why, policies: [], reason },
    ],
    decidingStep: 'final',
    summary: why,
    toAllow: [],
    notes: [why],
  };
}
