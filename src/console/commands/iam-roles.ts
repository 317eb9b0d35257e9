/**
 * aws iam: roles (trust policies, tags) and instance profiles. What roles share with users
 * (list-roles, the tag commands, most of create-role and delete-role) comes from identities.ts.
 */
import type { Json } from '../../engine/index';
import { uniqueId } from '../ids';
import type { CommandContext, CommandSpec, OptionSpec, Outcome } from '../spec';
import { fail, ok, str } from '../spec';
import type { WorldInstanceProfile, WorldRole } from '../world';
import {
  addInstanceProfile,
  deleteInstanceProfile as deleteInstanceProfileEdit,
  setMaxSessionDuration,
  setProfileRole,
  setTrustPolicy,
} from '../../model/index';
import {
  asJson,
  applyEdit,
  editAccount,
  instanceProfileArn,
  normalizePath,
  roleArn,
} from '../world';
import {
  SIZE_QUOTA,
  accountOf,
  alreadyExists,
  checkName,
  createdAt,
  deleteConflict,
  findName,
  limitExceeded,
  lookupEntity,
  noSuchEntity,
  parsePolicyDocument,
  policiesLeft,
  withCreated,
} from './common';
import type { IdentityKind } from './identities';
import {
  createIdentity,
  checkNewIdentity,
  identityJson,
  identityResource,
  listIdentities,
  lookupIdentity,
  removeIdentity,
  tagCommands,
  tagsOption,
  boundaryOption,
} from './identities';

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
  const out = identityJson(ctx, roleKind, name, role, full, {
    AssumeRolePolicyDocument: asJson(role.trust ?? null),
    MaxSessionDuration: role.maxSessionDuration ?? 3600,
  });
  if (full) out['RoleLastUsed'] = {};
  return out;
}

/** Roles for the commands users and roles share. */
const roleKind: IdentityKind<WorldRole> = {
  kind: 'role',
  title: 'Role',
  collection: 'roles',
  option: roleNameOption,
  arn: roleArn,
  json: roleJson,
  resources: roleResource,
  tagSummary:
    'Adds tags to a role (aws:PrincipalTag/KEY for its sessions, aws:ResourceTag/KEY when it is assumed).',
};

/** Finds a role of the current account, or the NoSuchEntity outcome AWS gives. */
export function lookupRole(
  ctx: CommandContext,
  given: string,
): { name: string; role: WorldRole } | { error: Outcome } {
  const found = lookupIdentity(ctx, roleKind, given);
  return 'error' in found ? found : { name: found.name, role: found.entity };
}

/** The ARN of the role named on the command line, path included when known. */
export function roleResource(ctx: CommandContext): string[] {
  return identityResource(ctx, roleKind, str(ctx.args, 'role-name'));
}

function profileResource(ctx: CommandContext): string[] {
  return [instanceProfileArn(ctx.account, str(ctx.args, 'instance-profile-name'))];
}

/** create-role's and update-role's `--description` (up to 1000 characters). */
const descriptionOption: OptionSpec = {
  name: 'description',
  type: 'string',
  help: 'Up to 1000 characters; accepted, not kept: the scenario format has no role description.',
};

/** create-role's and update-role's `--max-session-duration`. */
const maxSessionDurationOption: OptionSpec = {
  name: 'max-session-duration',
  type: 'integer',
  help: "3600 to 43200 seconds (default 3600, which update-role applies when it is left out): the longest session AssumeRole may ask for (kept as the role's maxSessionDuration).",
};

/** `--max-session-duration`: AWS's ValidationError outside 3600–43200 seconds (UpdateRole, CreateRole). */
function checkMaxSessionDuration(max: unknown): Outcome | undefined {
  if (max === undefined || (typeof max === 'number' && max >= 3600 && max <= 43200))
    return undefined;
  return fail(
    'ValidationError',
    `1 validation error detected: Value '${String(max)}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value ${typeof max === 'number' && max < 3600 ? 'greater than or equal to 3600' : 'less than or equal to 43200'}`,
  );
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
    descriptionOption,
    maxSessionDurationOption,
    boundaryOption,
    tagsOption,
  ],
  action: 'iam:CreateRole',
  resources: roleResource,
  run(ctx) {
    const given = str(ctx.args, 'role-name');
    const invalid = checkNewIdentity(ctx, roleKind, given);
    if (invalid) return invalid;
    const trust = parsePolicyDocument(
      str(ctx.args, 'assume-role-policy-document'),
      'trust',
      SIZE_QUOTA.trust,
    );
    if ('error' in trust) return trust.error;
    const max = ctx.args['max-session-duration'];
    const badMax = checkMaxSessionDuration(max);
    if (badMax) return badMax;
    const added = createIdentity(ctx, roleKind, given, {
      trust: trust.document,
      ...(typeof max === 'number' ? { maxSessionDuration: max } : {}),
    });
    if ('error' in added) return added.error;
    const { record, scenario, state } = added;
    const shown = roleJson({ ...ctx, state }, given, record, false) as { [key: string]: Json };
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
    const conflict = policiesLeft(found.role);
    if (conflict) return conflict;
    return ok(undefined, removeIdentity(ctx, roleKind, found.name));
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
    const scenario = applyEdit(ctx.scenario, (doc) =>
      setTrustPolicy(doc, ctx.account, found.name, trust.document),
    );
    return ok(undefined, scenario);
  },
};

