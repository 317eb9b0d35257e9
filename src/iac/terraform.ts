/**
 * The world as Terraform (HCL) for the AWS provider: `aws_iam_policy`, `aws_iam_user`,
 * `aws_iam_group`, `aws_iam_role`, `aws_iam_instance_profile`, inline policies as
 * `aws_iam_{user,group,role}_policy`, attachments as `aws_iam_{user,group,role}_policy_attachment`,
 * group memberships as `aws_iam_user_group_membership`, and `aws_s3_bucket_policy`. References
 * between them are Terraform references (`aws_iam_policy.PolicyS3Read.arn`), so `terraform apply`
 * creates things in order. A world of several accounts gets one `aws` provider alias per account
 * (`aws.a111122223333`), each to be given that account's credentials.
 *
 * Policy documents are JSON in heredocs, with Terraform's template sequences escaped (`$${`,
 * `%%{`), so IAM policy variables such as `${aws:username}` reach AWS as written. What cannot be
 * exported is listed in a comment at the top.
 */
import type { Scenario } from '../model/index.ts';
import {
  accountEntries,
  bucketPolicies,
  EMPTY_TRUST,
  notExported,
  policyRef,
  uniqueId,
} from './world.ts';

/** A Terraform quoted string: JSON's escapes, and template sequences escaped. */
export function hclString(text: string): string {
  // HCL has JSON's escapes but for \b and \f; \u covers those.
  const json = JSON.stringify(text).replace(/\\(.)/g, (pair, c: string) =>
    c === 'b' ? '\\u0008' : c === 'f' ? '\\u000c' : pair,
  );
  return escapeTemplate(json);
}

