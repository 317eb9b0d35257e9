/**
 * Validation of the data-perimeter extensions of format v1: VPC endpoints (`accounts.A.
 * vpcEndpoints`, `requests[i].vpcEndpoint`), root and OU ids in the organization tree, and KMS
 * key kinds and grants on `resources` entries. Every problem names what is wrong and where
 * (a JSON path that `locateProblems` turns into line and column).
 */
import { type JsonPath, type PolicyKind, GRANT_OPERATIONS } from '../engine/index.ts';
import { editDistance } from '../data/edit-distance.ts';
import { parseArn } from './arn.ts';
import { isKeyArn } from './kms-keys.ts';
import { OU_ID, ROOT_ID } from './org-paths.ts';
import { getOwn, isRecord, ownEntries } from './own.ts';
import { quote } from './text-caps.ts';
import {
  checkVpcField,
  describeValue,
  entryPolicyPath,
  errorsInto,
  keyedEntries,
  type RawProblem,
} from './keyed-entries.ts';
import { VPCE_ID } from './vpc-endpoints.ts';

export const ACCOUNT_PERIMETER_KEYS = ['vpcEndpoints'];
export const ORG_NODE_PERIMETER_KEYS = ['id'];
export const RESOURCE_PERIMETER_KEYS = ['keyManager', 'alias', 'grants'];
export const REQUEST_PERIMETER_KEYS = ['vpcEndpoint'];
export const VPC_ENDPOINT_KEYS = ['vpc', 'service', 'policy'];
export const GRANT_KEYS = ['name', 'grantee', 'operations', 'constraints', 'retiringPrincipal'];
const CONSTRAINT_KEYS = ['encryptionContextEquals', 'encryptionContextSubset'];

/** An IAM principal ARN a grant may name: user, role, role session, or account root. */
const GRANT_PRINCIPAL =
  /^arn:aws[a-z-]*:(?:iam::\d{12}:(?:root|user\/.+|role\/.+)|sts::\d{12}:assumed-role\/.+\/.+)$/;

export interface PerimeterCheck {
  problems: RawProblem[];
  /** Endpoint policies, to be checked as policy documents. */
  documents: { path: JsonPath; kind: PolicyKind }[];
}

