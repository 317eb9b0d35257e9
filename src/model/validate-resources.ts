/**
 * Validation of a scenario's resource entries: their ARNs, owners, resource policies and S3
 * settings.
 */
import { isKeyArn } from './kms-keys.ts';
import type { JsonPath } from '../engine/index.ts';
import { isAccountId, parseArn } from './arn.ts';
import { bucketStatementsWithoutResource } from './bucket-policy.ts';
import { isBucketArn } from './arn.ts';
import { blockedPolicyWarning, checkPublicAccessBlock } from './s3-settings.ts';
import { isRecord } from './own.ts';
import { resourceOwner } from './owner.ts';
import { quote } from './text-caps.ts';
import { RESOURCE_KEYS } from './validate-keys.ts';
import { type Checker, describe } from './validate-checker.ts';

export function checkResources(c: Checker, value: unknown): void {
  const resources = c.object(value, ['resources'], 'resources');
  if (!resources) return;
  for (const [arnText, entryValue] of Object.entries(resources)) {
    const path: JsonPath = ['resources', arnText];
    const arn = parseArn(arnText);
    if (!arn)
      c.error(
        'invalid-arn',
        path,
        `${quote(arnText)} is not an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE).`,
        true,
      );
    const entry = c.object(entryValue, path, `resource ${arnText}`, RESOURCE_KEYS);
    if (!entry) continue;
    if (
      Object.hasOwn(entry, 'account') &&
      c.string(entry.account, [...path, 'account'], 'The resource account')
    ) {
      if (!isAccountId(entry.account))
        c.error(
          'invalid-account-id',
          [...path, 'account'],
          `${quote(entry.account)} is not a 12-digit account id.`,
        );
      else if (arn && arn.account !== '' && arn.account !== entry.account) {
        c.error(
          'account-mismatch',
          [...path, 'account'],
          `The ARN says account ${arn.account} but "account" says ${entry.account}; they must agree.`,
        );
      }
    }
    c.tags(entry, path);
    if (Object.hasOwn(entry, 'publicAccessBlock')) {
      if (isBucketArn(arnText))
        checkPublicAccessBlock(entry.publicAccessBlock, [...path, 'publicAccessBlock'], c.sink);
      else
        c.error(
          'setting-not-supported',
          [...path, 'publicAccessBlock'],
          `Block Public Access settings belong to an S3 bucket (arn:aws:s3:::BUCKET) or to an account, not to ${quote(arnText)}.`,
          true,
        );
    }
    if (Object.hasOwn(entry, 'policy') && entry.policy !== null) {
      if (arn?.service === 'iam' && arn.resource.startsWith('role/')) {
        c.error(
          'policy-not-supported',
          [...path, 'policy'],
          `A role's resource-based policy is its trust policy: put it in "trust" of the role under accounts.`,
        );
      } else if (arn?.service === 's3' && arn.resource.includes('/')) {
        c.error(
          'policy-not-supported',
          [...path, 'policy'],
          `S3 objects have no policy of their own: put a bucket policy on arn:${arn.partition}:s3:::${arn.resource.slice(0, arn.resource.indexOf('/'))}.`,
        );
      } else {
        c.documents.push({
          path: [...path, 'policy'],
          kind: isKeyArn(arnText) ? 'kms' : 'resource',
        });
        if (arn?.service === 's3') {
          const owner = resourceOwner(c.scenario, arnText).account;
          const blocked = blockedPolicyWarning(c.scenario, arnText, owner, entry.policy);
          if (blocked)
            c.warning(
              'public-policy-blocked',
              [...path, 'policy', ...blocked.path],
              blocked.message,
            );
        }
        if (arn?.service === 's3')
          for (const at of bucketStatementsWithoutResource(entry.policy))
            c.error(
              'bucket-policy-needs-resource',
              [...path, 'policy', ...at],
              'S3 refuses a bucket policy statement without Resource: name the bucket ARN, its objects (ARN/*), or both.',
            );
        if (!isRecord(entry.policy))
          c.error(
            'wrong-type',
            [...path, 'policy'],
            `The policy must be a policy document (an object), not ${describe(entry.policy)}.`,
          );
      }
    }
  }
}
