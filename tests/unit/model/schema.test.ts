/// <reference types="node" />
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROPERTY_NAMES } from '../../../src/model/validate-keys.ts';
import { loadScenario } from '../../../src/model/index.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
type Schema = Record<string, unknown>;
const schema = JSON.parse(
  readFileSync(join(root, 'public/schema/scenario-v1.schema.json'), 'utf8'),
) as Schema;
const defs = schema.$defs as Record<string, Schema>;

/**
 * A small checker for the JSON Schema keywords the scenario schema uses (no schema library is
 * installed). Returns the JSON paths where the value breaks the schema.
 */
function check(value: unknown, s: Schema, path: (string | number)[] = []): string[] {
  const here = path.join('/') || '(root)';
  const errors: string[] = [];
  if (typeof s.$ref === 'string')
    errors.push(...check(value, defs[s.$ref.replace('#/$defs/', '')]!, path));
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    const integer = types.includes('integer') && Number.isInteger(value);
    if (!integer && !types.includes(typeOf(value))) return [...errors, `${here}: type`];
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) errors.push(`${here}: minimum`);
    if (typeof s.maximum === 'number' && value > s.maximum) errors.push(`${here}: maximum`);
  }
  for (const part of (s.allOf as Schema[] | undefined) ?? [])
    errors.push(...check(value, part, path));
  if ('const' in s && value !== s.const) errors.push(`${here}: const`);
  if (Array.isArray(s.enum) && !s.enum.includes(value)) errors.push(`${here}: enum`);
  if (typeof value === 'string') {
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value))
      errors.push(`${here}: pattern`);
    if (typeof s.minLength === 'number' && value.length < s.minLength)
      errors.push(`${here}: minLength`);
    if (typeof s.maxLength === 'number' && value.length > s.maxLength)
      errors.push(`${here}: maxLength`);
  }
  if (Array.isArray(value)) {
    if (typeof s.maxItems === 'number' && value.length > s.maxItems)
      errors.push(`${here}: maxItems`);
    if (s.items)
      value.forEach((item, i) => errors.push(...check(item, s.items as Schema, [...path, i])));
  }
  if (isObject) {
    const record = value as Record<string, unknown>;
    if (typeof s.maxProperties === 'number' && Object.keys(record).length > s.maxProperties)
      errors.push(`${here}: maxProperties`);
    for (const key of (s.required as string[] | undefined) ?? [])
      if (!(key in record)) errors.push(`${here}: required ${key}`);
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    for (const [key, v] of Object.entries(record)) {
      if (s.propertyNames)
        errors.push(...check(key, s.propertyNames as Schema, [...path, `(name ${key})`]));
      if (Object.hasOwn(properties, key))
        errors.push(...check(v, properties[key]!, [...path, key]));
      else if (s.additionalProperties === false) errors.push(`${here}: unknown ${key}`);
      else if (typeof s.additionalProperties === 'object')
        errors.push(...check(v, s.additionalProperties as Schema, [...path, key]));
    }
  }
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const options = s[keyword] as Schema[] | undefined;
    if (!options) continue;
    const passing = options.filter((o) => check(value, o, path).length === 0).length;
    if (keyword === 'oneOf' ? passing !== 1 : passing === 0) errors.push(`${here}: ${keyword}`);
  }
  return errors;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.json') ? [p] : [];
  });
}

const valid = [...walk(join(root, 'src/examples')), ...walk(join(root, 'lessons'))];
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;

describe('the JSON Schema public/schema/scenario-v1.schema.json', () => {
  it.each(valid.map((f) => [f.slice(root.length)]))('accepts %s, as the program does', (file) => {
    expect(loadScenario(readFileSync(join(root, file), 'utf8')).scenario).not.toBeNull();
    expect(check(read(join(root, file)), schema)).toEqual([]);
  });

  it.each([
    ['07-not-an-object.json'],
    ['08-missing-format.json'],
    ['09-wrong-format.json'],
    ['10-version-as-string.json'],
    ['11-future-version.json'],
    ['12-unknown-top-level-property.json'],
    ['13-bad-account-id.json'],
    ['14-users-not-object.json'],
    ['25-wildcard-action.json'],
    ['28-bad-expect.json'],
    ['29-context-object-value.json'],
    ['30-proto-key-as-account.json'],
    ['31-proto-key-in-user.json'],
    ['35-policy-not-a-document.json'],
    ['40-missing-request-fields.json'],
    ['41-assume-step-role-and-federated-user.json'],
  ])('refuses the structurally wrong %s, as the program does', (file) => {
    const text = readFileSync(join(root, 'tests/fixtures/malformed', file), 'utf8');
    expect(loadScenario(text).scenario).toBeNull();
    expect(check(JSON.parse(text), schema).length).toBeGreaterThan(0);
  });

  it.each(Object.entries(PROPERTY_NAMES))(
    'allows the same property names as the validator for %s',
    (name, keys) => {
      const s = name === 'scenario' ? schema : defs[name]!;
      expect(Object.keys(s.properties as object).sort()).toEqual([...keys].sort());
      expect(s.additionalProperties).toBe(false);
    },
  );
});
