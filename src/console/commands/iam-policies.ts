/**
 * aws iam: managed policies, their attachments, inline policies and permissions boundaries.
 * The attach, inline and boundary commands exist for users, groups and roles alike, so they
 * are made by one factory per family from a small description of each kind of entity.
 */
import type { Json } from '../../engine/index';
import { uniqueId } from '../ids';
import type { CommandContext, CommandSpec, OptionSpec } from '../spec';
import { fail, ok, optStr, str } from '../spec';
import type { Scenario } from '../world';
import {
  applyEdit,
  arnToReference,
  asJson,
  editAccount,
  groupArn,
  parsePolicyArn,
  policyArn,
  policyUsage,
  referenceToArn,
} from '../world';
import {
  addPolicy,
  attachPolicy,
  deleteInlinePolicy,
  deletePolicy as deletePolicyEdit,
  detachPolicy,
  putInlinePolicy,
  setBoundary,
} from '../../model/index';
import {
  MANAGED_POLICIES_PER_ENTITY,
  SIZE_QUOTA,
  accountOf,
  alreadyExists,
  checkName,
  createdAt,
  deleteConflict,
  findName,
  limitExceeded,
  lookupPolicyArn,
  noSuchEntity,
  notAttachable,
  parsePolicyDocument,
  withCreated,
} from './common';
import { lookupGroup, lookupUser, userResource } from './iam-users';
import { lookupRole, roleResource } from './iam-roles';

const policyArnOption: OptionSpec = {
  name: 'policy-arn',
  type: 'string',
  required: true,
  help: 'The ARN of the managed policy.',
  complete: 'policy-arn',
};

/** AWS's Policy shape (get-policy, list-policies, get-account-authorization-details). */
export function policyJson(
  ctx: CommandContext,
  arn: string,
  name: string,
  awsManaged: boolean,
): Json {
  const usage = policyUsage(ctx.scenario, arn);
  const info = awsManaged ? ctx.deps.managedPolicies?.get(arn) : undefined;
  return {
    PolicyName: name,
    PolicyId: uniqueId('policy', arn),
    Arn: arn,
    Path: info?.path ?? '/',
    DefaultVersionId: info?.defaultVersionId ?? 'v1',
    AttachmentCount: usage.attachments.length,
    PermissionsBoundaryUsageCount: usage.boundaries.length,
    IsAttachable: true,
    CreateDate: createdAt(ctx.state, arn),
    UpdateDate: createdAt(ctx.state, arn),
  };
}

const createPolicy: CommandSpec = {
  service: 'iam',
  name: 'create-policy',
  operation: 'CreatePolicy',
  summary: 'Creates a customer managed policy in the current account.',
  options: [
    { name: 'policy-name', type: 'string', required: true, help: 'The name of the policy.' },
    {
      name: 'policy-document',
      type: 'document',
      required: true,
      help: 'The policy: inline JSON or file://NAME (a document of the world).',
      complete: 'document-file',
    },
    {
      name: 'description',
      type: 'string',
      help: 'Accepted, not kept: the scenario format has no policy description.',
    },
  ],
  action: 'iam:CreatePolicy',
  resources: (ctx) => [policyArn(ctx.account, str(ctx.args, 'policy-name'))],
  run(ctx) {
    const name = str(ctx.args, 'policy-name');
    const invalid = checkName(name, 'policyName', 128);
    if (invalid) return invalid;
    if (findName(accountOf(ctx).policies, name) !== undefined) {
      return alreadyExists(
        `A policy called ${name} already exists. Duplicate names are not allowed.`,
      );
    }
    const parsed = parsePolicyDocument(
      str(ctx.args, 'policy-document'),
      'identity',
      SIZE_QUOTA.managed,
    );
    if ('error' in parsed) return parsed.error;
    const scenario = editAccount(ctx.scenario, ctx.account, (doc) =>
      addPolicy(doc, ctx.account, name, parsed.document),
    );
    const arn = policyArn(ctx.account, name);
    const state = withCreated(ctx.state, arn, ctx.deps.now());
    return ok(
      { Policy: policyJson({ ...ctx, scenario, state }, arn, name, false) },
      scenario,
      state,
    );
  },
};

