/**
 * `checkScenario`: every finding about a whole scenario (format v1, see
 * docs/scenario-format.md): each policy document where it stands, plus the checks
 * that need the world around a policy (instance profiles, SCP lists, user attachments).
 *
 * The scenario arrives as `unknown` and is read leniently: whatever validation would reject
 * is skipped here, never thrown.
 */
import { isKeyArn, referenceToArn, type Scenario } from '../model/index.ts';
import { credentialFindings, type CredentialCheckOptions } from './credential-checks.ts';
import { exposureFindings, sharedStatements } from './exposure-checks.ts';
import type { JsonPath, Locator, PolicyKind } from '../engine/index.ts';
import { matchesWildcard, type ServiceReference } from '../data/service-reference.ts';
import { checkPolicy, locateFindings } from './check-policy.ts';
import { actionNameFinding } from './reference-checks.ts';
import { DOCS } from './docs.ts';
import { isObject, principalIsEveryone, principalValues, statementsOf } from './statements.ts';
import type { Finding, PolicyContext } from './types.ts';

const entries = (value: unknown): [string, unknown][] =>
  isObject(value) ? Object.entries(value) : [];

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

function rebase(finding: Finding, base: JsonPath): Finding {
  return {
    ...finding,
    path: [...base, ...finding.path],
    ...(finding.fix ? { fix: { ...finding.fix, path: [...base, ...finding.fix.path] } } : {}),
  };
}

// ---- instance profiles ----

const EC2_TRUST_STATEMENT = {
  Effect: 'Allow',
  Principal: { Service: 'ec2.amazonaws.com' },
  Action: 'sts:AssumeRole',
};

/**
 * True when some Allow statement of the trust policy could let EC2 assume the role. Generous:
 * conditions are not evaluated, and `*` principals or NotPrincipal count as letting EC2 in.
 */
function trustAdmitsEc2(trust: unknown): boolean {
  return statementsOf(trust).some((st) => {
    if (st.effect !== 'Allow') return false;
    const actionOk = st.notAction
      ? !st.notAction.values.some((v) => matchesWildcard(v.value, 'sts:AssumeRole'))
      : (st.action?.values ?? []).some((v) => matchesWildcard(v.value, 'sts:AssumeRole'));
    if (!actionOk) return false;
    if (st.notPrincipal !== undefined || principalIsEveryone(st.principal)) return true;
    return principalValues(st.principal, 'Service').some((s) =>
      /^ec2\.amazonaws\.com(\.cn)?$/i.test(s),
    );
  });
}

function instanceProfileFindings(account: string, data: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const roles = isObject(data['roles']) ? data['roles'] : {};
  for (const [name, profile] of entries(data['instanceProfiles'])) {
    if (!isObject(profile) || typeof profile['role'] !== 'string') continue;
    const roleName = profile['role'];
    const role = roles[roleName];
    if (!isObject(role)) continue; // an unknown role is a validation error
    const trust = role['trust'];
    if (trustAdmitsEc2(trust)) continue;
    const rolePath: JsonPath = ['accounts', account, 'roles', roleName];
    const statements = isObject(trust) ? trust['Statement'] : undefined;
    const fix = Array.isArray(statements)
      ? {
          path: [...rolePath, 'trust', 'Statement'],
          replacement: [...statements, EC2_TRUST_STATEMENT],
        }
      : isObject(statements)
        ? {
            path: [...rolePath, 'trust', 'Statement'],
            replacement: [statements, EC2_TRUST_STATEMENT],
          }
        : {
            path: [...rolePath, 'trust'],
            replacement: { Version: '2012-10-17', Statement: [EC2_TRUST_STATEMENT] },
          };
    findings.push({
      code: 'instance-profile-role-not-trusted-by-ec2',
      severity: 'warning',
      message:
        `Instance profile ${name} holds role ${roleName}, but the role's trust policy does not let ` +
        'ec2.amazonaws.com perform sts:AssumeRole, so code on the instance gets no credentials.',
      path: ['accounts', account, 'instanceProfiles', name, 'role'],
      docs: DOCS.instanceProfiles,
      fix: { description: 'Let ec2.amazonaws.com assume the role', ...fix },
    });
  }
  return findings;
}

