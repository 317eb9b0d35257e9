/**
 * The explorer's edits of a VPC endpoint's VPC and service, a KMS key's kind, and the
 * organization's, root's and OUs' ids: each a world edit whose result the model reads as AWS
 * would (aws:SourceVpc, aws:PrincipalOrgPaths, an AWS managed key's alias and policy).
 */
import { describe, expect, it } from 'vitest';
import { loadScenario, resolveRequest, type Scenario } from '../../../../src/model/index.ts';
import {
  addAccount,
  addOrganization,
  addOu,
  addVpcEndpoint,
  emptyScenario,
  moveAccount,
  orgIdProblem,
  ORG_ROOT,
  setKeyManager,
  setOrgId,
  setVpcEndpointField,
  vpcEndpointFieldProblem,
  type ScenarioDocument,
} from '../../../../src/model/world/index.ts';
import { getIn } from '../../../../src/model/json-path.ts';

const A = '111122223333';
const KEY = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const catalog = new Map<string, unknown>();
const now = new Date('2026-01-01T00:00:00Z');

const problems = (s: ScenarioDocument) =>
  loadScenario(JSON.stringify(s)).problems.filter((p) => p.severity === 'error');

/** The context of root's request for s3:GetObject in A (through `vpcEndpoint` when given). */
function contextOf(s: ScenarioDocument, vpcEndpoint?: string) {
  const scenario = s as unknown as Scenario;
  const resolved = resolveRequest(
    scenario,
    {
      principal: `arn:aws:iam::${A}:root`,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::reports/a.txt',
      ...(vpcEndpoint ? { vpcEndpoint } : {}),
    },
    { catalog, now },
  );
  if (!resolved.ok || !resolved.input) throw new Error(JSON.stringify(resolved));
  return resolved.input.request.context;
}

describe('a VPC endpoint', () => {
  const E = 'vpce-0a1b2c3d4e5f67890';
  const base = () => addVpcEndpoint(addAccount(emptyScenario(), A), A, E, { service: 's3' });

  it('takes a VPC id, which requests through it then carry as aws:SourceVpc', () => {
    const s = setVpcEndpointField(base(), A, E, 'vpc', 'vpc-0123456789abcdef0');
    expect(problems(s)).toEqual([]);
    expect(contextOf(s, E)).toMatchObject({
      'aws:SourceVpce': E,
      'aws:SourceVpc': 'vpc-0123456789abcdef0',
    });
    expect(contextOf(setVpcEndpointField(s, A, E, 'vpc', null), E)).not.toHaveProperty(
      'aws:SourceVpc',
    );
  });

  it('refuses what validation refuses', () => {
    expect(vpcEndpointFieldProblem('vpc', 'vpc-123')).toMatch(/vpc-0a1b2c3d4e5f67890/);
    expect(vpcEndpointFieldProblem('vpc', 'vpc-0123456789abcdef0')).toBeNull();
    expect(vpcEndpointFieldProblem('service', 'S3!')).toMatch(/prefix/);
    expect(vpcEndpointFieldProblem('service', 'dynamodb')).toBeNull();
    expect(problems(setVpcEndpointField(base(), A, E, 'vpc', 'vpc-123'))).toHaveLength(1);
  });
});

describe('a KMS key made AWS managed or customer managed', () => {
  const withPolicy = (): ScenarioDocument => ({
    ...addAccount(emptyScenario(), A),
    resources: {
      [KEY]: {
        account: A,
        alias: 'reports',
        policy: { Version: '2012-10-17', Statement: [] },
      },
    },
  });

  it("AWS managed: alias aws/SERVICE and no key policy of its own (AWS's)", () => {
    const s = setKeyManager(withPolicy(), KEY, 'AWS', 'dynamodb');
    expect(getIn(s, ['resources', KEY])).toEqual({
      account: A,
      keyManager: 'AWS',
      alias: 'aws/dynamodb',
    });
    expect(problems(s)).toEqual([]);
  });

  it('customer managed again: the aws/ alias goes, a key policy stays', () => {
    expect(getIn(setKeyManager(withPolicy(), KEY, 'CUSTOMER'), ['resources', KEY])).toEqual(
      getIn(withPolicy(), ['resources', KEY]),
    );
    const back = setKeyManager(setKeyManager(withPolicy(), KEY, 'AWS'), KEY, 'CUSTOMER');
    expect(getIn(back, ['resources', KEY])).toEqual({ account: A });
    expect(problems(back)).toEqual([]);
  });
});

describe('organization, root and OU ids', () => {
  const ou = [...ORG_ROOT, 'ous', 'prod'];
  const base = () => {
    let s = addOrganization(addAccount(emptyScenario(), A));
    s = addOu(s, ORG_ROOT, 'prod');
    return moveAccount(s, A, ou);
  };

  it('set ids are the entity path of aws:PrincipalOrgPaths', () => {
    let s = setOrgId(base(), ['organization'], 'o-a1b2c3d4e5');
    s = setOrgId(s, ORG_ROOT, 'r-ab12');
    s = setOrgId(s, ou, 'ou-ab12-11111111');
    expect(problems(s)).toEqual([]);
    expect(contextOf(s)).toMatchObject({
      'aws:PrincipalOrgID': 'o-a1b2c3d4e5',
      'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/'],
    });
    // Removed: derived again.
    const derived = contextOf(setOrgId(s, ou, null))['aws:PrincipalOrgPaths'] as string[];
    expect(derived[0]).toMatch(/^o-a1b2c3d4e5\/r-ab12\/ou-ab12-[a-z0-9]{8}\/$/);
    expect(derived[0]).not.toBe('o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/');
  });

  it.each([
    [['organization'], 'o-123', 'o-a1b2c3d4e5'],
    [ORG_ROOT, 'root', 'r-ab12'],
    [ou, 'ou-1', 'ou-ab12-11111111'],
  ])('refuses a badly shaped id at %j', (node, bad, good) => {
    expect(orgIdProblem(node, bad)).toMatch(/looks like/);
    expect(orgIdProblem(node, good)).toBeNull();
  });
});
