/**
 * Findings: advice about a policy or a whole scenario, beyond what validation rejects.
 * Each has a stable code, a severity, a sentence a learner understands, where it stands,
 * the AWS page it rests on, and, where one is clear, a quick fix the editor can apply.
 */
import type { JsonPath, Severity, SourceRange } from '../engine/index.ts';
import type { FindingCode } from './codes.ts';

/** An AWS documentation page a finding rests on. */
export interface DocLink {
  title: string;
  url: string;
}

/** A quick fix: replace the JSON value at `path` (same base as the finding's path) with `replacement`. */
export interface FindingFix {
  /** What the fix does, as a button label, e.g. `Use arn:aws:s3:::reports/*`. */
  description: string;
  path: JsonPath;
  replacement: unknown;
}

export interface Finding {
  /** Stable, kebab-case code, e.g. `resource-matches-no-action`; every code is listed in codes.ts. */
  code: FindingCode;
  severity: Severity;
  /** A sentence or two a learner understands. */
  message: string;
  /** JSON path of the element the finding is about: into the document for `checkPolicy`, into the scenario for `checkScenario`. */
  path: JsonPath;
  /** Position in the source text, when a locator was given and knows the path. */
  range?: SourceRange;
  docs: DocLink;
  fix?: FindingFix;
}

/** What a policy check may know about where the document stands. */
export interface PolicyContext {
  /** The account that owns the policy (a role's account for a trust policy, a resource's owner). */
  account?: string;
  /** The resource the policy is attached to (a bucket ARN for a bucket policy), when known. */
  resource?: string;
  /**
   * How the world's exposure findings (exposure-checks.ts) already report a statement of this
   * document (path relative to the document): a statement reported there as public or external
   * access gets no second, per-statement finding saying the same.
   */
  sharedAs?: (statement: JsonPath) => ReadonlySet<ExposureCode>;
}

/** The codes of the world's exposure findings. */
export type ExposureCode = 'public-access' | 'external-access';
