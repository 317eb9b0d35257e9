import { describe, expect, it } from 'vitest';
import { createConsoleState, exportAsShellScript, runScript } from '../../../src/console/index';
import type { ConsoleDeps } from '../../../src/console/index';
import type { Scenario } from '../../../src/model/index';
import { createConsoleDeps } from '../../../src/console/deps';
import { EC2_TRUST, NOW, S3_READ, emptyWorld, smallWorld } from './helpers';

const DEV = '111122223333';
const PROD = '444455556666';
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const DENY_LEAVE = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
};
const HTTPS_ONLY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ],
};

/** A world with most of what the format has: two accounts, an organization with an OU, SCPs and an RCP. */
function richWorld(): Scenario {
  return {
    format: 'iam-playground/scenario',
    version: 1,
    title: "Alice's team",
    organization: {
      id: 'o-a1b2c3d4e5',
      managementAccount: DEV,
      policies: { DenyLeave: DENY_LEAVE, HttpsOnly: HTTPS_ONLY },
      root: {
        accounts: { [DEV]: {} },
        rcps: ['HttpsOnly'],
        ous: {
          Workloads: {
            scps: ['DenyLeave'],
            accounts: { [PROD]: { scps: ['FullAWSAccess', 'DenyLeave'] } },
            ous: { Inner: {} },
          },
        },
      },
    },
    accounts: {
      [DEV]: {
        name: 'dev',
        policies: {
          S3Read: S3_READ,
          Boundary: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: ['s3:*', 'ec2:*'], Resource: '*' }],
          },
        },
        groups: {
          developers: {
            policies: ['S3Read'],
            inline: {
              logs: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: 'logs:*', Resource: '*' }],
              },
            },
          },
        },
        users: {
          alice: {
            path: '/eng/',
            groups: ['developers'],
            policies: [`arn:aws:iam::${DEV}:policy/S3Read`],
            boundary: 'Boundary',
            tags: { team: "it's web" },
          },
          bob: { inline: { own: S3_READ } },
        },
        roles: {
          WebRole: {
            path: '/app/',
            trust: EC2_TRUST,
            policies: ['S3Read', ADMIN],
            inline: { extra: S3_READ },
            boundary: 'Boundary',
            tags: { env: 'dev' },
          },
          Spare: { trust: EC2_TRUST },
        },
        instanceProfiles: { WebProfile: { role: 'WebRole' }, Empty: {} },
      },
      [PROD]: { users: { carol: { policies: [ADMIN] } } },
    },
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The world as AWS would hold it: ids AWS assigns dropped, references as ARNs, empty parts and defaults left out. */
function normalize(scenario: Scenario): Json {
  const copy = structuredClone(scenario) as unknown as Record<string, Json>;
  delete copy['title'];
  const org = copy['organization'] as Record<string, Json> | undefined;
  if (org) delete org['id'];
  for (const [id, account] of Object.entries(
    (copy['accounts'] ?? {}) as Record<
      string,
      Record<string, Record<string, Record<string, Json>>>
    >,
  )) {
    for (const kind of ['users', 'groups', 'roles'] as const) {
      for (const entity of Object.values(account[kind] ?? {})) {
        const arn = (ref: Json) =>
          typeof ref === 'string' && !ref.startsWith('arn:')
            ? `arn:aws:iam::${id}:policy/${ref}`
            : ref;
        if (Array.isArray(entity['policies'])) entity['policies'] = entity['policies'].map(arn);
        if (typeof entity['boundary'] === 'string') entity['boundary'] = arn(entity['boundary']);
      }
    }
  }
  const prune = (value: Json): Json | undefined => {
    if (Array.isArray(value))
      return value.length === 0 ? undefined : value.map((v) => prune(v) ?? {});
    if (value !== null && typeof value === 'object') {
      const out: Record<string, Json> = {};
      for (const [k, v] of Object.entries(value)) {
        if (k === 'path' && v === '/') continue;
        if (k === 'boundary' && v === null) continue;
        const pruned = prune(v);
        // Organization nodes and accounts are kept even when empty: their presence is meaning.
        if (pruned !== undefined) out[k] = pruned;
        else if (/^\d{12}$/.test(k) || k === 'Inner' || k === 'Empty') out[k] = {};
      }
      return Object.keys(out).length === 0 ? undefined : out;
    }
    return value;
  };
  return prune(copy as Json) ?? {};
}

async function rebuild(scenario: Scenario, deps: ConsoleDeps = { now: () => NOW }) {
  const script = exportAsShellScript(scenario);
  const start = emptyWorld();
  return { script, ...(await runScript(script, start, createConsoleState(start, NOW), deps)) };
}

