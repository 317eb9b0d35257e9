/**
 * aws iam simulate-principal-policy and simulate-custom-policy, with AWS's parameters and
 * response shape, answered by the playground's engine instead of AWS's simulator.
 */
import { isArn } from '../../model/index';
import type {
  ContextValue,
  EvaluationInput,
  EvaluationResult,
  Json,
  PolicySource,
  Principal,
} from '../../engine/index';
import type { CommandContext, CommandSpec, OptionSpec, Outcome } from '../spec';
import { fail, list, ok, optStr } from '../spec';
import { parsePrincipalArn } from '../world';
import { parsePolicyDocument } from './common';

const actionNamesOption: OptionSpec = {
  name: 'action-names',
  type: 'string-list',
  required: true,
  help: 'The actions to simulate, e.g. s3:GetObject iam:CreateUser.',
};
const resourceArnsOption: OptionSpec = {
  name: 'resource-arns',
  type: 'string-list',
  help: 'The resources (default *).',
};
const contextEntriesOption: OptionSpec = {
  name: 'context-entries',
  type: 'structure-list',
  help: 'Condition keys: ContextKeyName=aws:SourceIp,ContextKeyValues=203.0.113.9,ContextKeyType=ip',
};

type ContextResult = { context: Record<string, ContextValue> } | { error: Outcome };

/** Turns AWS's ContextEntry list into the engine's context map. */
export function contextFromEntries(value: unknown): ContextResult {
  const context: Record<string, ContextValue> = {};
  if (!Array.isArray(value)) return { context };
  for (const entry of value) {
    if (typeof entry !== 'object' || entry === null)
      return { error: fail('InvalidInput', 'Each context entry must be a structure.') };
    const {
      ContextKeyName: key,
      ContextKeyValues: raw,
      ContextKeyType: type = 'string',
    } = entry as Record<string, unknown>;
    if (typeof key !== 'string' || typeof type !== 'string') {
      return {
        error: fail('InvalidInput', 'Each context entry needs ContextKeyName and ContextKeyType.'),
      };
    }
    const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String);
    const scalar = (text: string): string | number | boolean => {
      if (type.startsWith('numeric')) return Number(text);
      if (type.startsWith('boolean')) return text.toLowerCase() === 'true';
      return text;
    };
    const converted = values.map(scalar);
    context[key] = type.endsWith('List') ? converted : (converted[0] ?? '');
  }
  return { context };
}

/** AWS's PolicySourceType for a policy the trace names by its place in the scenario. */
function sourceType(id: readonly (string | number)[], kind: string): string {
  if (kind === 'resource' || kind === 'trust' || kind === 'kms') return 'resource';
  if (id[0] === 'accounts' && id[2] === 'policies') return 'user-managed';
  if (
    typeof id[id.length - 1] === 'string' &&
    String(id[id.length - 1]).startsWith('arn:aws:iam::aws:policy/')
  )
    return 'aws-managed';
  if (id[0] === 'accounts' && id[2] === 'users') return 'user';
  if (id[0] === 'accounts' && id[2] === 'groups') return 'group';
  if (id[0] === 'accounts' && id[2] === 'roles') return 'role';
  return 'none';
}

/** AWS names the policy itself (`S3Read`), where the trace's name also says where it is attached. */
function sourcePolicyId(id: readonly (string | number)[], name: string): string {
  const last = id[id.length - 1];
  if (id[0] !== 'accounts' || typeof last !== 'string') return name;
  return isArn(last) ? last.slice(last.lastIndexOf('/') + 1) : last;
}

/**
 * The condition keys the request's context lacks, as AWS lists them in MissingContextValues:
 * keys of conditions in the statements that apply to this action and resource (each once, in
 * the order the policies were considered), whatever the decision.
 */
