/**
 * aws iam: what users and roles, the IAM identities, share. The commands that work alike on both
 * (list-*, tag-*, untag-*, list-*-tags) and the steps create-* and delete-* share are made here
 * from a small description of each kind, as iam-policies.ts makes the attach and inline commands.
 */
import { identityUniqueId } from '../../model/index';
import type { Json } from '../../engine/index';
import { uniqueId } from '../ids';
import type { CommandContext, CommandSpec, OptionSpec, Outcome } from '../spec';
import { fail, list, ok, optStr, str } from '../spec';
import type { ConsoleState } from '../types';
import type { Scenario, WorldRole, WorldUser } from '../world';
import {
  applyEdit,
  arnToReference,
  editAccount,
  normalizePath,
  referenceToArn,
  tagList,
} from '../world';
import { addIdentity, deleteIdentity, setTags } from '../../model/index';
import {
  accountOf,
  alreadyExists,
  checkName,
  checkPath,
  createdAt,
  findName,
  limitExceeded,
  lookupEntity,
  lookupPolicyArn,
  notAttachable,
  withCreated,
} from './common';

/** `--permissions-boundary` of create-user and create-role, which createIdentity reads. */
export const boundaryOption: OptionSpec = {
  name: 'permissions-boundary',
  type: 'string',
  help: 'The ARN of the managed policy that sets the boundary.',
  complete: 'policy-arn',
};

export const tagsOption: OptionSpec = {
  name: 'tags',
  type: 'structure-list',
  help: 'Tags as Key=team,Value=web words or a JSON list of {"Key","Value"}.',
};

/** Tags from a parsed `--tags` value; `undefined` entries are dropped. */
export function tagsFromArgs(value: unknown): { tags: Record<string, string> } | { error: string } {
  const tags: Record<string, string> = {};
  if (!Array.isArray(value)) return { tags };
  for (const item of value) {
    if (typeof item !== 'object' || item === null)
      return { error: 'Tags must be Key=...,Value=... structures.' };
    const key = (item as Record<string, unknown>)['Key'];
    const tagValue = (item as Record<string, unknown>)['Value'] ?? '';
    if (typeof key !== 'string' || typeof tagValue !== 'string')
      return { error: 'Each tag needs a Key and a Value.' };
    tags[key] = tagValue;
  }
  return { tags };
}

/** What the shared commands need to know about users or roles. */
export interface IdentityKind<T extends WorldUser | WorldRole> {
  /** `user` or `role`, as in command names and AWS's messages. */
  kind: 'user' | 'role';
  /** `User` or `Role`, as in operation names, response fields and quota names. */
  title: 'User' | 'Role';
  /** Where an account keeps them. */
  collection: 'users' | 'roles';
  /** `--user-name` or `--role-name`. */
  option: OptionSpec;
  /** `userArn` or `roleArn`. */
  arn: (account: string, name: string, path?: string) => string;
  /** AWS's shape of one; `full` adds what get-* shows beyond list-*. */
  json: (ctx: CommandContext, name: string, record: T, full: boolean) => Json;
  /** The ARNs a command about one acts on, for the permission check. */
  resources: (ctx: CommandContext) => string[];
  /** tag-*'s summary, which says what the tags feed. */
  tagSummary: string;
}

/**
 * AWS's User or Role shape: path, name, id, ARN and creation date, then `extra` (what only roles
 * have), then with `full` what get-* shows beyond list-* (boundary and tags).
 */
export function identityJson<T extends WorldUser | WorldRole>(
  ctx: CommandContext,
  kind: IdentityKind<T>,
  name: string,
  record: T,
  full: boolean,
  extra: { [key: string]: Json } = {},
): { [key: string]: Json } {
  const arn = kind.arn(ctx.account, name, record.path);
  const out: { [key: string]: Json } = {
    Path: normalizePath(record.path),
    [`${kind.title}Name`]: name,
    [`${kind.title}Id`]: identityUniqueId(ctx.scenario, ctx.account, kind.collection, name),
    Arn: arn,
    CreateDate: createdAt(ctx.state, arn),
    ...extra,
  };
  if (full && record.boundary) {
    out['PermissionsBoundary'] = {
      PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
      PermissionsBoundaryArn: referenceToArn(ctx.account, record.boundary),
    };
  }
  if (full && record.tags && Object.keys(record.tags).length > 0)
    out['Tags'] = tagList(record.tags);
  return out;
}

