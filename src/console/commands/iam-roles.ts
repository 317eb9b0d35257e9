/**
 * aws iam: roles (trust policies, tags) and instance profiles.
 */
import type { Json } from '../../engine/types';
import { uniqueId } from '../ids';
import type { CommandContext, CommandSpec, OptionSpec, Outcome } from '../spec';
import { fail, list, ok, optStr, str } from '../spec';
import type { WorldInstanceProfile, WorldRole } from '../world';
import {
  arnToReference,
  asJson,
  draftAccount,
  editScenario,
  instanceProfileArn,
  normalizePath,
  referenceToArn,
  roleArn,
  tagList,
} from '../world';
import {
  SIZE_QUOTA,
  accountOf,
  alreadyExists,
  checkName,
  checkPath,
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
import { tagsFromArgs, tagsOption } from './iam-users';

const roleNameOption: OptionSpec = {
  name: 'role-name',
  type: 'string',
  required: true,
  help: 'The name of the role.',
  complete: 'role',
};
const profileNameOption: OptionSpec = {
  name: 'instance-profile-name',
  type: 'string',
  required: true,
  help: 'The name of the instance profile.',
  complete: 'instance-profile',
};

/** AWS's Role shape. `full` adds what GetRole shows beyond ListRoles. */
export function roleJson(ctx: CommandContext, name: string, role: WorldRole, full: boolean): Json {
  const arn = roleArn(ctx.account, name, role.path);
  const out: { [key: string]: Json } = {
    Path: normalizePath(role.path),
    RoleName: name,
    RoleId: uniqueId('role', arn),
    Arn: arn,
    CreateDate: createdAt(ctx.state, arn),
    AssumeRolePolicyDocument: asJson(role.trust ?? null),
    MaxSessionDuration: 3600,
  };
  if (full && role.boundary) {
    out['PermissionsBoundary'] = {
      PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
      PermissionsBoundaryArn: referenceToArn(ctx.account, role.boundary),
    };
  }
  if (full && role.tags && Object.keys(role.tags).length > 0) out['Tags'] = tagList(role.tags);
  if (full) out['RoleLastUsed'] = {};
  return out;
}

export function lookupRole(
  ctx: CommandContext,
  given: string,
): { name: string; role: WorldRole } | { error: Outcome } {
  const name = findName(accountOf(ctx).roles, given);
  if (name === undefined)
    return { error: noSuchEntity(`The role with name ${given} cannot be found.`) };
  return { name, role: accountOf(ctx).roles![name]! };
}

export function roleResource(ctx: CommandContext): string[] {
  const given = str(ctx.args, 'role-name');
  const name = findName(accountOf(ctx).roles, given);
  const path = name ? accountOf(ctx).roles![name]!.path : optStr(ctx.args, 'path');
  return [roleArn(ctx.account, name ?? given, path)];
}

function profileResource(ctx: CommandContext): string[] {
  return [instanceProfileArn(ctx.account, str(ctx.args, 'instance-profile-name'))];
}

const createRole: CommandSpec = {
  service: 'iam',
  name: 'create-role',
  operation: 'CreateRole',
  summary: 'Creates a role with a trust policy that says who may assume it.',
  options: [
    { ...roleNameOption, complete: undefined },
    {
      name: 'assume-role-policy-document',
      type: 'document',
      required: true,
      help: 'The trust policy: inline JSON or file://NAME.',
      complete: 'document-file',
    },
    {
      name: 'path',
      type: 'string',
      help: 'The path for the role, e.g. /service-role/ (default /).',
    },
    {
      name: 'description',
      type: 'string',
      help: 'Accepted, not kept: the scenario format has no role description.',
    },
    {
      name: 'max-session-duration',
      type: 'integer',
      help: 'Accepted, not kept: sessions in the playground do not expire.',
    },
    {
      name: 'permissions-boundary',
      type: 'string',
      help: 'The ARN of the managed policy that sets the boundary.',
      complete: 'policy-arn',
    },
    tagsOption,
  ],
  action: 'iam:CreateRole',
  resources: roleResource,
  run(ctx) {
    const given = str(ctx.args, 'role-name');
    const invalid = checkName(given, 'roleName', 64) ?? checkPath(optStr(ctx.args, 'path'));
    if (invalid) return invalid;
    const existing = findName(accountOf(ctx).roles, given);
    if (existing !== undefined) return alreadyExists(`Role with name ${existing} already exists.`);
    const trust = parsePolicyDocument(
      str(ctx.args, 'assume-role-policy-document'),
      'trust',
      SIZE_QUOTA.trust,
    );
    if ('error' in trust) return trust.error;
    const tags = tagsFromArgs(ctx.args['tags']);
    if ('error' in tags) return fail('InvalidInput', tags.error);
    const role: WorldRole = { trust: trust.document };
    const path = optStr(ctx.args, 'path');
    if (path && path !== '/') role.path = path;
    const boundary = optStr(ctx.args, 'permissions-boundary');
    if (boundary !== undefined) {
      if (!lookupPolicyArn(ctx, boundary)) return notAttachable(boundary);
      role.boundary = arnToReference(ctx.account, boundary);
    }
    if (Object.keys(tags.tags).length > 0) role.tags = tags.tags;
    const scenario = editScenario(ctx.scenario, (draft) => {
      const account = draftAccount(draft, ctx.account);
      account.roles ??= {};
      account.roles[given] = role;
    });
    const state = withCreated(ctx.state, roleArn(ctx.account, given, role.path), ctx.deps.now());
    const shown = roleJson({ ...ctx, state }, given, role, false) as { [key: string]: Json };
    delete shown['MaxSessionDuration']; // CreateRole's response leaves it out.
    return ok({ Role: shown }, scenario, state);
  },
};

const getRole: CommandSpec = {
  service: 'iam',
  name: 'get-role',
  operation: 'GetRole',
  summary: 'Shows a role with its trust policy, boundary and tags.',
  options: [roleNameOption],
  action: 'iam:GetRole',
  resources: roleResource,
  run(ctx) {
    const found = lookupRole(ctx, str(ctx.args, 'role-name'));
    if ('error' in found) return found.error;
    return ok({ Role: roleJson(ctx, found.name, found.role, true) });
  },
};

const listRoles: CommandSpec = {
  service: 'iam',
  name: 'list-roles',
  operation: 'ListRoles',
  summary: 'Lists the roles of the current account.',
  options: [
    { name: 'path-prefix', type: 'string', help: 'Only roles whose path starts with this prefix.' },
  ],
  action: 'iam:ListRoles',
  run(ctx) {
    const prefix = optStr(ctx.args, 'path-prefix') ?? '/';
    const roles = Object.entries(accountOf(ctx).roles ?? {})
      .filter(([, role]) => normalizePath(role.path).startsWith(prefix))
      .map(([name, role]) => roleJson(ctx, name, role, false));
    return ok({ Roles: roles });
  },
};

/** Instance profiles of the current account that hold a role. */
function profilesWithRole(ctx: CommandContext, role: string): string[] {
  return Object.entries(accountOf(ctx).instanceProfiles ?? {})
    .filter(([, profile]) => profile.role === role)
    .map(([name]) => name);
}

const deleteRole: CommandSpec = {
  service: 'iam',
  name: 'delete-role',
  operation: 'DeleteRole',
  summary: 'Deletes a role that is in no instance profile and has no policies left.',
  options: [roleNameOption],
  action: 'iam:DeleteRole',
  resources: roleResource,
  run(ctx) {
    const found = lookupRole(ctx, str(ctx.args, 'role-name'));
    if ('error' in found) return found.error;
    if (profilesWithRole(ctx, found.name).length > 0) {
      return deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
    }
    if (Object.keys(found.role.inline ?? {}).length > 0)
      return deleteConflict('Cannot delete entity, must delete policies first.');
    if ((found.role.policies ?? []).length > 0)
      return deleteConflict('Cannot delete entity, must detach all policies first.');
    const scenario = editScenario(ctx.scenario, (draft) => {
      delete draftAccount(draft, ctx.account).roles![found.name];
    });
    return ok(undefined, scenario);
  },
};

const updateAssumeRolePolicy: CommandSpec = {
  service: 'iam',
  name: 'update-assume-role-policy',
  operation: 'UpdateAssumeRolePolicy',
  summary: "Replaces a role's trust policy.",
  options: [
    roleNameOption,
    {
      name: 'policy-document',
      type: 'document',
      required: true,
      help: 'The trust policy: inline JSON or file://NAME.',
      complete: 'document-file',
    },
  ],
  action: 'iam:UpdateAssumeRolePolicy',
  resources: roleResource,
  run(ctx) {
    const found = lookupRole(ctx, str(ctx.args, 'role-name'));
    if ('error' in found) return found.error;
    const trust = parsePolicyDocument(str(ctx.args, 'policy-document'), 'trust', SIZE_QUOTA.trust);
    if ('error' in trust) return trust.error;
    const scenario = editScenario(ctx.scenario, (draft) => {
      draftAccount(draft, ctx.account).roles![found.name]!.trust = trust.document;
    });
    return ok(undefined, scenario);
  },
};

const tagRole: CommandSpec = {
  service: 'iam',
  name: 'tag-role',
  operation: 'TagRole',
  summary:
    'Adds tags to a role (aws:PrincipalTag/KEY for its sessions, aws:ResourceTag/KEY when it is assumed).',
  options: [roleNameOption, { ...tagsOption, required: true }],
  action: 'iam:TagRole',
  resources: roleResource,
  run(ctx) {
    const found = lookupRole(ctx, str(ctx.args, 'role-name'));
    if ('error' in found) return found.error;
    const tags = tagsFromArgs(ctx.args['tags']);
    if ('error' in tags) return fail('InvalidInput', tags.error);
    const merged = { ...(found.role.tags ?? {}), ...tags.tags };
    if (Object.keys(merged).length > 50)
      return limitExceeded('Cannot exceed quota for TagsPerRole: 50');
    const scenario = editScenario(ctx.scenario, (draft) => {
      draftAccount(draft, ctx.account).roles![found.name]!.tags = merged;
    });
    return ok(undefined, scenario);
  },
};

const untagRole: CommandSpec = {
  service: 'iam',
  name: 'untag-role',
  operation: 'UntagRole',
  summary: 'Removes tags from a role.',
  options: [
    roleNameOption,
    {
      name: 'tag-keys',
      type: 'string-list',
      required: true,
      help: 'The keys of the tags to remove.',
    },
  ],
  action: 'iam:UntagRole',
  resources: roleResource,
  run(ctx) {
    const found = lookupRole(ctx, str(ctx.args, 'role-name'));
    if ('error' in found) return found.error;
    const keys = list(ctx.args, 'tag-keys');
    const scenario = editScenario(ctx.scenario, (draft) => {
      const role = draftAccount(draft, ctx.account).roles![found.name]!;
      const tags = Object.fromEntries(
        Object.entries(role.tags ?? {}).filter(([k]) => !keys.includes(k)),
      );
      if (Object.keys(tags).length > 0) role.tags = tags;
      else delete role.tags;
    });
    return ok(undefined, scenario);
  },
};

const listRoleTags: CommandSpec = {
  service: 'iam',
  name: 'list-role-tags',
  operation: 'ListRoleTags',
  summary: 'Lists the tags of a role.',
  options: [roleNameOption],
  action: 'iam:ListRoleTags',
  resources: roleResource,
  run(ctx) {
    const found = lookupRole(ctx, str(ctx.args, 'role-name'));
    if ('error' in found) return found.error;
    return ok({ Tags: tagList(found.role.tags) });
  },
};

function profileJson(ctx: CommandContext, name: string): Json {
  const arn = instanceProfileArn(ctx.account, name);
  // `role: null` and no `role` both mean an empty profile.
  const roleName = accountOf(ctx).instanceProfiles?.[name]?.role ?? undefined;
  const role = roleName === undefined ? undefined : accountOf(ctx).roles?.[roleName];
  return {
    Path: '/',
    InstanceProfileName: name,
    InstanceProfileId: uniqueId('instanceProfile', arn),
    Arn: arn,
    CreateDate: createdAt(ctx.state, arn),
    Roles: roleName !== undefined && role ? [roleJson(ctx, roleName, role, false)] : [],
  };
}

function lookupProfile(
  ctx: CommandContext,
): { name: string; profile: WorldInstanceProfile } | { error: Outcome } {
  const given = str(ctx.args, 'instance-profile-name');
  const name = findName(accountOf(ctx).instanceProfiles, given);
  if (name === undefined)
    return { error: noSuchEntity(`Instance Profile ${given} cannot be found.`) };
  return { name, profile: accountOf(ctx).instanceProfiles![name]! };
}

const createInstanceProfile: CommandSpec = {
  service: 'iam',
  name: 'create-instance-profile',
  operation: 'CreateInstanceProfile',
  summary: 'Creates an empty instance profile (the container that hands a role to EC2).',
  options: [{ ...profileNameOption, complete: undefined }, tagsOption],
  action: 'iam:CreateInstanceProfile',
  resources: profileResource,
  run(ctx) {
    const given = str(ctx.args, 'instance-profile-name');
    const invalid = checkName(given, 'instanceProfileName', 128);
    if (invalid) return invalid;
    const existing = findName(accountOf(ctx).instanceProfiles, given);
    if (existing !== undefined)
      return alreadyExists(`Instance Profile ${existing} already exists.`);
    const scenario = editScenario(ctx.scenario, (draft) => {
      const account = draftAccount(draft, ctx.account);
      account.instanceProfiles ??= {};
      account.instanceProfiles[given] = {};
    });
    const state = withCreated(ctx.state, instanceProfileArn(ctx.account, given), ctx.deps.now());
    return ok(
      { InstanceProfile: profileJson({ ...ctx, scenario, state }, given) },
      scenario,
      state,
    );
  },
};

const getInstanceProfile: CommandSpec = {
  service: 'iam',
  name: 'get-instance-profile',
  operation: 'GetInstanceProfile',
  summary: 'Shows an instance profile and its role.',
  options: [profileNameOption],
  action: 'iam:GetInstanceProfile',
  resources: profileResource,
  run(ctx) {
    const found = lookupProfile(ctx);
    if ('error' in found) return found.error;
    return ok({ InstanceProfile: profileJson(ctx, found.name) });
  },
};

const addRoleToInstanceProfile: CommandSpec = {
  service: 'iam',
  name: 'add-role-to-instance-profile',
  operation: 'AddRoleToInstanceProfile',
  summary: 'Puts a role in an instance profile (a profile holds at most one role).',
  options: [profileNameOption, roleNameOption],
  action: 'iam:AddRoleToInstanceProfile',
  resources: profileResource,
  run(ctx) {
    const found = lookupProfile(ctx);
    if ('error' in found) return found.error;
    const role = lookupRole(ctx, str(ctx.args, 'role-name'));
    if ('error' in role) return role.error;
    if (typeof found.profile.role === 'string') {
      return limitExceeded('Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1');
    }
    const scenario = editScenario(ctx.scenario, (draft) => {
      draftAccount(draft, ctx.account).instanceProfiles![found.name]!.role = role.name;
    });
    return ok(undefined, scenario);
  },
};

const removeRoleFromInstanceProfile: CommandSpec = {
  service: 'iam',
  name: 'remove-role-from-instance-profile',
  operation: 'RemoveRoleFromInstanceProfile',
  summary: 'Takes the role out of an instance profile.',
  options: [profileNameOption, roleNameOption],
  action: 'iam:RemoveRoleFromInstanceProfile',
  resources: profileResource,
  run(ctx) {
    const found = lookupProfile(ctx);
    if ('error' in found) return found.error;
    const given = str(ctx.args, 'role-name');
    if (
      typeof found.profile.role !== 'string' ||
      found.profile.role.toLowerCase() !== given.toLowerCase()
    ) {
      return noSuchEntity(`The role with name ${given} cannot be found.`);
    }
    const scenario = editScenario(ctx.scenario, (draft) => {
      delete draftAccount(draft, ctx.account).instanceProfiles![found.name]!.role;
    });
    return ok(undefined, scenario);
  },
};

const listInstanceProfiles: CommandSpec = {
  service: 'iam',
  name: 'list-instance-profiles',
  operation: 'ListInstanceProfiles',
  summary: 'Lists the instance profiles of the current account with their roles.',
  options: [],
  action: 'iam:ListInstanceProfiles',
  run(ctx) {
    return ok({
      InstanceProfiles: Object.keys(accountOf(ctx).instanceProfiles ?? {}).map((n) =>
        profileJson(ctx, n),
      ),
    });
  },
};

const listInstanceProfilesForRole: CommandSpec = {
  service: 'iam',
  name: 'list-instance-profiles-for-role',
  operation: 'ListInstanceProfilesForRole',
  summary: 'Lists the instance profiles that hold a role.',
  options: [roleNameOption],
  action: 'iam:ListInstanceProfilesForRole',
  resources: roleResource,
  run(ctx) {
    const role = lookupRole(ctx, str(ctx.args, 'role-name'));
    if ('error' in role) return role.error;
    return ok({
      InstanceProfiles: profilesWithRole(ctx, role.name).map((n) => profileJson(ctx, n)),
    });
  },
};

const deleteInstanceProfile: CommandSpec = {
  service: 'iam',
  name: 'delete-instance-profile',
  operation: 'DeleteInstanceProfile',
  summary: 'Deletes an empty instance profile.',
  options: [profileNameOption],
  action: 'iam:DeleteInstanceProfile',
  resources: profileResource,
  run(ctx) {
    const found = lookupProfile(ctx);
    if ('error' in found) return found.error;
    if (typeof found.profile.role === 'string') {
      return deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
    }
    const scenario = editScenario(ctx.scenario, (draft) => {
      delete draftAccount(draft, ctx.account).instanceProfiles![found.name];
    });
    return ok(undefined, scenario);
  },
};

export const roleCommands: CommandSpec[] = [
  createRole,
  getRole,
  listRoles,
  deleteRole,
  updateAssumeRolePolicy,
  tagRole,
  untagRole,
  listRoleTags,
  createInstanceProfile,
  getInstanceProfile,
  addRoleToInstanceProfile,
  removeRoleFromInstanceProfile,
  listInstanceProfiles,
  listInstanceProfilesForRole,
  deleteInstanceProfile,
];