const getPolicy: CommandSpec = {
  service: 'iam',
  name: 'get-policy',
  operation: 'GetPolicy',
  summary: 'Shows a managed policy: id, default version, attachment counts.',
  options: [policyArnOption],
  action: 'iam:GetPolicy',
  resources: (ctx) => [str(ctx.args, 'policy-arn')],
  run(ctx) {
    const arn = str(ctx.args, 'policy-arn');
    const found = lookupPolicyArn(ctx, arn);
    if (!found) return noSuchEntity(`Policy ${arn} was not found.`);
    return ok({ Policy: policyJson(ctx, arn, found.name, found.awsManaged) });
  },
};

const getPolicyVersion: CommandSpec = {
  service: 'iam',
  name: 'get-policy-version',
  operation: 'GetPolicyVersion',
  summary:
    'Shows a version of a managed policy with its document (the playground keeps one version, v1, for customer policies).',
  options: [
    policyArnOption,
    { name: 'version-id', type: 'string', required: true, help: 'The version, e.g. v1.' },
  ],
  action: 'iam:GetPolicyVersion',
  resources: (ctx) => [str(ctx.args, 'policy-arn')],
  async run(ctx) {
    const arn = str(ctx.args, 'policy-arn');
    const found = lookupPolicyArn(ctx, arn);
    if (!found) return noSuchEntity(`Policy ${arn} was not found.`);
    if (found.awsManaged && found.document === undefined)
      found.document = await ctx.deps.managedPolicies?.document?.(arn);
    const version = str(ctx.args, 'version-id');
    const defaultVersion = found.awsManaged
      ? (ctx.deps.managedPolicies?.get(arn)?.defaultVersionId ?? 'v1')
      : 'v1';
    if (version !== defaultVersion || found.document === undefined) {
      return noSuchEntity(`Policy ${arn} version ${version} does not exist or is not attachable.`);
    }
    return ok({
      PolicyVersion: {
        Document: found.document,
        VersionId: version,
        IsDefaultVersion: true,
        CreateDate: createdAt(ctx.state, arn),
      },
    });
  },
};

const listPolicies: CommandSpec = {
  service: 'iam',
  name: 'list-policies',
  operation: 'ListPolicies',
  summary: 'Lists managed policies: Local (customer managed), AWS (AWS managed) or All.',
  options: [
    {
      name: 'scope',
      type: 'string',
      help: 'All (default), AWS or Local.',
      choices: ['All', 'AWS', 'Local'],
    },
    {
      name: 'only-attached',
      type: 'boolean',
      help: 'Only policies attached to a user, group or role.',
    },
    {
      name: 'path-prefix',
      type: 'string',
      help: 'Only policies whose path starts with this prefix.',
    },
  ],
  action: 'iam:ListPolicies',
  run(ctx) {
    const scope = optStr(ctx.args, 'scope') ?? 'All';
    const onlyAttached = ctx.args['only-attached'] === true;
    const prefix = optStr(ctx.args, 'path-prefix') ?? '/';
    const policies: Json[] = [];
    if (scope !== 'Local') {
      for (const info of ctx.deps.managedPolicies?.list() ?? []) {
        policies.push(policyJson(ctx, info.arn, info.name, true));
      }
    }
    if (scope !== 'AWS') {
      for (const name of Object.keys(accountOf(ctx).policies ?? {})) {
        policies.push(policyJson(ctx, policyArn(ctx.account, name), name, false));
      }
    }
    const shown = policies.filter((p) => {
      const policy = p as { AttachmentCount: number; Path: string };
      return (!onlyAttached || policy.AttachmentCount > 0) && policy.Path.startsWith(prefix);
    });
    return ok({ Policies: shown });
  },
};

const deletePolicy: CommandSpec = {
  service: 'iam',
  name: 'delete-policy',
  operation: 'DeletePolicy',
  summary: 'Deletes a customer managed policy that nothing uses.',
  options: [policyArnOption],
  action: 'iam:DeletePolicy',
  resources: (ctx) => [str(ctx.args, 'policy-arn')],
  run(ctx) {
    const arn = str(ctx.args, 'policy-arn');
    const found = lookupPolicyArn(ctx, arn);
    if (!found) return noSuchEntity(`Policy ${arn} was not found.`);
    if (found.awsManaged)
      return fail('AccessDenied', `AWS managed policies cannot be deleted: ${arn}.`);
    const usage = policyUsage(ctx.scenario, arn);
    // A policy still used as a boundary would leave a dangling reference, so it counts as in use too.
    if (usage.attachments.length > 0 || usage.boundaries.length > 0) {
      return deleteConflict('Cannot delete a policy attached to entities.');
    }
    const scenario = applyEdit(ctx.scenario, (doc) =>
      deletePolicyEdit(doc, ctx.account, found.name),
    );
    return ok(undefined, scenario);
  },
};

