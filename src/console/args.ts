/**
 * Option parsing as the AWS CLI does it: global options anywhere on the line, each command's
 * options from its spec, AWS CLI wording for usage errors, `file://NAME` parameter files and
 * AWS shorthand syntax (`Key=team,Value=web`).
 */
import type { Json } from '../engine/index';
import type { ArgValue, CommandSpec, OptionSpec, ParsedArgs } from './spec';
import type { ConsoleError } from './types';

/** The AWS CLI's usage banner, printed before every usage error. */
export const USAGE_BANNER = [
  'usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]',
  'To see help text, you can run:',
  '',
  '  aws help',
  '  aws <command> help',
  '  aws <command> <subcommand> help',
  '',
].join('\n');

/** A usage error worded as the AWS CLI words it. */
export function usageError(message: string): ConsoleError {
  return { code: 'UsageError', message: `aws: error: ${message}` };
}

export type OutputFormat = 'json' | 'text' | 'table';

export interface GlobalOptions {
  query?: string;
  output: OutputFormat;
}

/** Removes the global options (`--query`, `--output`, and `--region`/`--no-cli-pager`, which change nothing here). */
export function extractGlobals(
  words: string[],
): { globals: GlobalOptions; rest: string[] } | { error: ConsoleError } {
  const globals: GlobalOptions = { output: 'json' };
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const [name, inline] = splitInline(word);
    if (name === '--query' || name === '--output' || name === '--region') {
      const value = inline ?? words[i + 1];
      if (value === undefined)
        return { error: usageError(`argument ${name}: expected one argument`) };
      if (inline === undefined) i++;
      if (name === '--query') globals.query = value;
      if (name === '--output') {
        if (value !== 'json' && value !== 'text' && value !== 'table') {
          return {
            error: usageError(
              `argument --output: Invalid choice, valid choices are:\n\njson | text\ntable`,
            ),
          };
        }
        globals.output = value;
      }
    } else if (word === '--no-cli-pager' || word === '--no-paginate') {
      // Nothing pages in the playground.
    } else {
      rest.push(word);
    }
  }
  return { globals, rest };
}

function splitInline(word: string): [string, string | undefined] {
  if (!word.startsWith('--')) return [word, undefined];
  const eq = word.indexOf('=');
  return eq < 0 ? [word, undefined] : [word.slice(0, eq), word.slice(eq + 1)];
}

/**
 * Resolves `file://NAME` to a document's JSON text, or undefined when no document has that name.
 * The console decides which names resolve (see `resolveDocumentFile`).
 */
export type FileResolver = (name: string) => string | undefined;

/** Parses a command's words (after `aws SERVICE COMMAND`) against its spec. */
export function parseArgs(
  words: string[],
  spec: CommandSpec,
  resolveFile: FileResolver,
): { args: ParsedArgs } | { error: ConsoleError } {
  const args: ParsedArgs = {};
  const unknown: string[] = [];
  let i = 0;
  while (i < words.length) {
    const word = words[i]!;
    const [flag, inline] = splitInline(word);
    if (!flag.startsWith('--')) {
      unknown.push(word);
      i++;
      continue;
    }
    const negated = flag.startsWith('--no-')
      ? spec.options.find((o) => o.name === flag.slice(5))
      : undefined;
    const option =
      spec.options.find((o) => o.name === flag.slice(2)) ??
      (negated?.type === 'boolean' ? negated : undefined);
    if (!option) {
      unknown.push(word);
      i++;
      continue;
    }
    i++;
    if (option.type === 'boolean') {
      args[option.name] = option !== negated;
      continue;
    }
    // Collect the option's words: one, or (for lists) every word up to the next option.
    const values: string[] = [];
    if (inline !== undefined) values.push(inline);
    const many =
      option.type === 'string-list' ||
      option.type === 'document-list' ||
      option.type === 'structure-list';
    while (i < words.length && !words[i]!.startsWith('--') && (many || values.length === 0)) {
      values.push(words[i]!);
      i++;
    }
    if (values.length === 0) {
      return {
        error: usageError(
          `argument --${option.name}: expected ${many ? 'at least ' : ''}one argument`,
        ),
      };
    }
    const resolved: string[] = [];
    for (const value of values) {
      if (value.startsWith('file://')) {
        const text = resolveFile(value.slice('file://'.length));
        if (text === undefined) {
          const name = value.slice('file://'.length);
          return {
            error: {
              code: 'ParamValidation',
              message: `Error parsing parameter '--${option.name}': Unable to load paramfile ${value}: [Errno 2] No such file or directory: '${name}'`,
            },
          };
        }
        resolved.push(text);
      } else {
        resolved.push(value);
      }
    }
    const parsed = convert(option, resolved);
    if ('error' in parsed) return parsed;
    args[option.name] = parsed.value;
  }
  if (unknown.length > 0) {
    return { error: usageError(`Unknown options: ${unknown.join(', ')}`) };
  }
  const missing = spec.options.filter((o) => o.required && args[o.name] === undefined);
  if (missing.length > 0) {
    return {
      error: usageError(
        `the following arguments are required: ${missing.map((o) => `--${o.name}`).join(', ')}`,
      ),
    };
  }
  for (const option of spec.options) {
    const value = args[option.name];
    if (option.choices && typeof value === 'string' && !option.choices.includes(value)) {
      return {
        error: {
          code: 'ValidationError',
          message: `1 validation error detected: Value '${value}' at '${camel(option.name)}' failed to satisfy constraint: Member must satisfy enum value set: [${option.choices.join(', ')}]`,
        },
      };
    }
  }
  return { args };
}

