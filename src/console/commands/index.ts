/**
 * The command table: every command the console knows, by service. Parsing, help, usage errors,
 * permission checks and completion all read this one table.
 */
import type { CommandSpec } from '../spec';
import { instanceCommands } from '../instances';
import { accessAnalyzerCommands } from './accessanalyzer';
import { accountCommands } from './iam-account';
import { credentialCommands } from './iam-credentials';
import { policyCommands } from './iam-policies';
import { roleCommands } from './iam-roles';
import { simulateCommands } from './iam-simulate';
import { userCommands } from './iam-users';
import { organizationsCommands } from './organizations';
import { s3Commands } from './s3';
import { s3AclCommands } from './s3-acl';
import { accessPointCommands } from './s3-access-points';
import { perimeterCommands } from './perimeter';
import { stsCommands } from './sts';

/** Every command, grouped by service in the order help lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  ...userCommands,
  ...credentialCommands,
  ...roleCommands,
  ...policyCommands,
  ...accountCommands,
  ...simulateCommands,
  ...stsCommands,
  ...organizationsCommands,
  ...accessAnalyzerCommands,
  ...instanceCommands,
  ...s3Commands,
  ...s3AclCommands,
  ...accessPointCommands,
  ...perimeterCommands,
];

/** The services the console knows, with one line each for `aws help`. */
export const SERVICES = {
  iam: 'Identity and Access Management: users, groups, roles, policies, instance profiles.',
  sts: 'Security Token Service: who am I, and assume-role.',
  organizations: 'AWS Organizations: OUs, service control policies and resource control policies.',
  accessanalyzer: "IAM Access Analyzer: validate-policy, answered from the project's findings.",
  ec2: 'Amazon EC2: run-instances with an instance profile (then `ssh INSTANCE`), describe-instances, create-vpc-endpoint.',
  kms: 'AWS KMS: create-grant and list-grants on a key.',
  ssm: "Systems Manager: start-session opens an instance's shell.",
  s3api:
    "Amazon S3: bucket policies, a bucket's Block Public Access settings, Object Ownership and ACLs.",
  s3control: "Amazon S3 Control: the account's Block Public Access settings, and access points.",
} as const;

export type ServiceName = keyof typeof SERVICES;

/** The commands of one service, sorted by name as the AWS CLI's help lists them. */
export function commandsOf(service: string): CommandSpec[] {
  return COMMANDS.filter((c) => c.service === service).sort((a, b) => a.name.localeCompare(b.name));
}

/** Finds a command by service and name. */
export function findCommand(service: string, name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.service === service && c.name === name);
}
