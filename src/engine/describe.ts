/** Short descriptions of principals, policies and statements for traces, summaries and suggestions. */
import type { PolicyKind, Principal } from './types.ts';

const lastSegment = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

/** e.g. `user alice`, `role WebRole (session s1)`, `the root user of account 111122223333`. */
export function describeCaller(p: Principal): string {
  switch (p.type) {
    case 'user':
      return `user ${lastSegment(p.arn)}`;
    case 'role-session': {
      const role = p.roleArn ? lastSegment(p.roleArn) : (p.arn.split('/')[1] ?? p.arn);
      return `role ${role}${p.sessionName ? ` (session ${p.sessionName})` : ''}`;
    }
    case 'federated-user':
      return `federated user ${lastSegment(p.arn)}`;
    case 'root':
      return `the root user of account ${p.account ?? '?'}`;
    case 'federated':
      return `the federated identity from ${p.arn}`;
    case 'service':
      return `the service ${p.serviceName ?? p.arn}`;
    default:
      return 'an anonymous caller';
  }
}

/** The entity whose identity policies apply, e.g. `user alice` or `role WebRole`. */
export function describeIdentityOwner(p: Principal): string {
  if (p.type === 'role-session')
    return `role ${p.roleArn ? lastSegment(p.roleArn) : (p.arn.split('/')[1] ?? p.arn)}`;
  return describeCaller(p);
}

/** The role named by a role ARN, for trust-policy messages. */
export function roleName(arn: string): string {
  return lastSegment(arn);
}

const KIND_LABEL: Record<PolicyKind, string> = {
  identity: 'identity policy',
  resource: 'resource-based policy',
  trust: 'trust policy',
  kms: 'key policy',
  boundary: 'permissions boundary',
  session: 'session policy',
  scp: 'SCP',
  rcp: 'RCP',
  'vpc-endpoint': 'VPC endpoint policy',
};

/** e.g. `identity policy S3Read` or `SCP DenyAll at OU Workloads`. */
export function describePolicy(kind: PolicyKind, name: string, level?: string): string {
  return `${KIND_LABEL[kind]} ${name}${level ? ` at ${level}` : ''}`;
}

/** e.g. `statement "DenyAll"` or `statement 2`. */
export function describeStatement(st: { sid?: string; index: number }): string {
  return st.sid ? `statement "${st.sid}"` : `statement ${st.index + 1}`;
}
