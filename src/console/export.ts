/**
 * exportAsShellScript: the world as a shell script of AWS CLI commands that would build it.
 *
 * The script runs in the console (runScript) and, with one CLI profile per account named by its
 * account id, in a real shell. Ids AWS assigns (the organization's, OUs', policies') are caught
 * in shell variables, so the script never relies on the playground's derived ids. What the
 * commands cannot express is said in comments: resources with resource-based policies, the
 * requests, and an SCP list left empty (AWS keeps at least one SCP on every node).
 *
 * Credentials: a login profile gets a placeholder password (the world keeps none); access keys
 * are comments, since AWS picks a new key's id and secret; virtual MFA devices are created and
 * enabled with two sample codes (a real device shows its own); the password policy comes after
 * the users, as the policy only checks passwords set after it.
 */
import type { Json } from '../engine/index';
import type { Org } from './commands/organizations';
import { orgOf, orgPolicyType } from './commands/organizations';
import {
  FULL_AWS_ACCESS,
  RCP_FULL_AWS_ACCESS,
  MFA_SERIAL,
  type PasswordPolicy,
} from '../model/index';
import { shellQuote } from './tokenize';
import type { OrgNode, Scenario, WorldUser as User } from './world';
import { referenceToArn } from './world';

function json(document: unknown): string {
  return shellQuote(JSON.stringify(document ?? {}));
}

function tagsWords(tags: Record<string, string> | undefined): string {
  const entries = Object.entries(tags ?? {});
  if (entries.length === 0) return '';
  return ` --tags ${shellQuote(JSON.stringify(entries.map(([Key, Value]) => ({ Key, Value }))))}`;
}

function pathWords(path: string | undefined): string {
  return path && path !== '/' ? ` --path ${shellQuote(path)}` : '';
}

/** A password that meets any password policy's character rules; the user is asked to change it. */
export const PLACEHOLDER_PASSWORD = 'Change-Me-Now-1234567890!';

/** `MinimumPasswordLength` -> `--minimum-password-length 8`, booleans as `--x` / `--no-x`. */
function passwordPolicyWords(policy: PasswordPolicy): string {
  return Object.entries(policy)
    .map(([field, value]) => {
      const option = field.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
      if (typeof value === 'number') return ` --${option} ${value}`;
      return value === true ? ` --${option}` : ` --no-${option}`;
    })
    .join('');
}

function credentialLines(account: string, name: string, user: User): string[] {
  const u = shellQuote(name);
  const lines: string[] = [];
  const profile = user.loginProfile;
  if (profile) {
    lines.push(
      `# ${name}'s console password is not in the world: put a real one in place of the placeholder.`,
      `aws iam create-login-profile --user-name ${u} --password ${shellQuote(PLACEHOLDER_PASSWORD)}${profile.passwordResetRequired ? ' --password-reset-required' : ''}`,
    );
  }
  for (const key of user.accessKeys ?? []) {
    lines.push(
      `# ${name} has ${key.status === 'Inactive' ? 'inactive' : 'active'} access key ${key.id}: AWS picks a new key's id and secret, so make one with`,
      `#   aws iam create-access-key --user-name ${u}`,
    );
    if (key.status === 'Inactive')
      lines.push(
        `#   and turn it off with aws iam update-access-key --user-name ${u} --access-key-id NEW_ID --status Inactive`,
      );
  }
  for (const device of user.mfaDevices ?? []) {
    const match = MFA_SERIAL.exec(device.serial);
    if (!match || match[1] !== account) {
      lines.push(`# ${name} has MFA device ${device.serial}: not a virtual device of this account`);
      continue;
    }
    const deviceName = match[2] ?? '';
    const path = device.serial.slice(`arn:aws:iam::${account}:mfa`.length, -deviceName.length);
    lines.push(
      `aws iam create-virtual-mfa-device --virtual-mfa-device-name ${shellQuote(deviceName)}${pathWords(path)} --outfile ${shellQuote(`${deviceName}.png`)} --bootstrap-method QRCodePNG`,
      `# Scan ${deviceName}.png with the authenticator app and use two codes in a row it shows.`,
      `aws iam enable-mfa-device --user-name ${u} --serial-number ${shellQuote(device.serial)} --authentication-code1 123456 --authentication-code2 789012`,
    );
  }
  return lines;
}