/** `user-name` → `userName`, as AWS names members in validation errors. */
export function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function convert(
  option: OptionSpec,
  values: string[],
): { value: ArgValue } | { error: ConsoleError } {
  const paramError = (detail: string): { error: ConsoleError } => ({
    error: {
      code: 'ParamValidation',
      message: `Error parsing parameter '--${option.name}': ${detail}`,
    },
  });
  switch (option.type) {
    case 'string':
    case 'document':
      return { value: values[0]! };
    case 'integer': {
      const n = Number(values[0]);
      if (!Number.isInteger(n))
        return {
          error: usageError(`argument --${option.name}: invalid int value: '${values[0]}'`),
        };
      return { value: n };
    }
    case 'string-list':
    case 'document-list':
      return { value: values };
    case 'structure': {
      const parsed = parseStructure(values[0]!);
      if ('error' in parsed) return paramError(parsed.error);
      if (Array.isArray(parsed.value)) return paramError('Expected a structure, received a list');
      return { value: parsed.value };
    }
    case 'structure-list': {
      const items: Json[] = [];
      for (const value of values) {
        const parsed = parseStructure(value);
        if ('error' in parsed) return paramError(parsed.error);
        if (Array.isArray(parsed.value)) items.push(...parsed.value);
        else items.push(parsed.value);
      }
      return { value: items };
    }
    case 'boolean':
      return { value: true };
  }
}

/** Parses one JSON value (object or list) or one shorthand structure such as `Key=a,Value=b` or `Values=[a,b]`. */
export function parseStructure(text: string): { value: Json } | { error: string } {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { value: JSON.parse(trimmed) as Json };
    } catch (e) {
      return { error: `Invalid JSON: ${(e as Error).message}\nJSON received: ${trimmed}` };
    }
  }
  const result: Record<string, Json> = {};
  let lastKey: string | undefined;
  for (const part of splitTopLevel(trimmed)) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      // A value after a comma without `key=` continues the previous key's list (`Values=a,b`).
      if (lastKey === undefined)
        return { error: `Expected: '=', received: 'EOF' for input:\n${text}` };
      const previous = result[lastKey];
      result[lastKey] = Array.isArray(previous) ? [...previous, part] : [previous as string, part];
      continue;
    }
    const key = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1);
    if (key === '')
      return { error: `Expected: '=', received: '${part[0] ?? 'EOF'}' for input:\n${text}` };
    result[key] = raw.startsWith('[') && raw.endsWith(']') ? splitTopLevel(raw.slice(1, -1)) : raw;
    lastKey = key;
  }
  return { value: result };
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (current !== '' || parts.length > 0) parts.push(current);
  return parts;
}