function missingContextValues(result: EvaluationResult | undefined): string[] {
  const missing = new Set<string>();
  for (const step of result?.trace?.steps ?? []) {
    for (const policy of step.policies) {
      for (const statement of policy.statements) {
        if (!statement.action.matched || !statement.resource.matched) continue;
        for (const condition of statement.conditions)
          if (condition.contextValues === null) missing.add(condition.key);
      }
    }
  }
  return [...missing];
}

/** What AWS reports of one action on one resource, from the engine's result. */
interface ResourceOutcome {
  resource: string;
  decision: string;
  matched: Json[];
  missing: string[];
  /** Whether SCPs allowed it; undefined when no SCP applied. */
  organizations?: boolean;
  /** Whether the permissions boundary allowed it; undefined when there is none. */
  boundary?: boolean;
}

/** The parts of AWS's result for one action on one resource. */
export function resourceOutcome(
  resource: string,
  result: EvaluationResult | undefined,
  decision: string,
): ResourceOutcome {
  // AWS lists the statements that made the decision: the matching Deny statements for an
  // explicit deny, the matching Allow statements of identity and resource policies for an allow.
  const matched: Json[] = [];
  const seen = new Set<string>();
  const trace = result?.trace;
  for (const step of trace?.steps ?? []) {
    const grants = step.id === 'identity-policy' || step.id === 'resource-policy';
    if (decision === 'allowed' && !grants) continue;
    if (decision === 'implicitDeny') continue;
    for (const policy of step.policies) {
      for (const statement of policy.statements) {
        if (!statement.matched) continue;
        if ((decision === 'allowed') !== (statement.effect === 'Allow')) continue;
        const key = `${JSON.stringify(policy.policyId)}#${statement.index}`;
        if (seen.has(key)) continue;
        seen.add(key);
        matched.push({
          SourcePolicyId: sourcePolicyId(policy.policyId, policy.name),
          SourcePolicyType: sourceType(policy.policyId, policy.kind),
        });
      }
    }
  }
  const out: ResourceOutcome = {
    resource,
    decision,
    matched,
    missing: missingContextValues(result),
  };
  const scp = trace?.steps.find((s) => s.id === 'scp');
  if (scp && scp.outcome !== 'not-applicable') out.organizations = scp.outcome !== 'deny';
  const boundary = trace?.steps.find((s) => s.id === 'boundary');
  if (boundary && boundary.outcome !== 'not-applicable') out.boundary = boundary.outcome !== 'deny';
  return out;
}

/** From least to most restrictive: an action's decision is the most restrictive of its resources'. */
const RESTRICTIVENESS = ['allowed', 'implicitDeny', 'explicitDeny'];

/** Each item once, in first-seen order (JSON values compared by their text). */
function unique<T>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/**
 * One EvaluationResult of AWS's simulate response: one per action, whatever the number of
 * resources (as AWS answers now). Its decision is the most restrictive of the resources'; its
 * matched statements are those of the resources with that decision, its missing context keys
 * those of all. With `--resource-arns`, ResourceSpecificResults gives each resource's own.
 * For several resources EvalResourceName is `*`: AWS's page does not say what it shows then.
 */
export function evaluationResultJson(
  action: string,
  outcomes: ResourceOutcome[],
  resourcesGiven: boolean,
): Json {
  const decision = outcomes
    .map((o) => o.decision)
    .reduce((a, b) => (RESTRICTIVENESS.indexOf(b) > RESTRICTIVENESS.indexOf(a) ? b : a));
  const out: { [key: string]: Json } = {
    EvalActionName: action,
    EvalResourceName: outcomes.length === 1 ? outcomes[0]!.resource : '*',
    EvalDecision: decision,
    MatchedStatements: unique(
      outcomes.filter((o) => o.decision === decision).flatMap((o) => o.matched),
    ),
    MissingContextValues: unique(outcomes.flatMap((o) => o.missing)),
  };
  const organizations = outcomes.map((o) => o.organizations).filter((v) => v !== undefined);
  if (organizations.length > 0)
    out['OrganizationsDecisionDetail'] = { AllowedByOrganizations: organizations.every(Boolean) };
  const boundaries = outcomes.map((o) => o.boundary).filter((v) => v !== undefined);
  if (boundaries.length > 0)
    out['PermissionsBoundaryDecisionDetail'] = {
      AllowedByPermissionsBoundary: boundaries.every(Boolean),
    };
  if (resourcesGiven) {
    out['ResourceSpecificResults'] = outcomes.map((o) => {
      const specific: { [key: string]: Json } = {
        EvalResourceName: o.resource,
        EvalResourceDecision: o.decision,
        MatchedStatements: o.matched,
        MissingContextValues: o.missing,
      };
      if (o.boundary !== undefined)
        specific['PermissionsBoundaryDecisionDetail'] = {
          AllowedByPermissionsBoundary: o.boundary,
        };
      return specific;
    });
  }
  return out;
}

