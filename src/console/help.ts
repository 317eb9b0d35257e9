/**
 * Help text, generated from the command table: the console overview, `aws help`,
 * `aws SERVICE help` and `aws SERVICE COMMAND help` (shaped like the AWS CLI's help pages).
 */
import { SERVICES, commandsOf } from './commands/index';
import type { CommandSpec, OptionSpec } from './spec';

/** What `help` prints: what the console is, the services, and the console's own words. */
export function consoleHelp(): string {
  return [
    'Run AWS CLI commands against the world in the editors. Each command that changes the',
    'world is one undoable step. You start as the root user of the first account.',
    '',
    'Services (aws SERVICE help lists the commands):',
    ...Object.entries(SERVICES).map(([name, line]) => `  aws ${name.padEnd(14)} ${line}`),
    '',
    'Also:',
    '  aws sts assume-role ...     run as a role session until `exit`',
    '  exit                        leave the innermost role session',
    '  export AWS_PROFILE=ACCOUNT  run as the root user of an account of the world',
    '  export AWS_PROFILE=USER     run as an IAM user of the current account',
    '  NAME=$(aws ... --output text)  keep an output in $NAME for later commands',
    '  --query EXPR  --output json|text|table   as in the AWS CLI',
    '  --profile ACCOUNT|USER      run one command as that profile',
    '  echo, unset                 as in a shell',
    '  file://NAME   a file written with cat > NAME, a file of the last import (picked or',
    '                dropped), or a document of the world: a managed, SCP/RCP or inline policy,',
    '                or trust/ROLE',
    '  files         list the names file://NAME finds',
  ].join('\n');
}

/** What `aws help` prints. */
export function awsHelp(): string {
  return [
    'AWS()',
    '',
    'SYNOPSIS',
    '    aws [options] <command> <subcommand> [parameters]',
    '',
    'AVAILABLE SERVICES',
    ...Object.keys(SERVICES).map((name) => `    o ${name}`),
  ].join('\n');
}

/** Longest line of a command list's summary column, as the AWS CLI's help wraps its text. */
const HELP_COLUMNS = 110;

/** `text` in lines of at most `columns` characters (a longer word stands alone). */
function wrapWords(text: string, columns: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > columns) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

/** What `aws SERVICE help` prints: every command of the service with its summary, wrapped. */
export function serviceHelp(service: string): string {
  const commands = commandsOf(service);
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `${service.toUpperCase()}()`,
    '',
    'DESCRIPTION',
    `    ${SERVICES[service as keyof typeof SERVICES] ?? ''}`,
    '',
    'AVAILABLE COMMANDS',
    ...commands.flatMap((c) => {
      const lead = `    o ${c.name.padEnd(width)}  `;
      return wrapWords(c.summary, Math.max(40, HELP_COLUMNS - lead.length)).map((line, i) =>
        i === 0 ? lead + line : ' '.repeat(lead.length) + line,
      );
    }),
  ].join('\n');
}

function synopsisLine(option: OptionSpec): string {
  const value =
    option.type === 'boolean'
      ? `--${option.name} | --no-${option.name}`
      : `--${option.name} <value>`;
  return option.required ? value : `[${value}]`;
}

function typeName(option: OptionSpec): string {
  switch (option.type) {
    case 'string-list':
    case 'document-list':
      return 'list';
    case 'structure-list':
      return 'list of structures';
    case 'document':
      return 'string (JSON)';
    default:
      return option.type;
  }
}

/** What `aws SERVICE COMMAND help` prints: name, description, synopsis, options, action checked. */
export function commandHelp(spec: CommandSpec): string {
  const lines = [
    `${spec.name.toUpperCase()}()`,
    '',
    'NAME',
    `    ${spec.name} -`,
    '',
    'DESCRIPTION',
    `    ${spec.summary}`,
  ];
  if (spec.action) lines.push('', `    The caller needs ${spec.action}.`);
  lines.push('', 'SYNOPSIS', `      ${spec.name}`);
  for (const option of spec.options) lines.push(`    ${synopsisLine(option)}`);
  lines.push('', 'OPTIONS');
  if (spec.options.length === 0) lines.push('    None');
  for (const option of spec.options) {
    lines.push(`    --${option.name} (${typeName(option)})${option.required ? ' [required]' : ''}`);
    lines.push(`        ${option.help}`);
    if (option.choices) lines.push(`        Possible values: ${option.choices.join(', ')}`);
  }
  return lines.join('\n');
}

/** The usage line of one command, for its usage errors. */
export function commandUsage(spec: CommandSpec): string {
  return `aws ${spec.service} ${spec.name} ${spec.options.map(synopsisLine).join(' ')}`.trim();
}
