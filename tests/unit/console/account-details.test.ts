/**
 * aws iam get-account-authorization-details prints the account in AWS's shape, and importing
 * what it prints (the app's import, src/storage/files.ts) gives the same world back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createConsoleDeps } from '../../../src/console/deps';
import type { Scenario } from '../../../src/model/index';
import { pseudoUniqueId } from '../../../src/model/context';
import { readImportFiles } from '../../../src/storage/files';
import {
  loadManagedPolicyCatalog,
  type ManagedPolicyCatalog,
} from '../../../src/data/managed-policies';
import { ACCOUNT, EC2_TRUST, NOW, Session, smallWorld } from './helpers';

const EXAMPLES = new URL('../../../src/examples/', import.meta.url);

/** A world with everything the dump carries: paths, boundary, tags, inline policies, an own id, profile paths. */
function richWorld(): Scenario {
  const doc = (action: string) => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
  });
  return {
    format: 'iam-playground/scenario',
    version: 1,
    accounts: {
      [ACCOUNT]: {
        policies: { Boundary: doc('s3:*'), Read: doc('s3:Get*') },
        users: {
          alice: {
            path: '/eng/',
            id: 'AIDAEXAMPLEOWNID12345',
            groups: ['devs'],
            policies: ['Read', 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
            inline: { own: doc('sqs:*') },
            boundary: 'Boundary',
            tags: { team: 'web' },
          },
        },
        groups: { devs: { path: '/teams/', policies: ['Read'], inline: { g: doc('sns:*') } } },
        roles: {
          App: {
            path: '/service/',
            trust: EC2_TRUST,
            policies: ['Read'],
            boundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
            tags: { app: 'web' },
          },
        },
        instanceProfiles: { AppProfile: { role: 'App', path: '/web/' } },
      },
    },
  };
}

type Entity = Record<string, unknown>;
const ARN_KIND = { users: 'user', roles: 'role' } as const;

/**
 * What of an account the dump carries, written the way the import writes it: default paths,
 * empty lists and null boundaries left out, and an id the console derives from the ARN (the
 * import keeps every id it reads) counted as no id.
 */
function carried(account: string, world: Entity | undefined): Entity {
  const out: Entity = {};
  const pick = (kind: string, keys: string[]) => {
    const table = (world?.[kind] ?? {}) as Record<string, Entity>;
    const picked: Record<string, Entity> = {};
    for (const [name, entity] of Object.entries(table)) {
      const kept: Entity = {};
      for (const key of keys) {
        const value = entity[key];
        if (value === undefined || value === null || value === '/') continue;
        if (Array.isArray(value) && value.length === 0) continue;
        if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)
          continue;
        kept[key] = value;
      }
      const prefix = ARN_KIND[kind as keyof typeof ARN_KIND];
      if (prefix && kept['id'] !== undefined) {
        const path = (entity['path'] as string | undefined) ?? '/';
        const derived = pseudoUniqueId(
          prefix === 'user' ? 'AIDA' : 'AROA',
          `arn:aws:iam::${account}:${prefix}${path}${name}`,
        );
        if (kept['id'] === derived) delete kept['id'];
      }
      picked[name] = kept;
    }
    if (Object.keys(picked).length > 0) out[kind] = picked;
  };
  pick('users', ['path', 'id', 'groups', 'policies', 'inline', 'boundary', 'tags']);
  pick('groups', ['path', 'policies', 'inline']);
  pick('roles', ['path', 'id', 'trust', 'policies', 'inline', 'boundary', 'tags']);
  // An instance profile without a role is listed under no role: the dump cannot carry it.
  const profiles = Object.fromEntries(
    Object.entries((world?.['instanceProfiles'] ?? {}) as Record<string, Entity>).filter(
      ([, p]) => typeof p['role'] === 'string',
    ),
  );
  if (Object.keys(profiles).length > 0) world = { ...world, instanceProfiles: profiles };
  else if (world) world = { ...world, instanceProfiles: {} };
  pick('instanceProfiles', ['role', 'path']);
  const policies = world?.['policies'];
  if (policies && Object.keys(policies).length > 0) out['policies'] = policies;
  return out;
}

async function exportAndImport(world: Scenario, account: string, catalog?: ManagedPolicyCatalog) {
  const s = new Session(
    world,
    createConsoleDeps({ now: () => NOW, ...(catalog ? { catalog } : {}) }),
  );
  await s.setup(`export AWS_PROFILE=${account}`);
  const text = (await s.run('aws iam get-account-authorization-details')).output;
  const [imported] = await readImportFiles([new File([text], 'details.json')]);
  if (!imported?.result.ok) throw new Error(JSON.stringify(imported?.result.problems));
  const scenario = JSON.parse(imported.result.scenarios[0]!.text) as Scenario;
  return { text, scenario };
}

const worlds: [string, Scenario][] = [
  ['a world of every kind of entity', richWorld()],
  ['the console tests’ small world', smallWorld()],
  ...readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.json'))
    .map((f): [string, Scenario] => [
      `example ${f}`,
      JSON.parse(readFileSync(new URL(f, EXAMPLES), 'utf8')) as Scenario,
    ]),
];

