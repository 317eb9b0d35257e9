/**
 * aws iam: a user's credentials and the account's password policy, kept in the world
 * (src/model/credentials.ts): login profiles, access keys, virtual MFA devices, the account
 * password policy, and the credential report. Outputs and errors are AWS's.
 */
import { identityUniqueId } from '../../model/index';
import type { Json } from '../../engine/index';
import {
  type AccessKey,
  type CredentialList,
  type MfaDevice,
  type PasswordPolicy,
  ACCESS_KEYS_PER_USER,
  MFA_DEVICES_PER_USER,
  MFA_SERIAL,
  addCredential,
  removeCredentials,
  replaceCredential,
  setLoginProfile,
  setPasswordPolicy,
} from '../../model/index';
import { uniqueId } from '../ids';
import type { CommandContext, CommandSpec, OptionSpec, Outcome } from '../spec';
import { fail, ok, optStr, str } from '../spec';
import type { ConsoleState } from '../types';
import type { WorldUser } from '../world';
import { applyEdit, editAccount, normalizePath, userArn } from '../world';
import {
  accountOf,
  alreadyExists,
  awsDate,
  createdAt,
  deleteConflict,
  limitExceeded,
  noSuchEntity,
} from './common';
import { lookupUser, userResource } from './iam-users';

/** A placeholder: nothing in the playground can sign a request. */
export const NOT_A_SECRET = 'not-a-secret/the-playground-makes-no-credentials';

const userOption: OptionSpec = {
  name: 'user-name',
  type: 'string',
  required: true,
  help: 'The name of the user.',
  complete: 'user',
};
const callerUserOption: OptionSpec = {
  ...userOption,
  required: false,
  help: 'The name of the user (default: the caller, when it is a user).',
};

/** The user a command is about: --user-name, else the calling user. */
function targetUser(ctx: CommandContext): { name: string; user: WorldUser } | { error: Outcome } {
  const given = optStr(ctx.args, 'user-name') ?? ctx.caller.userName;
  if (given === undefined) {
    return {
      error: fail(
        'ValidationError',
        'Must specify userName when calling with non-User credentials',
      ),
    };
  }
  return lookupUser(ctx, given);
}

/** The world without the access keys or MFA devices of `user` (in the current account) that `drop` picks. */
function withoutCredentials<T>(
  ctx: CommandContext,
  user: string,
  list: CredentialList,
  drop: (item: T) => boolean,
) {
  return applyEdit(ctx.scenario, (doc) => removeCredentials<T>(doc, ctx.account, user, list, drop));
}

// ---- password policy ----