/** What the attach/inline/boundary factories need to know about users, groups and roles. */
interface EntityKind {
  kind: 'user' | 'group' | 'role';
  /** `User`, `Group`, `Role` as in operation names. */
  title: string;
  option: OptionSpec;
  /** The quota names AWS uses in LimitExceeded messages. */
  quota: string;
  inlineQuota: { name: string; size: number };
  resources: (ctx: CommandContext) => string[];
  /** Finds the entity, returning its canonical name and its record's policy fields. */
  lookup: (
    ctx: CommandContext,
    name: string,
  ) =>
    | {
        name: string;
        policies?: string[];
        inline?: Record<string, unknown>;
        boundary?: string | null;
      }
    | { error: ReturnType<typeof fail> };
  /** Where the account holds it, as world edits (src/model/world) name it. */
  collection: 'users' | 'groups' | 'roles';
}

const userKind = {
  kind: 'user',
  title: 'User',
  option: {
    name: 'user-name',
    type: 'string',
    required: true,
    help: 'The name of the user.',
    complete: 'user',
  },
  quota: 'PoliciesPerUser',
  inlineQuota: SIZE_QUOTA.userInline,
  resources: (ctx) => userResource(ctx),
  lookup: (ctx, name) => {
    const found = lookupUser(ctx, name);
    return 'error' in found ? found : { name: found.name, ...found.user };
  },
  collection: 'users',
} satisfies EntityKind;

const groupKind: EntityKind = {
  kind: 'group',
  title: 'Group',
  option: {
    name: 'group-name',
    type: 'string',
    required: true,
    help: 'The name of the group.',
    complete: 'group',
  },
  quota: 'PoliciesPerGroup',
  inlineQuota: SIZE_QUOTA.groupInline,
  resources: (ctx) => [groupArn(ctx.account, str(ctx.args, 'group-name'))],
  lookup: (ctx, name) => {
    const found = lookupGroup(ctx, name);
    return 'error' in found ? found : { name: found.name, ...found.group };
  },
  collection: 'groups',
};

const roleKind = {
  kind: 'role',
  title: 'Role',
  option: {
    name: 'role-name',
    type: 'string',
    required: true,
    help: 'The name of the role.',
    complete: 'role',
  },
  quota: 'PoliciesPerRole',
  inlineQuota: SIZE_QUOTA.roleInline,
  resources: roleResource,
  lookup: (ctx, name) => {
    const found = lookupRole(ctx, name);
    return 'error' in found ? found : { name: found.name, ...found.role };
  },
  collection: 'roles',
} satisfies EntityKind;

function entityName(ctx: CommandContext, kind: EntityKind): string {
  return str(ctx.args, kind.option.name);
}