const simulatePrincipalPolicy: CommandSpec = {
  service: 'iam',
  name: 'simulate-principal-policy',
  operation: 'SimulatePrincipalPolicy',
  summary:
    "Decides actions for a user or role of the world with every policy that applies (the playground's engine answers).",
  options: [
    {
      name: 'policy-source-arn',
      type: 'string',
      required: true,
      help: 'The user or role ARN.',
      complete: 'principal-arn',
    },
    actionNamesOption,
    resourceArnsOption,
    contextEntriesOption,
  ],
  action: 'iam:SimulatePrincipalPolicy',
  // What is not an ARN is refused by the command itself (InvalidInput), not by the permission check.
  resources: (ctx) => {
    const source = optStr(ctx.args, 'policy-source-arn');
    return [source !== undefined && isArn(source) ? source : '*'];
  },
  async run(ctx) {
    const source = optStr(ctx.args, 'policy-source-arn') ?? '';
    const parts = parsePrincipalArn(source);
    if (!parts || (parts.kind !== 'user' && parts.kind !== 'role')) {
      return fail(
        'InvalidInput',
        `Invalid ARN ${source}: the playground simulates users and roles (groups are not principals).`,
      );
    }
    const decide = ctx.deps.decide;
    if (!decide)
      return fail(
        'ServiceFailure',
        'No engine is connected to this console, so nothing can be simulated.',
      );
    const context = contextFromEntries(ctx.args['context-entries']);
    if ('error' in context) return context.error;
    const resources = list(ctx.args, 'resource-arns');
    const results: Json[] = [];
    for (const action of list(ctx.args, 'action-names')) {
      const outcomes = [];
      for (const resource of resources.length > 0 ? resources : ['*']) {
        const outcome = await decide(ctx.scenario, {
          principal: source,
          action,
          resource,
          context: context.context,
        });
        outcomes.push(resourceOutcome(resource, outcome.result, outcome.decision));
      }
      results.push(evaluationResultJson(action, outcomes, resources.length > 0));
    }
    return ok({ EvaluationResults: results });
  },
};

/** The engine's Principal for a caller ARN given to simulate-custom-policy. */
function principalFor(arn: string): Principal {
  const parts = parsePrincipalArn(arn);
  if (parts?.kind === 'assumed-role') {
    return {
      type: 'role-session',
      arn,
      account: parts.account,
      roleArn: `arn:aws:iam::${parts.account}:role/${parts.name}`,
      sessionName: parts.session,
    };
  }
  if (parts?.kind === 'role') {
    return {
      type: 'role-session',
      arn: `arn:aws:sts::${parts.account}:assumed-role/${parts.name}/session`,
      account: parts.account,
      roleArn: arn,
      sessionName: 'session',
    };
  }
  if (parts?.kind === 'root') return { type: 'root', arn, account: parts.account };
  return { type: 'user', arn, account: parts?.account };
}

