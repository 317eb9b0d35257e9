/**
 * Findings: advice about policies and scenarios, checked against AWS's service
 * reference and for grants broader than they look. Pure TypeScript; the UI shows findings
 * as editor underlines and in a panel, and `eval --json` lists them.
 */
export { checkPolicy, locateFindings } from './check-policy.ts';
export { checkScenario } from './check-scenario.ts';
export { escalationFindings, type EscalationPathInfo } from './escalation-checks.ts';
export {
  needsManagedPolicies,
  mayDuplicateManagedPolicy,
  RECOMMENDED_PASSWORD_POLICY,
} from './credential-checks.ts';
export { arnCouldMatch } from '../data/arn-match.ts';
export { DOCS } from './docs.ts';
export { FINDING_CODES, type FindingCode, type FindingCodeInfo } from './codes.ts';
export type { DocLink, Finding, FindingFix, PolicyContext } from './types.ts';
export { findingRecords, type FindingRecord } from './records.ts';
