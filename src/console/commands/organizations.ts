/**
 * aws organizations: the organization, its OUs, and SCPs/RCPs attached to roots, OUs and accounts.
 *
 * The format keys OUs by name and keeps SCPs and RCPs in one `policies` map, so the console
 * derives what AWS would show: ids (`r-…`, `ou-…`, `p-…`) are derived from names, and a policy's
 * type follows from its document (an RCP must name a Principal, an SCP must not), which is
 * the same rule AWS applies when it accepts one.
 */
import type { Json } from '../../engine/index';
import { orgIdPart } from '../ids';
import {
  ouIdFor,
  rootIdOf,
  type Organization,
  addOrganization,
  addOrgPolicy,
  addOu,
  attachedRcps,
  attachedScps,
  attachOrgPolicy,
  detachOrgPolicy,
  FULL_AWS_ACCESS,
  moveAccount as moveAccountEdit,
  ORG_ROOT,
  orgNodePath,
  RCP_FULL_AWS_ACCESS,
  type OrgNodePath,
  type OrgPolicyList,
} from '../../model/index';
import type { CommandContext, CommandSpec, OptionSpec, Outcome } from '../spec';
import { fail, ok, optStr, str } from '../spec';
import type { OrgNode, WorldOrganization } from '../world';
import { asJson } from '../world';
import { applyEdit } from '../world';
import { parsePolicyDocument } from './common';

export type OrgPolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';

/** An organization with the fields a valid scenario has (the model's type leaves them optional). */
export interface Org {
  id: string;
  managementAccount: string;
  policies?: Record<string, unknown>;
  root: OrgNode;
}

/** The organization of a scenario with its fields filled in. */
export function orgOf(organization: WorldOrganization): Org {
  return {
    id: organization.id ?? '',
    managementAccount: organization.managementAccount ?? '',
    ...(organization.policies ? { policies: organization.policies } : {}),
    root: organization.root ?? {},
  };
}

/** The root's id: the world's own, or the one the model derives (src/model/org-paths.ts). */
export function rootId(org: Org): string {
  return rootIdOf(org as Organization);
}

/** An OU's id from its path of names below the root, as the model gives it (org-paths.ts). */
export function ouId(org: Org, path: string[]): string {
  return ouIdFor(org as Organization, path);
}

/** A policy's id: AWS's own for the two built-in policies, derived from the name otherwise. */
export function orgPolicyId(name: string): string {
  if (name === FULL_AWS_ACCESS || name === RCP_FULL_AWS_ACCESS) return `p-${name}`;
  return `p-${orgIdPart(name, 8)}`;
}

function statementsOf(document: Json | undefined): Json[] {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return [];
  const statement = document['Statement'];
  return statement === undefined ? [] : Array.isArray(statement) ? statement : [statement];
}

/** The type of an organization policy: RCPs name a Principal, SCPs do not. */
export function orgPolicyType(org: Org, name: string): OrgPolicyType {
  if (name === FULL_AWS_ACCESS) return 'SERVICE_CONTROL_POLICY';
  if (name === RCP_FULL_AWS_ACCESS) return 'RESOURCE_CONTROL_POLICY';
  const hasPrincipal = statementsOf(asJson(org.policies?.[name])).some(
    (s) =>
      typeof s === 'object' &&
      s !== null &&
      !Array.isArray(s) &&
      ('Principal' in s || 'NotPrincipal' in s),
  );
  return hasPrincipal ? 'RESOURCE_CONTROL_POLICY' : 'SERVICE_CONTROL_POLICY';
}

/** A root, OU or account found by id, with the way to reach it again inside a draft. */
export interface OrgTarget {
  kind: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';
  id: string;
  name: string;
  /** OU names from the root to the node (for OUs), or to the account's parent (for accounts). */
  path: string[];
  node: OrgNode;
}

