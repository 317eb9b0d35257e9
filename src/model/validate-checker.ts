/**
 * The scenario checker's toolbox: collects problems with their JSON paths and the policy
 * documents to validate, and checks what every part of a scenario shares (object keys, strings,
 * IAM names and paths, tags, policy references, inline policies, unique ids).
 */
import { type JsonPath, type PolicyKind, INLINE_SIZE_LIMITS } from '../engine/index.ts';
import type { ManagedPolicyNames } from '../data/managed-policies.ts';
import { editDistance } from '../data/edit-distance.ts';
import { isArn } from './arn.ts';
import { uniqueIdProblem, type UniqueIdPrefix } from './unique-id.ts';
import { isRecord } from './own.ts';
import { quote } from './text-caps.ts';
import type { Scenario, ScenarioProblem } from './scenario-types.ts';
import { resolvePolicyRef } from './world.ts';

/** IAM names: letters, digits and + = , . @ _ - (AWS's rule), with a length limit per entity. */
const IAM_NAME = /^[\w+=,.@-]+$/;
/** IAM paths: `/` or `/a/b/`, printable ASCII without spaces, at most 512 characters. */
const IAM_PATH = /^\/(?:[\x21-\x7e]+\/)?$/;

/** Where a policy document sits in the scenario and which kind it is. */
export interface PolicyDocumentPlace {
  path: JsonPath;
  kind: PolicyKind;
}

/** A problem before it is located: `atKey` places it on the property name rather than its value. */
export interface RawProblem extends Omit<ScenarioProblem, 'line' | 'column' | 'range'> {
  atKey?: boolean;
}

export class Checker {
  readonly problems: RawProblem[] = [];
  readonly documents: PolicyDocumentPlace[] = [];
  /** Unique ids given so far, with where: AWS never gives two entities one id. */
  private readonly uniqueIds = new Map<string, string>();

  constructor(
    readonly scenario: Scenario,
    readonly managed: ManagedPolicyNames,
  ) {}

  error(code: string, path: JsonPath, message: string, atKey = false): void {
    this.problems.push({ code, severity: 'error', message, path, atKey });
  }

  /** Checks the `id` a user or role gives: its shape, and that no other entity has it. */
  uniqueId(entity: Record<string, unknown>, path: JsonPath, prefix: UniqueIdPrefix, what: string) {
    if (!Object.hasOwn(entity, 'id')) return;
    const problem = uniqueIdProblem(entity.id, prefix);
    if (problem) return this.error('invalid-unique-id', [...path, 'id'], problem);
    const id = entity.id as string;
    const first = this.uniqueIds.get(id);
    if (first)
      return this.error(
        'duplicate-unique-id',
        [...path, 'id'],
        `${what} has the unique id ${id}, which ${first} already has: AWS gives every user and role an id of its own.`,
      );
    this.uniqueIds.set(id, what);
  }
  /** `error` as a function, for checks that live in their own modules. */
  readonly sink = (code: string, path: JsonPath, message: string, atKey = false): void =>
    this.error(code, path, message, atKey);

  warning(code: string, path: JsonPath, message: string, atKey = false): void {
    this.problems.push({ code, severity: 'warning', message, path, atKey });
  }

  /** Checks that `value` is an object whose keys are all in `allowed`; returns it when it is an object. */
  object(
    value: unknown,
    path: JsonPath,
    what: string,
    allowed?: readonly string[],
  ): Record<string, unknown> | undefined {
    if (!isRecord(value)) {
      this.error('wrong-type', path, `${what} must be an object, not ${describe(value)}.`);
      return undefined;
    }
    if (allowed) {
      for (const key of Object.keys(value)) {
        if (!allowed.includes(key)) {
          const near = allowed.find((a) => editDistance(a, key, 2) <= 2);
          const hint = near
            ? ` Did you mean ${quote(near)}?`
            : ` Allowed here: ${allowed.join(', ')}.`;
          this.error(
            'unknown-property',
            [...path, key],
            `Unknown property ${quote(key)} in ${what}.${hint}`,
            true,
          );
        }
      }
    }
    return value;
  }

  string(value: unknown, path: JsonPath, what: string): value is string {
    if (typeof value === 'string') return true;
    this.error('wrong-type', path, `${what} must be a string, not ${describe(value)}.`);
    return false;
  }

  optionalString(record: Record<string, unknown>, key: string, path: JsonPath, what: string): void {
    if (Object.hasOwn(record, key)) this.string(record[key], [...path, key], what);
  }

  stringList(value: unknown, path: JsonPath, what: string): string[] {
    if (!Array.isArray(value)) {
      this.error(
        'wrong-type',
        path,
        `${what} must be an array of strings, not ${describe(value)}.`,
      );
      return [];
    }
    const out: string[] = [];
    value.forEach((item, i) => {
      if (this.string(item, [...path, i], `Each entry of ${what}`)) out.push(item);
    });
    return out;
  }

  /** A name of an IAM entity or policy: AWS's characters and length. */
  iamName(name: string, path: JsonPath, what: string, max: number): void {
    if (name.length === 0 || name.length > max || !IAM_NAME.test(name)) {
      this.error(
        'invalid-name',
        path,
        `${quote(name)} is not a valid ${what} name: use 1 to ${max} letters, digits and + = , . @ _ -.`,
        true,
      );
    }
  }

  /** Names that differ only in case: IAM treats them as the same name. */
  caseInsensitiveNames(record: Record<string, unknown>, path: JsonPath, what: string): void {
    const seen = new Map<string, string>();
    for (const name of Object.keys(record)) {
      const lower = name.toLowerCase();
      const first = seen.get(lower);
      if (first !== undefined) {
        this.error(
          'duplicate-name',
          [...path, name],
          `The ${what} name ${quote(name)} is used twice: ${quote(first)} already exists, and IAM names are unique regardless of case.`,
          true,
        );
      } else seen.set(lower, name);
    }
  }

