/**
 * aws iam: users, groups and memberships, user tags, access keys and the account alias. What
 * users share with roles (list-users, the tag commands, most of create-user and delete-user)
 * comes from identities.ts.
 */
import type { Json } from '../../engine/index';
import { uniqueId } from '../ids';
import type { CommandContext, CommandSpec, OptionSpec, Outcome } from '../spec';
import { fail, ok, optStr, str } from '../spec';
import type { WorldGroup, WorldUser } from '../world';
import { applyEdit, editAccount, groupArn, userArn } from '../world';
import {
  addIdentity,
  deleteIdentity,
  renameAccount,
  renameIdentity,
  setGroupMembership,
  setIdentityPath,
} from '../../model/index';
import {
  GROUPS_PER_USER,
  accountOf,
  alreadyExists,
  checkName,
  checkPath,
  createdAt,
  credentialsLeft,
  deleteConflict,
  findName,
  limitExceeded,
  lookupEntity,
  noSuchEntity,
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

const userNameOption: OptionSpec = {
  name: 'user-name',
  type: 'string',
  required: true,
  help: 'The name of the user.',
  complete: 'user',
};
const groupNameOption: OptionSpec = {
  name: 'group-name',
  type: 'string',
  required: true,
  help: 'The name of the group.',
  complete: 'group',
};

/** AWS's User shape. `full` adds what GetUser shows beyond ListUsers (boundary, tags). */
export function userJson(ctx: CommandContext, name: string, user: WorldUser, full: boolean): Json {
  return identityJson(ctx, userKind, name, user, full);
}

function groupJson(ctx: CommandContext, name: string): Json {
  const arn = groupArn(ctx.account, name);
  return {
    Path: '/',
    GroupName: name,
    GroupId: uniqueId('group', arn),
    Arn: arn,
    CreateDate: createdAt(ctx.state, arn),
  };
}

/** Users for the commands users and roles share. */
const userKind: IdentityKind<WorldUser> = {
  kind: 'user',
  title: 'User',
  collection: 'users',
  option: userNameOption,
  arn: userArn,
  json: userJson,
  resources: (ctx) => userResource(ctx),
  tagSummary: 'Adds tags to a user (they feed aws:PrincipalTag/KEY).',
};

/** Finds a user of the current account, or the NoSuchEntity outcome AWS gives. */
export function lookupUser(
  ctx: CommandContext,
  given: string,
): { name: string; user: WorldUser } | { error: Outcome } {
  const found = lookupIdentity(ctx, userKind, given);
  return 'error' in found ? found : { name: found.name, user: found.entity };
}

export function lookupGroup(
  ctx: CommandContext,
  given: string,
): { name: string; group: WorldGroup } | { error: Outcome } {
  const message = `The group with name ${given} cannot be found.`;
  const found = lookupEntity(accountOf(ctx).groups, given, message);
  return 'error' in found ? found : { name: found.name, group: found.entity };
}

/** The ARN of a user named on the command line (the resource of user actions), path included when known. */
export function userResource(ctx: CommandContext, option = 'user-name'): string[] {
  return identityResource(ctx, userKind, optStr(ctx.args, option) ?? ctx.caller.userName ?? '');
}

export function groupResource(ctx: CommandContext): string[] {
  return [groupArn(ctx.account, str(ctx.args, 'group-name'))];
}

const createUser: CommandSpec = {
  service: 'iam',
  name: 'create-user',
  operation: 'CreateUser',
  summary: 'Creates a new IAM user in the current account.',
  options: [
    { ...userNameOption, complete: undefined },
    {
      name: 'path',
      type: 'string',
      help: 'The path for the user name, e.g. /engineering/ (default /).',
    },
    boundaryOption,
    tagsOption,
  ],
  action: 'iam:CreateUser',
  resources: (ctx) => userResource(ctx),
  run(ctx) {
    const given = str(ctx.args, 'user-name');
    const invalid = checkNewIdentity(ctx, userKind, given);
    if (invalid) return invalid;
    const added = createIdentity(ctx, userKind, given, {});
    if ('error' in added) return added.error;
    const { record, scenario, state } = added;
    return ok({ User: userJson({ ...ctx, state }, given, record, true) }, scenario, state);
  },
};

const getUser: CommandSpec = {
  service: 'iam',
  name: 'get-user',
  operation: 'GetUser',
  summary: 'Shows a user: its path, unique id, ARN, boundary and tags.',
  options: [
    {
      ...userNameOption,
      required: false,
      help: 'The name of the user (default: the caller, when it is a user).',
    },
  ],
  action: 'iam:GetUser',
  resources: (ctx) => userResource(ctx),
  run(ctx) {
    const given = optStr(ctx.args, 'user-name') ?? ctx.caller.userName;
    if (given === undefined) {
      return fail(
        'ValidationError',
        'Must specify userName when calling with non-User credentials',
      );
    }
    const found = lookupUser(ctx, given);
    if ('error' in found) return found.error;
    return ok({ User: userJson(ctx, found.name, found.user, true) });
  },
};

const deleteUser: CommandSpec = {
  service: 'iam',
  name: 'delete-user',
  operation: 'DeleteUser',
  summary: 'Deletes a user that has no policies, access keys or group memberships left.',
  options: [userNameOption],
  action: 'iam:DeleteUser',
  resources: (ctx) => userResource(ctx),
  run(ctx) {
    const found = lookupUser(ctx, str(ctx.args, 'user-name'));
    if ('error' in found) return found.error;
    const { name, user } = found;
    // The order of AWS's checks: credentials, then inline policies, then attached policies, then groups.
    const conflict = credentialsLeft(user) ?? policiesLeft(user);
    if (conflict) return conflict;
    if ((user.groups ?? []).length > 0)
      return deleteConflict('Cannot delete entity, must remove users from group first.');
    return ok(undefined, removeIdentity(ctx, userKind, name));
  },
};

/**
 * UpdateUser: a new name and/or path. The user keeps its unique id, policies, groups and
 * credentials; principals naming it follow, `Resource` elements do not ("Rename an IAM user").
 * The caller needs iam:UpdateUser on the user as it is and as it will be (update-user's
 * reference: "permission on both the source object and the target object").
 */
const updateUser: CommandSpec = {
  service: 'iam',
  name: 'update-user',
  operation: 'UpdateUser',
  summary: 'Renames a user and/or changes its path; its unique id, groups and policies stay.',
  options: [
    userNameOption,
    { name: 'new-user-name', type: 'string', help: 'The new name of the user.' },
    { name: 'new-path', type: 'string', help: 'The new path, e.g. /engineering/.' },
  ],
  action: 'iam:UpdateUser',
  resources(ctx) {
    const [from] = userResource(ctx);
    const user = findName(accountOf(ctx).users, str(ctx.args, 'user-name'));
    const name = optStr(ctx.args, 'new-user-name') ?? user ?? str(ctx.args, 'user-name');
    const path =
      optStr(ctx.args, 'new-path') ?? (user ? accountOf(ctx).users?.[user]?.path : undefined);
    const to = userArn(ctx.account, name, path);
    return from === undefined || from === to ? [to] : [from, to];
  },
  run(ctx) {
    const found = lookupUser(ctx, str(ctx.args, 'user-name'));
    if ('error' in found) return found.error;
    const newName = optStr(ctx.args, 'new-user-name');
    const newPath = optStr(ctx.args, 'new-path');
    const invalid =
      (newName === undefined ? undefined : checkName(newName, 'newUserName', 64)) ??
      checkPath(newPath);
    if (invalid) return invalid;
    const { name } = found;
    if (newName !== undefined && newName !== name) {
      const existing = findName(accountOf(ctx).users, newName);
      if (existing !== undefined && existing !== name)
        return alreadyExists(`User with name ${existing} already exists.`);
    }
    const finalName = newName ?? name;
    const scenario = applyEdit(ctx.scenario, (doc) => {
      let next = doc;
      if (newPath !== undefined) next = setIdentityPath(next, ctx.account, 'users', name, newPath);
      if (finalName !== name) next = renameIdentity(next, ctx.account, 'users', name, finalName);
      return next;
    });
    return ok(undefined, scenario, movedUser(ctx, name, finalName, newPath ?? found.user.path));
  },
};

/** The console's state after user `from` became `to` (with `path`): its creation date and profile follow. */
function movedUser(
  ctx: CommandContext,
  from: string,
  to: string,
  path: string | undefined,
): CommandContext['state'] {
  const oldArn = userArn(ctx.account, from, accountOf(ctx).users?.[from]?.path);
  const newArn = userArn(ctx.account, to, path === '/' ? undefined : path);
  const { [oldArn]: date, ...created } = ctx.state.created;
  const state = {
    ...ctx.state,
    created: date === undefined ? created : { ...created, [newArn]: date },
  };
  // Credentials belong to the user, not its name: a profile of the renamed user still works.
  return ctx.state.account === ctx.account && ctx.state.user === from
    ? { ...state, user: to }
    : state;
}

const createGroup: CommandSpec = {
  service: 'iam',
  name: 'create-group',
  operation: 'CreateGroup',
  summary: 'Creates a group (groups are not principals: they carry policies for their users).',
  options: [{ ...groupNameOption, complete: undefined }],
  action: 'iam:CreateGroup',
  resources: groupResource,
  run(ctx) {
    const given = str(ctx.args, 'group-name');
    const invalid = checkName(given, 'groupName', 128);
    if (invalid) return invalid;
    const existing = findName(accountOf(ctx).groups, given);
    if (existing !== undefined) return alreadyExists(`Group with name ${existing} already exists.`);
    const scenario = editAccount(ctx.scenario, ctx.account, (doc) =>
      addIdentity(doc, ctx.account, 'groups', given, {}),
    );
    const state = withCreated(ctx.state, groupArn(ctx.account, given), ctx.deps.now());
    return ok({ Group: groupJson({ ...ctx, state }, given) }, scenario, state);
  },
};

/** The users of the current account that belong to a group, in document order. */
function membersOf(ctx: CommandContext, group: string): [string, WorldUser][] {
  return Object.entries(accountOf(ctx).users ?? {}).filter(([, user]) =>
    (user.groups ?? []).includes(group),
  );
}

const getGroup: CommandSpec = {
  service: 'iam',
  name: 'get-group',
  operation: 'GetGroup',
  summary: 'Shows a group and its users.',
  options: [groupNameOption],
  action: 'iam:GetGroup',
  resources: groupResource,
  run(ctx) {
    const found = lookupGroup(ctx, str(ctx.args, 'group-name'));
    if ('error' in found) return found.error;
    const users = membersOf(ctx, found.name).map(([name, user]) =>
      userJson(ctx, name, user, false),
    );
    return ok({ Users: users, Group: groupJson(ctx, found.name) });
  },
};

const listGroups: CommandSpec = {
  service: 'iam',
  name: 'list-groups',
  operation: 'ListGroups',
  summary: 'Lists the groups of the current account.',
  options: [],
  action: 'iam:ListGroups',
  run(ctx) {
    return ok({
      Groups: Object.keys(accountOf(ctx).groups ?? {}).map((name) => groupJson(ctx, name)),
    });
  },
};

const deleteGroup: CommandSpec = {
  service: 'iam',
  name: 'delete-group',
  operation: 'DeleteGroup',
  summary: 'Deletes a group that has no users and no policies left.',
  options: [groupNameOption],
  action: 'iam:DeleteGroup',
  resources: groupResource,
  run(ctx) {
    const found = lookupGroup(ctx, str(ctx.args, 'group-name'));
    if ('error' in found) return found.error;
    if (membersOf(ctx, found.name).length > 0)
      return deleteConflict('Cannot delete entity, must remove users from group first.');
    const conflict = policiesLeft(found.group);
    if (conflict) return conflict;
    const scenario = applyEdit(ctx.scenario, (doc) =>
      deleteIdentity(doc, ctx.account, 'groups', found.name),
    );
    return ok(undefined, scenario);
  },
};

/** The group of --group-name and the user of --user-name, or the error for the first missing. */
function groupAndUser(ctx: CommandContext) {
  const group = lookupGroup(ctx, str(ctx.args, 'group-name'));
  if ('error' in group) return group;
  const user = lookupUser(ctx, str(ctx.args, 'user-name'));
  if ('error' in user) return user;
  return { group, user };
}

const addUserToGroup: CommandSpec = {
  service: 'iam',
  name: 'add-user-to-group',
  operation: 'AddUserToGroup',
  summary: "Adds a user to a group: the group's policies become the user's.",
  options: [groupNameOption, userNameOption],
  action: 'iam:AddUserToGroup',
  resources: groupResource,
  run(ctx) {
    const found = groupAndUser(ctx);
    if ('error' in found) return found.error;
    const { group, user } = found;
    const groups = user.user.groups ?? [];
    if (groups.includes(group.name)) return ok(); // AWS accepts a repeated add and changes nothing.
    if (groups.length >= GROUPS_PER_USER)
      return limitExceeded(`Cannot exceed quota for GroupsPerUser: ${GROUPS_PER_USER}`);
    const scenario = applyEdit(ctx.scenario, (doc) =>
      setGroupMembership(doc, ctx.account, user.name, group.name, true),
    );
    return ok(undefined, scenario);
  },
};

const removeUserFromGroup: CommandSpec = {
  service: 'iam',
  name: 'remove-user-from-group',
  operation: 'RemoveUserFromGroup',
  summary: 'Removes a user from a group.',
  options: [groupNameOption, userNameOption],
  action: 'iam:RemoveUserFromGroup',
  resources: groupResource,
  run(ctx) {
    const found = groupAndUser(ctx);
    if ('error' in found) return found.error;
    const { group, user } = found;
    if (!(user.user.groups ?? []).includes(group.name)) {
      return noSuchEntity(
        `The user with name ${user.name} cannot be found in group ${group.name}.`,
      );
    }
    const scenario = applyEdit(ctx.scenario, (doc) =>
      setGroupMembership(doc, ctx.account, user.name, group.name, false, false),
    );
    return ok(undefined, scenario);
  },
};

const listGroupsForUser: CommandSpec = {
  service: 'iam',
  name: 'list-groups-for-user',
  operation: 'ListGroupsForUser',
  summary: 'Lists the groups a user belongs to.',
  options: [userNameOption],
  action: 'iam:ListGroupsForUser',
  resources: (ctx) => userResource(ctx),
  run(ctx) {
    const user = lookupUser(ctx, str(ctx.args, 'user-name'));
    if ('error' in user) return user.error;
    // A group listed on the user but missing from the account is a scenario error the editors show; skip it here.
    const groups = (user.user.groups ?? [])
      .filter((g) => accountOf(ctx).groups?.[g])
      .map((g) => groupJson(ctx, g));
    return ok({ Groups: groups });
  },
};

const createAccountAlias: CommandSpec = {
  service: 'iam',
  name: 'create-account-alias',
  operation: 'CreateAccountAlias',
  summary: "Sets the account's alias (the scenario's account name).",
  options: [
    {
      name: 'account-alias',
      type: 'string',
      required: true,
      help: 'Lowercase letters, digits and hyphens.',
    },
  ],
  action: 'iam:CreateAccountAlias',
  run(ctx) {
    const alias = str(ctx.args, 'account-alias');
    if (!/^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$/.test(alias)) {
      return fail(
        'ValidationError',
        `1 validation error detected: Value '${alias}' at 'accountAlias' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$`,
      );
    }
    const taken = Object.entries(ctx.scenario.accounts ?? {}).some(
      ([id, a]) => id !== ctx.account && a.name === alias,
    );
    if (taken) return alreadyExists(`The account alias ${alias} already exists.`);
    const scenario = editAccount(ctx.scenario, ctx.account, (doc) =>
      renameAccount(doc, ctx.account, alias),
    );
    return ok(undefined, scenario);
  },
};

const listAccountAliases: CommandSpec = {
  service: 'iam',
  name: 'list-account-aliases',
  operation: 'ListAccountAliases',
  summary: "Shows the account's alias.",
  options: [],
  action: 'iam:ListAccountAliases',
  run(ctx) {
    const name = accountOf(ctx).name;
    return ok({ AccountAliases: name ? [name] : [] });
  },
};

export const userCommands: CommandSpec[] = [
  createUser,
  getUser,
  listIdentities(userKind),
  deleteUser,
  updateUser,
  ...tagCommands(userKind),
  createGroup,
  getGroup,
  listGroups,
  deleteGroup,
  addUserToGroup,
  removeUserFromGroup,
  listGroupsForUser,
  createAccountAlias,
  listAccountAliases,
];
