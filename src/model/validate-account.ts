/**
 * Validation of one account of a scenario: its users, groups, roles and instance profiles, with
 * their names, paths, policies and the references between them.
 */
import type { JsonPath } from '../engine/index.ts';
import { isAccountId } from './arn.ts';
import { checkPublicAccessBlock } from './s3-settings.ts';
import { isRecord } from './own.ts';
import { quote } from './text-caps.ts';
import { caseInsensitiveMatch } from './world.ts';
import { ACCOUNT_KEYS, USER_KEYS, GROUP_KEYS, ROLE_KEYS, PROFILE_KEYS } from './validate-keys.ts';
import { type Checker, describe } from './validate-checker.ts';

export function checkAccount(c: Checker, id: string, value: unknown): void {
  const path: JsonPath = ['accounts', id];
  if (!isAccountId(id))
    c.error(
      'invalid-account-id',
      path,
      `${quote(id)} is not an account id: accounts are keyed by 12-digit ids such as "111122223333".`,
      true,
    );
  const account = c.object(value, path, `account ${id}`, ACCOUNT_KEYS);
  if (!account) return;
  c.optionalString(account, 'name', path, 'The account name');
  if (Object.hasOwn(account, 'publicAccessBlock'))
    checkPublicAccessBlock(account.publicAccessBlock, [...path, 'publicAccessBlock'], c.sink);
  c.policyMap(account, 'policies', path, 'policies', 'identity');

  const groups = Object.hasOwn(account, 'groups')
    ? c.object(account.groups, [...path, 'groups'], 'groups')
    : undefined;
  if (groups) {
    c.caseInsensitiveNames(groups, [...path, 'groups'], 'group');
    for (const [name, g] of Object.entries(groups)) {
      const gPath = [...path, 'groups', name];
      c.iamName(name, gPath, 'group', 128);
      const group = c.object(g, gPath, `group ${name}`, GROUP_KEYS);
      if (!group) continue;
      c.path(group, gPath);
      c.policyRefs(id, group, gPath, `group ${name}`);
      c.inline(group, gPath, 'group');
    }
  }

  const users = Object.hasOwn(account, 'users')
    ? c.object(account.users, [...path, 'users'], 'users')
    : undefined;
  if (users) {
    c.caseInsensitiveNames(users, [...path, 'users'], 'user');
    for (const [name, u] of Object.entries(users)) {
      const uPath = [...path, 'users', name];
      c.iamName(name, uPath, 'user', 64);
      const user = c.object(u, uPath, `user ${name}`, USER_KEYS);
      if (!user) continue;
      c.path(user, uPath);
      if (Object.hasOwn(user, 'groups')) {
        const names = c.stringList(
          user.groups,
          [...uPath, 'groups'],
          `The "groups" of user ${name}`,
        );
        names.forEach((groupName, i) => {
          if (groups && Object.hasOwn(groups, groupName)) return;
          const near = caseInsensitiveMatch(groups, groupName);
          c.error(
            'unknown-group',
            [...uPath, 'groups', i],
            `User ${name} is in group ${quote(groupName)}, but account ${id} has no such group.${near ? ` Did you mean ${quote(near)}?` : ''}`,
          );
        });
        if (names.length > 10)
          c.error(
            'too-many-groups',
            [...uPath, 'groups'],
            `A user can be in at most 10 groups; ${name} is in ${names.length}.`,
          );
      }
      c.policyRefs(id, user, uPath, `user ${name}`);
      c.inline(user, uPath, 'user');
      c.tags(user, uPath);
      c.uniqueId(user, uPath, 'AIDA', `User ${name} of account ${id}`);
    }
  }

  const roles = Object.hasOwn(account, 'roles')
    ? c.object(account.roles, [...path, 'roles'], 'roles')
    : undefined;
  if (roles) {
    c.caseInsensitiveNames(roles, [...path, 'roles'], 'role');
    for (const [name, r] of Object.entries(roles)) {
      const rPath = [...path, 'roles', name];
      c.iamName(name, rPath, 'role', 64);
      const role = c.object(r, rPath, `role ${name}`, ROLE_KEYS);
      if (!role) continue;
      c.path(role, rPath);
      c.uniqueId(role, rPath, 'AROA', `Role ${name} of account ${id}`);
      if (Object.hasOwn(role, 'trust')) {
        c.documents.push({ path: [...rPath, 'trust'], kind: 'trust' });
        if (!isRecord(role.trust))
          c.error(
            'wrong-type',
            [...rPath, 'trust'],
            `The trust policy of role ${name} must be a policy document (an object), not ${describe(role.trust)}.`,
          );
      }
      if (Object.hasOwn(role, 'maxSessionDuration')) {
        const max = role.maxSessionDuration;
        // IAM API Reference, CreateRole: MaxSessionDuration is 3600 to 43200 seconds.
        if (typeof max !== 'number' || !Number.isInteger(max) || max < 3600 || max > 43200)
          c.error(
            'invalid-max-session-duration',
            [...rPath, 'maxSessionDuration'],
            `"maxSessionDuration" of role ${name} is a whole number of seconds from 3600 (one hour) to 43200 (12 hours), not ${describe(max)}.`,
          );
      }
      c.policyRefs(id, role, rPath, `role ${name}`);
      c.inline(role, rPath, 'role');
      c.tags(role, rPath);
    }
  }

  const profiles = Object.hasOwn(account, 'instanceProfiles')
    ? c.object(account.instanceProfiles, [...path, 'instanceProfiles'], 'instanceProfiles')
    : undefined;
  if (profiles) {
    c.caseInsensitiveNames(profiles, [...path, 'instanceProfiles'], 'instance profile');
    for (const [name, p] of Object.entries(profiles)) {
      const pPath = [...path, 'instanceProfiles', name];
      c.iamName(name, pPath, 'instance profile', 128);
      const profile = c.object(p, pPath, `instance profile ${name}`, PROFILE_KEYS);
      if (!profile) continue;
      c.path(profile, pPath);
      if (
        Object.hasOwn(profile, 'role') &&
        profile.role !== null &&
        c.string(profile.role, [...pPath, 'role'], 'The role of an instance profile')
      ) {
        const roleName = profile.role;
        if (!roles || !Object.hasOwn(roles, roleName)) {
          const near = caseInsensitiveMatch(roles, roleName);
          c.error(
            'unknown-role',
            [...pPath, 'role'],
            `Instance profile ${name} holds role ${quote(roleName)}, but account ${id} has no such role.${near ? ` Did you mean ${quote(near)}?` : ''}`,
          );
        }
      }
    }
  }
}
