/**
 * Reads what the AWS CLI prints for a resource's policy into a scenario `resources` entry:
 * `aws s3api get-bucket-policy` (`{"Policy"}`), `aws kms get-key-policy` (`{"Policy",
 * "PolicyName"}`), `aws sqs get-queue-attributes` and `aws sns get-topic-attributes`
 * (`{"Attributes": {"Policy", "QueueArn" | "TopicArn", …}}`), `aws lambda get-policy`
 * (`{"Policy", "RevisionId"}`) and `aws secretsmanager get-resource-policy` (`{"ARN", "Name",
 * "ResourcePolicy"}`). Response shapes: the API references' GetBucketPolicy, GetKeyPolicy,
 * GetQueueAttributes, GetTopicAttributes, GetPolicy (Lambda) and GetResourcePolicy (Secrets
 * Manager); each prints the policy as JSON text.
 *
 * Which resource the policy is on, in this order: the output's own ARN (a secret's `ARN`, a
 * queue's `QueueArn`, a topic's `TopicArn`); the one resource every statement names (a bucket
 * policy's `arn:aws:s3:::BUCKET/*`, a function policy's function ARN); the file name, which holds
 * it after its first dot: `bucket-policy.BUCKET.json`, or `key-policy.REGION.ACCOUNT.KEY-ID.json`
 * (and likewise `QUEUE`, `TOPIC`, `FUNCTION`, `SECRET` names) for the others.
 */
import { isAccountId, parseArn } from '../arn.ts';
import { getOwn, isRecord } from '../own.ts';
import { baseName, text, type DumpFile, type Located, type Path } from './located.ts';

type Json = Record<string, unknown>;

export type ResourcePolicyOutput =
  | 'get-bucket-policy'
  | 'get-key-policy'
  | 'get-queue-attributes'
  | 'get-topic-attributes'
  | 'get-policy'
  | 'get-resource-policy'
  /** `{"Attributes": {"Policy"}}` alone: a queue's or a topic's, said by its statements. */
  | 'attributes';

/** The keys each output has, all of them (a file with others is not such output). */
function only(value: Json, keys: string[]): boolean {
  return Object.keys(value).every((k) => keys.includes(k));
}

/** The command whose output this is, or undefined when it is none of them. */
export function resourcePolicyOutput(value: unknown): ResourcePolicyOutput | undefined {
  if (!isRecord(value) || Object.hasOwn(value, 'format')) return undefined;
  if (
    typeof getOwn(value, 'ResourcePolicy') === 'string' &&
    only(value, ['ARN', 'Name', 'ResourcePolicy'])
  )
    return 'get-resource-policy';
  const attributes = getOwn(value, 'Attributes');
  if (isRecord(attributes) && only(value, ['Attributes'])) {
    if (Object.hasOwn(attributes, 'TopicArn')) return 'get-topic-attributes';
    if (Object.hasOwn(attributes, 'QueueArn')) return 'get-queue-attributes';
    if (typeof getOwn(attributes, 'Policy') === 'string') return 'attributes';
    return undefined;
  }
  if (typeof getOwn(value, 'Policy') !== 'string') return undefined;
  if (only(value, ['Policy', 'PolicyName']))
    return Object.hasOwn(value, 'PolicyName') ? 'get-key-policy' : 'get-bucket-policy';
  if (only(value, ['Policy', 'RevisionId'])) return 'get-policy';
  return undefined;
}

/** The service of each output, and how its resource's ARN is written. */
const SERVICES: Record<
  Exclude<ResourcePolicyOutput, 'attributes'>,
  { service: string; resource: (name: string) => string; example: string }
> = {
  'get-bucket-policy': { service: 's3', resource: (n) => n, example: 'bucket-policy.BUCKET.json' },
  'get-key-policy': {
    service: 'kms',
    resource: (n) => `key/${n}`,
    example: 'key-policy.REGION.ACCOUNT.KEY-ID.json',
  },
  'get-queue-attributes': {
    service: 'sqs',
    resource: (n) => n,
    example: 'queue-attributes.REGION.ACCOUNT.QUEUE.json',
  },
  'get-topic-attributes': {
    service: 'sns',
    resource: (n) => n,
    example: 'topic-attributes.REGION.ACCOUNT.TOPIC.json',
  },
  'get-policy': {
    service: 'lambda',
    resource: (n) => `function:${n}`,
    example: 'function-policy.REGION.ACCOUNT.FUNCTION.json',
  },
  'get-resource-policy': {
    service: 'secretsmanager',
    resource: (n) => `secret:${n}`,
    example: 'secret-policy.REGION.ACCOUNT.SECRET.json',
  },
};

