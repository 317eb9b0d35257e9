/** The AWS documentation pages findings rest on, one place so titles and addresses stay consistent. */
import type { DocLink } from './types.ts';

const IAM = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/';

export const DOCS = {
  serviceReference: {
    title:
      'Service Authorization Reference: actions, resources, and condition keys for AWS services',
    url: 'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
  },
  accessAnalyzerFindings: {
    title: 'IAM Access Analyzer findings',
    url: `${IAM}access-analyzer-findings.html`,
  },
  accessAnalyzerChecks: {
    title: 'IAM Access Analyzer policy check reference',
    url: `${IAM}access-analyzer-reference-policy-checks.html`,
  },
  conditionOperators: {
    title: 'IAM JSON policy elements: Condition operators',
    url: `${IAM}reference_policies_elements_condition_operators.html`,
  },
  globalConditionKeys: {
    title: 'AWS global condition context keys',
    url: `${IAM}reference_policies_condition-keys.html`,
  },
  resourceElement: {
    title: 'IAM JSON policy elements: Resource',
    url: `${IAM}reference_policies_elements_resource.html`,
  },
  s3Resources: {
    title: 'Actions, resources, and condition keys for Amazon S3',
    url: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html',
  },
  leastPrivilege: {
    title: 'Security best practices in IAM: apply least-privilege permissions',
    url: `${IAM}best-practices.html`,
  },
  passRole: {
    title: 'Grant a user permissions to pass a role to an AWS service',
    url: `${IAM}id_roles_use_passrole.html`,
  },
  notAction: {
    title: 'IAM JSON policy elements: NotAction',
    url: `${IAM}reference_policies_elements_notaction.html`,
  },
  notResource: {
    title: 'IAM JSON policy elements: NotResource',
    url: `${IAM}reference_policies_elements_notresource.html`,
  },
  notPrincipal: {
    title: 'IAM JSON policy elements: NotPrincipal',
    url: `${IAM}reference_policies_elements_notprincipal.html`,
  },
  principal: {
    title: 'IAM JSON policy elements: Principal',
    url: `${IAM}reference_policies_elements_principal.html`,
  },
  confusedDeputy: {
    title: 'Access to AWS accounts owned by third parties (external ID)',
    url: `${IAM}id_roles_create_for-user_externalid.html`,
  },
  s3PublicAccess: {
    title: 'Blocking public access to your Amazon S3 storage',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  },
  instanceProfiles: {
    title: 'Use instance profiles',
    url: `${IAM}instance-profiles.html`,
  },
  scpEvaluation: {
    title: 'AWS Organizations: SCP evaluation',
    url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html',
  },
  userGroups: {
    title: 'IAM user groups',
    url: `${IAM}id_groups.html`,
  },
  rootUser: {
    title: 'Root user best practices for your AWS account',
    url: `${IAM}root-user-best-practices.html`,
  },
  mfa: {
    title: 'AWS Multi-factor authentication in IAM',
    url: `${IAM}id_credentials_mfa.html`,
  },
  accessKeys: {
    title: 'Manage access keys for IAM users',
    url: `${IAM}id_credentials_access-keys.html`,
  },
  passwordPolicy: {
    title: 'Set an account password policy for IAM users',
    url: `${IAM}id_credentials_passwords_account-policy.html`,
  },
  managedPolicies: {
    title: 'AWS managed policies',
    url: `${IAM}access_policies_managed-vs-inline.html#aws-managed-policies`,
  },
} satisfies Record<string, DocLink>;