/** Checks the extensions; the main validator has already checked the rest of each object. */
export function perimeterProblems(scenario: unknown): PerimeterCheck {
  const out: PerimeterCheck = { problems: [], documents: [] };
  const error = errorsInto(out.problems);
  const endpoints = new Map<string, { path: JsonPath; service?: string }>();

  // VPC endpoints.
  const spec = {
    field: 'vpcEndpoints',
    keyedBy: 'endpoint id',
    label: 'VPC endpoint',
    keys: VPC_ENDPOINT_KEYS,
    keyRule: {
      pattern: VPCE_ID,
      code: 'invalid-vpc-endpoint-id',
      what: 'a VPC endpoint id: it looks like "vpce-0a1b2c3d4e5f67890" (vpce- and 8 or 17 hex digits).',
    },
    checkKey: (id: string, at: JsonPath) => {
      if (endpoints.has(id))
        error(
          'duplicate-vpc-endpoint',
          at,
          `VPC endpoint ${id} is declared twice; an endpoint id is unique.`,
          true,
        );
    },
  };
  for (const { key: id, entry, at } of keyedEntries(scenario, spec, error)) {
    const first = endpoints.get(id);
    checkVpcField(entry, at, error);
    const service = getOwn(entry, 'service');
    if (service !== undefined && (typeof service !== 'string' || !/^[a-z0-9-]+$/.test(service)))
      error(
        'invalid-service',
        [...at, 'service'],
        `"service" is the prefix of the service the endpoint connects to, such as "s3" or "dynamodb", not ${describeValue(service)}.`,
      );
    const policy = entryPolicyPath(entry, at, 'endpoint policy', error);
    if (policy) out.documents.push({ path: policy, kind: 'vpc-endpoint' });
    if (!first)
      endpoints.set(id, { path: at, service: typeof service === 'string' ? service : undefined });
  }

  // Requests through an endpoint.
  const requests = getOwn(scenario, 'requests');
  (Array.isArray(requests) ? requests : []).forEach((request, i) => {
    const id = getOwn(request, 'vpcEndpoint');
    if (id === undefined) return;
    const at: JsonPath = ['requests', i, 'vpcEndpoint'];
    if (typeof id !== 'string') {
      error(
        'wrong-type',
        at,
        `"vpcEndpoint" is the id of the VPC endpoint the request came through, a string, not ${describeValue(id)}.`,
      );
      return;
    }
    const endpoint = endpoints.get(id);
    if (!endpoint) {
      const near = [...endpoints.keys()].find((k) => editDistance(k, id, 2) <= 2);
      error(
        'unknown-vpc-endpoint',
        at,
        `No account has VPC endpoint ${quote(id)} under "vpcEndpoints".${near ? ` Did you mean ${quote(near)}?` : ''}`,
      );
      return;
    }
    const action = getOwn(request, 'action');
    const prefix =
      typeof action === 'string' ? action.slice(0, action.indexOf(':')).toLowerCase() : '';
    if (endpoint.service && prefix && prefix !== endpoint.service)
      error(
        'vpc-endpoint-service',
        at,
        `VPC endpoint ${id} connects to ${endpoint.service}, so a ${prefix} request cannot come through it.`,
      );
  });

  // Root and OU ids.
  const org = getOwn(scenario, 'organization');
  const root = getOwn(org, 'root');
  const rootId = getOwn(root, 'id');
  if (rootId !== undefined && (typeof rootId !== 'string' || !ROOT_ID.test(rootId)))
    error(
      'invalid-root-id',
      ['organization', 'root', 'id'],
      `${typeof rootId === 'string' ? quote(rootId) : describeValue(rootId)} is not a root id: it looks like "r-ab12" (r- and 4 to 32 lowercase letters or digits).`,
    );
  const seen = new Map<string, string>();
  const stack: { node: unknown; path: JsonPath }[] = [
    { node: root, path: ['organization', 'root'] },
  ];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: unknown; path: JsonPath };
    for (const [name, child] of ownEntries(getOwn(node, 'ous'))) {
      const childPath = [...path, 'ous', name];
      const id = getOwn(child, 'id');
      if (id !== undefined) {
        if (typeof id !== 'string' || !OU_ID.test(id))
          error(
            'invalid-ou-id',
            [...childPath, 'id'],
            `${typeof id === 'string' ? quote(id) : describeValue(id)} is not an OU id: it looks like "ou-ab12-cd34ef56" (ou-, the root's 4 to 32 characters, -, then 8 to 32).`,
          );
        else if (seen.has(id))
          error(
            'duplicate-ou-id',
            [...childPath, 'id'],
            `OU id ${id} is already the id of OU ${quote(seen.get(id) as string)}; ids are unique.`,
          );
        else seen.set(id, name);
      }
      stack.push({ node: child, path: childPath });
    }
  }

  // KMS keys: kind, alias, grants.
  for (const [arnText, entry] of ownEntries(getOwn(scenario, 'resources'))) {
    const at: JsonPath = ['resources', arnText];
    const used = RESOURCE_PERIMETER_KEYS.filter((k) => getOwn(entry, k) !== undefined);
    if (used.length === 0) continue;
    if (!isKeyArn(arnText)) {
      for (const key of used)
        error(
          'kms-only-property',
          [...at, key],
          `${quote(key)} belongs to KMS keys (arn:aws:kms:REGION:ACCOUNT:key/ID); ${arnText} is not one.`,
          true,
        );
      continue;
    }
    const manager = getOwn(entry, 'keyManager');
    if (manager !== undefined && manager !== 'AWS' && manager !== 'CUSTOMER')
      error(
        'invalid-key-manager',
        [...at, 'keyManager'],
        `"keyManager" is "CUSTOMER" (a customer managed key) or "AWS" (an AWS managed key), not ${describeValue(manager)}.`,
      );
    const alias = getOwn(entry, 'alias');
    if (
      alias !== undefined &&
      (typeof alias !== 'string' || alias.startsWith('alias/') || alias.length === 0)
    )
      error(
        'invalid-alias',
        [...at, 'alias'],
        `"alias" is the key's alias without "alias/", such as "aws/s3" or "reports-key", not ${describeValue(alias)}.`,
      );
    if (manager === 'AWS') {
      if (typeof alias !== 'string' || !/^aws\/[a-z0-9-]+$/.test(alias))
        error(
          'aws-managed-key-alias',
          [...at, typeof alias === 'string' ? 'alias' : 'keyManager'],
          `An AWS managed key belongs to one service and has the alias "aws/<service>" (e.g. "aws/s3"): give it that "alias".`,
        );
      const policy = getOwn(entry, 'policy');
      if (policy !== undefined && policy !== null)
        error(
          'aws-managed-key-policy',
          [...at, 'policy'],
          `The key policy of an AWS managed key is AWS's and cannot be written or changed; remove "policy" (the program supplies AWS's).`,
        );
    } else if (typeof alias === 'string' && alias.startsWith('aws/'))
      error(
        'reserved-alias',
        [...at, 'alias'],
        `Aliases that begin with "aws/" are AWS's, for AWS managed keys; a customer managed key cannot have ${quote(alias)}.`,
      );
    const grants = getOwn(entry, 'grants');
    if (grants === undefined) continue;
    if (!Array.isArray(grants)) {
      error(
        'wrong-type',
        [...at, 'grants'],
        `"grants" must be an array of grants, not ${describeValue(grants)}.`,
      );
      continue;
    }
    grants.forEach((grant, i) => checkGrant(error, grant, [...at, 'grants', i]));
  }
  return out;
}