function accountLines(id: string, scenario: Scenario): string[] {
  const account = scenario.accounts?.[id] ?? {};
  const lines: string[] = [
    `# Account ${id}${account.name ? ` (${account.name})` : ''}`,
    `export AWS_PROFILE=${id}`,
  ];
  const arn = (reference: string) => shellQuote(referenceToArn(id, reference));
  if (account.name)
    lines.push(`aws iam create-account-alias --account-alias ${shellQuote(account.name)}`);
  // Policies first: boundaries and attachments below refer to them.
  for (const [name, document] of Object.entries(account.policies ?? {})) {
    lines.push(
      `aws iam create-policy --policy-name ${shellQuote(name)} --policy-document ${json(document)}`,
    );
  }
  for (const [name, group] of Object.entries(account.groups ?? {})) {
    const g = shellQuote(name);
    lines.push(`aws iam create-group --group-name ${g}`);
    for (const reference of group.policies ?? [])
      lines.push(`aws iam attach-group-policy --group-name ${g} --policy-arn ${arn(reference)}`);
    for (const [policy, document] of Object.entries(group.inline ?? {})) {
      lines.push(
        `aws iam put-group-policy --group-name ${g} --policy-name ${shellQuote(policy)} --policy-document ${json(document)}`,
      );
    }
  }
  for (const [name, user] of Object.entries(account.users ?? {})) {
    const u = shellQuote(name);
    const boundary = user.boundary ? ` --permissions-boundary ${arn(user.boundary)}` : '';
    lines.push(
      `aws iam create-user --user-name ${u}${pathWords(user.path)}${boundary}${tagsWords(user.tags)}`,
    );
    for (const group of user.groups ?? [])
      lines.push(`aws iam add-user-to-group --group-name ${shellQuote(group)} --user-name ${u}`);
    for (const reference of user.policies ?? [])
      lines.push(`aws iam attach-user-policy --user-name ${u} --policy-arn ${arn(reference)}`);
    for (const [policy, document] of Object.entries(user.inline ?? {})) {
      lines.push(
        `aws iam put-user-policy --user-name ${u} --policy-name ${shellQuote(policy)} --policy-document ${json(document)}`,
      );
    }
    lines.push(...credentialLines(id, name, user));
  }
  if (account.passwordPolicy)
    lines.push(
      `aws iam update-account-password-policy${passwordPolicyWords(account.passwordPolicy)}`,
    );
  if (account.rootUser?.accessKeys || account.rootUser?.mfa)
    lines.push(
      `# The root user${account.rootUser.mfa ? ' has MFA' : ''}${account.rootUser.accessKeys ? `${account.rootUser.mfa ? ' and' : ''} has access keys` : ''}: only the root user sets these, signed in to the console.`,
    );
  for (const [name, role] of Object.entries(account.roles ?? {})) {
    const r = shellQuote(name);
    const boundary = role.boundary ? ` --permissions-boundary ${arn(role.boundary)}` : '';
    lines.push(
      `aws iam create-role --role-name ${r}${pathWords(role.path)} --assume-role-policy-document ${json(role.trust)}${boundary}${tagsWords(role.tags)}`,
    );
    for (const reference of role.policies ?? [])
      lines.push(`aws iam attach-role-policy --role-name ${r} --policy-arn ${arn(reference)}`);
    for (const [policy, document] of Object.entries(role.inline ?? {})) {
      lines.push(
        `aws iam put-role-policy --role-name ${r} --policy-name ${shellQuote(policy)} --policy-document ${json(document)}`,
      );
    }
  }
  for (const [name, profile] of Object.entries(account.instanceProfiles ?? {})) {
    const p = shellQuote(name);
    lines.push(`aws iam create-instance-profile --instance-profile-name ${p}`);
    if (typeof profile.role === 'string') {
      lines.push(
        `aws iam add-role-to-instance-profile --instance-profile-name ${p} --role-name ${shellQuote(profile.role)}`,
      );
    }
  }
  return lines;
}

/** A shell variable name for a thing, unique within the script. */
function variableNamer(): (prefix: string, name: string) => string {
  const used = new Set<string>();
  return (prefix, name) => {
    const base = `${prefix}_${name.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}`.replace(
      /_+$/,
      '',
    );
    let candidate = base;
    for (let i = 2; used.has(candidate); i++) candidate = `${base}_${i}`;
    used.add(candidate);
    return candidate;
  };
}

