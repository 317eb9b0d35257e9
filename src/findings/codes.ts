/**
 * Every finding code, with its severity, a one-line summary (for a findings panel's legend or
 * a CLI's help) and the AWS page it rests on. Codes are stable: tools may filter on them.
 */
import type { Severity } from '../engine/index.ts';
import { DOCS } from './docs.ts';
import type { DocLink } from './types.ts';

export interface FindingCodeInfo {
  severity: Severity;
  summary: string;
  /** The page the finding cites; some findings cite a more specific page (e.g. S3's) when it fits. */
  docs: DocLink;
}

export const FINDING_CODES = {
  'unknown-service': {
    severity: 'warning',
    summary: 'An action names a service prefix AWS does not define.',
    docs: DOCS.serviceReference,
  },
  'unknown-action': {
    severity: 'warning',
    summary: 'An action (in a policy or a request) that its service does not define.',
    docs: DOCS.serviceReference,
  },
  'action-pattern-matches-nothing': {
    severity: 'warning',
    summary: 'An action pattern with wildcards that matches no action.',
    docs: DOCS.serviceReference,
  },
  'resource-matches-no-action': {
    severity: 'warning',
    summary: "A resource ARN that no resource type of the statement's actions accepts.",
    docs: DOCS.serviceReference,
  },
  'action-matches-no-resource': {
    severity: 'warning',
    summary: "An action that none of the statement's resources fit, while other actions' do.",
    docs: DOCS.serviceReference,
  },
  'action-needs-star-resource': {
    severity: 'warning',
    summary: 'A resource ARN for an action that only accepts "Resource": "*".',
    docs: DOCS.serviceReference,
  },
  'unknown-condition-key': {
    severity: 'warning',
    summary: 'A condition key its service does not define.',
    docs: DOCS.serviceReference,
  },
  'unknown-global-condition-key': {
    severity: 'warning',
    summary: 'An aws: condition key that is not a global condition key.',
    docs: DOCS.globalConditionKeys,
  },
  'condition-key-not-applicable': {
    severity: 'warning',
    summary: "A condition key that applies to none of the statement's actions.",
    docs: DOCS.serviceReference,
  },
  'condition-operator-type-mismatch': {
    severity: 'warning',
    summary:
      'A condition operator of the wrong type for its key (Bool on a string, Date on a number).',
    docs: DOCS.conditionOperators,
  },
  'allow-all-actions-all-resources': {
    severity: 'warning',
    summary: 'An identity policy that allows every action on every resource.',
    docs: DOCS.leastPrivilege,
  },
  'pass-role-any-role': {
    severity: 'warning',
    summary: 'iam:PassRole allowed on "Resource": "*".',
    docs: DOCS.passRole,
  },
  'allow-with-not-action': {
    severity: 'warning',
    summary: 'Allow with NotAction.',
    docs: DOCS.notAction,
  },
  'allow-with-not-resource': {
    severity: 'warning',
    summary: 'Allow with NotResource.',
    docs: DOCS.notResource,
  },
  'allow-with-not-principal': {
    severity: 'warning',
    summary: 'Allow with NotPrincipal in a resource-based policy.',
    docs: DOCS.notPrincipal,
  },
  'trust-policy-admits-anyone': {
    severity: 'warning',
    summary: 'A trust policy that lets anyone assume the role, with no condition.',
    docs: DOCS.principal,
  },
  'trust-policy-admits-account': {
    severity: 'info',
    summary: 'A trust policy that trusts a whole other account, with no condition.',
    docs: DOCS.confusedDeputy,
  },
  'resource-policy-admits-anyone': {
    severity: 'warning',
    summary: 'A resource policy that grants to everyone, with no condition.',
    docs: DOCS.principal,
  },
  'resource-policy-admits-account': {
    severity: 'info',
    summary: 'A resource policy that grants to a whole other account, with no condition.',
    docs: DOCS.principal,
  },
  'key-policy-admits-anyone': {
    severity: 'warning',
    summary: 'A KMS key policy that grants to everyone, with no condition.',
    docs: DOCS.principal,
  },
  'key-policy-admits-account': {
    severity: 'info',
    summary: 'A KMS key policy that grants to a whole other account, with no condition.',
    docs: DOCS.principal,
  },
  'bucket-policy-public': {
    severity: 'warning',
    summary: 'A bucket policy that grants to everyone, with no condition.',
    docs: DOCS.s3PublicAccess,
  },
  'instance-profile-role-not-trusted-by-ec2': {
    severity: 'warning',
    summary: "An instance profile's role whose trust policy does not let EC2 assume it.",
    docs: DOCS.instanceProfiles,
  },
  'scp-denies-everything': {
    severity: 'warning',
    summary: 'An SCP list that replaced FullAWSAccess with policies that only deny.',
    docs: DOCS.scpEvaluation,
  },
  'policy-attached-to-users': {
    severity: 'info',
    summary: 'A managed policy attached directly to several users, where a group would serve.',
    docs: DOCS.userGroups,
  },
  'root-user-access-keys': {
    severity: 'error',
    summary: 'The root user has access keys.',
    docs: DOCS.rootUser,
  },
  'root-user-without-mfa': {
    severity: 'error',
    summary: 'The root user has no MFA.',
    docs: DOCS.rootUser,
  },
  'console-user-without-mfa': {
    severity: 'warning',
    summary: 'A user with a console password and no MFA device.',
    docs: DOCS.mfa,
  },
  'access-key-not-rotated': {
    severity: 'warning',
    summary: 'An active access key older than 90 days.',
    docs: DOCS.accessKeys,
  },
  'access-key-unused': {
    severity: 'warning',
    summary: 'An active access key not used in 90 days (or never).',
    docs: DOCS.accessKeys,
  },
  'two-active-access-keys': {
    severity: 'info',
    summary: 'A user with two active access keys (fine only during a rotation).',
    docs: DOCS.accessKeys,
  },
  'weak-password-policy': {
    severity: 'warning',
    summary:
      "A password policy weaker than the guides' recommendation (or none, with console users).",
    docs: DOCS.passwordPolicy,
  },
  'inline-policy-on-users': {
    severity: 'info',
    summary: 'The same inline policy on several users, where a group would serve.',
    docs: DOCS.userGroups,
  },
  'duplicates-managed-policy': {
    severity: 'info',
    summary: 'A customer managed policy that grants exactly what an AWS managed policy grants.',
    docs: DOCS.managedPolicies,
  },
  'public-access': {
    severity: 'warning',
    summary:
      'A resource or trust policy that shares its resource with everyone (Access Analyzer: public access).',
    docs: DOCS.accessAnalyzerFindings,
  },
  'external-access': {
    severity: 'info',
    summary:
      'A resource or trust policy that shares its resource outside its account: another account, an organization, an identity provider (Access Analyzer: external access).',
    docs: DOCS.accessAnalyzerFindings,
  },
  'escalation-path': {
    severity: 'error',
    summary:
      'A principal that can reach admin (or more than it was given) through a chain of requests the engine allows: assuming a role, passing a role to a service, taking credentials, changing its own permissions.',
    docs: DOCS.leastPrivilege,
  },
} satisfies Record<string, FindingCodeInfo>;

export type FindingCode = keyof typeof FINDING_CODES;
