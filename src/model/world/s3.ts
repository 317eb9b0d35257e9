/**
 * S3 settings beside the ACLs (s3-acl.ts): bucket policies, S3 Block Public Access on a bucket or
 * an account, and access points (src/model/access-points.ts has the format).
 */
import type { JsonPath } from '../../engine/index.ts';
import { deleteIn, getIn, isObject, type JsonObject } from '../json-path.ts';
import type { ScenarioDocument } from '../scenario-types.ts';
import { addEntry, setField } from './entries.ts';

/** Replaces the resource policy of a resource the world has (a bucket's bucket policy). */
export function setResourcePolicy(
  scenario: ScenarioDocument,
  arn: string,
  document: unknown,
): ScenarioDocument {
  return setField(scenario, ['resources', arn], 'policy', document);
}

/**
 * Sets the S3 Block Public Access settings of a bucket (`['resources', arn]`) or an account
 * (`['accounts', id]`); an empty configuration removes them (S3's defaults apply again).
 */
export function setPublicAccessBlock(
  scenario: ScenarioDocument,
  holder: readonly ['resources' | 'accounts', string],
  config: Readonly<Record<string, boolean>>,
): ScenarioDocument {
  const value = Object.keys(config).length > 0 ? { ...config } : null;
  return setField(scenario, [...holder], 'publicAccessBlock', value);
}

/** Adds an access point to an account (its name must be free there). */
export function addAccessPoint(
  scenario: ScenarioDocument,
  account: string,
  name: string,
  entry: JsonObject,
): ScenarioDocument {
  return addEntry(scenario, ['accounts', account, 'accessPoints'], name, entry);
}

/** Deletes an access point; an account left with none has no `accessPoints` map. */
export function deleteAccessPoint(
  scenario: ScenarioDocument,
  account: string,
  name: string,
): ScenarioDocument {
  const points: JsonPath = ['accounts', account, 'accessPoints'];
  const next = deleteIn(scenario, [...points, name]) as ScenarioDocument;
  const rest = getIn(next, points);
  return isObject(rest) && Object.keys(rest).length === 0
    ? (deleteIn(next, points) as ScenarioDocument)
    : next;
}

/** Sets (or, with null, removes) an access point's policy. */
export function setAccessPointPolicy(
  scenario: ScenarioDocument,
  account: string,
  name: string,
  document: unknown,
): ScenarioDocument {
  return setField(scenario, ['accounts', account, 'accessPoints', name], 'policy', document);
}