describe('aws iam get-account-authorization-details', () => {
  it.each(worlds)(
    'exports %s so that importing it gives the same accounts back',
    async (_, world) => {
      const accounts = Object.keys(world.accounts ?? {});
      expect(accounts.length).toBeGreaterThan(0);
      for (const account of accounts) {
        const original = world.accounts![account] as Entity;
        const { scenario } = await exportAndImport(world, account);
        expect(carried(account, scenario.accounts?.[account] as Entity), account).toEqual(
          carried(account, original),
        );
      }
    },
  );

  it(
    'answers in AWS shape: ids, paths, versions, boundaries, tags and instance profiles',
    { timeout: 60_000 },
    async () => {
      const { text } = await exportAndImport(
        richWorld(),
        ACCOUNT,
        await loadManagedPolicyCatalog(),
      );
      const out = JSON.parse(text) as Record<string, Entity[]>;
      expect(out['UserDetailList']![0]).toMatchObject({
        Path: '/eng/',
        UserName: 'alice',
        UserId: 'AIDAEXAMPLEOWNID12345',
        Arn: `arn:aws:iam::${ACCOUNT}:user/eng/alice`,
        GroupList: ['devs'],
        AttachedManagedPolicies: [
          { PolicyName: 'Read', PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/Read` },
          { PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
        ],
        PermissionsBoundary: {
          PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
          PermissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/Boundary`,
        },
        Tags: [{ Key: 'team', Value: 'web' }],
      });
      expect(out['GroupDetailList']![0]).toMatchObject({
        Path: '/teams/',
        GroupId: expect.stringMatching(/^AGPA[A-Z2-7]{17}$/),
      });
      expect(out['RoleDetailList']![0]).toMatchObject({
        RoleId: expect.stringMatching(/^AROA[A-Z2-7]{17}$/),
        InstanceProfileList: [{ InstanceProfileName: 'AppProfile', Path: '/web/' }],
      });
      const read = out['Policies']!.find((p) => p['PolicyName'] === 'Read');
      expect(read).toMatchObject({
        DefaultVersionId: 'v1',
        AttachmentCount: 3,
        PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true }],
      });
      // AWS managed policies in use are listed too, with the catalog's document.
      const managed = out['Policies']!.find((p) => p['PolicyName'] === 'ReadOnlyAccess');
      expect((managed?.['PolicyVersionList'] as Entity[])[0]?.['Document']).toMatchObject({
        Statement: expect.any(Array),
      });
    },
  );

  it('keeps only the entity types --filter names, and refuses an unknown one', async () => {
    const s = new Session(richWorld());
    const out = (await s.json(
      'aws iam get-account-authorization-details --filter Role LocalManagedPolicy',
    )) as Record<string, Entity[]>;
    expect(out['UserDetailList']).toEqual([]);
    expect(out['GroupDetailList']).toEqual([]);
    expect(out['RoleDetailList']!.map((r) => r['RoleName'])).toEqual(['App']);
    expect(out['Policies']!.map((p) => p['PolicyName'])).toEqual(['Boundary', 'Read']);
    const aws = (await s.json(
      'aws iam get-account-authorization-details --filter AWSManagedPolicy',
    )) as Record<string, Entity[]>;
    expect(aws['Policies']!.map((p) => p['Arn'])).toEqual([
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::aws:policy/PowerUserAccess',
    ]);
    const bad = await s.run('aws iam get-account-authorization-details --filter Users');
    expect(bad.error).toBeDefined();
    expect(bad.output).toMatch(/Users/);
  });
});

describe('file://NAME of an imported file', () => {
  const POLICY = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: '*' }],
  };
  const world = (): Scenario => ({
    format: 'iam-playground/scenario',
    version: 1,
    accounts: { [ACCOUNT]: {} },
    resources: { 'arn:aws:s3:::logs': {} },
  });

  it('reads a file of the last import, lists it with files, and names an unknown one', async () => {
    const imported = { 'bucket-policy.json': new Blob([JSON.stringify(POLICY)]) };
    const s = new Session(world(), { files: () => imported });
    await s.setup('aws s3api put-bucket-policy --bucket logs --policy file://bucket-policy.json');
    const got = (await s.json('aws s3api get-bucket-policy --bucket logs')) as { Policy: string };
    expect(JSON.parse(got.Policy)).toEqual(POLICY);
    const listed = (await s.run('files')).output;
    expect(listed).toMatch(
      /Imported \(the last files picked or dropped\):\n {2}bucket-policy\.json/,
    );
    const unknown = await s.run(
      'aws s3api put-bucket-policy --bucket logs --policy file://nope.json',
    );
    expect(unknown.error?.code).toBe('ParamValidation');
    expect(unknown.output).toMatch(/No such file or directory: 'nope\.json'/);
  });

  it('reads an imported file only when a command names it, and one gone since as missing', async () => {
    const read: string[] = [];
    const file = (name: string, text?: string) =>
      ({
        text: () => {
          read.push(name);
          return text === undefined ? Promise.reject(new Error('gone')) : Promise.resolve(text);
        },
      }) as unknown as Blob;
    const imported = {
      'bucket-policy.json': file('bucket-policy.json', JSON.stringify(POLICY)),
      'other.json': file('other.json', '{}'),
      'gone.json': file('gone.json'),
    };
    const s = new Session(world(), { files: () => imported });
    await s.setup('aws s3api put-bucket-policy --bucket logs --policy file://bucket-policy.json');
    expect(read).toEqual(['bucket-policy.json']);
    const gone = await s.run('aws s3api put-bucket-policy --bucket logs --policy file://gone.json');
    expect(gone.output).toMatch(/No such file or directory: 'gone\.json'/);
  });

  it('has no imported files without an import', async () => {
    const s = new Session(world());
    expect((await s.run('files')).output).toMatch(
      /Imported \(the last files picked or dropped\): none/,
    );
  });
});