function organizationLines(org: Org): string[] {
  const name = variableNamer();
  const lines: string[] = [
    `# Organization (management account ${org.managementAccount})`,
    `export AWS_PROFILE=${org.managementAccount}`,
    'aws organizations create-organization --feature-set ALL',
    `ROOT_ID=$(aws organizations list-roots --query 'Roots[0].Id' --output text)`,
  ];
  const policyVariable = new Map<string, string>([
    [FULL_AWS_ACCESS, 'p-FullAWSAccess'],
    [RCP_FULL_AWS_ACCESS, 'p-RCPFullAWSAccess'],
  ]);
  for (const [policy, document] of Object.entries(org.policies ?? {})) {
    if (policyVariable.has(policy)) continue;
    const variable = name('POLICY', policy);
    policyVariable.set(policy, `$${variable}`);
    lines.push(
      `${variable}=$(aws organizations create-policy --name ${shellQuote(policy)} --type ${orgPolicyType(org, policy)} --content ${json(document)} --query Policy.PolicySummary.Id --output text)`,
    );
  }
  const attachments: string[] = [];
  const attach = (node: OrgNode, target: string) => {
    const scps = node.scps;
    if (scps !== undefined) {
      for (const policy of scps) {
        if (policy === FULL_AWS_ACCESS) continue; // attached by AWS already
        attachments.push(
          `aws organizations attach-policy --policy-id ${policyVariable.get(policy) ?? shellQuote(policy)} --target-id ${target}`,
        );
      }
      if (!scps.includes(FULL_AWS_ACCESS)) {
        if (scps.length === 0)
          attachments.push(
            `# not possible in AWS: ${target} with no SCP at all (every node keeps at least one)`,
          );
        else
          attachments.push(
            `aws organizations detach-policy --policy-id p-FullAWSAccess --target-id ${target}`,
          );
      }
    }
    for (const policy of node.rcps ?? []) {
      if (policy === RCP_FULL_AWS_ACCESS) continue;
      attachments.push(
        `aws organizations attach-policy --policy-id ${policyVariable.get(policy) ?? shellQuote(policy)} --target-id ${target}`,
      );
    }
  };
  const visit = (node: OrgNode, target: string) => {
    attach(node, target);
    for (const [account, accountNode] of Object.entries(node.accounts ?? {})) {
      if (account !== org.managementAccount) {
        lines.push(
          `aws organizations invite-account-to-organization --target Id=${account},Type=ACCOUNT`,
        );
      }
      if (target !== '$ROOT_ID') {
        lines.push(
          `aws organizations move-account --account-id ${account} --source-parent-id $ROOT_ID --destination-parent-id ${target}`,
        );
      }
      attach(accountNode, account);
    }
    for (const [ou, ouNode] of Object.entries(node.ous ?? {})) {
      const variable = name('OU', ou);
      lines.push(
        `${variable}=$(aws organizations create-organizational-unit --parent-id ${target} --name ${shellQuote(ou)} --query OrganizationalUnit.Id --output text)`,
      );
      visit(ouNode, `$${variable}`);
    }
  };
  visit(org.root, '$ROOT_ID');
  return [...lines, ...attachments];
}

/** The world as a shell script of AWS CLI commands that would build it. */
export function exportAsShellScript(scenario: Scenario): string {
  const lines: string[] = [
    '#!/bin/sh',
    `# ${scenario.title ?? 'IAM Playground world'}: built with AWS CLI commands.`,
  ];
  lines.push(
    '# Each account runs under a CLI profile named by its account id, with administrator rights there.',
    'set -e',
  );
  for (const id of Object.keys(scenario.accounts ?? {}))
    lines.push('', ...accountLines(id, scenario));
  if (scenario.organization) lines.push('', ...organizationLines(orgOf(scenario.organization)));
  const resources = Object.keys(scenario.resources ?? {});
  if (resources.length > 0 || (scenario.requests ?? []).length > 0) {
    lines.push('', '# Not built by this script (not IAM or Organizations commands):');
    for (const resource of resources) lines.push(`#   resource ${resource}`);
    if ((scenario.requests ?? []).length > 0)
      lines.push(`#   ${(scenario.requests ?? []).length} request(s) to decide`);
  }
  return lines.join('\n') + '\n';
}
