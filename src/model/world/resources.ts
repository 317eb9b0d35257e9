/**
 * Resources and their resource-based policies.
 */
import { deleteIn, isObject, renameKey, setIn, type JsonObject } from '../json-path.ts';
import type { ScenarioDocument } from '../scenario-types.ts';
import { emptyPolicy } from './document.ts';
import { canRename } from './entries.ts';
import { mapRequests } from './references.ts';

/** The ARNs of the scenario's resources. */
export function resourceArns(scenario: ScenarioDocument): string[] {
  const resources = scenario['resources'];
  return isObject(resources) ? Object.keys(resources) : [];
}

/** Adds a resource with an empty resource policy; `account` records its owner when the ARN does not show it. */
export function addResource(
  scenario: ScenarioDocument,
  arn: string,
  account?: string,
  document: unknown = emptyPolicy(),
): ScenarioDocument {
  if (arn === '' || resourceArns(scenario).includes(arn)) return scenario;
  const entry: JsonObject = account ? { account, policy: document } : { policy: document };
  return setIn(scenario, ['resources', arn], entry) as ScenarioDocument;
}

/** Adds an S3 bucket owned by `account`, with an empty bucket policy. */
export function addBucket(
  scenario: ScenarioDocument,
  bucket: string,
  account?: string,
): ScenarioDocument {
  return addResource(scenario, `arn:aws:s3:::${bucket}`, account);
}

/** Changes a resource's ARN, and the requests on it (and, for a bucket, on its objects). */
export function renameResource(
  scenario: ScenarioDocument,
  oldArn: string,
  newArn: string,
): ScenarioDocument {
  if (!canRename(resourceArns(scenario), oldArn, newArn)) return scenario;
  const next = renameKey(scenario, ['resources'], oldArn, newArn) as ScenarioDocument;
  const isBucket = /^arn:aws:s3:::[^/]+$/.test(oldArn);
  return mapRequests(next, 'resource', (res) => {
    if (res === oldArn) return newArn;
    return isBucket && res.startsWith(`${oldArn}/`) ? newArn + res.slice(oldArn.length) : res;
  });
}

/** Deletes a resource entry (requests on it stay: the resource just has no policy any more). */
export function deleteResource(scenario: ScenarioDocument, arn: string): ScenarioDocument {
  return deleteIn(scenario, ['resources', arn]) as ScenarioDocument;
}
