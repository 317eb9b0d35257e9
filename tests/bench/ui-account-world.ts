/**
 * The account-sized world the UI benchmark types in (issue 19: "a keystroke in a policy to its
 * updated decisions ≤ 100 ms p95"): the synthetic export of aws-dump.ts (2,000 roles, 500 users,
 * 100 groups, 5,000 customer managed policies, 300 bucket policies, 50 accounts) read by the
 * app's own import, plus 20 requests, since an imported account has none. The requests are made
 * by the users who hold the edited policy (through a group or directly) and by roles, on the
 * buckets and services that policy names, so a keystroke in it changes what they weigh.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importAwsOutputs } from '../../src/model/index.ts';
import { DUMP_ACCOUNT, writeSyntheticDump } from './aws-dump.ts';

type Json = Record<string, unknown>;

export interface AccountWorld {
  world: Json;
  /** The customer managed policy typed in. */
  policy: string;
  /** The Sid put on its first statement, where the cursor goes. */
  sid: string;
}

export function accountWorld(seed = 2026): AccountWorld {
  const dir = join(mkdtempSync(join(tmpdir(), 'iam-playground-ui-account-')), 'account');
  writeSyntheticDump(dir, seed);
  const files = readdirSync(dir).map((name) => ({
    name,
    value: JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown,
  }));
  const read = importAwsOutputs(files);
  if (!read.ok)
    throw new Error(`the synthetic export did not import: ${read.problems[0]?.message}`);
  const world = read.scenario;
  const account = (world['accounts'] as Record<string, Json>)[DUMP_ACCOUNT]!;
  const users = account['users'] as Record<string, { groups?: string[]; policies?: string[] }>;
  const groups = account['groups'] as Record<string, { policies?: string[] }>;
  const roles = account['roles'] as Record<string, { policies?: string[] }>;
  const policies = account['policies'] as Record<string, { Statement: Json[] }>;

  // The policy the first user holds through its first group: the one typed in.
  const [firstUser, firstHolder] = Object.entries(users).find(
    ([, u]) => (groups[u.groups?.[0] ?? '']?.policies?.length ?? 0) > 0,
  )!;
  const policy = groups[firstHolder.groups![0]!]!.policies![0]!;
  const sid = 'BenchEdit';
  policies[policy]!.Statement[0] = { Sid: sid, ...policies[policy]!.Statement[0] };

  const holders = Object.entries(users)
    .filter(
      ([name, u]) =>
        name === firstUser ||
        u.policies?.includes(policy) ||
        u.groups?.some((g) => groups[g]?.policies?.includes(policy)),
    )
    .map(([name]) => `arn:aws:iam::${DUMP_ACCOUNT}:user/${name}`);
  const someRoles = Object.keys(roles)
    .slice(0, 10)
    .map((name) => `arn:aws:iam::${DUMP_ACCOUNT}:role/${name}`);
  const principals = [...holders.slice(0, 10), ...someRoles];
  const buckets = Object.keys((world['resources'] as Json) ?? {}).filter((arn) =>
    arn.startsWith('arn:aws:s3:::'),
  );
  const named = (policies[policy]!.Statement as { Action?: unknown; Resource?: unknown }[]).flatMap(
    (s) => [s.Action, s.Resource].flat(),
  );
  const actions = named.filter(
    (a): a is string => typeof a === 'string' && /^[a-z0-9-]+:\w+$/.test(a),
  );
  const requests = Array.from({ length: 20 }, (_, r) => {
    const action = actions[r % Math.max(1, actions.length)] ?? 's3:GetObject';
    const service = action.split(':')[0]!;
    const resource =
      service === 's3'
        ? `${buckets[r % buckets.length]}/report-${r}.csv`
        : service === 'ec2' || service === 'logs'
          ? '*'
          : `arn:aws:${service}:us-east-1:${DUMP_ACCOUNT}:thing-${r}`;
    return {
      id: `request-${r + 1}`,
      principal: principals[r % principals.length],
      action,
      resource,
      context: { 'aws:SecureTransport': 'true' },
    };
  });
  world['requests'] = requests;
  world['title'] = 'Account-sized world (imported export), 20 requests';
  return { world, policy, sid };
}
