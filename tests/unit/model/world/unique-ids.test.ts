/**
 * Unique ids through world edits, as AWS keeps them: a rename keeps the id ("Rename an IAM
 * user"); a deleted user or role leaves its id in the policies that named it, and one created
 * again under the same name is not the principal they name ("AWS JSON policy elements:
 * Principal"). Decided end to end by the model and the engine.
 */
import { describe, expect, it } from 'vitest';
import { evaluateScenario, type Scenario } from '../../../../src/model/index.ts';
import {
  addAccount,
  addRole,
  addUser,
  deleteIdentity,
  emptyScenario,
  renameIdentity,
  setIdentityPath,
  setTrustPolicy,
  type ScenarioDocument,
} from '../../../../src/model/world/index.ts';
import { identityUniqueId } from '../../../../src/model/world/index.ts';
import { getIn, setIn } from '../../../../src/model/json-path.ts';

const A = '111122223333';
const now = new Date('2026-01-01T00:00:00Z');
const catalog = new Map<string, unknown>();
const ASSUME = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
};

/** alice may assume Deployer, whose trust policy names alice's ARN; one request: alice assumes it. */
function world(): ScenarioDocument {
  let s = addUser(addRole(addAccount(emptyScenario(), A), A, 'Deployer'), A, 'alice');
  s = setTrustPolicy(s, A, 'Deployer', {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${A}:user/alice` },
        Action: 'sts:AssumeRole',
      },
    ],
  });
  const accounts = s['accounts'] as Record<string, { users: Record<string, object> }>;
  accounts[A]!.users['alice'] = { ...accounts[A]!.users['alice'], inline: { assume: ASSUME } };
  return {
    ...s,
    requests: [
      {
        principal: `arn:aws:iam::${A}:user/alice`,
        action: 'sts:AssumeRole',
        resource: `arn:aws:iam::${A}:role/Deployer`,
      },
    ],
  };
}

const decision = (s: ScenarioDocument) =>
  evaluateScenario(s as unknown as Scenario, { catalog, now })[0]?.decision;

describe('a rename keeps the unique id', () => {
  it.each(['users', 'roles'] as const)('of %s', (kind) => {
    const s = world();
    const name = kind === 'users' ? 'alice' : 'Deployer';
    const before = identityUniqueId(s, A, kind, name);
    const renamed = renameIdentity(s, A, kind, name, 'renamed');
    expect(identityUniqueId(renamed, A, kind, 'renamed')).toBe(before);
    expect(getIn(renamed, ['accounts', A, kind, 'renamed', 'id'])).toBe(before);
  });

  it('and the renamed user is still the trusted principal', () => {
    expect(decision(renameIdentity(world(), A, 'users', 'alice', 'alicia'))).toBe('allowed');
  });

  it('a refused rename (the name taken) changes nothing', () => {
    const s = addUser(world(), A, 'bob');
    expect(renameIdentity(s, A, 'users', 'alice', 'bob')).toBe(s);
  });
});

describe('a deleted user or role, created again', () => {
  it('leaves its unique id in the trust policy that named it', () => {
    const s = world();
    const id = identityUniqueId(s, A, 'users', 'alice');
    const deleted = deleteIdentity(s, A, 'users', 'alice');
    expect(
      getIn(deleted, ['accounts', A, 'roles', 'Deployer', 'trust', 'Statement', 0, 'Principal']),
    ).toEqual({ AWS: id });
  });

  it('gets a new id and is no longer trusted', () => {
    const s = world();
    expect(decision(s)).toBe('allowed');
    const old = identityUniqueId(s, A, 'users', 'alice');
    let again = addUser(deleteIdentity(s, A, 'users', 'alice'), A, 'alice');
    const accounts = again['accounts'] as Record<string, { users: Record<string, object> }>;
    accounts[A]!.users['alice'] = { ...accounts[A]!.users['alice'], inline: { assume: ASSUME } };
    again = { ...again };
    expect(identityUniqueId(again, A, 'users', 'alice')).not.toBe(old);
    expect(decision(again)).toBe('implicitDeny');
  });

  it('a new entity whose derived id nothing names keeps the derived id (no id written)', () => {
    const s = addUser(world(), A, 'carol');
    expect(getIn(s, ['accounts', A, 'users', 'carol', 'id'])).toBeUndefined();
  });
});

describe('a path keeps the unique id ("Rename an IAM user": name or path)', () => {
  /** The world with `path` typed by hand on alice and the request naming her new ARN. */
  const withPath = (s: ScenarioDocument, path: string): ScenarioDocument => {
    const moved = setIn(s, ['accounts', A, 'users', 'alice', 'path'], path) as ScenarioDocument;
    return setIn(
      moved,
      ['requests', 0, 'principal'],
      `arn:aws:iam::${A}:user${path}alice`,
    ) as ScenarioDocument;
  };

  it.each(['users', 'roles'] as const)('of %s edited by hand in the JSON', (kind) => {
    const s = world();
    const name = kind === 'users' ? 'alice' : 'Deployer';
    const before = identityUniqueId(s, A, kind, name);
    const moved = setIn(s, ['accounts', A, kind, name, 'path'], '/eng/team/') as ScenarioDocument;
    expect(identityUniqueId(moved, A, kind, name)).toBe(before);
  });

  it('so a trust policy that holds the id still trusts the user moved by hand', () => {
    const s = world();
    const id = identityUniqueId(s, A, 'users', 'alice');
    const pinned = setIn(
      s,
      ['accounts', A, 'roles', 'Deployer', 'trust', 'Statement', 0, 'Principal'],
      { AWS: id },
    ) as ScenarioDocument;
    expect(decision(pinned)).toBe('allowed');
    expect(decision(withPath(pinned, '/eng/'))).toBe('allowed');
  });

  it('as setIdentityPath (update-user --new-path) keeps it, with no id written', () => {
    const s = world();
    const before = identityUniqueId(s, A, 'users', 'alice');
    const moved = setIdentityPath(s, A, 'users', 'alice', '/eng/');
    expect(identityUniqueId(moved, A, 'users', 'alice')).toBe(before);
    expect(getIn(moved, ['accounts', A, 'users', 'alice', 'id'])).toBeUndefined();
    expect(getIn(moved, ['requests', 0, 'principal'])).toBe(`arn:aws:iam::${A}:user/eng/alice`);
    expect(decision(moved)).toBe('allowed');
  });
});
