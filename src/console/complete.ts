/**
 * Tab completion from the command table and the world: services, commands, options not yet
 * given, enum values, and names (users, roles, policy ARNs, file://documents, OU ids...).
 */
import { SERVICES, commandsOf, findCommand } from './commands/index';
import { orgOf, orgPolicyId, orgTargets } from './commands/organizations';
import { documentFileNames } from './documents';
import type { CompletionSource, OptionSpec } from './spec';
import { callerOf } from './state';
import { tokenize } from './tokenize';
import type { ConsoleDeps, ConsoleState } from './types';
import type { Scenario } from './world';
import { policyArn, roleArn, userArn } from './world';

/** Candidates for the word at the cursor, and the range of the line they replace. */
export interface Completion {
  from: number;
  to: number;
  candidates: string[];
}

const GLOBAL_OPTIONS: OptionSpec[] = [
  { name: 'query', type: 'string', help: 'A JMESPath expression applied to the response.' },
  {
    name: 'output',
    type: 'string',
    help: 'json, text or table.',
    choices: ['json', 'text', 'table'],
  },
  { name: 'profile', type: 'string', help: 'An account id or a user of the current account.' },
];

function sourceValues(
  source: CompletionSource,
  scenario: Scenario,
  state: ConsoleState,
  deps?: ConsoleDeps,
): string[] {
  const account = callerOf(state).account;
  const world = scenario.accounts?.[account] ?? {};
  const org = scenario.organization && orgOf(scenario.organization);
  switch (source) {
    case 'user':
      return Object.keys(world.users ?? {});
    case 'group':
      return Object.keys(world.groups ?? {});
    case 'role':
      return Object.keys(world.roles ?? {});
    case 'instance-profile':
      return Object.keys(world.instanceProfiles ?? {});
    case 'role-arn':
      return Object.entries(scenario.accounts ?? {}).flatMap(([id, a]) =>
        Object.entries(a.roles ?? {}).map(([name, role]) => roleArn(id, name, role.path)),
      );
    case 'principal-arn':
      return [
        ...Object.entries(world.users ?? {}).map(([name, user]) =>
          userArn(account, name, user.path),
        ),
        ...Object.entries(world.roles ?? {}).map(([name, role]) =>
          roleArn(account, name, role.path),
        ),
      ];
    case 'policy-arn':
      return [
        ...Object.keys(world.policies ?? {}).map((name) => policyArn(account, name)),
        ...(deps?.managedPolicies?.list().map((p) => p.arn) ?? []),
      ];
    case 'access-key':
      return Object.values(world.users ?? {}).flatMap((u) => (u.accessKeys ?? []).map((k) => k.id));
    case 'mfa-serial':
      return [
        ...Object.values(world.users ?? {}).flatMap((u) =>
          (u.mfaDevices ?? []).map((d) => d.serial),
        ),
        ...(state.virtualMfaDevices ?? []).map((d) => d.serial),
      ];
    case 'document-file':
      return documentFileNames(scenario, account).map((name) => `file://${name}`);
    case 'user-inline-policy':
      return Object.values(world.users ?? {}).flatMap((u) => Object.keys(u.inline ?? {}));
    case 'group-inline-policy':
      return Object.values(world.groups ?? {}).flatMap((g) => Object.keys(g.inline ?? {}));
    case 'role-inline-policy':
      return Object.values(world.roles ?? {}).flatMap((r) => Object.keys(r.inline ?? {}));
    case 'org-parent':
      return org
        ? orgTargets(org)
            .filter((t) => t.kind !== 'ACCOUNT')
            .map((t) => t.id)
        : [];
    case 'org-target':
      return org ? orgTargets(org).map((t) => t.id) : [];
    case 'org-policy':
      return org
        ? ['FullAWSAccess', 'RCPFullAWSAccess', ...Object.keys(org.policies ?? {})].map(orgPolicyId)
        : [];
    case 'account':
      return Object.keys(scenario.accounts ?? {});
  }
}

/** Completion at `cursor` with the range to replace. `deps` adds AWS managed policy ARNs. */
export function completeAt(
  line: string,
  cursor: number,
  scenario: Scenario,
  state: ConsoleState,
  deps?: ConsoleDeps,
): Completion {
  const before = line.slice(0, cursor);
  const { tokens } = tokenize(before, state.variables);
  const endsInBlank = before === '' || /\s$/.test(before);
  const current = endsInBlank ? undefined : tokens[tokens.length - 1];
  const prefix = current?.value ?? '';
  const from = current?.start ?? cursor;
  const words = (current ? tokens.slice(0, -1) : tokens).map((t) => t.value);
  const result = (candidates: string[]): Completion => ({
    from,
    to: cursor,
    candidates: [...new Set(candidates)].filter((c) => c.startsWith(prefix)).sort(),
  });

  if (words.length === 0) return result(['aws', 'help', 'exit']);
  if (words[0] !== 'aws') return result([]);
  // Global options may stand anywhere; leave them (and their values) out of the positions.
  const positional: string[] = [];
  let expecting: OptionSpec | undefined;
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    const global = GLOBAL_OPTIONS.find((o) => `--${o.name}` === word);
    if (global) {
      if (i === words.length - 1) expecting = global;
      i++;
      continue;
    }
    positional.push(word);
  }
  if (expecting?.name === 'profile') {
    return result([
      ...sourceValues('account', scenario, state, deps),
      ...sourceValues('user', scenario, state, deps),
    ]);
  }
  if (expecting) return result(expecting.choices ?? []);
  if (positional.length === 0) return result([...Object.keys(SERVICES), 'help']);
  const service = positional[0]!;
  if (positional.length === 1) return result([...commandsOf(service).map((c) => c.name), 'help']);
  const spec = findCommand(service, positional[1]!);
  if (!spec) return result([]);
  const last = words[words.length - 1]!;
  const option = spec.options.find((o) => `--${o.name}` === last);
  if (option && option.type !== 'boolean' && !prefix.startsWith('--')) {
    if (option.choices) return result(option.choices);
    return result(option.complete ? sourceValues(option.complete, scenario, state, deps) : []);
  }
  const given = new Set(words.filter((w) => w.startsWith('--')));
  return result(
    [...spec.options, ...GLOBAL_OPTIONS]
      .map((o) => `--${o.name}`)
      .filter((name) => !given.has(name)),
  );
}

/** The candidates for the word at `cursor` (see completeAt for the range they replace). */
export function complete(
  line: string,
  cursor: number,
  scenario: Scenario,
  state: ConsoleState,
  deps?: ConsoleDeps,
): string[] {
  return completeAt(line, cursor, scenario, state, deps).candidates;
}