// ---- users ----

function directAttachmentFindings(account: string, data: Record<string, unknown>): Finding[] {
  const byPolicy = new Map<string, { user: string; index: number; reference: string }[]>();
  for (const [user, def] of entries(data['users'])) {
    if (!isObject(def)) continue;
    strings(def['policies']).forEach((reference, index) => {
      const arn = referenceToArn(account, reference);
      byPolicy.set(arn, [...(byPolicy.get(arn) ?? []), { user, index, reference }]);
    });
  }
  const findings: Finding[] = [];
  for (const attachments of byPolicy.values()) {
    if (attachments.length < 2) continue;
    const users = attachments.map((a) => a.user).join(', ');
    for (const { user, index, reference } of attachments) {
      findings.push({
        code: 'policy-attached-to-users',
        severity: 'info',
        message:
          `${reference} is attached directly to the users ${users}. Attaching it to a group they ` +
          'belong to gives the same permissions and keeps them in one place.',
        path: ['accounts', account, 'users', user, 'policies', index],
        docs: DOCS.userGroups,
      });
    }
  }
  return findings;
}

// ---- service control policies ----

/** A node of the organization tree (root, OU or account) that may carry `scps` and `rcps`. */
interface OrgNode {
  path: JsonPath;
  /** For messages: `the root`, `OU Workloads`, `account 111122223333`. */
  name: string;
  node: Record<string, unknown>;
  /** The account id, for account nodes. */
  account?: string;
}

/** Every node of the organization tree, root first. */
function organizationNodes(root: unknown): OrgNode[] {
  const out: OrgNode[] = [];
  const visit = (node: unknown, path: JsonPath, name: string) => {
    if (!isObject(node)) return;
    out.push({ path, name, node });
    for (const [id, account] of entries(node['accounts'])) {
      if (isObject(account)) {
        out.push({
          path: [...path, 'accounts', id],
          name: `account ${id}`,
          node: account,
          account: id,
        });
      }
    }
    for (const [ou, child] of entries(node['ous'])) visit(child, [...path, 'ous', ou], `OU ${ou}`);
  };
  visit(root, ['organization', 'root'], 'the root');
  return out;
}

function scpListFindings(organization: Record<string, unknown>): Finding[] {
  const policies = isObject(organization['policies']) ? organization['policies'] : {};
  const management = organization['managementAccount'];
  const findings: Finding[] = [];
  for (const { path, name, node, account } of organizationNodes(organization['root'])) {
    if (!Array.isArray(node['scps'])) continue; // no list: FullAWSAccess stays attached
    if (account !== undefined && account === management) continue; // SCPs never restrict the management account
    const list = strings(node['scps']);
    if (list.length !== node['scps'].length || list.includes('FullAWSAccess')) continue;
    if (list.some((p) => !(p in policies))) continue; // an unknown name is a validation error
    const allows = list.some((p) => statementsOf(policies[p]).some((st) => st.effect === 'Allow'));
    if (allows) continue;
    findings.push({
      code: 'scp-denies-everything',
      severity: 'warning',
      message:
        (list.length === 0
          ? `At ${name}, the SCP list is empty, so FullAWSAccess is no longer attached. `
          : `At ${name}, the SCP list replaces FullAWSAccess with policies that only deny. `) +
        'Nothing at this level allows any action, so every request by principals in the member ' +
        'accounts below is denied. Keep FullAWSAccess beside deny-only SCPs.',
      path: [...path, 'scps'],
      docs: DOCS.scpEvaluation,
      fix: {
        description: 'Attach FullAWSAccess here too',
        path: [...path, 'scps'],
        replacement: ['FullAWSAccess', ...list],
      },
    });
  }
  return findings;
}

// ---- the whole scenario ----