function checkGrant(
  error: (code: string, path: JsonPath, message: string, atKey?: boolean) => void,
  grant: unknown,
  at: JsonPath,
): void {
  if (!isRecord(grant)) {
    error(
      'wrong-type',
      at,
      `A grant must be an object with "grantee" and "operations", not ${describeValue(grant)}.`,
    );
    return;
  }
  for (const key of Object.keys(grant))
    if (!GRANT_KEYS.includes(key))
      error(
        'unknown-property',
        [...at, key],
        `Unknown property ${quote(key)} in a grant. Allowed here: ${GRANT_KEYS.join(', ')}.`,
        true,
      );
  for (const key of ['grantee', 'retiringPrincipal']) {
    const value = getOwn(grant, key);
    if (value === undefined) {
      if (key === 'grantee')
        error(
          'missing-property',
          at,
          `A grant needs "grantee": the ARN of the principal it allows.`,
        );
      continue;
    }
    if (typeof value !== 'string' || !GRANT_PRINCIPAL.test(value) || parseArn(value) === undefined)
      error(
        'invalid-grant-principal',
        [...at, key],
        `${typeof value === 'string' ? quote(value) : describeValue(value)} is not a principal a grant can name: use the ARN of a user, a role, a role session, or an account (arn:aws:iam::111122223333:root).`,
      );
  }
  const ops = getOwn(grant, 'operations');
  if (!Array.isArray(ops) || ops.length === 0) {
    error(
      ops === undefined ? 'missing-property' : 'wrong-type',
      ops === undefined ? at : [...at, 'operations'],
      `A grant needs "operations": a non-empty list such as ["Decrypt", "GenerateDataKey"].`,
    );
  } else {
    ops.forEach((op, j) => {
      if (typeof op === 'string' && (GRANT_OPERATIONS as readonly string[]).includes(op)) return;
      const text = typeof op === 'string' ? op.replace(/^kms:/i, '') : '';
      const near = GRANT_OPERATIONS.find(
        (g) => g.toLowerCase() === text.toLowerCase() || editDistance(g, text, 2) <= 2,
      );
      error(
        'invalid-grant-operation',
        [...at, 'operations', j],
        `${typeof op === 'string' ? quote(op) : describeValue(op)} is not a grant operation.${near ? ` Did you mean ${quote(near)}?` : ` Grant operations: ${GRANT_OPERATIONS.join(', ')}.`}`,
      );
    });
  }
  const name = getOwn(grant, 'name');
  if (name !== undefined && (typeof name !== 'string' || name.length === 0 || name.length > 256))
    error(
      'wrong-type',
      [...at, 'name'],
      `A grant's "name" is a string of 1 to 256 characters, not ${describeValue(name)}.`,
    );
  const constraints = getOwn(grant, 'constraints');
  if (constraints === undefined) return;
  if (!isRecord(constraints)) {
    error(
      'wrong-type',
      [...at, 'constraints'],
      `"constraints" must be an object, not ${describeValue(constraints)}.`,
    );
    return;
  }
  const keys = Object.keys(constraints);
  for (const key of keys)
    if (!CONSTRAINT_KEYS.includes(key))
      error(
        'unknown-property',
        [...at, 'constraints', key],
        `Unknown grant constraint ${quote(key)}. Allowed here: ${CONSTRAINT_KEYS.join(', ')}.`,
        true,
      );
  if (keys.filter((k) => CONSTRAINT_KEYS.includes(k)).length > 1)
    error(
      'grant-constraints',
      [...at, 'constraints'],
      `A grant constraint is either encryptionContextEquals or encryptionContextSubset, not both.`,
    );
  for (const key of CONSTRAINT_KEYS) {
    const map = getOwn(constraints, key);
    if (map === undefined) continue;
    if (!isRecord(map) || Object.values(map).some((v) => typeof v !== 'string'))
      error(
        'wrong-type',
        [...at, 'constraints', key],
        `${quote(key)} maps encryption-context keys to string values, e.g. {"Department": "IT"}.`,
      );
    else if (Object.keys(map).length > 8)
      error(
        'grant-constraints',
        [...at, 'constraints', key],
        `A grant constraint holds at most 8 encryption-context pairs.`,
      );
  }
}
