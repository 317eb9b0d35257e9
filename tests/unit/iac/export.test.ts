/**
 * CloudFormation and Terraform exports (src/iac/), re-read with well-kept parsers — JSON.parse
 * and the `yaml` package for templates, @cdktf/hcl2json (HashiCorp's own HCL parser, compiled to
 * WebAssembly) for Terraform — and every entity and policy document compared with the world's:
 * for every example and for random worlds (whose policies hold `${aws:username}` variables).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parse as parseHcl } from '@cdktf/hcl2json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  cloudFormationTemplates,
  hclString,
  templateJson,
  terraformConfig,
} from '../../../src/iac/index.ts';
import { templateYaml } from '../../../src/iac/cloudformation-yaml.ts';
import { loadScenario, type Scenario } from '../../../src/model/index.ts';
import { arbWorld } from '../analysis/worlds.ts';

const RUNS = Number(process.env['IAC_RUNS'] ?? 25);

/** What the comparison looks at, per account: every entity with references as ARNs or names. */
interface Entity {
  path?: string;
  policies: string[];
  inline: Record<string, unknown>;
  boundary?: string;
  tags: Record<string, string>;
  groups?: string[];
  trust?: unknown;
  role?: string;
}
interface AccountView {
  policies: Record<string, unknown>;
  users: Record<string, Entity>;
  groups: Record<string, Entity>;
  roles: Record<string, Entity>;
  instanceProfiles: Record<string, { path?: string; role?: string }>;
  buckets: Record<string, unknown>;
}
const emptyView = (): AccountView => ({
  policies: {},
  users: {},
  groups: {},
  roles: {},
  instanceProfiles: {},
  buckets: {},
});

/** The world's own view of an account (the exporter is not used here). */
function worldView(scenario: Scenario, id: string): AccountView {
  const account = scenario.accounts![id]!;
  const arn = (ref: string) => (ref.startsWith('arn:') ? ref : `arn:aws:iam::${id}:policy/${ref}`);
  const entity = (e: {
    path?: string;
    policies?: string[];
    inline?: Record<string, unknown>;
    boundary?: string | null;
    tags?: Record<string, string>;
  }): Entity => ({
    ...(e.path !== undefined ? { path: e.path } : {}),
    policies: (e.policies ?? []).map(arn),
    inline: e.inline ?? {},
    ...(typeof e.boundary === 'string' ? { boundary: arn(e.boundary) } : {}),
    tags: e.tags ?? {},
  });
  const view = emptyView();
  view.policies = { ...(account.policies ?? {}) };
  for (const [n, u] of Object.entries(account.users ?? {}))
    view.users[n] = { ...entity(u), groups: u.groups ?? [] };
  for (const [n, g] of Object.entries(account.groups ?? {})) view.groups[n] = entity(g);
  for (const [n, r] of Object.entries(account.roles ?? {}))
    view.roles[n] = {
      ...entity(r),
      trust: r.trust ?? { Version: '2012-10-17', Statement: [] },
    };
  for (const [n, p] of Object.entries(account.instanceProfiles ?? {}))
    view.instanceProfiles[n] = {
      ...(p.path !== undefined ? { path: p.path } : {}),
      ...(typeof p.role === 'string' ? { role: p.role } : {}),
    };
  const only = Object.keys(scenario.accounts!).length === 1;
  for (const [r, entry] of Object.entries(scenario.resources ?? {}))
    if (/^arn:aws:s3:::[^/]+$/.test(r) && entry.policy !== undefined)
      if ((entry.account ?? (only ? id : undefined)) === id)
        view.buckets[r.slice('arn:aws:s3:::'.length)] = entry.policy;
  return view;
}

type CfnResource = { Type: string; Properties: Record<string, unknown> };

