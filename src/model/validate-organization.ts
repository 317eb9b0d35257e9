/**
 * Validation of a scenario's organization: its policies (SCPs and RCPs), the tree of root, OUs
 * and accounts, and what each node attaches.
 */
import type { JsonPath } from '../engine/index.ts';
import { editDistance } from '../data/edit-distance.ts';
import { formatPath, isAccountId } from './arn.ts';
import { FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS } from './organization.ts';
import { isRecord } from './own.ts';
import { quote } from './text-caps.ts';
import { ORG_KEYS, NODE_KEYS, ORG_ACCOUNT_KEYS } from './validate-keys.ts';
import { type Checker, describe } from './validate-checker.ts';
import { ORG_ID } from './organization-id.ts';

export function checkOrganization(c: Checker, value: unknown): void {
  const path: JsonPath = ['organization'];
  const org = c.object(value, path, 'organization', ORG_KEYS);
  if (!org) return;
  if (
    Object.hasOwn(org, 'id') &&
    c.string(org.id, [...path, 'id'], 'The organization id') &&
    !ORG_ID.test(org.id)
  ) {
    c.error(
      'invalid-organization-id',
      [...path, 'id'],
      `${quote(org.id)} is not an organization id: it looks like "o-a1b2c3d4e5" (o- and 10 to 32 lowercase letters or digits).`,
    );
  }
  if (
    Object.hasOwn(org, 'managementAccount') &&
    c.string(org.managementAccount, [...path, 'managementAccount'], 'managementAccount') &&
    !isAccountId(org.managementAccount)
  ) {
    c.error(
      'invalid-account-id',
      [...path, 'managementAccount'],
      `${quote(org.managementAccount)} is not a 12-digit account id.`,
    );
  }
  const declared = Object.hasOwn(org, 'policies')
    ? c.object(org.policies, [...path, 'policies'], 'organization policies')
    : undefined;
  const usedAs = new Map<string, Set<'scp' | 'rcp'>>();
  if (declared) {
    for (const [name, document] of Object.entries(declared)) {
      if (name === FULL_AWS_ACCESS || name === RCP_FULL_AWS_ACCESS) {
        c.error(
          'reserved-policy-name',
          [...path, 'policies', name],
          `${quote(name)} is AWS's built-in policy and exists without being declared; give your policy another name.`,
          true,
        );
      }
      if (!isRecord(document))
        c.error(
          'wrong-type',
          [...path, 'policies', name],
          `Policy ${quote(name)} must be a policy document (an object), not ${describe(document)}.`,
        );
    }
  }

  const attachments = (node: Record<string, unknown>, nodePath: JsonPath): void => {
    for (const kind of ['scps', 'rcps'] as const) {
      if (!Object.hasOwn(node, kind)) continue;
      const names = c.stringList(node[kind], [...nodePath, kind], `"${kind}"`);
      names.forEach((name, i) => {
        const at = [...nodePath, kind, i];
        const builtin = kind === 'scps' ? FULL_AWS_ACCESS : RCP_FULL_AWS_ACCESS;
        const otherBuiltin = kind === 'scps' ? RCP_FULL_AWS_ACCESS : FULL_AWS_ACCESS;
        if (name === otherBuiltin) {
          c.error(
            'wrong-policy-type',
            at,
            `${quote(name)} is ${kind === 'scps' ? 'an RCP' : 'an SCP'} and cannot be listed in "${kind}".`,
          );
          return;
        }
        if (name === builtin) return;
        if (!declared || !Object.hasOwn(declared, name)) {
          const near = declared
            ? Object.keys(declared).find((k) => editDistance(k, name, 2) <= 2)
            : undefined;
          c.error(
            'unknown-policy',
            at,
            `${quote(name)} is not in the organization's "policies".${near ? ` Did you mean ${quote(near)}?` : ''}`,
          );
          return;
        }
        const kinds = usedAs.get(name) ?? new Set();
        kinds.add(kind === 'scps' ? 'scp' : 'rcp');
        usedAs.set(name, kinds);
      });
    }
  };

  const seenAccounts = new Map<string, JsonPath>();
  if (Object.hasOwn(org, 'root')) {
    const stack: { value: unknown; path: JsonPath; what: string; depth: number }[] = [
      { value: org.root, path: [...path, 'root'], what: 'the organization root', depth: 0 },
    ];
    while (stack.length > 0) {
      const { value: nodeValue, path: nodePath, what, depth } = stack.pop()!;
      if (depth > 5) {
        c.error(
          'too-deep',
          nodePath,
          `${what} is nested ${depth} levels under the root; AWS Organizations allows five.`,
          true,
        );
      }
      const node = c.object(nodeValue, nodePath, what, NODE_KEYS);
      if (!node) continue;
      attachments(node, nodePath);
      if (Object.hasOwn(node, 'accounts')) {
        const accounts = c.object(node.accounts, [...nodePath, 'accounts'], '"accounts"');
        for (const [id, entry] of Object.entries(accounts ?? {})) {
          const at = [...nodePath, 'accounts', id];
          if (!isAccountId(id))
            c.error('invalid-account-id', at, `${quote(id)} is not a 12-digit account id.`, true);
          const first = seenAccounts.get(id);
          if (first)
            c.error(
              'duplicate-account',
              at,
              `Account ${id} is placed twice in the organization (also at ${formatPath(first)}); an account has one place.`,
              true,
            );
          else seenAccounts.set(id, at);
          const accountNode = c.object(
            entry,
            at,
            `account ${id} in the organization`,
            ORG_ACCOUNT_KEYS,
          );
          if (accountNode) attachments(accountNode, at);
        }
      }
      if (Object.hasOwn(node, 'ous')) {
        const ous = c.object(node.ous, [...nodePath, 'ous'], '"ous"');
        for (const [name, child] of Object.entries(ous ?? {})) {
          if (name.length === 0 || name.length > 128)
            c.error(
              'invalid-name',
              [...nodePath, 'ous', name],
              `OU names have 1 to 128 characters.`,
              true,
            );
          stack.push({
            value: child,
            path: [...nodePath, 'ous', name],
            what: `OU ${name}`,
            depth: depth + 1,
          });
        }
      }
    }
  }

  if (declared) {
    for (const name of Object.keys(declared)) {
      const kinds = usedAs.get(name);
      if (kinds && kinds.size > 1) {
        c.error(
          'wrong-policy-type',
          [...path, 'policies', name],
          `Policy ${quote(name)} is attached both as an SCP and as an RCP; in AWS a policy has one type.`,
          true,
        );
      }
      // An unattached policy is checked as an SCP unless it names principals, as RCPs do.
      const kind = kinds?.has('rcp')
        ? 'rcp'
        : kinds?.has('scp')
          ? 'scp'
          : isRecord(declared[name]) && JSON.stringify(declared[name]).includes('"Principal"')
            ? 'rcp'
            : 'scp';
      c.documents.push({ path: [...path, 'policies', name], kind });
    }
  }
}
