import { describe, expect, it } from 'vitest';
import { createConsoleDeps } from '../../../src/console/deps';
import { NOW, Session, doc, smallWorld } from './helpers';

const A = '111122223333';
const session = () => new Session(smallWorld(), createConsoleDeps({ now: () => NOW }));

describe('aws iam simulate-principal-policy', () => {
  it('answers every action and resource with AWS response shape, decided by the engine', async () => {
    const out = (await session().json(
      `aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::${A}:user/alice --action-names s3:GetObject s3:PutObject --resource-arns arn:aws:s3:::reports/a.csv`,
    )) as { EvaluationResults: Record<string, unknown>[] };
    // The AWS CLI merges the pages of paginated operations and leaves IsTruncated out.
    expect(Object.keys(out)).toEqual(['EvaluationResults']);
    const s3Read = { SourcePolicyId: 'S3Read', SourcePolicyType: 'user-managed' };
    expect(out.EvaluationResults).toEqual([
      {
        EvalActionName: 's3:GetObject',
        EvalResourceName: 'arn:aws:s3:::reports/a.csv',
        EvalDecision: 'allowed',
        MatchedStatements: [s3Read],
        MissingContextValues: [],
        ResourceSpecificResults: [
          {
            EvalResourceName: 'arn:aws:s3:::reports/a.csv',
            EvalResourceDecision: 'allowed',
            MatchedStatements: [s3Read],
            MissingContextValues: [],
          },
        ],
      },
      {
        EvalActionName: 's3:PutObject',
        EvalResourceName: 'arn:aws:s3:::reports/a.csv',
        EvalDecision: 'implicitDeny',
        MatchedStatements: [],
        MissingContextValues: [],
        ResourceSpecificResults: [
          {
            EvalResourceName: 'arn:aws:s3:::reports/a.csv',
            EvalResourceDecision: 'implicitDeny',
            MatchedStatements: [],
            MissingContextValues: [],
          },
        ],
      },
    ]);
  });

  it('answers once per action: the most restrictive decision, each resource in ResourceSpecificResults', async () => {
    const s = await session().setup(
      `aws iam put-user-policy --user-name alice --policy-name noSecret --policy-document ${doc({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/secret.csv' }] })}`,
    );
    const out = (await s.json(
      `aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::${A}:user/alice --action-names s3:GetObject --resource-arns arn:aws:s3:::reports/a.csv arn:aws:s3:::reports/secret.csv`,
    )) as {
      EvaluationResults: {
        EvalResourceName: string;
        EvalDecision: string;
        MatchedStatements: unknown[];
        ResourceSpecificResults: { EvalResourceName: string; EvalResourceDecision: string }[];
      }[];
    };
    expect(out.EvaluationResults).toHaveLength(1);
    const [result] = out.EvaluationResults;
    expect(result).toMatchObject({
      EvalResourceName: '*',
      EvalDecision: 'explicitDeny',
      MatchedStatements: [{ SourcePolicyId: 'noSecret', SourcePolicyType: 'user' }],
    });
    expect(
      result!.ResourceSpecificResults.map((r) => [r.EvalResourceName, r.EvalResourceDecision]),
    ).toEqual([
      ['arn:aws:s3:::reports/a.csv', 'allowed'],
      ['arn:aws:s3:::reports/secret.csv', 'explicitDeny'],
    ]);
  });

  it('gives no ResourceSpecificResults without --resource-arns (the resource is *)', async () => {
    const out = (await session().json(
      `aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::${A}:user/alice --action-names s3:GetObject`,
    )) as { EvaluationResults: Record<string, unknown>[] };
    expect(out.EvaluationResults[0]).toMatchObject({ EvalResourceName: '*' });
    expect(out.EvaluationResults[0]).not.toHaveProperty('ResourceSpecificResults');
  });

  it('shows an explicit deny and the statement that made it', async () => {
    const s = await session().setup(
      `aws iam put-user-policy --user-name alice --policy-name noReports --policy-document ${doc({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::reports/*' }] })}`,
    );
    const out = (await s.json(
      `aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::${A}:user/alice --action-names s3:GetObject --resource-arns arn:aws:s3:::reports/a.csv`,
    )) as {
      EvaluationResults: {
        EvalDecision: string;
        MatchedStatements: { SourcePolicyId: string; SourcePolicyType: string }[];
      }[];
    };
    expect(out.EvaluationResults[0]!.EvalDecision).toBe('explicitDeny');
    expect(out.EvaluationResults[0]!.MatchedStatements).toEqual([
      { SourcePolicyId: 'noReports', SourcePolicyType: 'user' },
    ]);
  });

  it('lists the condition keys the context lacks in MissingContextValues, each once', async () => {
    const s = await session().setup(
      `aws iam put-user-policy --user-name bob --policy-name office --policy-document ${doc({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: '*',
            Condition: {
              IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
              StringEquals: { 's3:prefix': 'home/' },
            },
          },
          {
            Effect: 'Deny',
            Action: 's3:GetObject',
            Resource: '*',
            Condition: { IpAddress: { 'aws:SourceIp': '198.51.100.0/24' } },
          },
          {
            Effect: 'Allow',
            Action: 's3:PutObject',
            Resource: '*',
            Condition: { StringEquals: { 'aws:RequestTag/team': 'web' } },
          },
        ],
      })}`,
    );
    const missing = async (extra: string) =>
      (
        (await s.json(
          `aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::${A}:user/bob --action-names s3:GetObject ${extra}`,
        )) as { EvaluationResults: { MissingContextValues: string[] }[] }
      ).EvaluationResults[0]!.MissingContextValues;
    // The PutObject statement does not apply to GetObject: its key is not asked for.
    expect(await missing('')).toEqual(['aws:SourceIp', 's3:prefix']);
    expect(
      await missing(
        '--context-entries ContextKeyName=aws:SourceIp,ContextKeyValues=203.0.113.9,ContextKeyType=ip',
      ),
    ).toEqual(['s3:prefix']);
  });

  it('passes --context-entries to the conditions', async () => {
    const s = await session().setup(
      `aws iam put-user-policy --user-name bob --policy-name office --policy-document ${doc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }] })}`,
    );
    const decide = async (ip: string) =>
      (
        (await s.json(
          `aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::${A}:user/bob --action-names s3:GetObject --context-entries ContextKeyName=aws:SourceIp,ContextKeyValues=${ip},ContextKeyType=ip`,
        )) as {
          EvaluationResults: { EvalDecision: string }[];
        }
      ).EvaluationResults[0]!.EvalDecision;
    expect(await decide('203.0.113.9')).toBe('allowed');
    expect(await decide('198.51.100.1')).toBe('implicitDeny');
  });

  it.each([
    ['a group', `arn:aws:iam::${A}:group/developers`, 'InvalidInput'],
    ['something that is not an ARN', 'alice', 'InvalidInput'],
  ])('refuses %s as the policy source', async (_, source, code) => {
    expect(
      (
        await session().run(
          `aws iam simulate-principal-policy --policy-source-arn ${source} --action-names s3:GetObject`,
        )
      ).error?.code,
    ).toBe(code);
  });

  it('says so when no engine is connected', async () => {
    expect(
      (
        await new Session().run(
          `aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::${A}:user/alice --action-names s3:GetObject`,
        )
      ).error?.code,
    ).toBe('ServiceFailure');
  });
});

