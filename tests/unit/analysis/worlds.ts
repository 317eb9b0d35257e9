/**
 * Random worlds for the analysis's truth test, assembled from the differential test's cases
 * (tests/unit/engine-differential/generators.ts): each case's identity policies, boundary,
 * resource policy, SCPs and RCPs become parts of one scenario with users, roles, resources
 * and an organization, so the analysis meets every layer the engine decides.
 */
import fc from 'fast-check';
import { arbCase, MIXED } from '../engine-differential/generators.ts';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  type DiffCase,
  type PolicyDoc,
} from '../engine-differential/world.ts';
import type { Scenario } from '../../../src/model/index.ts';

const isBucketObject = (arn: string) => /^arn:aws:s3:::[^/]+\/.+/.test(arn);
const bucketOf = (arn: string) => arn.slice(0, arn.indexOf('/'));

/** One scenario from a few cases (the first case's SCPs and RCPs make the organization). */
export function worldOf(cases: DiffCase[]): Scenario {
  const accounts: Record<string, Record<string, Record<string, unknown>>> = {
    [ACCOUNT_A]: { policies: {}, users: { alice: {} }, roles: { Dev: {} } },
    [ACCOUNT_B]: { policies: {}, users: { bob: {} }, roles: {} },
  };
  const resources: Record<string, Record<string, unknown>> = {};
  const requests: { principal: string; action: string; resource: string }[] = [];
  cases.forEach((c, i) => {
    const holder =
      c.principal.kind === 'role-session'
        ? (accounts[ACCOUNT_A]!['roles']!['Dev'] as Record<string, unknown>)
        : (accounts[ACCOUNT_A]!['users']!['alice'] as Record<string, unknown>);
    const inline = (holder['inline'] ??= {}) as Record<string, PolicyDoc>;
    c.identityPolicies.forEach((doc, j) => (inline[`case${i}-${j}`] = doc));
    if (c.boundary) {
      accounts[ACCOUNT_A]!['policies']![`boundary${i}`] = c.boundary;
      holder['boundary'] = `boundary${i}`;
    }
    const account = c.resourceAccount;
    if (c.resourcePolicyKind === 'trust') {
      const name = c.resource.slice(c.resource.lastIndexOf('/') + 1);
      accounts[account]!['roles']![name] = { trust: c.resourcePolicy };
    } else {
      const target = isBucketObject(c.resource) ? bucketOf(c.resource) : c.resource;
      const entry = (resources[target] ??= { account });
      if (c.resourcePolicy) entry['policy'] = c.resourcePolicy;
    }
    requests.push({
      principal:
        c.principal.kind === 'role-session'
          ? `arn:aws:iam::${ACCOUNT_A}:role/Dev`
          : `arn:aws:iam::${ACCOUNT_A}:user/alice`,
      action: c.action,
      resource: c.resource,
    });
  });
  // With one or three cases, alice and Dev get a twin (an equal entry under another name), so
  // the principals the analysis groups as alike (principal-groups.ts) are met and checked.
  if (cases.length % 2 === 1) {
    const a = accounts[ACCOUNT_A]!;
    a['users']!['alice2'] = structuredClone(a['users']!['alice']);
    a['roles']!['Dev2'] = structuredClone(a['roles']!['Dev']);
  }
  const scenario: Scenario = {
    format: 'iam-playground/scenario',
    version: 1,
    accounts: accounts as Scenario['accounts'],
    resources: resources as Scenario['resources'],
    requests,
  };
  const first = cases[0]!;
  if (first.scps || first.rcps) {
    const policies: Record<string, PolicyDoc> = {};
    const names = (kind: string, levels: PolicyDoc[][] | undefined, level: number) => {
      const docs = levels?.[level];
      if (docs === undefined) return undefined;
      return docs.map((doc, j) => {
        const name = `${kind}${level}-${j}`;
        policies[name] = doc;
        return name;
      });
    };
    const node = (level: number) => {
      const out: Record<string, unknown> = {};
      const scps = names('scp', first.scps, level);
      const rcps = names('rcp', first.rcps, level);
      if (scps) out['scps'] = scps;
      if (rcps) out['rcps'] = rcps;
      return out;
    };
    scenario.organization = {
      id: 'o-a1b2c3d4e5',
      managementAccount: '999988887777',
      policies,
      root: {
        ...node(0),
        ous: {
          Workloads: {
            ...node(1),
            accounts: { [ACCOUNT_A]: node(2), [ACCOUNT_B]: node(2) },
          },
        },
      },
    } as Scenario['organization'];
  }
  return scenario;
}

/** One to three cases, made into a world. */
export const arbWorld: fc.Arbitrary<{ cases: DiffCase[]; scenario: Scenario }> = fc
  .array(arbCase(MIXED), { minLength: 1, maxLength: 3 })
  .map((cases) => ({ cases, scenario: worldOf(cases) }));
