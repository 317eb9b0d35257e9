/**
 * A world with one of each escalation family the graph knows, and one near miss (erin may pass
 * the admin role only to EC2, so her Lambda route is closed by iam:PassedToService).
 */
import type { Scenario } from '../../../src/model/index.ts';

export const A = '111111111111';
const V = '2012-10-17';
const allow = (Action: string | string[], Resource: string | string[], extra = {}) => ({
  Version: V,
  Statement: [{ Effect: 'Allow', Action, Resource, ...extra }],
});
const trust = (Principal: unknown) => ({
  Version: V,
  Statement: [{ Effect: 'Allow', Principal, Action: 'sts:AssumeRole' }],
});
const ADMIN = allow('*', '*');
export const arn = (kind: string, name: string) => `arn:aws:iam::${A}:${kind}/${name}`;
const passTo = (service: string, role: string) =>
  allow('iam:PassRole', arn('role', role), {
    Condition: { StringEquals: { 'iam:PassedToService': service } },
  });

export const ESCALATION_WORLD: Scenario = {
  format: 'iam-playground/scenario',
  version: 1,
  title: 'Escalation families',
  accounts: {
    [A]: {
      policies: {
        BobPolicy: allow('iam:CreatePolicyVersion', arn('policy', 'BobPolicy')),
        S3Only: allow(['s3:*', 'iam:DeleteUserPermissionsBoundary'], '*'),
      },
      users: {
        alice: {
          inline: {
            Launch: allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*'),
            Pass: passTo('lambda.amazonaws.com', 'LambdaAdmin'),
          },
        },
        erin: {
          inline: {
            Launch: allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*'),
            Pass: passTo('ec2.amazonaws.com', 'LambdaAdmin'),
          },
        },
        bob: { policies: ['BobPolicy'] },
        carol: { inline: { Assume: allow('sts:AssumeRole', arn('role', 'Helpdesk')) } },
        dave: { groups: ['Admins'] },
        frank: { inline: { Join: allow('iam:AddUserToGroup', arn('group', 'Admins')) } },
        gina: { inline: { All: ADMIN }, boundary: 'S3Only' },
        hank: {
          inline: {
            Run: allow('ec2:RunInstances', '*'),
            Pass: passTo('ec2.amazonaws.com', 'Ec2Admin'),
          },
        },
        ivan: { inline: { Read: allow('s3:GetObject', '*') } },
      },
      groups: { Admins: { inline: { All: ADMIN } } },
      roles: {
        LambdaAdmin: { trust: trust({ Service: 'lambda.amazonaws.com' }), inline: { All: ADMIN } },
        Ec2Admin: { trust: trust({ Service: 'ec2.amazonaws.com' }), inline: { All: ADMIN } },
        Helpdesk: {
          trust: trust({ AWS: A }),
          inline: { Reset: allow('iam:UpdateLoginProfile', arn('user', 'dave')) },
        },
      },
      instanceProfiles: { WebProfile: { role: 'Ec2Admin' } },
    },
  },
};
