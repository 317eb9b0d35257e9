/**
 * Turns a differential case into our engine's input, the way src/model would:
 * one PolicySource per document, levels for SCPs and RCPs, and RCPFullAWSAccess
 * attached explicitly at every RCP level (the model attaches it; iam-simulate adds it itself).
 */
import type {
  EvaluationInput,
  PolicyLevel,
  PolicyKind,
  PolicySource,
  Principal,
} from '../../../src/engine/types.ts';
import { RCP_FULL_AWS_ACCESS, type DiffCase, type DiffPrincipal, type PolicyDoc } from './world.ts';

function source(
  id: (string | number)[],
  name: string,
  kind: PolicyKind,
  document: PolicyDoc,
): PolicySource {
  return { id, name, kind, document };
}

function toPrincipal(p: DiffPrincipal): Principal {
  switch (p.kind) {
    case 'user':
      return { type: 'user', arn: p.arn, account: p.account };
    case 'role-session':
      return {
        type: 'role-session',
        arn: p.arn,
        account: p.account,
        roleArn: p.roleArn,
        sessionName: p.sessionName,
      };
    case 'federated-user':
      return {
        type: 'federated-user',
        arn: p.arn,
        account: p.account,
        sessionName: p.name,
        userArn: p.userArn,
      };
    case 'service':
      return { type: 'service', arn: p.serviceName, serviceName: p.serviceName };
    case 'anonymous':
      return { type: 'anonymous', arn: 'anonymous' };
  }
}

/** Builds our engine's input for a case. */
export function toEvaluationInput(c: DiffCase): EvaluationInput {
  const input: EvaluationInput = {
    request: {
      principal: toPrincipal(c.principal),
      action: c.action,
      resource: c.resource,
      resourceAccount: c.resourceAccount,
      context: { ...c.context },
    },
    identityPolicies: c.identityPolicies.map((doc, i) =>
      source(['identity', i], `identity-${i}`, 'identity', doc),
    ),
  };
  if (c.resourcePolicy) {
    input.resourcePolicy = source(
      ['resource'],
      'resource policy',
      c.resourcePolicyKind ?? 'resource',
      c.resourcePolicy,
    );
  }
  if (c.boundary) input.boundary = source(['boundary'], 'boundary', 'boundary', c.boundary);
  if (c.sessionPolicy) {
    input.sessionPolicies = [source(['session'], 'session policy', 'session', c.sessionPolicy)];
  }
  if (c.scps) {
    input.scps = c.scps.map((level, i): PolicyLevel => ({
      name: `SCP level ${i}`,
      policies: level.map((doc, j) => source(['scp', i, j], `scp-${i}-${j}`, 'scp', doc)),
    }));
  }
  if (c.rcps) {
    input.rcps = c.rcps.map((level, i): PolicyLevel => ({
      name: `RCP level ${i}`,
      policies: [
        source(['rcp', i, 'full'], 'RCPFullAWSAccess', 'rcp', RCP_FULL_AWS_ACCESS),
        ...level.map((doc, j) => source(['rcp', i, j], `rcp-${i}-${j}`, 'rcp', doc)),
      ],
    }));
  }
  if (c.restrictPublicBuckets) {
    const bucket = `arn:aws:s3:::${c.resource.split(':')[5]?.split('/')[0] ?? ''}`;
    input.s3Bucket = {
      bucket,
      publicAccessBlock: {
        BlockPublicAcls: false,
        IgnorePublicAcls: false,
        BlockPublicPolicy: false,
        RestrictPublicBuckets: true,
      },
      setBy: { RestrictPublicBuckets: ['bucket'] },
    };
  }
  return input;
}