/** The users or roles of the current account. */
function recordsOf<T extends WorldUser | WorldRole>(
  ctx: CommandContext,
  kind: IdentityKind<T>,
): Record<string, T> | undefined {
  return accountOf(ctx)[kind.collection] as Record<string, T> | undefined;
}

/** Finds a user or role of the current account, or the NoSuchEntity outcome AWS gives. */
export function lookupIdentity<T extends WorldUser | WorldRole>(
  ctx: CommandContext,
  kind: IdentityKind<T>,
  given: string,
): { name: string; entity: T } | { error: Outcome } {
  const message = `The ${kind.kind} with name ${given} cannot be found.`;
  return lookupEntity(recordsOf(ctx, kind), given, message);
}

/** The ARN of the user or role `given` names, path included when known (or given by `--path`). */
export function identityResource<T extends WorldUser | WorldRole>(
  ctx: CommandContext,
  kind: IdentityKind<T>,
  given: string,
): string[] {
  const records = recordsOf(ctx, kind);
  const name = findName(records, given);
  const path = name ? records![name]!.path : optStr(ctx.args, 'path');
  return [kind.arn(ctx.account, name ?? given, path)];
}

/** Checks a new user's or role's name and `--path`, and that no other has its name (ignoring case). */
export function checkNewIdentity<T extends WorldUser | WorldRole>(
  ctx: CommandContext,
  kind: IdentityKind<T>,
  given: string,
): Outcome | undefined {
  const invalid = checkName(given, `${kind.kind}Name`, 64) ?? checkPath(optStr(ctx.args, 'path'));
  if (invalid) return invalid;
  const existing = findName(recordsOf(ctx, kind), given);
  if (existing !== undefined)
    return alreadyExists(`${kind.title} with name ${existing} already exists.`);
  return undefined;
}

/**
 * Adds a new user or role to the current account, made of `base` (a role's trust policy) and what
 * create-user and create-role take alike (`--path`, `--permissions-boundary`, `--tags`), and
 * remembers that it was created now. Fails as AWS does on bad tags or a boundary it cannot find.
 */
export function createIdentity<T extends WorldUser | WorldRole>(
  ctx: CommandContext,
  kind: IdentityKind<T>,
  name: string,
  base: T,
): { record: T; scenario: Scenario; state: ConsoleState } | { error: Outcome } {
  const tags = tagsFromArgs(ctx.args['tags']);
  if ('error' in tags) return { error: fail('InvalidInput', tags.error) };
  if (Object.keys(tags.tags).length > 50)
    return { error: limitExceeded(`Cannot exceed quota for TagsPer${kind.title}: 50`) };
  const record: T = { ...base };
  const path = optStr(ctx.args, 'path');
  if (path && path !== '/') record.path = path;
  const boundary = optStr(ctx.args, 'permissions-boundary');
  if (boundary !== undefined) {
    if (!lookupPolicyArn(ctx, boundary)) return { error: notAttachable(boundary) };
    record.boundary = arnToReference(ctx.account, boundary);
  }
  if (Object.keys(tags.tags).length > 0) record.tags = tags.tags;
  const scenario = editAccount(ctx.scenario, ctx.account, (doc) =>
    addIdentity(doc, ctx.account, kind.collection, name, { ...record }),
  );
  const state = withCreated(ctx.state, kind.arn(ctx.account, name, record.path), ctx.deps.now());
  return { record, scenario, state };
}