/** Every root, OU and account of the organization, root first, parents before children. */
export function orgTargets(org: Org): OrgTarget[] {
  const targets: OrgTarget[] = [
    { kind: 'ROOT', id: rootId(org), name: 'Root', path: [], node: org.root },
  ];
  const visit = (node: OrgNode, path: string[]) => {
    for (const [account, accountNode] of Object.entries(node.accounts ?? {})) {
      targets.push({ kind: 'ACCOUNT', id: account, name: account, path, node: accountNode });
    }
    for (const [name, ou] of Object.entries(node.ous ?? {})) {
      targets.push({
        kind: 'ORGANIZATIONAL_UNIT',
        id: ouId(org, [...path, name]),
        name,
        path: [...path, name],
        node: ou,
      });
      visit(ou, [...path, name]);
    }
  };
  visit(org.root, []);
  return targets;
}

/** The path of the node a target stands for, as world edits (src/model/world) take it. */
function nodePath(target: OrgTarget): OrgNodePath {
  return orgNodePath(target.path, target.kind === 'ACCOUNT' ? target.id : undefined);
}

function policyArn(org: Org, name: string): string {
  const type = orgPolicyType(org, name).toLowerCase();
  if (name === FULL_AWS_ACCESS || name === RCP_FULL_AWS_ACCESS) {
    return `arn:aws:organizations::aws:policy/${type}/${orgPolicyId(name)}`;
  }
  return `arn:aws:organizations::${org.managementAccount}:policy/${org.id}/${type}/${orgPolicyId(name)}`;
}

function policySummary(org: Org, name: string): Json {
  const builtIn = name === FULL_AWS_ACCESS || name === RCP_FULL_AWS_ACCESS;
  return {
    Id: orgPolicyId(name),
    Arn: policyArn(org, name),
    Name: name,
    Description: builtIn ? 'Allows access to every operation' : '',
    Type: orgPolicyType(org, name),
    AwsManaged: builtIn,
  };
}

/** Names of every organization policy: the two built-in ones and the declared ones. */
function allPolicyNames(org: Org): string[] {
  return [
    FULL_AWS_ACCESS,
    RCP_FULL_AWS_ACCESS,
    ...Object.keys(org.policies ?? {}).filter(
      (n) => n !== FULL_AWS_ACCESS && n !== RCP_FULL_AWS_ACCESS,
    ),
  ];
}

/** The organization, when the caller may manage it (AWS lets only the management account do so). */
function managedOrg(ctx: CommandContext): Org | { error: Outcome } {
  const org = ctx.scenario.organization && orgOf(ctx.scenario.organization);
  if (!org) {
    return {
      error: fail(
        'AWSOrganizationsNotInUseException',
        'Your account is not a member of an organization.',
      ),
    };
  }
  if (org.managementAccount !== ctx.account) {
    return {
      error: fail('AccessDeniedException', "You don't have permissions to access this resource."),
    };
  }
  return org;
}

function findTarget(org: Org, id: string): OrgTarget | undefined {
  return orgTargets(org).find((t) => t.id === id);
}

/** Finds the root, OU or account an id names, or the TargetNotFoundException AWS gives. */
function lookupTarget(org: Org, id: string): OrgTarget | { error: Outcome } {
  const target = findTarget(org, id);
  if (!target) {
    return {
      error: fail(
        'TargetNotFoundException',
        "We can't find a root, OU, account, or email that you specified.",
      ),
    };
  }
  return target;
}

/** Finds the root or OU an id names, or the ParentNotFoundException AWS gives. */
function lookupParent(org: Org, id: string): OrgTarget | { error: Outcome } {
  const parent = findTarget(org, id);
  if (!parent || parent.kind === 'ACCOUNT') {
    return {
      error: fail(
        'ParentNotFoundException',
        "We can't find a root or OU with the ParentId that you specified.",
      ),
    };
  }
  return parent;
}

/** Attached SCP or RCP names of a node, with AWS's defaults: FullAWSAccess unless listed otherwise. */
export function attachedNames(node: OrgNode, type: OrgPolicyType): string[] {
  return type === 'SERVICE_CONTROL_POLICY' ? attachedScps(node.scps) : attachedRcps(node.rcps);
}

function findPolicyById(org: Org, id: string): string | undefined {
  return allPolicyNames(org).find((name) => orgPolicyId(name) === id);
}

