/**
 * Security checks of one statement: grants broader than they look. These do not need the
 * service reference; they read the statement's shape, the kind of policy it sits in, and,
 * when known, the account that owns the policy.
 */
import type { PolicyKind } from '../engine/index.ts';
import { matchesWildcard } from '../data/service-reference.ts';
import { DOCS } from './docs.ts';
import {
  hasCondition,
  isObject,
  principalIsEveryone,
  wholeAccountOf,
  type StatementView,
} from './statements.ts';
import type { Finding, PolicyContext } from './types.ts';

/** Policies that grant access to principals they name (resource-based, including trust and key policies). */
const RESOURCE_KINDS: readonly PolicyKind[] = ['resource', 'trust', 'kms'];

const values = (st: StatementView, element: 'action' | 'resource') => st[element]?.values ?? [];

/** True when every Resource of the statement is an S3 bucket or object ARN, or the context says so. */
function isBucketPolicy(st: StatementView, context: PolicyContext): boolean {
  const s3 = (arn: string) => /^arn:[^:]+:s3:::/.test(arn);
  if (context.resource !== undefined) return s3(context.resource);
  const resources = values(st, 'resource');
  return resources.length > 0 && resources.every((r) => s3(r.value));
}

function allowAll(st: StatementView): Finding[] {
  const star = values(st, 'action').find((a) => a.value === '*');
  if (!star || !values(st, 'resource').some((r) => r.value === '*')) return [];
  return [
    {
      code: 'allow-all-actions-all-resources',
      severity: 'warning',
      message:
        'This statement allows every action on every resource: full administrator access. ' +
        'Grant only the actions and resources the task needs.',
      path: st.path,
      docs: DOCS.leastPrivilege,
    },
  ];
}

function passRoleOnAnyRole(st: StatementView): Finding[] {
  const actions = values(st, 'action');
  if (actions.some((a) => a.value === '*')) return []; // reported as allow-all when Resource is *
  const passRole = actions.find((a) => matchesWildcard(a.value, 'iam:PassRole'));
  if (!passRole || !values(st, 'resource').some((r) => r.value === '*')) return [];
  return [
    {
      code: 'pass-role-any-role',
      severity: 'warning',
      message:
        `"${passRole.value}" on "Resource": "*" lets this principal pass any role in the account ` +
        'to a service, and so act with that role’s permissions. Name the roles it may pass.',
      path: passRole.path,
      docs: DOCS.passRole,
    },
  ];
}

function allowWithNot(st: StatementView): Finding[] {
  const findings: Finding[] = [];
  if (st.notAction) {
    findings.push({
      code: 'allow-with-not-action',
      severity: 'warning',
      message:
        'Allow with NotAction allows every action not listed, including actions of every other ' +
        'service and actions AWS adds later. List the actions to allow instead.',
      path: st.notAction.path,
      docs: DOCS.notAction,
    });
  }
  if (st.notResource) {
    findings.push({
      code: 'allow-with-not-resource',
      severity: 'warning',
      message:
        'Allow with NotResource allows the actions on every resource not listed, in every service ' +
        'and account. List the resources to allow instead.',
      path: st.notResource.path,
      docs: DOCS.notResource,
    });
  }
  return findings;
}

function principalFindings(st: StatementView, kind: PolicyKind, context: PolicyContext): Finding[] {
  const findings: Finding[] = [];
  const where =
    kind === 'trust' ? 'trust-policy' : kind === 'kms' ? 'key-policy' : 'resource-policy';
  if (st.notPrincipal !== undefined) {
    findings.push({
      code: 'allow-with-not-principal',
      severity: 'warning',
      message:
        'Allow with NotPrincipal allows everyone not listed, anonymous callers included. ' +
        'Name the principals to allow instead.',
      path: [...st.path, 'NotPrincipal'],
      docs: DOCS.notPrincipal,
    });
  }
  if (hasCondition(st) || st.principal === undefined) return findings;
  const principalPath = [...st.path, 'Principal'];
  // Reported once: where the world's exposure finding names this statement, it speaks for it.
  const shared = context.sharedAs?.(st.path);

  if (principalIsEveryone(st.principal)) {
    if (shared?.has('public-access')) return findings;
    if (kind === 'resource' && isBucketPolicy(st, context)) {
      findings.push({
        code: 'bucket-policy-public',
        severity: 'warning',
        message:
          'This bucket policy grants to everyone ("*"), anonymous callers included, with no ' +
          'condition: the bucket is public for these actions. S3 Block Public Access would reject it.',
        path: principalPath,
        docs: DOCS.s3PublicAccess,
      });
    } else {
      findings.push({
        code: `${where}-admits-anyone`,
        severity: 'warning',
        message:
          kind === 'trust'
            ? 'This trust policy lets anyone ("*") in any AWS account assume the role, with no condition.'
            : 'This policy grants to everyone ("*"), in any AWS account or none, with no condition.',
        path: principalPath,
        docs: DOCS.principal,
      });
    }
    return findings;
  }

  if (context.account === undefined || !isObject(st.principal)) return findings;
  if (shared?.has('external-access')) return findings;
  const aws = st.principal['AWS'];
  const entries: [string, (string | number)[]][] =
    typeof aws === 'string'
      ? [[aws, [...principalPath, 'AWS']]]
      : Array.isArray(aws)
        ? aws.flatMap((v, i): [string, (string | number)[]][] =>
            typeof v === 'string' ? [[v, [...principalPath, 'AWS', i]]] : [],
          )
        : [];
  for (const [value, path] of entries) {
    const account = wholeAccountOf(value);
    if (account === undefined || account === context.account) continue;
    findings.push({
      code: `${where}-admits-account`,
      severity: 'info',
      message:
        `This statement trusts the whole account ${account}, with no condition: any principal ` +
        `that account's administrators allow can use it. Name the roles or users, or add a ` +
        (kind === 'trust'
          ? 'condition such as sts:ExternalId or aws:PrincipalArn.'
          : 'condition such as aws:PrincipalArn.'),
      path,
      docs: kind === 'trust' ? DOCS.confusedDeputy : DOCS.principal,
    });
  }
  return findings;
}

/** The security checks that apply to a statement in a policy of the given kind. */
export function securityFindings(
  st: StatementView,
  kind: PolicyKind,
  context: PolicyContext,
): Finding[] {
  if (st.effect !== 'Allow') return [];
  const findings: Finding[] = [];
  // Boundaries, session policies, SCPs and RCPs only limit what others grant: an Allow * there is normal.
  if (kind === 'identity') findings.push(...allowAll(st), ...passRoleOnAnyRole(st));
  if (kind === 'identity' || RESOURCE_KINDS.includes(kind)) findings.push(...allowWithNot(st));
  if (RESOURCE_KINDS.includes(kind)) findings.push(...principalFindings(st, kind, context));
  return findings;
}