const simulateCustomPolicy: CommandSpec = {
  service: 'iam',
  name: 'simulate-custom-policy',
  operation: 'SimulateCustomPolicy',
  summary: 'Decides actions against policy documents you give (nothing from the world is used).',
  options: [
    {
      name: 'policy-input-list',
      type: 'document-list',
      required: true,
      help: 'Identity policies: inline JSON or file://NAME words.',
      complete: 'document-file',
    },
    actionNamesOption,
    resourceArnsOption,
    {
      name: 'permissions-boundary-policy-input-list',
      type: 'document-list',
      help: 'A permissions boundary document.',
      complete: 'document-file',
    },
    {
      name: 'resource-policy',
      type: 'document',
      help: 'A resource-based policy document.',
      complete: 'document-file',
    },
    { name: 'resource-owner', type: 'string', help: 'The account that owns the resource.' },
    {
      name: 'caller-arn',
      type: 'string',
      help: 'The caller (a user or assumed-role ARN); default: the console caller.',
      complete: 'principal-arn',
    },
    contextEntriesOption,
  ],
  action: 'iam:SimulateCustomPolicy',
  async run(ctx: CommandContext) {
    const evaluate = ctx.deps.evaluate;
    if (!evaluate)
      return fail(
        'ServiceFailure',
        'No engine is connected to this console, so nothing can be simulated.',
      );
    const identityPolicies: PolicySource[] = [];
    const texts = list(ctx.args, 'policy-input-list');
    for (const [i, text] of texts.entries()) {
      const parsed = parsePolicyDocument(text, 'identity');
      if ('error' in parsed) return parsed.error;
      identityPolicies.push({
        id: ['PolicyInputList', i],
        name: `PolicyInputList.${i + 1}`,
        kind: 'identity',
        document: parsed.document,
      });
    }
    let boundary: PolicySource | undefined;
    const boundaryText = list(ctx.args, 'permissions-boundary-policy-input-list')[0];
    if (boundaryText !== undefined) {
      const parsed = parsePolicyDocument(boundaryText, 'identity');
      if ('error' in parsed) return parsed.error;
      boundary = {
        id: ['PermissionsBoundaryPolicyInputList', 0],
        name: 'PermissionsBoundaryPolicyInputList.1',
        kind: 'boundary',
        document: parsed.document,
      };
    }
    let resourcePolicy: PolicySource | undefined;
    const resourceText = optStr(ctx.args, 'resource-policy');
    if (resourceText !== undefined) {
      let document: Json;
      try {
        document = JSON.parse(resourceText) as Json;
      } catch {
        return fail('MalformedPolicyDocument', 'This policy contains invalid Json');
      }
      resourcePolicy = {
        id: ['ResourcePolicy'],
        name: 'ResourcePolicy',
        kind: 'resource',
        document,
      };
    }
    const context = contextFromEntries(ctx.args['context-entries']);
    if ('error' in context) return context.error;
    const principal = principalFor(optStr(ctx.args, 'caller-arn') ?? ctx.caller.arn);
    const owner = optStr(ctx.args, 'resource-owner');
    const resources = list(ctx.args, 'resource-arns');
    const results: Json[] = [];
    for (const action of list(ctx.args, 'action-names')) {
      const outcomes = [];
      for (const resource of resources.length > 0 ? resources : ['*']) {
        const input: EvaluationInput = {
          request: {
            principal,
            action,
            resource,
            ...(owner !== undefined
              ? { resourceAccount: owner }
              : principal.account
                ? { resourceAccount: principal.account }
                : {}),
            context: {
              'aws:PrincipalArn': principal.roleArn ?? principal.arn,
              ...(principal.account ? { 'aws:PrincipalAccount': principal.account } : {}),
              ...context.context,
            },
          },
          identityPolicies,
          ...(boundary ? { boundary } : {}),
          ...(resourcePolicy ? { resourcePolicy } : {}),
        };
        const result = await evaluate(input);
        outcomes.push(resourceOutcome(resource, result, result.decision));
      }
      results.push(evaluationResultJson(action, outcomes, resources.length > 0));
    }
    return ok({ EvaluationResults: results });
  },
};

export const simulateCommands: CommandSpec[] = [simulatePrincipalPolicy, simulateCustomPolicy];
