/**
 * Exposure findings: each resource-based policy (bucket, queue, key, secret, ... policy) and
 * each role trust policy of the world that shares the resource outside its account, one
 * finding per statement and outside caller, in the terms of IAM Access Analyzer's external
 * access findings (pages "IAM Access Analyzer findings" and "ExternalAccessDetails"): the
 * resource and its owner, the principal outside the zone of trust (here: the resource's
 * account), whether the access is public, the actions, the condition, and what it is shared
 * through. Which statements count as public is the S3 Block Public Access test the engine
 * uses (src/model/external-access.ts).
 */
import type { JsonPath } from '../engine/index.ts';
import {
  externalGrants,
  resourcePolicies,
  type ExternalGrant,
  type ResourcePolicyRef,
} from '../model/index.ts';
import type { Scenario } from '../model/index.ts';
import { FINDING_CODES } from './codes.ts';
import type { ExposureCode, Finding, FindingFix } from './types.ts';
import { isRecord } from '../model/index.ts';

/** What the policy is, as Access Analyzer names the source of a finding. */
function sharedThrough(ref: ResourcePolicyRef): string {
  if (ref.kind === 'trust') return 'its trust policy';
  if (/^arn:aws[a-z-]*:s3:::/.test(ref.resource)) return 'its bucket policy';
  if (/^arn:aws[a-z-]*:kms:/.test(ref.resource)) return 'its key policy';
  return 'its resource-based policy';
}

function who(grant: ExternalGrant): string {
  switch (grant.kind) {
    case 'public':
      return 'everyone (public access: any AWS account and anonymous callers)';
    case 'account':
      return `account ${grant.value} (any principal that account's own policies allow)`;
    case 'organization':
      return `every account of organization ${grant.value} (aws:PrincipalOrgID)`;
    case 'federated':
      return `users of identity provider ${grant.value}`;
    case 'service':
      return `the AWS service ${grant.value}`;
    case 'principal':
      return grant.value === '*' ? 'callers named only by conditions' : grant.value;
  }
}

function actionsText(grant: ExternalGrant): string {
  const list = grant.actions.length > 0 ? grant.actions.join(', ') : '(none)';
  return grant.notAction ? `every action except ${list}` : list;
}

/**
 * A clear fix for a public statement, when the world has an organization: pin the statement to
 * it with aws:PrincipalOrgID (Access Analyzer then reports organization access, not public).
 */
function orgFix(
  scenario: Scenario,
  ref: ResourcePolicyRef,
  grant: ExternalGrant,
): FindingFix | undefined {
  const orgId = scenario.organization?.id;
  if (grant.kind !== 'public' || typeof orgId !== 'string') return undefined;
  const raw = isRecord(ref.document) ? ref.document['Statement'] : undefined;
  const statement = Array.isArray(raw) ? raw[grant.statement[1] as number] : raw;
  if (!isRecord(statement) || Object.hasOwn(statement, 'NotPrincipal')) return undefined;
  const condition = isRecord(statement['Condition']) ? statement['Condition'] : {};
  const equals = isRecord(condition['StringEquals']) ? condition['StringEquals'] : {};
  return {
    description: `Limit it to organization ${orgId} (aws:PrincipalOrgID)`,
    path: [...ref.path, ...grant.statement, 'Condition'],
    replacement: {
      ...condition,
      StringEquals: { ...equals, 'aws:PrincipalOrgID': orgId },
    },
  };
}

/** The exposure findings of a scenario, in document order. */
export function exposureFindings(scenario: Scenario): Finding[] {
  const out: Finding[] = [];
  for (const ref of resourcePolicies(scenario)) {
    for (const grant of externalGrants(ref.document, ref.account)) {
      if (grant.kind === 'service') continue; // AWS services act for the owner: not outside access
      const code = grant.kind === 'public' ? 'public-access' : 'external-access';
      const info = FINDING_CODES[code];
      const statement = grant.sid !== undefined ? `statement "${grant.sid}"` : 'a statement';
      const condition =
        grant.conditionKeys.length > 0
          ? ` Condition: ${grant.conditionKeys.join(', ')}.`
          : ' No condition limits it.';
      const path: JsonPath = [...ref.path, ...grant.statement];
      const fix = orgFix(scenario, ref, grant);
      out.push({
        code,
        severity: info.severity,
        message: `${grant.kind === 'public' ? 'Public access' : 'External access'}: ${ref.resource}${ref.account !== undefined ? ` (account ${ref.account})` : ''} is shared with ${who(grant)} through ${sharedThrough(ref)}, ${statement}. Actions: ${actionsText(grant)}.${condition}`,
        path,
        docs: info.docs,
        ...(fix ? { fix } : {}),
      });
    }
  }
  return out;
}

/**
 * Which statements the exposure findings report, and as what: the per-statement security checks
 * (security-checks.ts) of a document at `base` skip what an exposure finding already says, so a
 * world's public or cross-account statement is reported once, in Access Analyzer's words. A
 * policy checked on its own, or a case the exposure test does not report, keeps the older check.
 */
export function sharedStatements(
  exposure: Finding[],
): (base: JsonPath) => (statement: JsonPath) => ReadonlySet<ExposureCode> {
  const byStatement = new Map<string, Set<ExposureCode>>();
  for (const finding of exposure) {
    if (finding.code !== 'public-access' && finding.code !== 'external-access') continue;
    const key = JSON.stringify(finding.path);
    const codes = byStatement.get(key) ?? new Set<ExposureCode>();
    codes.add(finding.code);
    byStatement.set(key, codes);
  }
  const none: ReadonlySet<ExposureCode> = new Set();
  return (base) => (statement) => byStatement.get(JSON.stringify([...base, ...statement])) ?? none;
}