  path(record: Record<string, unknown>, path: JsonPath): void {
    if (!Object.hasOwn(record, 'path')) return;
    const value = record.path;
    if (!this.string(value, [...path, 'path'], 'path')) return;
    if (value.length > 512 || !IAM_PATH.test(value)) {
      this.error(
        'invalid-path',
        [...path, 'path'],
        `${quote(value)} is not an IAM path: it starts and ends with "/", e.g. "/" or "/division/".`,
      );
    }
  }

  tags(record: Record<string, unknown>, path: JsonPath): void {
    if (!Object.hasOwn(record, 'tags')) return;
    const tags = this.object(record.tags, [...path, 'tags'], 'tags');
    if (!tags) return;
    const seen = new Map<string, string>();
    for (const [key, value] of Object.entries(tags)) {
      const at = [...path, 'tags', key];
      if (key.length === 0 || key.length > 128)
        this.error('invalid-tag', at, `Tag keys have 1 to 128 characters.`, true);
      if (typeof value !== 'string')
        this.error(
          'wrong-type',
          at,
          `The value of tag ${quote(key)} must be a string, not ${describe(value)}.`,
        );
      else if (value.length > 256)
        this.error(
          'invalid-tag',
          at,
          `The value of tag ${quote(key)} is longer than 256 characters.`,
        );
      const first = seen.get(key.toLowerCase());
      if (first !== undefined) {
        this.error(
          'duplicate-tag',
          at,
          `Tag ${quote(key)} is given twice (as ${quote(first)} too); tag keys are unique regardless of case.`,
          true,
        );
      } else seen.set(key.toLowerCase(), key);
    }
  }

  policyMap(
    record: Record<string, unknown>,
    key: string,
    path: JsonPath,
    what: string,
    kind: PolicyKind,
  ): void {
    if (!Object.hasOwn(record, key)) return;
    const map = this.object(record[key], [...path, key], what);
    if (!map) return;
    this.caseInsensitiveNames(map, [...path, key], 'policy');
    for (const [name, document] of Object.entries(map)) {
      this.iamName(name, [...path, key, name], 'policy', 128);
      this.documents.push({ path: [...path, key, name], kind });
      if (!isRecord(document))
        this.error(
          'wrong-type',
          [...path, key, name],
          `Policy ${quote(name)} must be a policy document (an object), not ${describe(document)}.`,
        );
    }
  }

  policyRef(accountId: string, ref: unknown, path: JsonPath, what: string): void {
    if (!this.string(ref, path, what)) return;
    const target = resolvePolicyRef(this.scenario, accountId, ref, (arn) => this.managed.has(arn));
    if (target.kind !== 'error') return;
    let message = `${what} ${target.message}`;
    if (
      target.code === 'unknown-managed-policy' ||
      (target.code === 'unknown-policy' && !isArn(ref))
    ) {
      const suggestions = this.managed.suggest(ref);
      if (suggestions.length > 0)
        message += ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?`;
    }
    this.error(target.code, path, message);
  }

  policyRefs(
    accountId: string,
    record: Record<string, unknown>,
    path: JsonPath,
    owner: string,
  ): void {
    if (Object.hasOwn(record, 'policies')) {
      const refs = this.stringList(
        record.policies,
        [...path, 'policies'],
        `The "policies" of ${owner}`,
      );
      const seen = new Set<string>();
      refs.forEach((ref, i) => {
        this.policyRef(accountId, ref, [...path, 'policies', i], `The policy reference`);
        if (seen.has(ref))
          this.warning(
            'duplicate-attachment',
            [...path, 'policies', i],
            `${quote(ref)} is attached to ${owner} twice; once is enough.`,
          );
        seen.add(ref);
      });
    }
    if (Object.hasOwn(record, 'boundary') && record.boundary !== null) {
      this.policyRef(accountId, record.boundary, [...path, 'boundary'], 'The permissions boundary');
    }
  }

  inline(record: Record<string, unknown>, path: JsonPath, entity: 'user' | 'group' | 'role'): void {
    if (!Object.hasOwn(record, 'inline')) return;
    const map = this.object(record.inline, [...path, 'inline'], 'inline');
    if (!map) return;
    // IAM limits the inline policies of one identity together, not counting white space.
    const total = Object.values(map).reduce<number>(
      (sum, document) => sum + (JSON.stringify(document)?.length ?? 0),
      0,
    );
    const { limit, label } = INLINE_SIZE_LIMITS[entity];
    if (total > limit) {
      this.error(
        'inline-size',
        [...path, 'inline'],
        `The inline policies here have ${total.toLocaleString('en-US')} characters without white space; ${label} may have ${limit.toLocaleString('en-US')} in total.`,
        true,
      );
    }
    for (const [name, document] of Object.entries(map)) {
      this.iamName(name, [...path, 'inline', name], 'inline policy', 128);
      this.documents.push({ path: [...path, 'inline', name], kind: 'identity' });
      if (!isRecord(document))
        this.error(
          'wrong-type',
          [...path, 'inline', name],
          `Inline policy ${quote(name)} must be a policy document (an object), not ${describe(document)}.`,
        );
    }
  }
}

/** A short description of a JSON value's type, for messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' && !Number.isFinite(value))
    return 'a number too large to represent (it reads as Infinity)';
  return `the ${typeof value} ${String(value)}`;
}