/**
 * UpdateRole: the description (accepted, not kept: the format has none) and the maximum session
 * duration, kept as `maxSessionDuration` (3600, AWS's default, is written as no field). Left out,
 * the duration goes back to one hour, as the IAM API Reference's UpdateRole says of
 * `MaxSessionDuration`: "If you do not specify a value for this setting, the default value of
 * one hour is applied." A service-linked role (path /aws-service-role/) is AWS's to change.
 */
const updateRole: CommandSpec = {
  service: 'iam',
  name: 'update-role',
  operation: 'UpdateRole',
  summary: "Changes a role's description or maximum session duration.",
  options: [roleNameOption, descriptionOption, maxSessionDurationOption],
  action: 'iam:UpdateRole',
  resources: roleResource,
  run(ctx) {
    const found = lookupRole(ctx, str(ctx.args, 'role-name'));
    if ('error' in found) return found.error;
    const description = ctx.args['description'];
    if (typeof description === 'string' && description.length > 1000)
      return fail(
        'ValidationError',
        `1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000`,
      );
    const max = ctx.args['max-session-duration'];
    const badMax = checkMaxSessionDuration(max);
    if (badMax) return badMax;
    if ((found.role.path ?? '').startsWith('/aws-service-role/'))
      return fail(
        'UnmodifiableEntity',
        `Cannot perform the operation on the protected role '${found.name}' - this role is only modifiable by AWS`,
      );
    // Left out, "the default value of one hour is applied" (UpdateRole, MaxSessionDuration).
    const seconds = typeof max === 'number' ? max : 3600;
    const scenario = applyEdit(ctx.scenario, (doc) =>
      setMaxSessionDuration(doc, ctx.account, found.name, seconds),
    );
    return ok(undefined, scenario);
  },
};

/** AWS's InstanceProfile shape, with its role. */
export function profileJson(ctx: CommandContext, name: string): Json {
  const arn = instanceProfileArn(ctx.account, name);
  // `role: null` and no `role` both mean an empty profile.
  const profile = accountOf(ctx).instanceProfiles?.[name];
  const roleName = profile?.role ?? undefined;
  const role = roleName === undefined ? undefined : accountOf(ctx).roles?.[roleName];
  return {
    Path: normalizePath(profile?.path),
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
  const message = `Instance Profile ${given} cannot be found.`;
  const found = lookupEntity(accountOf(ctx).instanceProfiles, given, message);
  return 'error' in found ? found : { name: found.name, profile: found.entity };
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
    const scenario = editAccount(ctx.scenario, ctx.account, (doc) =>
      addInstanceProfile(doc, ctx.account, given),
    );
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
    const scenario = applyEdit(ctx.scenario, (doc) =>
      setProfileRole(doc, ctx.account, found.name, role.name),
    );
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
    const scenario = applyEdit(ctx.scenario, (doc) =>
      setProfileRole(doc, ctx.account, found.name, null),
    );
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
    const scenario = applyEdit(ctx.scenario, (doc) =>
      deleteInstanceProfileEdit(doc, ctx.account, found.name),
    );
    return ok(undefined, scenario);
  },
};

export const roleCommands: CommandSpec[] = [
  createRole,
  getRole,
  listIdentities(roleKind),
  deleteRole,
  updateAssumeRolePolicy,
  updateRole,
  ...tagCommands(roleKind),
  createInstanceProfile,
  getInstanceProfile,
  addRoleToInstanceProfile,
  removeRoleFromInstanceProfile,
  listInstanceProfiles,
  listInstanceProfilesForRole,
  deleteInstanceProfile,
];