function attachCommands(kind: EntityKind): CommandSpec[] {
  const attach: CommandSpec = {
    service: 'iam',
    name: `attach-${kind.kind}-policy`,
    operation: `Attach${kind.title}Policy`,
    summary: `Attaches a managed policy to a ${kind.kind} (at most ${MANAGED_POLICIES_PER_ENTITY}).`,
    options: [kind.option, policyArnOption],
    action: `iam:Attach${kind.title}Policy`,
    resources: kind.resources,
    run(ctx) {
      const entity = kind.lookup(ctx, entityName(ctx, kind));
      if ('error' in entity) return entity.error;
      const arn = str(ctx.args, 'policy-arn');
      if (!lookupPolicyArn(ctx, arn)) return notAttachable(arn);
      const attached = entity.policies ?? [];
      if (attached.some((ref) => referenceToArn(ctx.account, ref) === arn)) return ok(); // AWS: attaching twice changes nothing.
      if (attached.length >= MANAGED_POLICIES_PER_ENTITY) {
        return limitExceeded(
          `Cannot exceed quota for ${kind.quota}: ${MANAGED_POLICIES_PER_ENTITY}`,
        );
      }
      const scenario = applyEdit(ctx.scenario, (doc) =>
        attachPolicy(
          doc,
          ctx.account,
          kind.collection,
          entity.name,
          arnToReference(ctx.account, arn),
        ),
      );
      return ok(undefined, scenario);
    },
  };
  const detach: CommandSpec = {
    service: 'iam',
    name: `detach-${kind.kind}-policy`,
    operation: `Detach${kind.title}Policy`,
    summary: `Detaches a managed policy from a ${kind.kind}.`,
    options: [kind.option, policyArnOption],
    action: `iam:Detach${kind.title}Policy`,
    resources: kind.resources,
    run(ctx) {
      const entity = kind.lookup(ctx, entityName(ctx, kind));
      if ('error' in entity) return entity.error;
      const arn = str(ctx.args, 'policy-arn');
      const attached = entity.policies ?? [];
      if (!attached.some((ref) => referenceToArn(ctx.account, ref) === arn))
        return noSuchEntity(`Policy ${arn} was not found.`);
      // The world may name the policy both ways (its name and its ARN): detach each.
      const refs = attached.filter((ref) => referenceToArn(ctx.account, ref) === arn);
      const scenario = applyEdit(ctx.scenario, (doc) =>
        refs.reduce(
          (next, ref) => detachPolicy(next, ctx.account, kind.collection, entity.name, ref),
          doc,
        ),
      );
      return ok(undefined, scenario);
    },
  };
  const listAttached: CommandSpec = {
    service: 'iam',
    name: `list-attached-${kind.kind}-policies`,
    operation: `ListAttached${kind.title}Policies`,
    summary: `Lists the managed policies attached to a ${kind.kind}.`,
    options: [kind.option],
    action: `iam:ListAttached${kind.title}Policies`,
    resources: kind.resources,
    run(ctx) {
      const entity = kind.lookup(ctx, entityName(ctx, kind));
      if ('error' in entity) return entity.error;
      const attached = (entity.policies ?? []).map((ref) => {
        const arn = referenceToArn(ctx.account, ref);
        return { PolicyName: parsePolicyArn(arn)?.name ?? ref, PolicyArn: arn };
      });
      return ok({ AttachedPolicies: attached });
    },
  };
  return [attach, detach, listAttached];
}

const policyNameOption: OptionSpec = {
  name: 'policy-name',
  type: 'string',
  required: true,
  help: 'The name of the inline policy.',
};

function inlineCommands(kind: EntityKind): CommandSpec[] {
  const nameOption: OptionSpec = { ...policyNameOption, complete: `${kind.kind}-inline-policy` };
  const notFound = (name: string) =>
    noSuchEntity(`The ${kind.kind} policy with name ${name} cannot be found.`);
  const put: CommandSpec = {
    service: 'iam',
    name: `put-${kind.kind}-policy`,
    operation: `Put${kind.title}Policy`,
    summary: `Adds or replaces an inline policy of a ${kind.kind}.`,
    options: [
      kind.option,
      { ...policyNameOption },
      {
        name: 'policy-document',
        type: 'document',
        required: true,
        help: 'The policy: inline JSON or file://NAME.',
        complete: 'document-file',
      },
    ],
    action: `iam:Put${kind.title}Policy`,
    resources: kind.resources,
    run(ctx) {
      const entity = kind.lookup(ctx, entityName(ctx, kind));
      if ('error' in entity) return entity.error;
      const policyName = str(ctx.args, 'policy-name');
      const invalid = checkName(policyName, 'policyName', 128);
      if (invalid) return invalid;
      const parsed = parsePolicyDocument(
        str(ctx.args, 'policy-document'),
        'identity',
        kind.inlineQuota,
      );
      if ('error' in parsed) return parsed.error;
      const scenario = applyEdit(ctx.scenario, (doc) =>
        putInlinePolicy(
          doc,
          ctx.account,
          kind.collection,
          entity.name,
          policyName,
          parsed.document,
        ),
      );
      return ok(undefined, scenario);
    },
  };
  const get: CommandSpec = {
    service: 'iam',
    name: `get-${kind.kind}-policy`,
    operation: `Get${kind.title}Policy`,
    summary: `Shows an inline policy of a ${kind.kind}.`,
    options: [kind.option, nameOption],
    action: `iam:Get${kind.title}Policy`,
    resources: kind.resources,
    run(ctx) {
      const entity = kind.lookup(ctx, entityName(ctx, kind));
      if ('error' in entity) return entity.error;
      const policyName = str(ctx.args, 'policy-name');
      const document = entity.inline?.[policyName];
      if (document === undefined) return notFound(policyName);
      return ok({
        [`${kind.title}Name`]: entity.name,
        PolicyName: policyName,
        PolicyDocument: asJson(document),
      });
    },
  };
  const remove: CommandSpec = {
    service: 'iam',
    name: `delete-${kind.kind}-policy`,
    operation: `Delete${kind.title}Policy`,
    summary: `Deletes an inline policy of a ${kind.kind}.`,
    options: [kind.option, nameOption],
    action: `iam:Delete${kind.title}Policy`,
    resources: kind.resources,
    run(ctx) {
      const entity = kind.lookup(ctx, entityName(ctx, kind));
      if ('error' in entity) return entity.error;
      const policyName = str(ctx.args, 'policy-name');
      if (entity.inline?.[policyName] === undefined) return notFound(policyName);
      const scenario = applyEdit(ctx.scenario, (doc) =>
        deleteInlinePolicy(doc, ctx.account, kind.collection, entity.name, policyName),
      );
      return ok(undefined, scenario);
    },
  };
  const listInline: CommandSpec = {
    service: 'iam',
    name: `list-${kind.kind}-policies`,
    operation: `List${kind.title}Policies`,
    summary: `Lists the names of a ${kind.kind}'s inline policies.`,
    options: [kind.option],
    action: `iam:List${kind.title}Policies`,
    resources: kind.resources,
    run(ctx) {
      const entity = kind.lookup(ctx, entityName(ctx, kind));
      if ('error' in entity) return entity.error;
      return ok({ PolicyNames: Object.keys(entity.inline ?? {}) });
    },
  };
  return [put, get, remove, listInline];
}

