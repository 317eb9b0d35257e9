/**
 * `file://NAME`: the AWS CLI reads a parameter from a file; the playground has no files, so NAME
 * names a document kept in the world. Which names resolve, in this order (a trailing `.json` is
 * ignored, so tutorials' `file://policy.json` finds a policy named `policy`):
 *   1. a customer managed policy of the current account,
 *   2. an SCP or RCP of the organization,
 *   3. an inline policy in the current account (users first, then groups, then roles),
 *   4. `trust/ROLE`: the trust policy of a role of the current account.
 */
import type { Scenario } from './world';

function documentsOf(scenario: Scenario, account: string): [string, unknown][] {
  const world = scenario.accounts?.[account] ?? {};
  const found: [string, unknown][] = [];
  for (const [name, doc] of Object.entries(world.policies ?? {})) found.push([name, doc]);
  for (const [name, doc] of Object.entries(scenario.organization?.policies ?? {}))
    found.push([name, doc]);
  for (const entity of [world.users, world.groups, world.roles]) {
    for (const record of Object.values(entity ?? {})) {
      for (const [name, doc] of Object.entries(record.inline ?? {})) found.push([name, doc]);
    }
  }
  for (const [name, role] of Object.entries(world.roles ?? {})) {
    if (role.trust !== undefined) found.push([`trust/${name}`, role.trust]);
  }
  return found;
}

/** The JSON text of the document `file://NAME` names, or undefined. */
export function resolveDocumentFile(
  scenario: Scenario,
  account: string,
  name: string,
): string | undefined {
  const wanted = name.replace(/\.json$/, '');
  const hit = documentsOf(scenario, account).find(([n]) => n === wanted);
  return hit === undefined ? undefined : JSON.stringify(hit[1]);
}

/** Every name `file://NAME` resolves in the current account (for completion), without duplicates. */
export function documentFileNames(scenario: Scenario, account: string): string[] {
  return [...new Set(documentsOf(scenario, account).map(([n]) => n))];
}
