/**
 * Escalation findings: each user, role or identity provider that can become admin through a
 * chain of requests the engine allows (src/analysis/escalation.ts computes the paths; the
 * findings layer does not run the analysis, so the caller hands the paths in as plain data).
 * Severity `error`, the highest the findings have: a path to admin is the gravest thing a
 * policy review finds. Located at the principal the path starts from.
 */
import type { JsonPath } from '../engine/index.ts';
import { FINDING_CODES } from './codes.ts';
import type { Finding } from './types.ts';

/** One path as the analysis gives it: where it starts, in words, and whether conditions decide it. */
export interface EscalationPathInfo {
  from: string;
  /** The path hop by hop, e.g. `user/alice -(iam:PassRole to lambda.amazonaws.com)-> role/Admin -> admin`. */
  text: string;
  hops: number;
  conditional: boolean;
}

/** Where a principal stands in the scenario (the account for an identity provider). */
function pathOf(arn: string): JsonPath {
  const m =
    /^arn:aws:iam::(\d{12}):(user|role|oidc-provider|saml-provider)\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (!m) return [];
  const [, account, kind, name] = m;
  if (kind === 'user' || kind === 'role') return ['accounts', account!, `${kind}s`, name!];
  return ['accounts', account!];
}

/** The findings for the paths to admin, shortest first. */
export function escalationFindings(paths: readonly EscalationPathInfo[]): Finding[] {
  const info = FINDING_CODES['escalation-path'];
  return paths.map((p) => ({
    code: 'escalation-path',
    severity: info.severity,
    message: `Privilege escalation: ${p.from} can become admin (* on *) in ${p.hops} step${p.hops === 1 ? '' : 's'}${p.conditional ? ', if the caller meets the conditions on the way' : ''}: ${p.text}. Remove one step's permission to close it.`,
    path: pathOf(p.from),
    docs: info.docs,
  }));
}
