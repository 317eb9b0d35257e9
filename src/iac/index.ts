/**
 * Infrastructure as code: the world exported as CloudFormation templates (one per account, JSON
 * or YAML) and as Terraform, so a fix found in the playground goes into the user's own code.
 * The YAML writer is its own module (`cloudformation-yaml.ts`): it brings the `yaml` package.
 */
export {
  cloudFormationTemplates,
  templateJson,
  type CloudFormationTemplate,
} from './cloudformation.ts';
export { terraformConfig, hclString } from './terraform.ts';
export { notExported } from './world.ts';
