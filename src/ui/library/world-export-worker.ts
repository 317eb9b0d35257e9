/**
 * The thread behind "Redact and export" (WorldExport.svelte): redaction, validation and the
 * CloudFormation/Terraform writers run here, in a worker of their own started on first use. Being
 * its own bundle, it shares no chunk with the page, so the first visit's JavaScript stays as it
 * was, and a big world's export never holds up the page.
 */
import { cloudFormationTemplates, templateJson, terraformConfig } from '../../iac/index.ts';
import { templateYaml } from '../../iac/cloudformation-yaml.ts';
import {
  redactScenario,
  validateScenario,
  type Redaction,
  type Scenario,
  type ScenarioDocument,
} from '../../model/index.ts';

export type ExportFormat = 'cloudformation-json' | 'cloudformation-yaml' | 'terraform';

export type ExportJob =
  | { kind: 'redact'; scenario: ScenarioDocument }
  | { kind: 'files'; scenario: ScenarioDocument; format: ExportFormat; redact: boolean };

export interface ExportedFile {
  filename: string;
  text: string;
  mimeType: string;
}

export type ExportReply =
  | { kind: 'redact'; redaction: Redaction }
  | { kind: 'files'; ok: true; files: ExportedFile[] }
  | { kind: 'files'; ok: false; message: string };

/** A file name from the title: letters, digits and dashes. */
function baseName(scenario: Scenario): string {
  const slug = (scenario.title ?? 'world')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return slug || 'world';
}

function exportFiles(job: Extract<ExportJob, { kind: 'files' }>): ExportReply {
  // Files are named after the scenario as it is, redacted or not.
  const name = baseName(job.scenario as unknown as Scenario);
  const document = job.redact ? redactScenario(job.scenario).scenario : job.scenario;
  const errors = validateScenario(document).filter((p) => p.severity === 'error');
  if (errors.length > 0)
    return {
      kind: 'files',
      ok: false,
      message: `The scenario has ${errors.length === 1 ? 'an error' : `${errors.length} errors`}: fix ${errors.length === 1 ? 'it' : 'them'} before exporting.`,
    };
  const world = document as unknown as Scenario;
  if (job.format === 'terraform')
    return {
      kind: 'files',
      ok: true,
      files: [{ filename: `${name}.tf`, text: terraformConfig(world), mimeType: 'text/plain' }],
    };
  const yaml = job.format === 'cloudformation-yaml';
  const templates = cloudFormationTemplates(world);
  if (templates.size === 0)
    return { kind: 'files', ok: false, message: 'The world has no accounts to export.' };
  return {
    kind: 'files',
    ok: true,
    files: [...templates].map(([account, template]) => ({
      filename: `${name}-${account}.template.${yaml ? 'yaml' : 'json'}`,
      text: yaml ? templateYaml(template) : templateJson(template),
      mimeType: yaml ? 'application/yaml' : 'application/json',
    })),
  };
}

function reply(job: ExportJob): ExportReply {
  return job.kind === 'redact'
    ? { kind: 'redact', redaction: redactScenario(job.scenario) }
    : exportFiles(job);
}

declare const self: DedicatedWorkerGlobalScope;
self.addEventListener('message', (event: MessageEvent<ExportJob>) =>
  self.postMessage(reply(event.data)),
);