/** The ARN every statement's Resource names (for S3: the bucket of them all), if there is one. */
function namedByStatements(document: Json, service: string): string | undefined {
  const statements = getOwn(document, 'Statement');
  const found = new Set<string>();
  for (const statement of Array.isArray(statements) ? statements : [statements]) {
    const resource = getOwn(statement, 'Resource');
    for (const r of Array.isArray(resource) ? resource : [resource]) {
      const arn = parseArn(String(r));
      if (!arn || arn.service !== service) return undefined;
      // For S3 the bucket is the part before the first slash; what follows may be a pattern.
      const named = service === 's3' ? arn.resource.split('/')[0]! : arn.resource;
      if (/[*?]/.test(named)) return undefined;
      found.add(service === 's3' ? `arn:${arn.partition}:s3:::${named}` : String(r));
    }
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** The ARN the file name gives (after its first dot), for a service. */
function namedByFile(file: DumpFile, output: keyof typeof SERVICES): string | undefined {
  const name = baseName(file.name).replace(/\.json$/i, '');
  const dot = name.indexOf('.');
  if (dot < 0) return undefined;
  const id = name.slice(dot + 1);
  const { service, resource } = SERVICES[output];
  if (service === 's3')
    return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(id) ? `arn:aws:s3:::${id}` : undefined;
  const [region, account, ...rest] = id.split('.');
  const local = rest.join('.');
  if (
    !region ||
    !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region) ||
    !account ||
    !isAccountId(account) ||
    !local
  )
    return undefined;
  return `arn:aws:${service}:${region}:${account}:${resource(local)}`;
}

/** One resource's entry, read from one output; problems go to `at`. */
export function readResourcePolicy(
  at: Located,
  file: DumpFile,
  output: ResourcePolicyOutput,
): { arn: string; policy?: Json } | undefined {
  const value = file.value as Json;
  // A queue or topic without a policy: its attributes have no Policy.
  const attributes = getOwn(value, 'Attributes');
  if (isRecord(attributes) && getOwn(attributes, 'Policy') === undefined) {
    const key = output === 'get-topic-attributes' ? 'TopicArn' : 'QueueArn';
    const arn = text(getOwn(attributes, key));
    if (arn) return { arn };
    at.problem(
      ['Attributes', key],
      `Expected the ${key === 'TopicArn' ? 'topic' : 'queue'}'s ARN.`,
    );
    return undefined;
  }
  const policyPath: Path =
    output === 'get-resource-policy'
      ? ['ResourcePolicy']
      : output === 'get-queue-attributes' ||
          output === 'get-topic-attributes' ||
          output === 'attributes'
        ? ['Attributes', 'Policy']
        : ['Policy'];
  let policy: unknown;
  try {
    policy = JSON.parse(
      policyPath.reduce<unknown>((v, k) => getOwn(v, String(k)), value) as string,
    );
  } catch (error) {
    at.problem(policyPath, `The policy is not valid JSON text: ${String(error)}`);
    return undefined;
  }
  if (!isRecord(policy)) {
    at.problem(policyPath, 'Expected a policy document (a JSON object) as text.');
    return undefined;
  }
  let kind: keyof typeof SERVICES | undefined = output === 'attributes' ? undefined : output;
  if (kind === undefined) {
    // A queue's or a topic's: its statements say which, or the file name does.
    if (namedByStatements(policy, 'sqs')) kind = 'get-queue-attributes';
    else if (namedByStatements(policy, 'sns')) kind = 'get-topic-attributes';
    else if (namedByFile(file, 'get-queue-attributes') && /queue|sqs/i.test(baseName(file.name)))
      kind = 'get-queue-attributes';
    else if (namedByFile(file, 'get-topic-attributes') && /topic|sns/i.test(baseName(file.name)))
      kind = 'get-topic-attributes';
    if (kind === undefined) {
      at.problem(
        ['Attributes'],
        'These attributes do not say which queue or topic they are for: ask for QueueArn too (--attribute-names Policy QueueArn), or name the file queue-attributes.REGION.ACCOUNT.QUEUE.json or topic-attributes.REGION.ACCOUNT.TOPIC.json.',
      );
      return undefined;
    }
  }
  // A bucket policy as old CLIs print a key policy (no PolicyName): the file name tells them apart.
  if (
    kind === 'get-bucket-policy' &&
    !namedByStatements(policy, 's3') &&
    namedByFile(file, 'get-key-policy')
  )
    kind = 'get-key-policy';
  const { service, example } = SERVICES[kind];
  const ownPath: Path | undefined =
    kind === 'get-resource-policy'
      ? ['ARN']
      : kind === 'get-queue-attributes'
        ? ['Attributes', 'QueueArn']
        : kind === 'get-topic-attributes'
          ? ['Attributes', 'TopicArn']
          : undefined;
  const own = ownPath && text(ownPath.reduce<unknown>((v, k) => getOwn(v, String(k)), value));
  const arn = own ?? namedByStatements(policy, service) ?? namedByFile(file, kind);
  if (!arn) {
    at.problem(
      [],
      `This output of aws ${service === 's3' ? 's3api' : service} ${kind} does not say which resource it is for: name the file ${example}.`,
    );
    return undefined;
  }
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== service) {
    at.problem(own ? ownPath! : [], `Expected an ${service} ARN, found "${arn}".`);
    return undefined;
  }
  return { arn, policy };
}
