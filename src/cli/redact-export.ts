/**
 * `iam-playground redact FILE` prints the scenario with its account ids and names replaced by
 * placeholders (src/model/redact.ts); what it kept, and why, goes to standard error.
 * `iam-playground export --format cloudformation|terraform [--yaml] [--account ID] [--redact] FILE`
 * prints the world as a CloudFormation template (one account's; JSON, or YAML with --yaml) or as
 * Terraform (src/iac/). Exit status: 0, or 2 when the file cannot be read, is not a valid
 * scenario, or the arguments are wrong.
 */
import { cloudFormationTemplates, templateJson, terraformConfig } from '../iac/index.ts';
import { redactScenario, type Scenario, type ScenarioDocument } from '../model/index.ts';
import { readScenario } from './read-scenario.ts';

const REDACT_USAGE = `Usage: iam-playground redact FILE.json
  Prints the scenario with account ids and names (users, groups, roles, policies, instance
  profiles, buckets, …) replaced by placeholders, consistently, so it decides every request as
  before. Names kept (a wildcard pattern matches them, say) are listed on standard error.
Exit status: 0, or 2 when the file is unreadable or not a valid scenario.`;

const EXPORT_USAGE = `Usage: iam-playground export --format cloudformation|terraform [options] FILE.json
  --format cloudformation   a CloudFormation template (JSON) of one account's IAM and bucket policies
  --format terraform        Terraform (HCL) for the whole world, one provider alias per account
  --yaml                    with cloudformation: YAML instead of JSON
  --account ID              with cloudformation: the account (needed when the world has several)
  --redact                  redact names and account ids first (as iam-playground redact does)
Exit status: 0, or 2 when the file is unreadable or not a valid scenario, or the options are wrong.`;

function fail(message: string, usage: string): number {
  process.stderr.write(`${message}\n${usage}\n`);
  return 2;
}

/** Redacts `scenario`, writing what stayed to standard error. */
function redacted(scenario: Scenario): Scenario {
  const { scenario: out, replaced, kept } = redactScenario(scenario as unknown as ScenarioDocument);
  process.stderr.write(`Redacted ${replaced.length} names and account ids.\n`);
  for (const k of kept) process.stderr.write(`kept ${k.kind} ${k.name}: ${k.reason}\n`);
  return out as unknown as Scenario;
}

export function runRedact(argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${REDACT_USAGE}\n`);
    return 0;
  }
  const unknown = argv.find((a) => a.startsWith('-') && a !== '-');
  if (unknown) return fail(`Unknown option ${unknown}.`, REDACT_USAGE);
  if (argv.length !== 1) return fail('Give one scenario file.', REDACT_USAGE);
  const read = readScenario(argv[0]!, false);
  if (!read.ok) return 2;
  process.stdout.write(`${JSON.stringify(redacted(read.scenario), null, 2)}\n`);
  return 0;
}

export async function runExport(argv: string[]): Promise<number> {
  let format: string | undefined;
  let account: string | undefined;
  let yaml = false;
  let redact = false;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${EXPORT_USAGE}\n`);
      return 0;
    } else if (arg === '--yaml') yaml = true;
    else if (arg === '--redact') redact = true;
    else if (arg === '--format' || arg === '--account') {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--'))
        return fail(`${arg} needs a value.`, EXPORT_USAGE);
      if (arg === '--format') format = value;
      else account = value;
    } else if (arg.startsWith('-') && arg !== '-')
      return fail(`Unknown option ${arg}.`, EXPORT_USAGE);
    else files.push(arg);
  }
  if (format !== 'cloudformation' && format !== 'terraform')
    return fail(
      format === undefined
        ? 'Give --format cloudformation or --format terraform.'
        : `Unknown format ${format}: cloudformation or terraform.`,
      EXPORT_USAGE,
    );
  if (format === 'terraform' && (yaml || account !== undefined))
    return fail('--yaml and --account go with --format cloudformation.', EXPORT_USAGE);
  if (files.length !== 1) return fail('Give one scenario file.', EXPORT_USAGE);
  const read = readScenario(files[0]!, false);
  if (!read.ok) return 2;
  const scenario = redact ? redacted(read.scenario) : read.scenario;
  if (format === 'terraform') {
    process.stdout.write(terraformConfig(scenario));
    return 0;
  }
  const templates = cloudFormationTemplates(scenario);
  const ids = [...templates.keys()];
  if (ids.length === 0) return fail(`${read.source} has no accounts to export.`, EXPORT_USAGE);
  // With --redact, account ids change: --account names the original one.
  const originalIds = Object.keys(read.scenario.accounts ?? {});
  const index = account === undefined ? (ids.length === 1 ? 0 : -1) : originalIds.indexOf(account);
  if (index < 0)
    return fail(
      account === undefined
        ? `${read.source} has ${ids.length} accounts (${originalIds.join(', ')}): a template is one account's, so give --account ID.`
        : `${read.source} has no account ${account} (it has ${originalIds.join(', ')}).`,
      EXPORT_USAGE,
    );
  const template = templates.get(ids[index]!)!;
  if (yaml) {
    const { templateYaml } = await import('../iac/cloudformation-yaml.ts');
    process.stdout.write(templateYaml(template));
  } else process.stdout.write(templateJson(template));
  return 0;
}
