/**
 * S3 Object Ownership and ACL edits (src/model/s3-acl.ts has the format): the bucket's
 * `objectOwnership`, and the `acl` of a bucket or an object (an object without an entry gets one).
 */
import { setIn } from '../json-path.ts';
import type { AclGrantEntry, ScenarioDocument } from '../scenario-types.ts';
import type { ObjectOwnership } from '../../engine/index.ts';

/** Sets a bucket's Object Ownership (the bucket entry must exist). */
export function setObjectOwnership(
  scenario: ScenarioDocument,
  bucketArn: string,
  ownership: ObjectOwnership,
): ScenarioDocument {
  return setIn(
    scenario,
    ['resources', bucketArn, 'objectOwnership'],
    ownership,
  ) as ScenarioDocument;
}

/** Replaces the ACL grants of a bucket or an object. */
export function setAcl(
  scenario: ScenarioDocument,
  arn: string,
  grants: readonly AclGrantEntry[],
): ScenarioDocument {
  return setIn(
    scenario,
    ['resources', arn, 'acl'],
    grants.map((g) => ({ ...g })),
  ) as ScenarioDocument;
}