describe('aws iam simulate-custom-policy', () => {
  it('decides the documents given, with a boundary', async () => {
    const allowS3 = doc({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
    });
    const boundary = doc({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }],
    });
    const out = (await session().json(
      `aws iam simulate-custom-policy --policy-input-list ${allowS3} --permissions-boundary-policy-input-list ${boundary} --action-names s3:GetObject s3:DeleteObject --caller-arn arn:aws:iam::${A}:user/bob`,
    )) as {
      EvaluationResults: {
        EvalActionName: string;
        EvalDecision: string;
        MatchedStatements: unknown[];
        PermissionsBoundaryDecisionDetail?: unknown;
      }[];
    };
    expect(out.EvaluationResults.map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([
      ['s3:GetObject', 'allowed'],
      ['s3:DeleteObject', 'implicitDeny'],
    ]);
    expect(out.EvaluationResults[0]!.MatchedStatements).toEqual([
      { SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'none' },
    ]);
    expect(out.EvaluationResults[1]!.PermissionsBoundaryDecisionDetail).toEqual({
      AllowedByPermissionsBoundary: false,
    });
  });

  it('reads documents of the world with file://NAME', async () => {
    const out = (await session().json(
      'aws iam simulate-custom-policy --policy-input-list file://S3Read --action-names s3:GetObject',
    )) as { EvaluationResults: { EvalDecision: string }[] };
    expect(out.EvaluationResults[0]!.EvalDecision).toBe('allowed');
  });

  it('refuses a malformed document', async () => {
    expect(
      (
        await session().run(
          `aws iam simulate-custom-policy --policy-input-list '{"Statement":' --action-names s3:GetObject`,
        )
      ).error,
    ).toEqual({
      code: 'MalformedPolicyDocument',
      message: 'This policy contains invalid Json',
    });
  });
});