const typeChoices = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'];
const targetOption: OptionSpec = {
  name: 'target-id',
  type: 'string',
  required: true,
  help: 'A root (r-…), OU (ou-…) or account id.',
  complete: 'org-target',
};
const policyIdOption: OptionSpec = {
  name: 'policy-id',
  type: 'string',
  required: true,
  help: 'The policy id (p-…).',
  complete: 'org-policy',
};

function ouJson(org: Org, target: OrgTarget): Json {
  return {
    Id: target.id,
    Arn: `arn:aws:organizations::${org.managementAccount}:ou/${org.id}/${target.id}`,
    Name: target.name,
  };
}

const createOrganization: CommandSpec = {
  service: 'organizations',
  name: 'create-organization',
  operation: 'CreateOrganization',
  summary: 'Creates an organization with the current account as its management account.',
  options: [
    {
      name: 'feature-set',
      type: 'string',
      help: 'ALL (the default; SCPs and RCPs need it).',
      choices: ['ALL'],
    },
  ],
  action: 'organizations:CreateOrganization',
  run(ctx) {
    if (ctx.scenario.organization) {
      return fail(
        'AlreadyInOrganizationException',
        'The AWS account is already a member of an organization.',
      );
    }
    const org: Org = {
      id: `o-${orgIdPart(ctx.account, 10)}`,
      managementAccount: ctx.account,
      root: { accounts: { [ctx.account]: {} } },
    };
    const scenario = applyEdit(ctx.scenario, (doc) => addOrganization(doc, { ...org }));
    return ok({ Organization: describe(org) }, scenario);
  },
};

function describe(org: Org): Json {
  return {
    Id: org.id,
    Arn: `arn:aws:organizations::${org.managementAccount}:organization/${org.id}`,
    FeatureSet: 'ALL',
    MasterAccountArn: `arn:aws:organizations::${org.managementAccount}:account/${org.id}/${org.managementAccount}`,
    MasterAccountId: org.managementAccount,
    AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
  };
}

const describeOrganization: CommandSpec = {
  service: 'organizations',
  name: 'describe-organization',
  operation: 'DescribeOrganization',
  summary: 'Shows the organization the current account belongs to.',
  options: [],
  action: 'organizations:DescribeOrganization',
  run(ctx) {
    const org = ctx.scenario.organization && orgOf(ctx.scenario.organization);
    if (
      !org ||
      (!orgTargets(org).some((t) => t.kind === 'ACCOUNT' && t.id === ctx.account) &&
        org.managementAccount !== ctx.account)
    ) {
      return fail(
        'AWSOrganizationsNotInUseException',
        'Your account is not a member of an organization.',
      );
    }
    return ok({ Organization: describe(org) });
  },
};