/** Reads a parsed template back into an account view, resolving `Ref`s. */
function templateView(
  template: { Resources: Record<string, CfnResource> },
  id: string,
): AccountView {
  const resources = template.Resources;
  const ref = (value: unknown): string => {
    if (typeof value === 'string') return value;
    const target = resources[(value as { Ref: string }).Ref]!;
    const p = target.Properties;
    if (target.Type === 'AWS::IAM::ManagedPolicy')
      return `arn:aws:iam::${id}:policy/${p['ManagedPolicyName'] as string}`;
    return (p['GroupName'] ?? p['RoleName']) as string;
  };
  const entity = (p: Record<string, unknown>): Entity => ({
    ...(p['Path'] !== undefined ? { path: p['Path'] as string } : {}),
    policies: ((p['ManagedPolicyArns'] as unknown[]) ?? []).map(ref),
    inline: Object.fromEntries(
      ((p['Policies'] as { PolicyName: string; PolicyDocument: unknown }[]) ?? []).map((x) => [
        x.PolicyName,
        x.PolicyDocument,
      ]),
    ),
    ...(p['PermissionsBoundary'] !== undefined ? { boundary: ref(p['PermissionsBoundary']) } : {}),
    tags: Object.fromEntries(
      ((p['Tags'] as { Key: string; Value: string }[]) ?? []).map((t) => [t.Key, t.Value]),
    ),
  });
  const view = emptyView();
  for (const { Type, Properties: p } of Object.values(resources)) {
    if (Type === 'AWS::IAM::ManagedPolicy')
      view.policies[p['ManagedPolicyName'] as string] = p['PolicyDocument'];
    else if (Type === 'AWS::IAM::User')
      view.users[p['UserName'] as string] = {
        ...entity(p),
        groups: ((p['Groups'] as unknown[]) ?? []).map(ref),
      };
    else if (Type === 'AWS::IAM::Group') view.groups[p['GroupName'] as string] = entity(p);
    else if (Type === 'AWS::IAM::Role')
      view.roles[p['RoleName'] as string] = { ...entity(p), trust: p['AssumeRolePolicyDocument'] };
    else if (Type === 'AWS::IAM::InstanceProfile') {
      const roles = (p['Roles'] as unknown[]).map(ref);
      view.instanceProfiles[p['InstanceProfileName'] as string] = {
        ...(p['Path'] !== undefined ? { path: p['Path'] as string } : {}),
        ...(roles[0] !== undefined ? { role: roles[0] } : {}),
      };
    } else if (Type === 'AWS::S3::BucketPolicy')
      view.buckets[p['Bucket'] as string] = p['PolicyDocument'];
    else throw new Error(`unexpected type ${Type}`);
  }
  return view;
}

/** Terraform JSON's strings are templates: `$${` and `%%{` stand for `${` and `%{`. */
const literal = (s: string) => s.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');

type TfBlocks = Record<string, Record<string, Record<string, unknown>[]>>;

/** Reads hcl2json's output back into account views (by provider alias, or the one account). */
function terraformViews(
  parsed: { resource?: TfBlocks },
  accounts: string[],
): Map<string, AccountView> {
  const views = new Map(accounts.map((a) => [a, emptyView()]));
  const blocks = parsed.resource ?? {};
  const get = (type: string, label: string) => blocks[type]![label]![0]!;
  /** A reference `${aws_iam_policy.X.arn}` resolved, or a literal string. */
  const value = (v: unknown, account: string): string => {
    const s = v as string;
    const m = /^\$\{(aws_iam_\w+)\.([\w-]+)\.(arn|name)\}$/.exec(s);
    if (!m) return literal(s);
    const name = literal(get(m[1]!, m[2]!)['name'] as string);
    return m[3] === 'arn' ? `arn:aws:iam::${account}:policy/${name}` : name;
  };
  const accountOf = (b: Record<string, unknown>) =>
    b['provider'] === undefined
      ? accounts[0]!
      : String(b['provider']).replace(/^\$\{aws\.a|\}$/g, '');
  const each = (
    type: string,
    fn: (b: Record<string, unknown>, view: AccountView, account: string) => void,
  ) => {
    for (const list of Object.values(blocks[type] ?? {}))
      for (const b of list) fn(b, views.get(accountOf(b))!, accountOf(b));
  };
  const doc = (b: Record<string, unknown>, key: string) => JSON.parse(literal(b[key] as string));
  const entity = (b: Record<string, unknown>, account: string): Entity => ({
    ...(b['path'] !== undefined ? { path: literal(b['path'] as string) } : {}),
    policies: [],
    inline: {},
    ...(b['permissions_boundary'] !== undefined
      ? { boundary: value(b['permissions_boundary'], account) }
      : {}),
    tags: Object.fromEntries(
      Object.entries((b['tags'] as Record<string, string>) ?? {}).map(([k, v]) => [
        literal(k),
        literal(v),
      ]),
    ),
  });
  each('aws_iam_policy', (b, v) => (v.policies[literal(b['name'] as string)] = doc(b, 'policy')));
  each(
    'aws_iam_user',
    (b, v, a) => (v.users[literal(b['name'] as string)] = { ...entity(b, a), groups: [] }),
  );
  each('aws_iam_group', (b, v, a) => (v.groups[literal(b['name'] as string)] = entity(b, a)));
  each('aws_iam_role', (b, v, a) => {
    v.roles[literal(b['name'] as string)] = {
      ...entity(b, a),
      trust: doc(b, 'assume_role_policy'),
    };
  });
  each('aws_iam_user_group_membership', (b, v, a) => {
    v.users[value(b['user'], a)]!.groups = (b['groups'] as string[]).map((g) => value(g, a));
  });
  for (const kind of ['user', 'group', 'role'] as const) {
    const holder = (v: AccountView) => v[`${kind}s`];
    each(`aws_iam_${kind}_policy`, (b, v, a) => {
      holder(v)[value(b[kind], a)]!.inline[literal(b['name'] as string)] = doc(b, 'policy');
    });
    each(`aws_iam_${kind}_policy_attachment`, (b, v, a) => {
      holder(v)[value(b[kind], a)]!.policies.push(value(b['policy_arn'], a));
    });
  }
  each('aws_iam_instance_profile', (b, v, a) => {
    v.instanceProfiles[literal(b['name'] as string)] = {
      ...(b['path'] !== undefined ? { path: literal(b['path'] as string) } : {}),
      ...(b['role'] !== undefined ? { role: value(b['role'], a) } : {}),
    };
  });
  each(
    'aws_s3_bucket_policy',
    (b, v) => (v.buckets[literal(b['bucket'] as string)] = doc(b, 'policy')),
  );
  return views;
}

