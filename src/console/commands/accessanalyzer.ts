/**
 * aws accessanalyzer validate-policy: the project's findings for one policy document
 * (src/findings), in IAM Access Analyzer's response shape (`findings` with `findingType`,
 * `issueCode`, `learnMoreLink` and `locations` of path and span). The issue codes are the
 * project's finding codes written as Access Analyzer writes its own (UPPER_SNAKE); the checks are
 * the project's, not Access Analyzer's full set.
 */
import type { Json, JsonPath } from '../../engine/index';
import { FINDING_CODES, type Finding } from '../../findings/index';
import { LineMap, parseJsonText } from '../../model/index';
import type { CommandSpec } from '../spec';
import { fail, ok, str } from '../spec';

const POLICY_TYPES = {
  IDENTITY_POLICY: 'identity',
  RESOURCE_POLICY: 'resource',
  SERVICE_CONTROL_POLICY: 'scp',
  RESOURCE_CONTROL_POLICY: 'rcp',
} as const;

/** Findings about grants broader than they look are Access Analyzer's security warnings. */
const SECURITY = new Set<string>([
  'allow-all-actions-all-resources',
  'pass-role-any-role',
  'allow-with-not-action',
  'allow-with-not-resource',
  'allow-with-not-principal',
  'trust-policy-admits-anyone',
  'trust-policy-admits-account',
  'bucket-policy-public',
]);

function findingType(finding: Finding): string {
  if (finding.severity === 'error') return 'ERROR';
  if (finding.severity === 'info') return 'SUGGESTION';
  return SECURITY.has(finding.code) ? 'SECURITY_WARNING' : 'WARNING';
}

/** Access Analyzer's path: `{value}` for a key, `{index}` for an array item. */
function pathJson(path: JsonPath): Json[] {
  return path.map((p): Json => (typeof p === 'number' ? { index: p } : { value: p }));
}

const validatePolicy: CommandSpec = {
  service: 'accessanalyzer',
  name: 'validate-policy',
  operation: 'ValidatePolicy',
  summary:
    "Checks a policy document and answers with the project's findings in IAM Access Analyzer's shape.",
  options: [
    {
      name: 'policy-document',
      type: 'document',
      required: true,
      help: 'The policy: JSON, or file://NAME for a document of the world.',
      complete: 'document-file',
    },
    {
      name: 'policy-type',
      type: 'string',
      required: true,
      help: 'IDENTITY_POLICY, RESOURCE_POLICY, SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY.',
      choices: Object.keys(POLICY_TYPES),
    },
    { name: 'locale', type: 'string', help: 'Accepted; findings are in English.' },
    {
      name: 'validate-policy-resource-type',
      type: 'string',
      help: 'Accepted, not used (e.g. AWS::S3::Bucket).',
    },
  ],
  action: 'access-analyzer:ValidatePolicy',
  async run(ctx) {
    const check = ctx.deps.checkPolicy;
    if (!check)
      return fail(
        'ServiceUnavailable',
        "The policy checks are not loaded here (they need AWS's service reference).",
      );
    const text = str(ctx.args, 'policy-document');
    const parsed = parseJsonText(text);
    if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) {
      return fail('ValidationException', 'Invalid JSON in policyDocument');
    }
    const kind = POLICY_TYPES[str(ctx.args, 'policy-type') as keyof typeof POLICY_TYPES];
    const lines = new LineMap(text);
    const findings = (await check(parsed.value as Json, kind)).map((finding): Json => {
      const range = parsed.locate(finding.path);
      const span = range
        ? {
            start: { line: range.line, column: range.column - 1, offset: range.from },
            end: { ...toPosition(lines, range.to), offset: range.to },
          }
        : undefined;
      return {
        findingDetails: finding.message,
        findingType: findingType(finding),
        issueCode: finding.code.toUpperCase().replace(/-/g, '_'),
        learnMoreLink: finding.docs.url ?? FINDING_CODES[finding.code].docs.url,
        locations: [{ path: pathJson(finding.path), ...(span ? { span } : {}) }],
      };
    });
    return ok({ findings });
  },
};

function toPosition(lines: LineMap, offset: number): { line: number; column: number } {
  const { line, column } = lines.position(offset);
  // Access Analyzer's columns count from 0.
  return { line, column: column - 1 };
}

const createAnalyzer: CommandSpec = {
  service: 'accessanalyzer',
  name: 'create-analyzer',
  operation: 'CreateAnalyzer',
  summary: "Creates an analyzer (the playground's findings panel plays its part; nothing is kept).",
  options: [
    { name: 'analyzer-name', type: 'string', required: true, help: 'The name of the analyzer.' },
    {
      name: 'type',
      type: 'string',
      required: true,
      help: 'ACCOUNT or ORGANIZATION (and their _UNUSED_ACCESS forms).',
      choices: ['ACCOUNT', 'ORGANIZATION', 'ACCOUNT_UNUSED_ACCESS', 'ORGANIZATION_UNUSED_ACCESS'],
    },
  ],
  action: 'access-analyzer:CreateAnalyzer',
  resources: (ctx) => [
    `arn:aws:access-analyzer:us-east-1:${ctx.account}:analyzer/${str(ctx.args, 'analyzer-name')}`,
  ],
  run(ctx) {
    return ok({
      arn: `arn:aws:access-analyzer:us-east-1:${ctx.account}:analyzer/${str(ctx.args, 'analyzer-name')}`,
    });
  },
};

export const accessAnalyzerCommands: CommandSpec[] = [validatePolicy, createAnalyzer];