describe('exportAsShellScript', () => {
  it.each([
    ['the small world', smallWorld()],
    [
      'a world with two accounts, an organization, boundaries, tags, paths and AWS managed policies',
      richWorld(),
    ],
  ])('rebuilds %s when its commands run on an empty world', async (_, world) => {
    const { failed, scenario } = await rebuild(world);
    expect(failed?.result.output).toBeUndefined();
    expect(normalize(scenario)).toEqual(normalize(world));
  });

  it('rebuilds it with permission checks on: each account root may build its account, the management account its organization', async () => {
    const { failed, scenario } = await rebuild(richWorld(), createConsoleDeps({ now: () => NOW }));
    expect(failed?.result.output).toBeUndefined();
    expect(normalize(scenario)).toEqual(normalize(richWorld()));
  });

  it('is a shell script of aws commands, one account after another', () => {
    const script = exportAsShellScript(richWorld());
    const lines = script.split('\n');
    expect(lines[0]).toBe('#!/bin/sh');
    expect(lines).toContain('set -e');
    expect(lines).toContain(`export AWS_PROFILE=${DEV}`);
    expect(lines).toContain(`export AWS_PROFILE=${PROD}`);
    expect(lines).toContain(
      `aws iam create-user --user-name alice --path /eng/ --permissions-boundary arn:aws:iam::${DEV}:policy/Boundary --tags '[{"Key":"team","Value":"it'\\''s web"}]'`,
    );
    expect(lines).toContain(
      "ROOT_ID=$(aws organizations list-roots --query 'Roots[0].Id' --output text)",
    );
    expect(lines).toContain(
      'aws organizations detach-policy --policy-id p-FullAWSAccess --target-id $OU_WORKLOADS',
    );
    const commands = lines.filter(
      (l) => l !== '' && !l.startsWith('#') && l !== 'set -e' && !l.startsWith('export '),
    );
    expect(commands.every((l) => /^(\w+=\$\()?aws (iam|organizations) /.test(l))).toBe(true);
  });

  it('creates policies before what refers to them', () => {
    const lines = exportAsShellScript(richWorld()).split('\n');
    const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
    expect(at('aws iam create-policy --policy-name Boundary')).toBeLessThan(
      at('aws iam create-user --user-name alice'),
    );
    expect(at('aws iam create-group --group-name developers')).toBeLessThan(
      at('aws iam add-user-to-group'),
    );
    expect(at('aws iam create-role --role-name WebRole')).toBeLessThan(
      at('aws iam add-role-to-instance-profile'),
    );
  });

  it('says what it cannot build', () => {
    const world = smallWorld();
    world.resources = { 'arn:aws:s3:::reports': { policy: S3_READ } };
    world.requests = [
      { principal: 'anonymous', action: 's3:GetObject', resource: 'arn:aws:s3:::reports/x' },
    ];
    const script = exportAsShellScript(world);
    expect(script).toContain('#   resource arn:aws:s3:::reports');
    expect(script).toContain('#   1 request(s) to decide');
  });

  it('an empty world gives a script that does nothing', async () => {
    const { scenario, steps } = await rebuild(emptyWorld());
    expect(steps).toEqual([]);
    expect(scenario).toEqual(emptyWorld());
  });
});

describe('exportAsShellScript: credentials', () => {
  const A = '123456789012';
  function credentialWorld(): Scenario {
    return {
      format: 'iam-playground/scenario',
      version: 1,
      accounts: {
        [A]: {
          passwordPolicy: { MinimumPasswordLength: 30, RequireSymbols: true, HardExpiry: false },
          users: {
            alice: {
              loginProfile: { created: '2026-01-01T00:00:00Z', passwordResetRequired: true },
              accessKeys: [
                { id: 'AKIAIOSFODNN7EXAMPLE', status: 'Active' },
                { id: 'AKIAI44QH8DHBEXAMPLE', status: 'Inactive' },
              ],
              mfaDevices: [{ serial: `arn:aws:iam::${A}:mfa/team/alice-phone` }],
            },
            bob: { loginProfile: {} },
          },
        },
      },
    };
  }
  /** What the CLI can recreate: no dates (AWS stamps them), no access keys (AWS picks their ids). */
  function recreatable(world: Scenario): Json {
    const copy = JSON.parse(JSON.stringify(world)) as Scenario;
    for (const user of Object.values(copy.accounts?.[A]?.users ?? {})) {
      delete user.accessKeys;
      // Kept as a field that survives normalize's pruning of empty objects.
      if (user.loginProfile)
        user.loginProfile = {
          passwordResetRequired: user.loginProfile.passwordResetRequired === true,
        };
      for (const device of user.mfaDevices ?? []) delete device.enabled;
    }
    return normalize(copy);
  }

  it('rebuilds login profiles, virtual MFA devices and the password policy; access keys are comments', async () => {
    const { script, failed, scenario } = await rebuild(credentialWorld());
    expect(failed?.result.output).toBeUndefined();
    expect(recreatable(scenario)).toEqual(recreatable(credentialWorld()));
    expect(script).toContain(
      "aws iam create-login-profile --user-name alice --password 'Change-Me-Now-1234567890!' --password-reset-required",
    );
    expect(script).toMatch(/# alice's console password is not in the world/);
    expect(script).toContain(
      '# alice has active access key AKIAIOSFODNN7EXAMPLE: AWS picks a new key',
    );
    expect(script).toContain('# alice has inactive access key AKIAI44QH8DHBEXAMPLE');
    expect(script).toContain(
      'aws iam create-virtual-mfa-device --virtual-mfa-device-name alice-phone --path /team/ --outfile alice-phone.png --bootstrap-method QRCodePNG',
    );
    expect(script).toContain(
      'aws iam update-account-password-policy --minimum-password-length 30 --require-symbols --no-hard-expiry',
    );
    // The policy comes after the passwords: it checks only passwords set after it.
    expect(script.indexOf('update-account-password-policy')).toBeGreaterThan(
      script.lastIndexOf('create-login-profile'),
    );
  });

  it('says what only the root user can set', () => {
    const world = credentialWorld();
    world.accounts![A]!.rootUser = { mfa: true, accessKeys: true };
    expect(exportAsShellScript(world)).toContain(
      '# The root user has MFA and has access keys: only the root user sets these',
    );
  });
});