/** The scenario without the user or role `name` of the current account. */
export function removeIdentity<T extends WorldUser | WorldRole>(
  ctx: CommandContext,
  kind: IdentityKind<T>,
  name: string,
): Scenario {
  return applyEdit(ctx.scenario, (doc) => deleteIdentity(doc, ctx.account, kind.collection, name));
}

/** list-users or list-roles: those of the current account, filtered by `--path-prefix`. */
export function listIdentities<T extends WorldUser | WorldRole>(
  kind: IdentityKind<T>,
): CommandSpec {
  return {
    service: 'iam',
    name: `list-${kind.kind}s`,
    operation: `List${kind.title}s`,
    summary: `Lists the ${kind.kind}s of the current account.`,
    options: [
      {
        name: 'path-prefix',
        type: 'string',
        help: `Only ${kind.kind}s whose path starts with this prefix.`,
      },
    ],
    action: `iam:List${kind.title}s`,
    run(ctx) {
      const prefix = optStr(ctx.args, 'path-prefix') ?? '/';
      const shown = Object.entries(recordsOf(ctx, kind) ?? {})
        .filter(([, record]) => normalizePath(record.path).startsWith(prefix))
        .map(([name, record]) => kind.json(ctx, name, record, false));
      return ok({ [`${kind.title}s`]: shown });
    },
  };
}

/** tag-*, untag-* and list-*-tags for users or roles. */
export function tagCommands<T extends WorldUser | WorldRole>(kind: IdentityKind<T>): CommandSpec[] {
  const lookup = (ctx: CommandContext) =>
    lookupIdentity(ctx, kind, str(ctx.args, kind.option.name));
  const tag: CommandSpec = {
    service: 'iam',
    name: `tag-${kind.kind}`,
    operation: `Tag${kind.title}`,
    summary: kind.tagSummary,
    options: [kind.option, { ...tagsOption, required: true }],
    action: `iam:Tag${kind.title}`,
    resources: kind.resources,
    run(ctx) {
      const found = lookup(ctx);
      if ('error' in found) return found.error;
      const tags = tagsFromArgs(ctx.args['tags']);
      if ('error' in tags) return fail('InvalidInput', tags.error);
      const merged = { ...(found.entity.tags ?? {}), ...tags.tags };
      if (Object.keys(merged).length > 50)
        return limitExceeded(`Cannot exceed quota for TagsPer${kind.title}: 50`);
      const scenario = applyEdit(ctx.scenario, (doc) =>
        setTags(doc, ctx.account, kind.collection, found.name, merged),
      );
      return ok(undefined, scenario);
    },
  };
  const untag: CommandSpec = {
    service: 'iam',
    name: `untag-${kind.kind}`,
    operation: `Untag${kind.title}`,
    summary: `Removes tags from a ${kind.kind}.`,
    options: [
      kind.option,
      {
        name: 'tag-keys',
        type: 'string-list',
        required: true,
        help: 'The keys of the tags to remove.',
      },
    ],
    action: `iam:Untag${kind.title}`,
    resources: kind.resources,
    run(ctx) {
      const found = lookup(ctx);
      if ('error' in found) return found.error;
      const keys = list(ctx.args, 'tag-keys');
      const tags = Object.fromEntries(
        Object.entries(found.entity.tags ?? {}).filter(([k]) => !keys.includes(k)),
      );
      const scenario = applyEdit(ctx.scenario, (doc) =>
        setTags(doc, ctx.account, kind.collection, found.name, tags),
      );
      return ok(undefined, scenario);
    },
  };
  const listTags: CommandSpec = {
    service: 'iam',
    name: `list-${kind.kind}-tags`,
    operation: `List${kind.title}Tags`,
    summary: `Lists the tags of a ${kind.kind}.`,
    options: [kind.option],
    action: `iam:List${kind.title}Tags`,
    resources: kind.resources,
    run(ctx) {
      const found = lookup(ctx);
      if ('error' in found) return found.error;
      return ok({ Tags: tagList(found.entity.tags) });
    },
  };
  return [tag, untag, listTags];
}