async function checkWorld(scenario: Scenario, label: string): Promise<void> {
  const accounts = Object.keys(scenario.accounts ?? {});
  const templates = cloudFormationTemplates(scenario);
  expect([...templates.keys()], label).toEqual(accounts);
  for (const [id, template] of templates) {
    const expected = worldView(scenario, id);
    expect(templateView(JSON.parse(templateJson(template)), id), `${label} ${id} JSON`).toEqual(
      expected,
    );
    expect(templateView(parseYaml(templateYaml(template)), id), `${label} ${id} YAML`).toEqual(
      expected,
    );
  }
  const hcl = terraformConfig(scenario);
  const views = terraformViews(await parseHcl('main.tf', hcl), accounts);
  // Attachments are separate blocks, which hcl2json returns by label: IAM keeps them as a set.
  for (const id of accounts)
    expect(unordered(views.get(id)!), `${label} ${id} Terraform`).toEqual(
      unordered(worldView(scenario, id)),
    );
}

/** The view with each entity's attached policies sorted. */
function unordered(view: AccountView): AccountView {
  for (const holder of [view.users, view.groups, view.roles])
    for (const entity of Object.values(holder)) entity.policies.sort();
  return view;
}

const EXAMPLE_DIR = new URL('../../../src/examples/', import.meta.url);

describe('CloudFormation and Terraform export', () => {
  it('re-reads every example with the same entities and documents', async () => {
    const files = readdirSync(EXAMPLE_DIR).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      const scenario = loadScenario(readFileSync(new URL(file, EXAMPLE_DIR), 'utf8')).scenario!;
      await checkWorld(scenario, file);
    }
  }, 120_000);

  it('re-reads random worlds with the same entities and documents (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arbWorld, async ({ scenario }) => checkWorld(scenario, 'random world')),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('writes names and documents Terraform would read as templates literally', async () => {
    const scenario: Scenario = {
      format: 'iam-playground/scenario',
      version: 1,
      title: 'Odd "names"',
      accounts: {
        '111122223333': {
          policies: {
            'home.dir': {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: 's3:*',
                  Resource: 'arn:aws:s3:::b/${aws:username}/%{x}\\q\b',
                },
              ],
            },
          },
          users: {
            'a+b=c,d.e@f-g_h': {
              path: '/x/',
              policies: ['home.dir', 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
              tags: { 'k${x}': 'v"\n' },
            },
          },
          roles: { NoTrust: {} },
          instanceProfiles: { Empty: {} },
        },
      },
    };
    await checkWorld(scenario, 'odd names');
    expect(hclString('${a}%{b}')).toBe('"$${a}%%{b}"');
    const template = cloudFormationTemplates(scenario).get('111122223333')!;
    expect(template.Metadata.IamPlayground.NotExported).toEqual([
      '111122223333: role NoTrust has no trust policy; AWS requires one (an empty one is written).',
    ]);
    expect(templateYaml(template)).toContain('Version: "2012-10-17"');
  });

  it('gives each account of a multi-account world its own template and provider', async () => {
    const scenario = loadScenario(
      readFileSync(new URL('assume-role-across-accounts.json', EXAMPLE_DIR), 'utf8'),
    ).scenario!;
    const accounts = Object.keys(scenario.accounts!);
    expect(accounts.length).toBeGreaterThan(1);
    const hcl = terraformConfig(scenario);
    for (const a of accounts) expect(hcl).toContain(`provider "aws" {\n  alias = "a${a}"\n}`);
    expect(hcl).toContain('# Not exported:');
  });
});