/** The rules AWS applies when the account has no password policy of its own. */
const DEFAULT_RULES = 'at least 8 characters and three of: uppercase, lowercase, numbers, symbols';
const SYMBOLS = /[!@#$%^&*()_+\-=[\]{}|']/;

/** Why a password breaks the account's policy (AWS's default rules without one), or undefined. */
export function passwordProblem(
  password: string,
  policy: PasswordPolicy | undefined,
): string | undefined {
  if (!policy) {
    const kinds = [/[A-Z]/, /[a-z]/, /\d/, SYMBOLS].filter((r) => r.test(password)).length;
    return password.length < 8 || kinds < 3 ? DEFAULT_RULES : undefined;
  }
  const wanted: string[] = [];
  const min = policy.MinimumPasswordLength ?? 6;
  if (password.length < min) wanted.push(`at least ${min} characters`);
  if (policy.RequireSymbols && !SYMBOLS.test(password)) wanted.push('a symbol');
  if (policy.RequireNumbers && !/\d/.test(password)) wanted.push('a number');
  if (policy.RequireUppercaseCharacters && !/[A-Z]/.test(password))
    wanted.push('an uppercase letter');
  if (policy.RequireLowercaseCharacters && !/[a-z]/.test(password))
    wanted.push('a lowercase letter');
  return wanted.length > 0 ? wanted.join(', ') : undefined;
}

function checkPassword(ctx: CommandContext, password: string): Outcome | undefined {
  if (password.length < 1 || password.length > 128) {
    return fail(
      'ValidationError',
      `1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length ${password.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 128'}`,
    );
  }
  // AWS's message says no more; the console adds what the policy wanted, after it.
  const problem = passwordProblem(password, accountOf(ctx).passwordPolicy);
  if (problem === undefined) return undefined;
  return fail(
    'PasswordPolicyViolation',
    `Password does not conform to the account password policy. (It needs ${problem}.)`,
  );
}

// ---- login profiles ----

function loginProfileJson(ctx: CommandContext, name: string, user: WorldUser): Json {
  const profile = user.loginProfile ?? {};
  return {
    UserName: name,
    CreateDate: profile.created ?? ctx.state.startedAt,
    PasswordResetRequired: profile.passwordResetRequired ?? false,
  };
}

const noLoginProfile = (name: string) =>
  noSuchEntity(`Login Profile for User ${name} cannot be found.`);

const passwordResetOption: OptionSpec = {
  name: 'password-reset-required',
  type: 'boolean',
  help: 'The user must set a new password at the next sign-in (--no-password-reset-required: not).',
};

const createLoginProfile: CommandSpec = {
  service: 'iam',
  name: 'create-login-profile',
  operation: 'CreateLoginProfile',
  summary: "Gives a user a console password, checked against the account's password policy.",
  options: [
    userOption,
    { name: 'password', type: 'string', required: true, help: 'The new password.' },
    passwordResetOption,
  ],
  action: 'iam:CreateLoginProfile',
  resources: (ctx) => userResource(ctx),
  run(ctx) {
    const found = lookupUser(ctx, str(ctx.args, 'user-name'));
    if ('error' in found) return found.error;
    if (found.user.loginProfile)
      return alreadyExists(`Login Profile for user ${found.name} already exists.`);
    const invalid = checkPassword(ctx, str(ctx.args, 'password'));
    if (invalid) return invalid;
    const reset = ctx.args['password-reset-required'] === true;
    const created = awsDate(ctx.deps.now());
    const scenario = applyEdit(ctx.scenario, (doc) =>
      setLoginProfile(doc, ctx.account, found.name, {
        created,
        ...(reset ? { passwordResetRequired: true } : {}),
      }),
    );
    return ok(
      { LoginProfile: { UserName: found.name, CreateDate: created, PasswordResetRequired: reset } },
      scenario,
    );
  },
};

const getLoginProfile: CommandSpec = {
  service: 'iam',
  name: 'get-login-profile',
  operation: 'GetLoginProfile',
  summary: 'Shows whether a user has a console password, since when, and whether it must be reset.',
  options: [userOption],
  action: 'iam:GetLoginProfile',
  resources: (ctx) => userResource(ctx),
  run(ctx) {
    const found = lookupUser(ctx, str(ctx.args, 'user-name'));
    if ('error' in found) return found.error;
    if (!found.user.loginProfile) return noLoginProfile(found.name);
    return ok({ LoginProfile: loginProfileJson(ctx, found.name, found.user) });
  },
};

const updateLoginProfile: CommandSpec = {
  service: 'iam',
  name: 'update-login-profile',
  operation: 'UpdateLoginProfile',
  summary: "Changes a user's console password or whether it must be reset.",
  options: [
    userOption,
    { name: 'password', type: 'string', help: 'The new password.' },
    passwordResetOption,
  ],
  action: 'iam:UpdateLoginProfile',
  resources: (ctx) => userResource(ctx),
  run(ctx) {
    const found = lookupUser(ctx, str(ctx.args, 'user-name'));
    if ('error' in found) return found.error;
    if (!found.user.loginProfile) return noLoginProfile(found.name);
    const password = optStr(ctx.args, 'password');
    if (password !== undefined) {
      const invalid = checkPassword(ctx, password);
      if (invalid) return invalid;
    }
    const reset = ctx.args['password-reset-required'];
    const profile = { ...found.user.loginProfile };
    // A new password is a new password: the credential report's password_last_changed.
    if (password !== undefined) profile.created = awsDate(ctx.deps.now());
    if (reset === true) profile.passwordResetRequired = true;
    else if (reset === false) delete profile.passwordResetRequired;
    const scenario = applyEdit(ctx.scenario, (doc) =>
      setLoginProfile(doc, ctx.account, found.name, profile),
    );
    return ok(undefined, scenario);
  },
};

const deleteLoginProfile: CommandSpec = {
  service: 'iam',
  name: 'delete-login-profile',
  operation: 'DeleteLoginProfile',
  summary: "Removes a user's console password (the user can no longer sign in to the console).",
  options: [userOption],
  action: 'iam:DeleteLoginProfile',
  resources: (ctx) => userResource(ctx),
  run(ctx) {
    const found = lookupUser(ctx, str(ctx.args, 'user-name'));
    if ('error' in found) return found.error;
    if (!found.user.loginProfile) return noLoginProfile(found.name);
    return ok(
      undefined,
      applyEdit(ctx.scenario, (doc) => setLoginProfile(doc, ctx.account, found.name, null)),
    );
  },
};

// ---- access keys ----

/** Every access key id in the world, so a new one never repeats an old one. */
function keyIdsInWorld(ctx: CommandContext): Set<string> {
  const ids = new Set<string>();
  for (const account of Object.values(ctx.scenario.accounts ?? {}))
    for (const user of Object.values(account.users ?? {}))
      for (const key of user.accessKeys ?? []) ids.add(key.id);
  return ids;
}

function keyJson(ctx: CommandContext, userName: string, key: AccessKey): Json {
  return {
    UserName: userName,
    AccessKeyId: key.id,
    Status: key.status,
    CreateDate: key.created ?? ctx.state.startedAt,
  };
}

const createAccessKey: CommandSpec = {
  service: 'iam',
  name: 'create-access-key',
  operation: 'CreateAccessKey',
  summary:
    'Creates an access key for a user, at most two per user (the playground makes no real secret).',
  options: [callerUserOption],
  action: 'iam:CreateAccessKey',
  resources: (ctx) => userResource(ctx),
  run(ctx) {
    const found = targetUser(ctx);
    if ('error' in found) return found.error;
    const keys = found.user.accessKeys ?? [];
    if (keys.length >= ACCESS_KEYS_PER_USER)
      return limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${ACCESS_KEYS_PER_USER}`);
    // Derived from the user's ARN and a counter: the same steps give the same ids.
    const taken = keyIdsInWorld(ctx);
    const arn = userArn(ctx.account, found.name, found.user.path);
    let id = '';
    for (let n = 1; id === '' || taken.has(id); n++) id = uniqueId('accessKey', `${arn}#${n}`);
    const created = awsDate(ctx.deps.now());
    const key: AccessKey = { id, status: 'Active', created };
    const scenario = applyEdit(ctx.scenario, (doc) =>
      addCredential(doc, ctx.account, found.name, 'accessKeys', key),
    );
    return ok(
      {
        AccessKey: {
          UserName: found.name,
          AccessKeyId: id,
          Status: 'Active',
          SecretAccessKey: NOT_A_SECRET,
          CreateDate: created,
        },
      },
      scenario,
    );
  },
};

const listAccessKeys: CommandSpec = {
  service: 'iam',
  name: 'list-access-keys',
  operation: 'ListAccessKeys',
  summary: 'Lists the access keys of a user.',
  options: [callerUserOption],
  action: 'iam:ListAccessKeys',
  resources: (ctx) => userResource(ctx),
  run(ctx) {
    const found = targetUser(ctx);
    if ('error' in found) return found.error;
    return ok({
      AccessKeyMetadata: (found.user.accessKeys ?? []).map((k) => keyJson(ctx, found.name, k)),
    });
  },
};

const accessKeyIdOption: OptionSpec = {
  name: 'access-key-id',
  type: 'string',
  required: true,
  help: 'The id of the access key (AKIA…).',
  complete: 'access-key',
};

/** The index of the user's key named by --access-key-id, or NoSuchEntity. */
function findKey(ctx: CommandContext, user: WorldUser): number | Outcome {
  const id = str(ctx.args, 'access-key-id');
  const index = (user.accessKeys ?? []).findIndex((k) => k.id === id);
  if (index < 0) return noSuchEntity(`The Access Key with id ${id} cannot be found.`);
  return index;
}

const updateAccessKey: CommandSpec = {
  service: 'iam',
  name: 'update-access-key',
  operation: 'UpdateAccessKey',
  summary: 'Activates or deactivates an access key (deactivate the old key before deleting it).',
  options: [
    accessKeyIdOption,
    {
      name: 'status',
      type: 'string',
      required: true,
      help: 'Active or Inactive.',
      choices: ['Active', 'Inactive'],
    },
    callerUserOption,
  ],
  action: 'iam:UpdateAccessKey',
  resources: (ctx) => userResource(ctx),
  run(ctx) {
    const found = targetUser(ctx);
    if ('error' in found) return found.error;
    const index = findKey(ctx, found.user);
    if (typeof index !== 'number') return index;
    const status = str(ctx.args, 'status') as AccessKey['status'];
    return ok(
      undefined,
      applyEdit(ctx.scenario, (doc) =>
        replaceCredential(doc, ctx.account, found.name, 'accessKeys', index, {
          ...found.user.accessKeys![index]!,
          status,
        }),
      ),
    );
  },
};

const deleteAccessKey: CommandSpec = {
  service: 'iam',
  name: 'delete-access-key',
  operation: 'DeleteAccessKey',
  summary: 'Deletes an access key.',
  options: [accessKeyIdOption, callerUserOption],
  action: 'iam:DeleteAccessKey',
  resources: (ctx) => userResource(ctx),
  run(ctx) {
    const found = targetUser(ctx);
    if ('error' in found) return found.error;
    const index = findKey(ctx, found.user);
    if (typeof index !== 'number') return index;
    const id = found.user.accessKeys![index]!.id;
    return ok(
      undefined,
      withoutCredentials<AccessKey>(ctx, found.name, 'accessKeys', (key) => key.id === id),
    );
  },
};

const getAccessKeyLastUsed: CommandSpec = {
  service: 'iam',
  name: 'get-access-key-last-used',
  operation: 'GetAccessKeyLastUsed',
  summary: 'Shows when an access key was last used.',
  options: [accessKeyIdOption],
  action: 'iam:GetAccessKeyLastUsed',
  run(ctx) {
    const id = str(ctx.args, 'access-key-id');
    for (const [name, user] of Object.entries(accountOf(ctx).users ?? {})) {
      const key = (user.accessKeys ?? []).find((k) => k.id === id);
      if (!key) continue;
      return ok({
        UserName: name,
        AccessKeyLastUsed: {
          ...(key.lastUsed !== undefined ? { LastUsedDate: key.lastUsed } : {}),
          ServiceName: 'N/A',
          Region: 'N/A',
        },
      });
    }
    return fail('AccessDenied', `The Access Key with id ${id} cannot be found.`);
  },
};

// ---- MFA devices ----

const serialOption: OptionSpec = {
  name: 'serial-number',
  type: 'string',
  required: true,
  help: "The virtual MFA device's serial number: arn:aws:iam::ACCOUNT:mfa/NAME.",
  complete: 'mfa-serial',
};

/** Which user of the current account has the device enabled. */
function deviceOwner(
  ctx: CommandContext,
  serial: string,
): { name: string; enabled?: string } | undefined {
  for (const [name, user] of Object.entries(accountOf(ctx).users ?? {})) {
    const device = (user.mfaDevices ?? []).find((d) => d.serial === serial);
    if (device)
      return { name, ...(device.enabled !== undefined ? { enabled: device.enabled } : {}) };
  }
  return undefined;
}

function unassigned(ctx: CommandContext) {
  return ctx.state.virtualMfaDevices ?? [];
}

const createVirtualMfaDevice: CommandSpec = {
  service: 'iam',
  name: 'create-virtual-mfa-device',
  operation: 'CreateVirtualMFADevice',
  summary:
    'Creates a virtual MFA device (not yet enabled for anyone; enable-mfa-device assigns it). The seed or QR code file is not written.',
  options: [
    {
      name: 'virtual-mfa-device-name',
      type: 'string',
      required: true,
      help: 'The name of the device.',
    },
    { name: 'path', type: 'string', help: 'The path for the device (default /).' },
    {
      name: 'outfile',
      type: 'string',
      required: true,
      help: 'Where the AWS CLI writes the QR code or seed (the playground writes nothing).',
    },
    {
      name: 'bootstrap-method',
      type: 'string',
      required: true,
      help: 'QRCodePNG or Base32StringSeed.',
      choices: ['QRCodePNG', 'Base32StringSeed'],
    },
  ],
  action: 'iam:CreateVirtualMFADevice',
  resources: (ctx) => [
    `arn:aws:iam::${ctx.account}:mfa${normalizePath(optStr(ctx.args, 'path'))}${str(ctx.args, 'virtual-mfa-device-name')}`,
  ],
  run(ctx) {
    const name = str(ctx.args, 'virtual-mfa-device-name');
    if (!/^[\w+=,.@-]{1,226}$/.test(name)) {
      return fail(
        'ValidationError',
        `1 validation error detected: Value '${name}' at 'virtualMFADeviceName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`,
      );
    }
    const serial = `arn:aws:iam::${ctx.account}:mfa${normalizePath(optStr(ctx.args, 'path'))}${name}`;
    if (deviceOwner(ctx, serial) || unassigned(ctx).some((d) => d.serial === serial))
      return alreadyExists('MFADevice entity at the same path and name already exists.');
    const state: ConsoleState = {
      ...ctx.state,
      virtualMfaDevices: [...unassigned(ctx), { serial, createDate: awsDate(ctx.deps.now()) }],
    };
    return ok({ VirtualMFADevice: { SerialNumber: serial } }, undefined, state);
  },
};

const codeOption = (n: 1 | 2): OptionSpec => ({
  name: `authentication-code${n}`,
  type: 'string',
  required: true,
  help: `The ${n === 1 ? 'first' : 'next'} six-digit code the device shows (the playground accepts any two different codes).`,
});

/** AWS checks a one-time code's shape first. */
export function checkCode(code: string, member: string): Outcome | undefined {
  if (code.length !== 6)
    return fail(
      'ValidationError',
      `1 validation error detected: Value '${code}' at '${member}' failed to satisfy constraint: Member must have length ${code.length < 6 ? 'greater than or equal to 6' : 'less than or equal to 6'}`,
    );
  if (!/^\d+$/.test(code))
    return fail(
      'ValidationError',
      `1 validation error detected: Value '${code}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\d]+`,
    );
  return undefined;
}

const enableMfaDevice: CommandSpec = {
  service: 'iam',
  name: 'enable-mfa-device',
  operation: 'EnableMFADevice',
  summary: 'Enables a virtual MFA device for a user (two consecutive codes from the device).',
  options: [userOption, serialOption, codeOption(1), codeOption(2)],
  action: 'iam:EnableMFADevice',
  resources: (ctx) => userResource(ctx),
  run(ctx) {
    const found = lookupUser(ctx, str(ctx.args, 'user-name'));
    if ('error' in found) return found.error;
    const code1 = str(ctx.args, 'authentication-code1');
    const code2 = str(ctx.args, 'authentication-code2');
    const badCode =
      checkCode(code1, 'authenticationCode1') ?? checkCode(code2, 'authenticationCode2');
    if (badCode) return badCode;
    const serial = str(ctx.args, 'serial-number');
    if (deviceOwner(ctx, serial)) return alreadyExists('MFA Device is already in use.');
    const device = unassigned(ctx).find((d) => d.serial === serial);
    // AWS API reference "EnableMFADevice", Errors: NoSuchEntity for a device (or user) that does
    // not exist; EntityAlreadyExists for one enabled already; InvalidAuthenticationCode.
    if (!device) {
      return noSuchEntity(
        MFA_SERIAL.test(serial)
          ? `VirtualMFADevice with serial number ${serial} doesn't exist.`
          : `MFA Device with serial number ${serial} does not exist.`,
      );
    }
    // Two consecutive codes of a time-based device always differ.
    if (code1 === code2)
      return fail('InvalidAuthenticationCode', 'Authentication code for device is not valid.');
    if ((found.user.mfaDevices ?? []).length >= MFA_DEVICES_PER_USER)
      return limitExceeded(`Cannot exceed quota for MFADevicesPerUser: ${MFA_DEVICES_PER_USER}`);
    const enabled = awsDate(ctx.deps.now());
    const scenario = applyEdit(ctx.scenario, (doc) =>
      addCredential(doc, ctx.account, found.name, 'mfaDevices', { serial, enabled }),
    );
    const state: ConsoleState = {
      ...ctx.state,
      virtualMfaDevices: unassigned(ctx).filter((d) => d !== device),
    };
    return ok(undefined, scenario, state);
  },
};

const listMfaDevices: CommandSpec = {
  service: 'iam',
  name: 'list-mfa-devices',
  operation: 'ListMFADevices',
  summary: 'Lists the MFA devices enabled for a user.',
  options: [callerUserOption],
  action: 'iam:ListMFADevices',
  resources: (ctx) => userResource(ctx),
  run(ctx) {
    const found = targetUser(ctx);
    if ('error' in found) return found.error;
    return ok({
      MFADevices: (found.user.mfaDevices ?? []).map((d) => ({
        UserName: found.name,
        SerialNumber: d.serial,
        EnableDate: d.enabled ?? ctx.state.startedAt,
      })),
    });
  },
};

const deactivateMfaDevice: CommandSpec = {
  service: 'iam',
  name: 'deactivate-mfa-device',
  operation: 'DeactivateMFADevice',
  summary: 'Deactivates an MFA device of a user (the virtual device remains, unassigned).',
  options: [callerUserOption, serialOption],
  action: 'iam:DeactivateMFADevice',
  resources: (ctx) => userResource(ctx),
  run(ctx) {
    const found = targetUser(ctx);
    if ('error' in found) return found.error;
    const serial = str(ctx.args, 'serial-number');
    if (!(found.user.mfaDevices ?? []).some((d) => d.serial === serial))
      return noSuchEntity(`MFA Device with serial number ${serial} does not exist.`);
    const scenario = withoutCredentials<MfaDevice>(
      ctx,
      found.name,
      'mfaDevices',
      (d) => d.serial === serial,
    );
    const state: ConsoleState = {
      ...ctx.state,
      virtualMfaDevices: [...unassigned(ctx), { serial, createDate: awsDate(ctx.deps.now()) }],
    };
    return ok(undefined, scenario, state);
  },
};

const listVirtualMfaDevices: CommandSpec = {
  service: 'iam',
  name: 'list-virtual-mfa-devices',
  operation: 'ListVirtualMFADevices',
  summary: 'Lists the virtual MFA devices of the account, assigned or not.',
  options: [
    {
      name: 'assignment-status',
      type: 'string',
      help: 'Assigned, Unassigned or Any (default).',
      choices: ['Assigned', 'Unassigned', 'Any'],
    },
  ],
  action: 'iam:ListVirtualMFADevices',
  run(ctx) {
    const status = optStr(ctx.args, 'assignment-status') ?? 'Any';
    const devices: Json[] = [];
    if (status !== 'Unassigned') {
      for (const [name, user] of Object.entries(accountOf(ctx).users ?? {})) {
        const arn = userArn(ctx.account, name, user.path);
        for (const d of user.mfaDevices ?? []) {
          devices.push({
            SerialNumber: d.serial,
            User: {
              Path: normalizePath(user.path),
              UserName: name,
              UserId: identityUniqueId(ctx.scenario, ctx.account, 'users', name),
              Arn: arn,
              CreateDate: createdAt(ctx.state, arn),
            },
            EnableDate: d.enabled ?? ctx.state.startedAt,
          });
        }
      }
    }
    if (status !== 'Assigned')
      for (const d of unassigned(ctx)) devices.push({ SerialNumber: d.serial });
    return ok({ VirtualMFADevices: devices });
  },
};

const deleteVirtualMfaDevice: CommandSpec = {
  service: 'iam',
  name: 'delete-virtual-mfa-device',
  operation: 'DeleteVirtualMFADevice',
  summary: 'Deletes a virtual MFA device that is not enabled for a user.',
  options: [serialOption],
  action: 'iam:DeleteVirtualMFADevice',
  resources: (ctx) => [str(ctx.args, 'serial-number')],
  run(ctx) {
    const serial = str(ctx.args, 'serial-number');
    // AWS API reference "DeleteVirtualMFADevice": a device still enabled for a user must be
    // deactivated first; the error is DeleteConflict (the message names what is attached).
    if (deviceOwner(ctx, serial))
      return deleteConflict('MFA device is still in use. Deactivate it first.');
    if (!unassigned(ctx).some((d) => d.serial === serial))
      return noSuchEntity(`VirtualMFADevice with serial number ${serial} doesn't exist.`);
    return ok(undefined, undefined, {
      ...ctx.state,
      virtualMfaDevices: unassigned(ctx).filter((d) => d.serial !== serial),
    });
  },
};

// ---- the account password policy ----

const noPasswordPolicy = (account: string) =>
  noSuchEntity(`The Password Policy with domain name ${account} cannot be found.`);

/** GetAccountPasswordPolicy's shape: the fields set, ExpirePasswords from MaxPasswordAge. */
export function passwordPolicyJson(policy: PasswordPolicy): Json {
  return {
    MinimumPasswordLength: policy.MinimumPasswordLength ?? 6,
    RequireSymbols: policy.RequireSymbols ?? false,
    RequireNumbers: policy.RequireNumbers ?? false,
    RequireUppercaseCharacters: policy.RequireUppercaseCharacters ?? false,
    RequireLowercaseCharacters: policy.RequireLowercaseCharacters ?? false,
    AllowUsersToChangePassword: policy.AllowUsersToChangePassword ?? false,
    ExpirePasswords: policy.MaxPasswordAge !== undefined,
    ...(policy.MaxPasswordAge !== undefined ? { MaxPasswordAge: policy.MaxPasswordAge } : {}),
    ...(policy.PasswordReusePrevention !== undefined
      ? { PasswordReusePrevention: policy.PasswordReusePrevention }
      : {}),
    ...(policy.HardExpiry !== undefined ? { HardExpiry: policy.HardExpiry } : {}),
  };
}

const getAccountPasswordPolicy: CommandSpec = {
  service: 'iam',
  name: 'get-account-password-policy',
  operation: 'GetAccountPasswordPolicy',
  summary: "Shows the account's password policy (NoSuchEntity when none was set).",
  options: [],
  action: 'iam:GetAccountPasswordPolicy',
  run(ctx) {
    const policy = accountOf(ctx).passwordPolicy;
    if (!policy) return noPasswordPolicy(ctx.account);
    return ok({ PasswordPolicy: passwordPolicyJson(policy) });
  },
};

const POLICY_OPTIONS: {
  option: string;
  field: keyof PasswordPolicy;
  member: string;
  range?: [number, number];
}[] = [
  {
    option: 'minimum-password-length',
    field: 'MinimumPasswordLength',
    member: 'minimumPasswordLength',
    range: [6, 128],
  },
  { option: 'require-symbols', field: 'RequireSymbols', member: 'requireSymbols' },
  { option: 'require-numbers', field: 'RequireNumbers', member: 'requireNumbers' },
  {
    option: 'require-uppercase-characters',
    field: 'RequireUppercaseCharacters',
    member: 'requireUppercaseCharacters',
  },
  {
    option: 'require-lowercase-characters',
    field: 'RequireLowercaseCharacters',
    member: 'requireLowercaseCharacters',
  },
  {
    option: 'allow-users-to-change-password',
    field: 'AllowUsersToChangePassword',
    member: 'allowUsersToChangePassword',
  },
  {
    option: 'max-password-age',
    field: 'MaxPasswordAge',
    member: 'maxPasswordAge',
    range: [1, 1095],
  },
  {
    option: 'password-reuse-prevention',
    field: 'PasswordReusePrevention',
    member: 'passwordReusePrevention',
    range: [1, 24],
  },
  { option: 'hard-expiry', field: 'HardExpiry', member: 'hardExpiry' },
];

const updateAccountPasswordPolicy: CommandSpec = {
  service: 'iam',
  name: 'update-account-password-policy',
  operation: 'UpdateAccountPasswordPolicy',
  summary:
    "Sets the account's password policy. As in AWS, every option left out goes back to its default.",
  options: POLICY_OPTIONS.map(({ option, range }) => ({
    name: option,
    type: range ? 'integer' : 'boolean',
    help: range
      ? `A whole number from ${range[0]} to ${range[1]}.`
      : `--${option} or --no-${option}.`,
  })),
  action: 'iam:UpdateAccountPasswordPolicy',
  run(ctx) {
    const policy: PasswordPolicy = {};
    for (const { option, field, member, range } of POLICY_OPTIONS) {
      const value = ctx.args[option];
      if (value === undefined) continue;
      if (range && typeof value === 'number') {
        if (value < range[0] || value > range[1]) {
          return fail(
            'ValidationError',
            `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must have value ${value < range[0] ? `greater than or equal to ${range[0]}` : `less than or equal to ${range[1]}`}`,
          );
        }
        (policy as Record<string, unknown>)[field] = value;
      } else if (typeof value === 'boolean') (policy as Record<string, unknown>)[field] = value;
    }
    policy.MinimumPasswordLength ??= 6;
    const scenario = editAccount(ctx.scenario, ctx.account, (doc) =>
      setPasswordPolicy(doc, ctx.account, policy),
    );
    return ok(undefined, scenario);
  },
};

const deleteAccountPasswordPolicy: CommandSpec = {
  service: 'iam',
  name: 'delete-account-password-policy',
  operation: 'DeleteAccountPasswordPolicy',
  summary: "Removes the account's password policy (AWS's default rules apply again).",
  options: [],
  action: 'iam:DeleteAccountPasswordPolicy',
  run(ctx) {
    if (!accountOf(ctx).passwordPolicy)
      return noSuchEntity('The account policy with name PasswordPolicy cannot be found.');
    const scenario = applyEdit(ctx.scenario, (doc) => setPasswordPolicy(doc, ctx.account, null));
    return ok(undefined, scenario);
  },
};

// ---- the credential report ----

/** The credential report's columns, in AWS's order ("Getting credential reports for your AWS account"). */
export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;

function keyColumns(key: AccessKey | undefined): string[] {
  if (!key) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
  const used = key.lastUsed !== undefined;
  return [
    String(key.status === 'Active'),
    key.created ?? 'N/A',
    used ? key.lastUsed! : 'N/A',
    // The format keeps when a key was used, not where: AWS's N/A for what is not known.
    'N/A',
    'N/A',
  ];
}

/** The credential report of an account as CSV text (header, the root user, then each user). */
export function credentialReportCsv(ctx: CommandContext): string {
  const account = accountOf(ctx);
  const policy = account.passwordPolicy;
  const root = account.rootUser ?? {};
  const rows: string[][] = [
    [
      '<root_account>',
      `arn:aws:iam::${ctx.account}:root`,
      ctx.state.startedAt,
      'not_supported',
      'no_information',
      'not_supported',
      'not_supported',
      String(root.mfa === true),
      String(root.accessKeys === true),
      'N/A',
      'N/A',
      'N/A',
      'N/A',
      'false',
      'N/A',
      'N/A',
      'N/A',
      'N/A',
      'false',
      'N/A',
      'false',
      'N/A',
    ],
  ];
  for (const [name, user] of Object.entries(account.users ?? {})) {
    const arn = userArn(ctx.account, name, user.path);
    const profile = user.loginProfile;
    const changed = profile ? (profile.created ?? ctx.state.startedAt) : undefined;
    const next =
      changed !== undefined && policy?.MaxPasswordAge !== undefined
        ? awsDate(new Date(Date.parse(changed) + policy.MaxPasswordAge * 86_400_000))
        : 'N/A';
    const keys = user.accessKeys ?? [];
    rows.push([
      name,
      arn,
      createdAt(ctx.state, arn),
      String(profile !== undefined),
      profile ? (profile.lastUsed ?? 'no_information') : 'N/A',
      changed ?? 'N/A',
      next,
      String((user.mfaDevices ?? []).length > 0),
      ...keyColumns(keys[0]),
      ...keyColumns(keys[1]),
      'false',
      'N/A',
      'false',
      'N/A',
    ]);
  }
  return [CREDENTIAL_REPORT_COLUMNS.join(','), ...rows.map((r) => r.join(','))].join('\n');
}

/** Base64 of UTF-8 text, as the CLI prints a blob. */
export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

const generateCredentialReport: CommandSpec = {
  service: 'iam',
  name: 'generate-credential-report',
  operation: 'GenerateCredentialReport',
  summary:
    "Makes the account's credential report from the world as it is now (AWS takes a while; the playground is done at once).",
  options: [],
  action: 'iam:GenerateCredentialReport',
  run(ctx) {
    const reports = ctx.state.credentialReports ?? {};
    const had = Object.hasOwn(reports, ctx.account);
    const report = { generatedTime: awsDate(ctx.deps.now()), csv: credentialReportCsv(ctx) };
    const state: ConsoleState = {
      ...ctx.state,
      credentialReports: { ...reports, [ctx.account]: report },
    };
    return ok(
      had
        ? { State: 'COMPLETE' }
        : {
            State: 'STARTED',
            Description: 'No report exists. Starting a new report generation task',
          },
      undefined,
      state,
    );
  },
};

const getCredentialReport: CommandSpec = {
  service: 'iam',
  name: 'get-credential-report',
  operation: 'GetCredentialReport',
  summary:
    'Shows the latest credential report: CSV in base64, as the CLI prints it (decode it with `| base64 -d`).',
  options: [],
  action: 'iam:GetCredentialReport',
  run(ctx) {
    const report = ctx.state.credentialReports?.[ctx.account];
    // AWS API reference "GetCredentialReport", Errors: ReportNotPresent (HTTP 410) until
    // GenerateCredentialReport has run. AWS's message is the bare word "Unknown", as the CLI
    // prints it (seen in prowler-cloud/prowler issue 272); the code carries the meaning.
    if (!report) return fail('ReportNotPresent', 'Unknown');
    return ok({
      Content: base64(report.csv),
      ReportFormat: 'text/csv',
      GeneratedTime: report.generatedTime,
    });
  },
};

export const credentialCommands: CommandSpec[] = [
  createLoginProfile,
  getLoginProfile,
  updateLoginProfile,
  deleteLoginProfile,
  createAccessKey,
  listAccessKeys,
  updateAccessKey,
  deleteAccessKey,
  getAccessKeyLastUsed,
  createVirtualMfaDevice,
  enableMfaDevice,
  listMfaDevices,
  deactivateMfaDevice,
  listVirtualMfaDevices,
  deleteVirtualMfaDevice,
  getAccountPasswordPolicy,
  updateAccountPasswordPolicy,
  deleteAccountPasswordPolicy,
  generateCredentialReport,
  getCredentialReport,
];
