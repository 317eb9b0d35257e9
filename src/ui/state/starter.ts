/**
 * The scenario a first visit opens: small enough to read at a glance, with one request that is
 * allowed and one that is not, so the decision, the trace and the flow all have something to show.
 */
import { SCENARIO_FORMAT, SCENARIO_VERSION, type ScenarioDocument } from '../../model/index.ts';

const ACCOUNT = '111122223333';

/** A fresh copy of the starter scenario. */
export function starterScenario(): ScenarioDocument {
  return {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    title: 'Alice reads team reports',
    accounts: {
      [ACCOUNT]: {
        name: 'dev',
        policies: {
          ReadReports: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'ReadReports',
                Effect: 'Allow',
                Action: ['s3:GetObject', 's3:ListBucket'],
                Resource: ['arn:aws:s3:::team-reports', 'arn:aws:s3:::team-reports/*'],
              },
            ],
          },
        },
        users: { alice: { groups: [], policies: ['ReadReports'], inline: {} } },
        groups: {},
        roles: {},
        instanceProfiles: {},
      },
    },
    resources: {
      'arn:aws:s3:::team-reports': {
        account: ACCOUNT,
        policy: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'NoDeletes',
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:DeleteObject',
              Resource: 'arn:aws:s3:::team-reports/*',
            },
          ],
        },
      },
    },
    requests: [
      {
        id: 'alice-reads',
        principal: `arn:aws:iam::${ACCOUNT}:user/alice`,
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::team-reports/2026/q3.csv',
        expect: 'allowed',
      },
      {
        id: 'alice-deletes',
        principal: `arn:aws:iam::${ACCOUNT}:user/alice`,
        action: 's3:DeleteObject',
        resource: 'arn:aws:s3:::team-reports/2026/q3.csv',
        expect: 'denied',
      },
    ],
  };
}
