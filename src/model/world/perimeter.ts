/**
 * The network and key perimeter: VPC endpoints of an account (src/model/vpc-endpoints.ts) and the
 * grants on a KMS key (src/model/kms-keys.ts).
 */
import { getIn, isObject, setIn, type JsonObject } from '../json-path.ts';
import type { ScenarioDocument } from '../scenario-types.ts';
import { addEntry, listOf } from './entries.ts';

/** Adds a VPC endpoint under its id (the id must be free in the account). */
export function addVpcEndpoint(
  scenario: ScenarioDocument,
  account: string,
  id: string,
  entry: JsonObject,
): ScenarioDocument {
  return addEntry(scenario, ['accounts', account, 'vpcEndpoints'], id, entry);
}

/** Adds a grant to a KMS key's grants; a key the world has no entry for gets one. */
export function addKmsGrant(
  scenario: ScenarioDocument,
  keyArn: string,
  grant: JsonObject,
): ScenarioDocument {
  const entry = getIn(scenario, ['resources', keyArn]);
  const grants = isObject(entry) ? listOf(entry, 'grants') : [];
  return setIn(scenario, ['resources', keyArn, 'grants'], [...grants, grant]) as ScenarioDocument;
}