/** Users and roles have permissions boundaries; groups do not. */
function boundaryCommands(kind: EntityKind & { collection: 'users' | 'roles' }): CommandSpec[] {
  const collection = kind.collection;
  const put: CommandSpec = {
    service: 'iam',
    name: `put-${kind.kind}-permissions-boundary`,
    operation: `Put${kind.title}PermissionsBoundary`,
    summary: `Sets the permissions boundary of a ${kind.kind}: the most its identity policies can grant.`,
    options: [
      kind.option,
      {
        name: 'permissions-boundary',
        type: 'string',
        required: true,
        help: 'The ARN of the managed policy.',
        complete: 'policy-arn',
      },
    ],
    action: `iam:Put${kind.title}PermissionsBoundary`,
    resources: kind.resources,
    run(ctx) {
      const entity = kind.lookup(ctx, entityName(ctx, kind));
      if ('error' in entity) return entity.error;
      const arn = str(ctx.args, 'permissions-boundary');
      if (!lookupPolicyArn(ctx, arn)) return notAttachable(arn);
      const scenario = applyEdit(ctx.scenario, (doc) =>
        setBoundary(doc, ctx.account, collection, entity.name, arnToReference(ctx.account, arn)),
      );
      return ok(undefined, scenario);
    },
  };
  const remove: CommandSpec = {
    service: 'iam',
    name: `delete-${kind.kind}-permissions-boundary`,
    operation: `Delete${kind.title}PermissionsBoundary`,
    summary: `Removes the permissions boundary of a ${kind.kind}.`,
    options: [kind.option],
    action: `iam:Delete${kind.title}PermissionsBoundary`,
    resources: kind.resources,
    run(ctx) {
      const entity = kind.lookup(ctx, entityName(ctx, kind));
      if ('error' in entity) return entity.error;
      if (!entity.boundary) return ok(); // Nothing to remove: nothing changes.
      const scenario = applyEdit(ctx.scenario, (doc) =>
        setBoundary(doc, ctx.account, collection, entity.name, null),
      );
      return ok(undefined, scenario);
    },
  };
  return [put, remove];
}

/** Lists what a reference in the world points at (used by completion of policy ARNs). */
export function policyArnsOf(scenario: Scenario, account: string): string[] {
  return Object.keys(scenario.accounts?.[account]?.policies ?? {}).map((name) =>
    policyArn(account, name),
  );
}

export const policyCommands: CommandSpec[] = [
  createPolicy,
  getPolicy,
  getPolicyVersion,
  listPolicies,
  deletePolicy,
  ...attachCommands(userKind),
  ...attachCommands(groupKind),
  ...attachCommands(roleKind),
  ...inlineCommands(userKind),
  ...inlineCommands(groupKind),
  ...inlineCommands(roleKind),
  ...boundaryCommands(userKind),
  ...boundaryCommands(roleKind),
];