function accountOfArn(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

/**
 * Checks a whole scenario: every policy document where it stands (customer managed, inline,
 * trust, resource, SCP/RCP, session policies), and the world around them. Paths are JSON paths
 * into the scenario; `locate` maps them into the scenario text. Never throws.
 */
export function checkScenario(
  scenario: unknown,
  ref: ServiceReference,
  locate?: Locator,
  options: CredentialCheckOptions = {},
): Finding[] {
  if (!isObject(scenario)) return [];
  const findings: Finding[] = [];
  // One finding per shared statement: the exposure findings speak for the statements they name.
  const exposure = exposureFindings(scenario as unknown as Scenario);
  const sharedAs = sharedStatements(exposure);
  const policy = (document: unknown, kind: PolicyKind, base: JsonPath, context: PolicyContext) => {
    const checked = checkPolicy(document, kind, ref, undefined, {
      ...context,
      sharedAs: sharedAs(base),
    });
    findings.push(...checked.map((f) => rebase(f, base)));
  };

  const organization = scenario['organization'];
  if (isObject(organization)) {
    const rcpNames = new Set<string>();
    for (const { node } of organizationNodes(organization['root'])) {
      for (const name of strings(node['rcps'])) rcpNames.add(name);
    }
    for (const [name, document] of entries(organization['policies'])) {
      policy(document, rcpNames.has(name) ? 'rcp' : 'scp', ['organization', 'policies', name], {});
    }
    findings.push(...scpListFindings(organization));
  }

  for (const [account, data] of entries(scenario['accounts'])) {
    if (!isObject(data)) continue;
    const base: JsonPath = ['accounts', account];
    const context = { account };
    // Which customer managed policies serve only as boundaries (checked as such), first.
    const attached = new Set<string>();
    const boundaries = new Set<string>();
    for (const group of ['users', 'groups', 'roles'] as const) {
      for (const [, principal] of entries(data[group])) {
        if (!isObject(principal)) continue;
        for (const p of strings(principal['policies'])) attached.add(p);
        if (typeof principal['boundary'] === 'string') boundaries.add(principal['boundary']);
      }
    }
    for (const [name, document] of entries(data['policies'])) {
      const asBoundaryOnly = boundaries.has(name) && !attached.has(name);
      policy(
        document,
        asBoundaryOnly ? 'boundary' : 'identity',
        [...base, 'policies', name],
        context,
      );
    }
    for (const group of ['users', 'groups', 'roles'] as const) {
      for (const [name, principal] of entries(data[group])) {
        if (!isObject(principal)) continue;
        if (group === 'roles' && 'trust' in principal) {
          policy(principal['trust'], 'trust', [...base, 'roles', name, 'trust'], context);
        }
        for (const [inline, document] of entries(principal['inline'])) {
          policy(document, 'identity', [...base, group, name, 'inline', inline], context);
        }
      }
    }
    findings.push(...instanceProfileFindings(account, data));
    findings.push(...directAttachmentFindings(account, data));
  }

  for (const [arn, resource] of entries(scenario['resources'])) {
    if (!isObject(resource) || !('policy' in resource)) continue;
    const owner = typeof resource['account'] === 'string' ? resource['account'] : accountOfArn(arn);
    const kind: PolicyKind = isKeyArn(arn) ? 'kms' : 'resource';
    policy(resource['policy'], kind, ['resources', arn, 'policy'], {
      ...(owner ? { account: owner } : {}),
      resource: arn,
    });
  }

  findings.push(...credentialFindings(scenario, options));
  findings.push(...exposure);

  const requests = scenario['requests'];
  if (Array.isArray(requests)) {
    requests.forEach((request, i) => {
      if (!isObject(request)) return;
      const action = request['action'];
      // A request names one action: an unknown one can only match wildcards, never what was meant.
      if (typeof action === 'string' && !/[*?]/.test(action)) {
        const finding = actionNameFinding({ value: action, path: ['requests', i, 'action'] }, ref);
        if (finding) findings.push(finding);
      }
      if (isObject(request['sessionPolicy'])) {
        policy(request['sessionPolicy'], 'session', ['requests', i, 'sessionPolicy'], {});
      }
    });
  }
  return locateFindings(findings, locate);
}