/** `${` and `%{` start template sequences in Terraform strings and heredocs; `$${` and `%%{` are literal. */
function escapeTemplate(text: string): string {
  // (In a replacement string `$$` is one `$`.)
  return text.replace(/\$\{/g, '$$$${').replace(/%\{/g, '%%{');
}

/** A policy document as a heredoc of indented JSON. */
function heredoc(document: unknown): string {
  return `<<-EOT\n${escapeTemplate(JSON.stringify(document, null, 2))
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n')}\n  EOT`;
}

/** A block `resource "TYPE" "NAME" { … }` from attribute lines (already HCL). */
function block(type: string, name: string, lines: (string | undefined)[]): string {
  const body = lines.filter((l): l is string => l !== undefined).map((l) => `  ${l}`);
  return `resource "${type}" "${name}" {\n${body.join('\n')}\n}`;
}

function tagsLine(tags: Record<string, string> | undefined): string | undefined {
  const entries = Object.entries(tags ?? {});
  if (entries.length === 0) return undefined;
  return `tags = {\n${entries.map(([k, v]) => `    ${hclString(k)} = ${hclString(v)}`).join('\n')}\n  }`;
}

/** The whole world as one Terraform file (main.tf). */
export function terraformConfig(scenario: Scenario): string {
  const accounts = Object.keys(scenario.accounts ?? {});
  const several = accounts.length > 1;
  const out: string[] = [
    `# IAM${scenario.title ? ` of "${scenario.title.replace(/\n/g, ' ')}"` : ''}, exported by IAM Playground.`,
  ];
  const left = notExported(scenario);
  if (left.length > 0) out.push('# Not exported:', ...left.map((line) => `#   ${line}`));
  if (several)
    for (const account of accounts)
      out.push(
        '',
        `# Give this provider account ${account}'s credentials (a profile, or assume_role).`,
        `provider "aws" {\n  alias = "a${account}"\n}`,
      );
  const ids = new Set<string>();
  for (const account of accounts)
    out.push(...accountBlocks(scenario, account, several ? account : undefined, ids));
  return `${out.join('\n')}\n`;
}

function accountBlocks(
  scenario: Scenario,
  account: string,
  alias: string | undefined,
  ids: Set<string>,
): string[] {
  const entries = accountEntries(scenario.accounts![account]!);
  const prefix = alias ? `a${alias}_` : '';
  const id = (kind: string, name: string) => uniqueId(ids, `${prefix}${kind}`, name);
  const provider = alias ? `provider = aws.a${alias}` : undefined;
  const blocks: string[] = [];
  const add = (type: string, name: string, lines: (string | undefined)[]) =>
    blocks.push('', block(type, name, [provider, ...lines]));

  const policyIds = new Map(entries.policies.map(([name]) => [name, id('Policy', name)]));
  const groupIds = new Map(entries.groups.map(([name]) => [name, id('Group', name)]));
  const roleIds = new Map(entries.roles.map(([name]) => [name, id('Role', name)]));
  const policyArn = (ref: string): string => {
    const r = policyRef(account, ref);
    if ('arn' in r) return hclString(r.arn);
    const local = policyIds.get(r.local);
    return local
      ? `aws_iam_policy.${local}.arn`
      : hclString(`arn:aws:iam::${account}:policy/${r.local}`);
  };
  const pathLine = (path: string | undefined) =>
    path !== undefined ? `path = ${hclString(path)}` : undefined;
  const boundaryLine = (boundary: string | null | undefined) =>
    typeof boundary === 'string' ? `permissions_boundary = ${policyArn(boundary)}` : undefined;

  /** Inline policies and attachments of a user, group or role (`kind`), named by `ref`. */
  const policiesOf = (
    kind: 'user' | 'group' | 'role',
    localId: string,
    entity: { policies?: string[]; inline?: Record<string, unknown> },
  ) => {
    const owner = `${kind} = aws_iam_${kind}.${localId}.name`;
    for (const [name, document] of Object.entries(entity.inline ?? {}))
      add(`aws_iam_${kind}_policy`, id(`${localId}_`, name), [
        `name = ${hclString(name)}`,
        owner,
        `policy = ${heredoc(document)}`,
      ]);
    for (const ref of entity.policies ?? [])
      add(
        `aws_iam_${kind}_policy_attachment`,
        id(`${localId}_`, ref.slice(ref.lastIndexOf('/') + 1)),
        [owner, `policy_arn = ${policyArn(ref)}`],
      );
  };

  for (const [name, document] of entries.policies)
    add('aws_iam_policy', policyIds.get(name)!, [
      `name = ${hclString(name)}`,
      `policy = ${heredoc(document)}`,
    ]);
  for (const [name, group] of entries.groups) {
    const local = groupIds.get(name)!;
    add('aws_iam_group', local, [`name = ${hclString(name)}`, pathLine(group.path)]);
    policiesOf('group', local, group);
  }
  for (const [name, user] of entries.users) {
    const local = id('User', name);
    add('aws_iam_user', local, [
      `name = ${hclString(name)}`,
      pathLine(user.path),
      boundaryLine(user.boundary),
      tagsLine(user.tags),
    ]);
    if (user.groups?.length)
      add('aws_iam_user_group_membership', `${local}_groups`, [
        `user = aws_iam_user.${local}.name`,
        `groups = [${user.groups
          .map((g) => (groupIds.has(g) ? `aws_iam_group.${groupIds.get(g)}.name` : hclString(g)))
          .join(', ')}]`,
      ]);
    policiesOf('user', local, user);
  }
  for (const [name, role] of entries.roles) {
    const local = roleIds.get(name)!;
    add('aws_iam_role', local, [
      `name = ${hclString(name)}`,
      pathLine(role.path),
      `assume_role_policy = ${heredoc(role.trust ?? EMPTY_TRUST)}`,
      boundaryLine(role.boundary),
      role.maxSessionDuration !== undefined
        ? `max_session_duration = ${role.maxSessionDuration}`
        : undefined,
      tagsLine(role.tags),
    ]);
    policiesOf('role', local, role);
  }
  for (const [name, profile] of entries.instanceProfiles)
    add('aws_iam_instance_profile', id('InstanceProfile', name), [
      `name = ${hclString(name)}`,
      pathLine(profile.path),
      typeof profile.role === 'string'
        ? `role = ${roleIds.has(profile.role) ? `aws_iam_role.${roleIds.get(profile.role)}.name` : hclString(profile.role)}`
        : undefined,
    ]);
  for (const { bucket, policy } of bucketPolicies(scenario, account, !alias))
    add('aws_s3_bucket_policy', id('BucketPolicy', bucket), [
      `bucket = ${hclString(bucket)}`,
      `policy = ${heredoc(policy)}`,
    ]);
  return blocks;
}
