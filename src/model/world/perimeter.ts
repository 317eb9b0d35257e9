/**
 * The network, key and organization perimeter: VPC endpoints of an account
 * (src/model/vpc-endpoints.ts), KMS keys and their grants (src/model/kms-keys.ts), and the
 * organization's, root's and OUs' ids that `aws:PrincipalOrgPaths`/`aws:ResourceOrgPaths` are
 * made of (src/model/org-paths.ts). The explorer's inspector alone uses most of these, so they
 * stay out of the first screen's code.
 */
import { getIn, isObject, setIn, type JsonObject } from '../json-path.ts';
import type { ScenarioDocument } from '../scenario-types.ts';
import type { JsonPath } from '../../engine/index.ts';
import { ORG_ID } from '../organization-id.ts';
import { OU_ID, ROOT_ID } from '../org-paths.ts';
import { VPC_ID } from '../vpc-endpoints.ts';
import { addEntry, listOf, setField } from './entries.ts';

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

/** The fields of a VPC endpoint the explorer edits. */
export type VpcEndpointField = 'vpc' | 'service';

/** Sets a VPC endpoint's VPC id or service prefix; null removes it. */
export function setVpcEndpointField(
  scenario: ScenarioDocument,
  account: string,
  id: string,
  field: VpcEndpointField,
  value: string | null,
): ScenarioDocument {
  return setField(scenario, ['accounts', account, 'vpcEndpoints', id], field, value);
}

/** Why `value` cannot be an endpoint's VPC id or service, or null when it can (as validation says). */
export function vpcEndpointFieldProblem(field: VpcEndpointField, value: string): string | null {
  if (field === 'vpc')
    return VPC_ID.test(value)
      ? null
      : 'A VPC id looks like "vpc-0a1b2c3d4e5f67890" (vpc- and 8 or 17 hex digits).';
  return SERVICE_PREFIX.test(value)
    ? null
    : 'The service is the prefix of the service the endpoint connects to, such as "s3" or "dynamodb".';
}

/** A service prefix such as `s3` (an endpoint's service; an AWS managed key's alias aws/SERVICE). */
const SERVICE_PREFIX = /^[a-z0-9-]+$/;

/** Why `service` cannot be the service of an AWS managed key (its alias aws/SERVICE), or null. */
export function keyServiceProblem(service: string): string | null {
  return SERVICE_PREFIX.test(service)
    ? null
    : 'An AWS managed key belongs to one service: give its prefix, such as "s3" or "dynamodb".';
}

/**
 * Makes a KMS key customer managed, or AWS managed for `service` ("AWS KMS keys": an AWS managed
 * key has the alias aws/SERVICE and a key policy that is AWS's, which cannot be written: a key
 * policy written for the key is removed, and an aws/ alias goes when it becomes customer managed,
 * since AWS reserves that prefix). Not in the world yet: a key entry is made.
 */
export function setKeyManager(
  scenario: ScenarioDocument,
  keyArn: string,
  manager: 'CUSTOMER' | 'AWS',
  service = 's3',
): ScenarioDocument {
  const path = ['resources', keyArn];
  const entry = getIn(scenario, path);
  const { keyManager: _manager, alias, policy, ...rest } = isObject(entry) ? entry : {};
  const next: JsonObject =
    manager === 'AWS'
      ? { ...rest, keyManager: 'AWS', alias: `aws/${service}` }
      : {
          ...rest,
          ...(typeof alias === 'string' && !alias.startsWith('aws/') ? { alias } : {}),
          ...(policy !== undefined ? { policy } : {}),
        };
  return setIn(scenario, path, next) as ScenarioDocument;
}

/**
 * Sets the id of the organization (`node` = ['organization']), its root or an OU (the node's
 * path); null removes it, and then the root's and OUs' ids are derived (src/model/org-paths.ts).
 */
export function setOrgId(
  scenario: ScenarioDocument,
  node: JsonPath,
  id: string | null,
): ScenarioDocument {
  return setField(scenario, node, 'id', id);
}

/** Why `id` cannot be the id of this node of the organization, or null (AWS's shapes). */
export function orgIdProblem(node: JsonPath, id: string): string | null {
  if (node.length === 1)
    return ORG_ID.test(id)
      ? null
      : 'An organization id looks like "o-a1b2c3d4e5" (o- and 10 to 32 lowercase letters or digits).';
  if (node.length === 2)
    return ROOT_ID.test(id)
      ? null
      : 'A root id looks like "r-a1b2" (r- and 4 to 32 lowercase letters or digits).';
  return OU_ID.test(id)
    ? null
    : 'An OU id looks like "ou-a1b2-c3d4e5f6" (ou-, the root\'s 4 to 32 characters, -, and 8 to 32 more; lowercase letters and digits).';
}