const listRoots: CommandSpec = {
  service: 'organizations',
  name: 'list-roots',
  operation: 'ListRoots',
  summary: "Shows the organization's root and its id.",
  options: [],
  action: 'organizations:ListRoots',
  run(ctx) {
    const org = managedOrg(ctx);
    if ('error' in org) return org.error;
    return ok({
      Roots: [
        {
          Id: rootId(org),
          Arn: `arn:aws:organizations::${org.managementAccount}:root/${org.id}/${rootId(org)}`,
          Name: 'Root',
          PolicyTypes: [
            { Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' },
            { Type: 'RESOURCE_CONTROL_POLICY', Status: 'ENABLED' },
          ],
        },
      ],
    });
  },
};

const createOrganizationalUnit: CommandSpec = {
  service: 'organizations',
  name: 'create-organizational-unit',
  operation: 'CreateOrganizationalUnit',
  summary: 'Creates an OU under the root or another OU.',
  options: [
    {
      name: 'parent-id',
      type: 'string',
      required: true,
      help: 'The root (r-…) or OU (ou-…) to create it in.',
      complete: 'org-parent',
    },
    { name: 'name', type: 'string', required: true, help: 'The name of the OU.' },
  ],
  action: 'organizations:CreateOrganizationalUnit',
  run(ctx) {
    const org = managedOrg(ctx);
    if ('error' in org) return org.error;
    const parent = lookupParent(org, str(ctx.args, 'parent-id'));
    if ('error' in parent) return parent.error;
    const name = str(ctx.args, 'name');
    if (parent.node.ous?.[name])
      return fail(
        'DuplicateOrganizationalUnitException',
        'An OU with the same name already exists.',
      );
    const scenario = applyEdit(ctx.scenario, (doc) => addOu(doc, nodePath(parent), name, {}));
    const target: OrgTarget = {
      kind: 'ORGANIZATIONAL_UNIT',
      id: ouId(org, [...parent.path, name]),
      name,
      path: [...parent.path, name],
      node: {},
    };
    return ok({ OrganizationalUnit: ouJson(org, target) }, scenario);
  },
};

const listOrganizationalUnitsForParent: CommandSpec = {
  service: 'organizations',
  name: 'list-organizational-units-for-parent',
  operation: 'ListOrganizationalUnitsForParent',
  summary: 'Lists the OUs directly under a root or OU.',
  options: [
    {
      name: 'parent-id',
      type: 'string',
      required: true,
      help: 'The root (r-…) or OU (ou-…).',
      complete: 'org-parent',
    },
  ],
  action: 'organizations:ListOrganizationalUnitsForParent',
  run(ctx) {
    const org = managedOrg(ctx);
    if ('error' in org) return org.error;
    const parent = lookupParent(org, str(ctx.args, 'parent-id'));
    if ('error' in parent) return parent.error;
    const children = orgTargets(org).filter(
      (t) =>
        t.kind === 'ORGANIZATIONAL_UNIT' &&
        t.path.length === parent.path.length + 1 &&
        parent.path.every((p, i) => t.path[i] === p),
    );
    return ok({ OrganizationalUnits: children.map((t) => ouJson(org, t)) });
  },
};

const inviteAccount: CommandSpec = {
  service: 'organizations',
  name: 'invite-account-to-organization',
  operation: 'InviteAccountToOrganization',
  summary:
    'Brings an account of the world into the organization, under the root (the playground accepts the handshake at once).',
  options: [
    {
      name: 'target',
      type: 'structure',
      required: true,
      help: 'Id=ACCOUNT_ID,Type=ACCOUNT',
      complete: 'account',
    },
  ],
  action: 'organizations:InviteAccountToOrganization',
  run(ctx) {
    const org = managedOrg(ctx);
    if ('error' in org) return org.error;
    const target = ctx.args['target'] as { [key: string]: Json };
    const id = target['Id'];
    if (
      typeof id !== 'string' ||
      !/^\d{12}$/.test(id) ||
      (target['Type'] ?? 'ACCOUNT') !== 'ACCOUNT'
    ) {
      return fail(
        'InvalidInputException',
        'You provided a value that does not match the required pattern.',
      );
    }
    if (orgTargets(org).some((t) => t.kind === 'ACCOUNT' && t.id === id)) {
      return fail(
        'DuplicateAccountException',
        'That account is already present in the specified destination.',
      );
    }
    const scenario = applyEdit(ctx.scenario, (doc) => moveAccountEdit(doc, id, ORG_ROOT));
    return ok(
      {
        Handshake: {
          Id: `h-${orgIdPart(`${org.id}/${id}`, 10)}`,
          Parties: [
            { Id: org.id.slice(2), Type: 'ORGANIZATION' },
            { Id: id, Type: 'ACCOUNT' },
          ],
          State: 'ACCEPTED',
          Action: 'INVITE',
        },
      },
      scenario,
    );
  },
};

const moveAccount: CommandSpec = {
  service: 'organizations',
  name: 'move-account',
  operation: 'MoveAccount',
  summary: 'Moves an account from its parent (root or OU) to another.',
  options: [
    {
      name: 'account-id',
      type: 'string',
      required: true,
      help: 'The account to move.',
      complete: 'account',
    },
    {
      name: 'source-parent-id',
      type: 'string',
      required: true,
      help: 'Its current root or OU.',
      complete: 'org-parent',
    },
    {
      name: 'destination-parent-id',
      type: 'string',
      required: true,
      help: 'The root or OU to move it to.',
      complete: 'org-parent',
    },
  ],
  action: 'organizations:MoveAccount',
  run(ctx) {
    const org = managedOrg(ctx);
    if ('error' in org) return org.error;
    const accountId = str(ctx.args, 'account-id');
    const account = orgTargets(org).find((t) => t.kind === 'ACCOUNT' && t.id === accountId);
    if (!account)
      return fail(
        'AccountNotFoundException',
        "We can't find an AWS account with the AccountId that you specified.",
      );
    const source = lookupParent(org, str(ctx.args, 'source-parent-id'));
    if ('error' in source) return source.error;
    const destination = lookupParent(org, str(ctx.args, 'destination-parent-id'));
    if ('error' in destination) return destination.error;
    if (source.path.join('/') !== account.path.join('/')) {
      return fail(
        'SourceParentNotFoundException',
        "We can't find a source root or OU with the ParentId that you specified.",
      );
    }
    if (destination.path.join('/') === source.path.join('/')) {
      return fail(
        'DuplicateAccountException',
        'That account is already present in the specified destination.',
      );
    }
    const scenario = applyEdit(ctx.scenario, (doc) =>
      moveAccountEdit(doc, accountId, nodePath(destination)),
    );
    return ok(undefined, scenario);
  },
};

const createPolicy: CommandSpec = {
  service: 'organizations',
  name: 'create-policy',
  operation: 'CreatePolicy',
  summary: 'Creates an SCP or an RCP (attach it with attach-policy).',
  options: [
    { name: 'name', type: 'string', required: true, help: 'The name of the policy.' },
    {
      name: 'type',
      type: 'string',
      required: true,
      help: 'SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY.',
      choices: typeChoices,
    },
    {
      name: 'content',
      type: 'document',
      required: true,
      help: 'The policy: inline JSON or file://NAME.',
      complete: 'document-file',
    },
    {
      name: 'description',
      type: 'string',
      help: 'Accepted, not kept: the scenario format has no policy description.',
    },
  ],
  action: 'organizations:CreatePolicy',
  run(ctx) {
    const org = managedOrg(ctx);
    if ('error' in org) return org.error;
    const name = str(ctx.args, 'name');
    if (allPolicyNames(org).includes(name))
      return fail('DuplicatePolicyException', 'A policy with the same name already exists.');
    const type = str(ctx.args, 'type') as OrgPolicyType;
    const text = str(ctx.args, 'content');
    const parsed = parsePolicyDocument(text, type === 'SERVICE_CONTROL_POLICY' ? 'scp' : 'rcp', {
      name: 'PolicySize',
      size: 5120,
    });
    if ('error' in parsed) {
      return fail(
        'MalformedPolicyDocumentException',
        "The provided policy document doesn't meet the requirements of the specified policy type.",
      );
    }
    const scenario = applyEdit(ctx.scenario, (doc) => addOrgPolicy(doc, name, parsed.document));
    return ok(
      {
        Policy: {
          PolicySummary: policySummary(orgOf(scenario.organization!), name),
          Content: text,
        },
      },
      scenario,
    );
  },
};

const listPolicies: CommandSpec = {
  service: 'organizations',
  name: 'list-policies',
  operation: 'ListPolicies',
  summary: 'Lists the SCPs or RCPs of the organization.',
  options: [
    {
      name: 'filter',
      type: 'string',
      required: true,
      help: 'SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY.',
      choices: typeChoices,
    },
  ],
  action: 'organizations:ListPolicies',
  run(ctx) {
    const org = managedOrg(ctx);
    if ('error' in org) return org.error;
    const filter = str(ctx.args, 'filter');
    const names = allPolicyNames(org).filter((n) => orgPolicyType(org, n) === filter);
    return ok({ Policies: names.map((n) => policySummary(org, n)) });
  },
};

function attachment(
  ctx: CommandContext,
): { org: Org; name: string; target: OrgTarget; type: OrgPolicyType } | { error: Outcome } {
  const org = managedOrg(ctx);
  if ('error' in org) return org;
  const name = findPolicyById(org, str(ctx.args, 'policy-id'));
  if (name === undefined)
    return {
      error: fail(
        'PolicyNotFoundException',
        "We can't find a policy with the PolicyId that you specified.",
      ),
    };
  const target = lookupTarget(org, str(ctx.args, 'target-id'));
  if ('error' in target) return target;
  return { org, name, target, type: orgPolicyType(org, name) };
}

/** Where the world lists policies of `type` on a node. */
function listOf(type: OrgPolicyType): OrgPolicyList {
  return type === 'SERVICE_CONTROL_POLICY' ? 'scps' : 'rcps';
}

const attachPolicy: CommandSpec = {
  service: 'organizations',
  name: 'attach-policy',
  operation: 'AttachPolicy',
  summary: 'Attaches an SCP or RCP to a root, OU or account.',
  options: [policyIdOption, targetOption],
  action: 'organizations:AttachPolicy',
  run(ctx) {
    const found = attachment(ctx);
    if ('error' in found) return found.error;
    const attached = attachedNames(found.target.node, found.type);
    if (attached.includes(found.name)) {
      return fail(
        'DuplicatePolicyAttachmentException',
        'A policy with the same name is already attached.',
      );
    }
    const scenario = applyEdit(ctx.scenario, (doc) =>
      attachOrgPolicy(doc, nodePath(found.target), listOf(found.type), found.name),
    );
    return ok(undefined, scenario);
  },
};

const detachPolicy: CommandSpec = {
  service: 'organizations',
  name: 'detach-policy',
  operation: 'DetachPolicy',
  summary:
    'Detaches an SCP or RCP from a root, OU or account (every node keeps at least one SCP, as in AWS).',
  options: [policyIdOption, targetOption],
  action: 'organizations:DetachPolicy',
  run(ctx) {
    const found = attachment(ctx);
    if ('error' in found) return found.error;
    const attached = attachedNames(found.target.node, found.type);
    if (!attached.includes(found.name)) {
      return fail(
        'PolicyNotAttachedException',
        "The policy isn't attached to the specified target in the specified root.",
      );
    }
    if (found.name === RCP_FULL_AWS_ACCESS) {
      return fail(
        'ConstraintViolationException',
        'You cannot detach RCPFullAWSAccess: AWS keeps it attached to every root, OU and account.',
      );
    }
    if (found.type === 'SERVICE_CONTROL_POLICY' && attached.length === 1) {
      return fail(
        'ConstraintViolationException',
        'You cannot remove the last service control policy from a target: attach another one first (reason: MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED).',
      );
    }
    // An emptied RCP list is left out: RCPFullAWSAccess alone, as before any was attached.
    const scenario = applyEdit(ctx.scenario, (doc) =>
      detachOrgPolicy(doc, nodePath(found.target), listOf(found.type), found.name, false),
    );
    return ok(undefined, scenario);
  },
};

const listPoliciesForTarget: CommandSpec = {
  service: 'organizations',
  name: 'list-policies-for-target',
  operation: 'ListPoliciesForTarget',
  summary: 'Lists the SCPs or RCPs attached directly to a root, OU or account.',
  options: [
    targetOption,
    {
      name: 'filter',
      type: 'string',
      required: true,
      help: 'SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY.',
      choices: typeChoices,
    },
  ],
  action: 'organizations:ListPoliciesForTarget',
  run(ctx) {
    const org = managedOrg(ctx);
    if ('error' in org) return org.error;
    const target = lookupTarget(org, str(ctx.args, 'target-id'));
    if ('error' in target) return target.error;
    const type = (optStr(ctx.args, 'filter') ?? 'SERVICE_CONTROL_POLICY') as OrgPolicyType;
    return ok({ Policies: attachedNames(target.node, type).map((n) => policySummary(org, n)) });
  },
};

export const organizationsCommands: CommandSpec[] = [
  createOrganization,
  describeOrganization,
  listRoots,
  createOrganizationalUnit,
  listOrganizationalUnitsForParent,
  inviteAccount,
  moveAccount,
  createPolicy,
  listPolicies,
  attachPolicy,
  detachPolicy,
  listPoliciesForTarget,
];
