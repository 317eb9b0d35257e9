/**
 * VPC endpoints of the world (an extension of format v1): `accounts.A.vpcEndpoints` keyed by
 * endpoint id, each with its `vpc`, optional `service` (the service prefix it connects to) and
 * optional endpoint `policy`. A request names the endpoint it came through in `vpcEndpoint`.
 *
 * Amazon VPC's "Control access to VPC endpoints using endpoint policies": an endpoint without a
 * policy of its own has the default endpoint policy (full access). IAM's "AWS global condition
 * context keys": `aws:SourceVpce` and `aws:SourceVpc` are in the request context only when the
 * request comes through a VPC endpoint.
 */
import type { ContextValue, JsonPath, PolicySource } from '../engine/index.ts';
import { getOwn, isRecord } from './own.ts';
import type { Scenario } from './scenario-types.ts';

/** AWS's default endpoint policy. */
export const DEFAULT_ENDPOINT_POLICY = {
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
} as const;

/** An endpoint id: `vpce-` and 8 or 17 hex digits. */
export const VPCE_ID = /^vpce-[0-9a-f]{8}(?:[0-9a-f]{9})?$/;
/** A VPC id: `vpc-` and 8 or 17 hex digits. */
export const VPC_ID = /^vpc-[0-9a-f]{8}(?:[0-9a-f]{9})?$/;

export interface EndpointRef {
  id: string;
  account: string;
  path: JsonPath;
  vpc?: string;
  service?: string;
  policy: unknown;
}

/** Finds an endpoint by id in any account. */
export function findEndpoint(scenario: Scenario, id: string): EndpointRef | undefined {
  for (const [account, value] of Object.entries(
    isRecord(scenario.accounts) ? scenario.accounts : {},
  )) {
    const entry = getOwn(getOwn(value, 'vpcEndpoints'), id);
    if (!isRecord(entry)) continue;
    const vpc = getOwn(entry, 'vpc');
    const service = getOwn(entry, 'service');
    return {
      id,
      account,
      path: ['accounts', account, 'vpcEndpoints', id],
      vpc: typeof vpc === 'string' ? vpc : undefined,
      service: typeof service === 'string' ? service : undefined,
      policy: getOwn(entry, 'policy'),
    };
  }
  return undefined;
}

/** The endpoint's policy as the engine takes it: its own, or AWS's default. */
export function endpointPolicy(endpoint: EndpointRef): PolicySource {
  const own = endpoint.policy !== undefined && endpoint.policy !== null;
  return {
    id: [...endpoint.path, 'policy'],
    name: own ? `of ${endpoint.id}` : `of ${endpoint.id} (AWS's default: full access)`,
    kind: 'vpc-endpoint',
    document: own ? endpoint.policy : DEFAULT_ENDPOINT_POLICY,
  };
}

/** The keys a request through this endpoint carries. */
export function endpointContext(endpoint: EndpointRef): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = { 'aws:SourceVpce': endpoint.id };
  if (endpoint.vpc !== undefined) context['aws:SourceVpc'] = endpoint.vpc;
  return context;
}
