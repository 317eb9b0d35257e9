/**
 * Every step of a trace, once: its title in the trace and its short label in the flow picture,
 * in the order the flow picture draws them. An `optional` step is drawn only when the request
 * went through it (sign-in, resolution, an instance profile's chain, the STS caller check, ...).
 */
import type { StepId } from '../types.ts';

export interface StepName {
  id: StepId;
  /** The step's heading in the trace. */
  title: string;
  /** The flow picture's short label. */
  label: string;
  optional?: boolean;
}

export const STEP_NAMES: readonly StepName[] = [
  // Decided by the scenario model before the engine runs.
  {
    id: 'authentication',
    title: 'Authentication',
    label: 'Signed in with a valid key?',
    optional: true,
  },
  { id: 'resolution', title: 'Resolution', label: 'Request names a real caller?', optional: true },
  {
    id: 'instance-profile',
    title: 'Instance profile',
    label: 'EC2 may assume the role?',
    optional: true,
  },
  {
    id: 'caller',
    title: 'Who may call this operation',
    label: 'May this caller call it?',
    optional: true,
  },
  { id: 'explicit-deny', title: 'Explicit deny in any policy', label: 'Explicit deny anywhere?' },
  { id: 'rcp', title: 'Resource control policies (RCPs)', label: 'Resource control policies' },
  { id: 'scp', title: 'Service control policies (SCPs)', label: 'Service control policies' },
  {
    id: 'vpc-endpoint',
    title: 'VPC endpoint policy',
    label: 'VPC endpoint policy',
    optional: true,
  },
  {
    id: 'network-origin',
    title: 'Access point network origin',
    label: 'Access point network origin',
    optional: true,
  },
  {
    id: 's3-acl',
    title: 'S3 Object Ownership and ACLs',
    label: 'S3 Object Ownership and ACLs',
    optional: true,
  },
  { id: 'resource-policy', title: 'Resource-based policy', label: 'Resource-based policy' },
  { id: 'root-user', title: 'Root user', label: 'Root user' },
  { id: 'identity-policy', title: 'Identity-based policies', label: 'Identity-based policies' },
  { id: 'boundary', title: 'Permissions boundary', label: 'Permissions boundary' },
  { id: 'session-policy', title: 'Session policies', label: 'Session policy' },
  {
    id: 'resource-layer',
    title: 'Further resource-based policy',
    label: 'Bucket behind the access point',
    optional: true,
  },
  {
    id: 's3-public-access',
    title: 'S3 Block Public Access',
    label: 'S3 Block Public Access',
    optional: true,
  },
  { id: 'kms-grant', title: 'KMS grants', label: 'KMS grants', optional: true },
  { id: 'final', title: 'Decision', label: 'Decision' },
];

/** Every step's title in the trace, by id. */
export const TITLES = Object.fromEntries(STEP_NAMES.map((s) => [s.id, s.title])) as Record<
  StepId,
  string
>;
