/**
 * Reading ARNs and the principal strings of the scenario format.
 */
import { count, QUOTE_LIMIT } from './text-caps.ts';

/** The six parts of an ARN: arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE (the resource may hold ':'). */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/**
 * Whether a string is written as an ARN ("arn:..."), not as a name, an id or a service principal
 * (a policy reference, a resource, a key id). Whether the ARN is well formed is parseArn's question.
 */
export function isArn(text: string): boolean {
  return text.startsWith('arn:');
}

/** Splits an ARN into its parts, or returns undefined when the text is not an ARN. */
export function parseArn(text: string): Arn | undefined {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition = '', service = '', region = '', account = ''] = parts;
  const resource = parts.slice(5).join(':');
  if (
    !/^aws(-[a-z]+)*$/.test(partition) ||
    !/^[a-z0-9-]+$/.test(service) ||
    resource.length === 0
  ) {
    return undefined;
  }
  return { partition, service, region, account, resource };
}

/**
 * For an S3 object ARN (arn:aws:s3:::bucket/key), its bucket's ARN; otherwise undefined. Only
 * general purpose bucket ARNs (no Region, no account) count: not access point ARNs.
 */
export function bucketOf(resource: string): string | undefined {
  const arn = s3BucketPath(resource);
  const slash = arn ? arn.resource.indexOf('/') : -1;
  return arn && slash > 0 ? `arn:${arn.partition}:s3:::${arn.resource.slice(0, slash)}` : undefined;
}

/** Whether `resource` is a general purpose bucket's own ARN (arn:aws:s3:::bucket), not an object's. */
export function isBucketArn(resource: string): boolean {
  const arn = s3BucketPath(resource);
  return arn !== undefined && !arn.resource.includes('/');
}

/** Whether `resource` is a general purpose bucket's or object's ARN (arn:PARTITION:s3:::BUCKET[/KEY]). */
export function isBucketOrObjectArn(resource: string): boolean {
  return s3BucketPath(resource) !== undefined;
}

/** An ARN in S3's bucket namespace (service s3, no Region, no account), or undefined. */
function s3BucketPath(resource: string): Arn | undefined {
  const arn = parseArn(resource);
  return arn && arn.service === 's3' && arn.region === '' && arn.account === '' ? arn : undefined;
}

/** A 12-digit AWS account id. */
export function isAccountId(text: string): boolean {
  return /^[0-9]{12}$/.test(text);
}

/** An IAM path and name from the resource part of an IAM ARN, e.g. `user/division/alice`. */
export interface PathAndName {
  path: string;
  name: string;
}

function splitPathAndName(rest: string): PathAndName | undefined {
  const slash = rest.lastIndexOf('/');
  const name = rest.slice(slash + 1);
  if (name.length === 0) return undefined;
  return { path: slash < 0 ? '/' : `/${rest.slice(0, slash)}/`, name };
}

/** The principal forms of the scenario format. */
export type PrincipalRef =
  | { kind: 'user'; partition: string; account: string; path: string; name: string }
  | { kind: 'role'; partition: string; account: string; path: string; name: string }
  | { kind: 'assumed-role'; partition: string; account: string; name: string; sessionName: string }
  | { kind: 'root'; partition: string; account: string }
  | { kind: 'instance-profile'; partition: string; account: string; path: string; name: string }
  | { kind: 'oidc-provider' | 'saml-provider'; partition: string; account: string; arn: string }
  | { kind: 'service'; service: string }
  | { kind: 'anonymous' };

/** Service principals look like `ec2.amazonaws.com` (or `.amazonaws.com.cn`, `.amazon.com`). */
export function isServicePrincipal(text: string): boolean {
  return /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*\.(amazonaws\.com(\.cn)?|amazon\.com)$/.test(
    text,
  );
}

/** The forms a request's `principal` may take, for error messages. */
export const PRINCIPAL_FORMS =
  'arn:aws:iam::ACCOUNT:user/NAME, arn:aws:iam::ACCOUNT:role/NAME, arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION, ' +
  'arn:aws:iam::ACCOUNT:root, arn:aws:iam::ACCOUNT:instance-profile/NAME, arn:aws:iam::ACCOUNT:oidc-provider/HOST, ' +
  'arn:aws:iam::ACCOUNT:saml-provider/NAME, a service principal such as ec2.amazonaws.com, or anonymous';

/**
 * Reads a request's `principal` string. Returns a sentence saying what is wrong when it is
 * none of the forms the format defines.
 */
export function parsePrincipal(text: string): PrincipalRef | string {
  if (text === 'anonymous') return { kind: 'anonymous' };
  if (isServicePrincipal(text)) return { kind: 'service', service: text };
  const arn = parseArn(text);
  if (!arn) return `"${text}" is not a principal. Use one of: ${PRINCIPAL_FORMS}.`;
  const { partition, service, region, account, resource } = arn;
  if (region !== '')
    return `"${text}" has a region, but IAM and STS principal ARNs have none (…::ACCOUNT:…).`;
  if (!isAccountId(account)) return `"${text}" needs a 12-digit account id in its fifth field.`;
  if (service === 'iam') {
    if (resource === 'root') return { kind: 'root', partition, account };
    const slash = resource.indexOf('/');
    const type = slash < 0 ? resource : resource.slice(0, slash);
    const rest = slash < 0 ? '' : resource.slice(slash + 1);
    const pn = splitPathAndName(rest);
    if (type === 'user' || type === 'role' || type === 'instance-profile') {
      if (!pn) return `"${text}" has no ${type} name after "${type}/".`;
      return { kind: type, partition, account, path: pn.path, name: pn.name };
    }
    if (type === 'oidc-provider' || type === 'saml-provider') {
      if (rest === '') return `"${text}" has no provider name after "${type}/".`;
      return { kind: type, partition, account, arn: text };
    }
  }
  if (service === 'sts' && resource.startsWith('assumed-role/')) {
    const parts = resource.split('/');
    if (parts.length !== 3 || !parts[1] || !parts[2]) {
      return `"${text}" must be arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION (role name and session name).`;
    }
    return { kind: 'assumed-role', partition, account, name: parts[1], sessionName: parts[2] };
  }
  return `"${text}" is not a principal form this program knows. Use one of: ${PRINCIPAL_FORMS}.`;
}

/** The ARN of an IAM entity: arn:PARTITION:iam::ACCOUNT:TYPE/PATH/NAME. */
export function iamArn(
  partition: string,
  account: string,
  type: string,
  path: string | undefined,
  name: string,
): string {
  return `arn:${partition}:iam::${account}:${type}${path ?? '/'}${name}`;
}

/** Turns a JSON path into readable text: `accounts["111122223333"].users.alice.policies[0]`. */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(the document)';
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment) && segment.length <= QUOTE_LIMIT)
      out += out === '' ? segment : `.${segment}`;
    else if (segment.length > QUOTE_LIMIT)
      out += `[${JSON.stringify(segment.slice(0, QUOTE_LIMIT))}… (${count(segment.length)} characters)]`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
