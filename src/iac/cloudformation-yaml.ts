/**
 * A CloudFormation template as YAML (the `yaml` package). Written as YAML 1.1, which quotes
 * strings that YAML 1.1 readers would take for another type (`2012-10-17` a date, `yes` a
 * boolean), so every policy document reads back exactly.
 */
import { stringify } from 'yaml';
import type { CloudFormationTemplate } from './cloudformation.ts';

export function templateYaml(template: CloudFormationTemplate): string {
  return stringify(template, { version: '1.1', lineWidth: 0 });
}
