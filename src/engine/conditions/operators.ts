/**
 * The condition operators AWS documents (AWS page "IAM JSON policy elements: Condition operators"),
 * their families, and how one request value compares with the policy's values.
 */
import { compileArnPattern, splitArn, type ArnMatcher } from '../arn.ts';
import { cachedGlob, compileGlob, decodeLiterals, type StringMatcher } from '../wildcard.ts';
import { cidrContains, parseCidr, type Cidr } from './ip.ts';
import { parseDate, parseNumber } from './values.ts';

export type Family = 'string' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';
type Kind = 'eq' | 'eqi' | 'like' | 'lt' | 'lte' | 'gt' | 'gte' | 'in' | 'null';

/** One base operator (without ForAllValues:/ForAnyValue: and IfExists). */
export interface OperatorInfo {
  name: string;
  family: Family;
  kind: Kind;
  /** Negated operators (StringNotEquals, NotIpAddress, ...) are the NOT of the positive comparison. */
  negated: boolean;
}

const TABLE: [string, Family, Kind, boolean][] = [
  ['StringEquals', 'string', 'eq', false],
  ['StringNotEquals', 'string', 'eq', true],
  ['StringEqualsIgnoreCase', 'string', 'eqi', false],
  ['StringNotEqualsIgnoreCase', 'string', 'eqi', true],
  ['StringLike', 'string', 'like', false],
  ['StringNotLike', 'string', 'like', true],
  ['NumericEquals', 'numeric', 'eq', false],
  ['NumericNotEquals', 'numeric', 'eq', true],
  ['NumericLessThan', 'numeric', 'lt', false],
  ['NumericLessThanEquals', 'numeric', 'lte', false],
  ['NumericGreaterThan', 'numeric', 'gt', false],
  ['NumericGreaterThanEquals', 'numeric', 'gte', false],
  ['DateEquals', 'date', 'eq', false],
  ['DateNotEquals', 'date', 'eq', true],
  ['DateLessThan', 'date', 'lt', false],
  ['DateLessThanEquals', 'date', 'lte', false],
  ['DateGreaterThan', 'date', 'gt', false],
  ['DateGreaterThanEquals', 'date', 'gte', false],
  ['Bool', 'bool', 'eq', false],
  ['BinaryEquals', 'binary', 'eq', false],
  ['IpAddress', 'ip', 'in', false],
  ['NotIpAddress', 'ip', 'in', true],
  ['ArnEquals', 'arn', 'like', false],
  ['ArnLike', 'arn', 'like', false],
  ['ArnNotEquals', 'arn', 'like', true],
  ['ArnNotLike', 'arn', 'like', true],
  ['Null', 'null', 'null', false],
];

const BY_LOWER = new Map<string, OperatorInfo>(
  TABLE.map(([name, family, kind, negated]) => [
    name.toLowerCase(),
    { name, family, kind, negated },
  ]),
);

/** Every base operator name AWS documents. */
export const OPERATOR_NAMES: readonly string[] = TABLE.map((t) => t[0]);

/** A full operator as written in a policy, e.g. `ForAnyValue:StringLikeIfExists`. */
export interface ParsedOperator {
  info: OperatorInfo;
  qualifier: 'ForAllValues' | 'ForAnyValue' | undefined;
  ifExists: boolean;
  /** The operator in AWS's spelling. */
  canonical: string;
  /** True when the written spelling differs from AWS's only in letter case. */
  caseDiffers: boolean;
}

/** Parses an operator name; undefined when AWS has no such operator. */
export function parseOperator(written: string): ParsedOperator | undefined {
  let rest = written;
  let qualifier: ParsedOperator['qualifier'];
  const lower = written.toLowerCase();
  if (lower.startsWith('forallvalues:')) {
    qualifier = 'ForAllValues';
    rest = written.slice(13);
  } else if (lower.startsWith('foranyvalue:')) {
    qualifier = 'ForAnyValue';
    rest = written.slice(12);
  }
  let ifExists = false;
  let base = rest.toLowerCase();
  if (base.endsWith('ifexists')) {
    ifExists = true;
    base = base.slice(0, -8);
  }
  const info = BY_LOWER.get(base);
  if (!info || (ifExists && info.family === 'null')) return undefined;
  const canonical = (qualifier ? qualifier + ':' : '') + info.name + (ifExists ? 'IfExists' : '');
  return { info, qualifier, ifExists, canonical, caseDiffers: canonical !== written };
}

/** Compares one request value with the policy's values: returns the policy value it matched, if any. */
export type Relation = (requestValue: string) => string | undefined;

/** Why a policy value cannot be used with its operator (for validation), or undefined when fine. */
export function invalidValueReason(info: OperatorInfo, value: string): string | undefined {
  switch (info.family) {
    case 'numeric':
      return Number.isNaN(parseNumber(value)) ? `"${value}" is not a number` : undefined;
    case 'date':
      return Number.isNaN(parseDate(value))
        ? `"${value}" is not an ISO 8601 date or epoch seconds`
        : undefined;
    case 'ip':
      return parseCidr(value)
        ? undefined
        : `"${value}" is not an IPv4 or IPv6 address or CIDR block`;
    case 'bool':
    case 'null':
      return value === 'true' || value === 'false' ? undefined : `"${value}" is not true or false`;
    default:
      return undefined;
  }
}

function compare(kind: Kind, a: number, b: number): boolean {
  switch (kind) {
    case 'eq':
      return a === b;
    case 'lt':
      return a < b;
    case 'lte':
      return a <= b;
    case 'gt':
      return a > b;
    default:
      return a >= b;
  }
}

/**
 * Builds the relation for a list of policy values. `dynamic` is true when the values came from
 * variable substitution (compiled patterns then go through a cache).
 */
export function buildRelation(info: OperatorInfo, values: string[], dynamic: boolean): Relation {
  const rel = relationFor(info, values, dynamic);
  // Parsing request values (numbers, dates, addresses, ARNs) costs more than comparing them,
  // and requests repeat values: remember the last answer (the relation is a pure function).
  if (info.family === 'string' || info.family === 'bool' || info.family === 'binary') return rel;
  let lastIn: string | undefined;
  let lastOut: string | undefined;
  return (v) => {
    if (v !== lastIn) {
      lastIn = v;
      lastOut = rel(v);
    }
    return lastOut;
  };
}

function relationFor(info: OperatorInfo, encoded: string[], dynamic: boolean): Relation {
  // Literal `*`/`?` (from ${*}, ${?} or substituted values) arrive encoded; only globs keep them so.
  const glob = info.kind === 'like';
  const values = glob ? encoded : encoded.map(decodeLiterals);
  switch (info.family) {
    case 'string':
    case 'binary':
      if (info.kind === 'eq') {
        if (values.length === 1) {
          const only = values[0] as string;
          return (v) => (v === only ? only : undefined);
        }
        const set = new Set(values);
        return (v) => (set.has(v) ? v : undefined);
      }
      if (info.kind === 'eqi') {
        const map = new Map(values.map((p) => [p.toLowerCase(), p]));
        return (v) => map.get(v.toLowerCase());
      }
      return globRelation(values, dynamic);
    case 'bool': {
      const map = new Map(values.map((p) => [p.toLowerCase(), p]));
      return (v) => map.get(v.toLowerCase());
    }
    case 'numeric':
    case 'date': {
      const parse = info.family === 'numeric' ? parseNumber : parseDate;
      const nums = values.map(parse);
      const kind = info.kind;
      return (v) => {
        const n = parse(v);
        if (Number.isNaN(n)) return undefined;
        for (let i = 0; i < nums.length; i++)
          if (compare(kind, n, nums[i] as number)) return values[i];
        return undefined;
      };
    }
    case 'ip': {
      const blocks: [Cidr, string][] = [];
      for (const p of values) {
        const c = parseCidr(p);
        if (c) blocks.push([c, p]);
      }
      return (v) => {
        const a = parseCidr(v);
        if (!a || a.bits !== (a.v6 ? 128 : 32)) return undefined;
        for (const [b, p] of blocks) if (cidrContains(b, a)) return p;
        return undefined;
      };
    }
    case 'arn': {
      const ms: [ArnMatcher, string][] = values.map((p) => [
        compileArnPattern(p, false),
        decodeLiterals(p),
      ]);
      return (v) => {
        const s = splitArn(v);
        for (const [m, p] of ms) if (m(s)) return p;
        return undefined;
      };
    }
    default:
      return () => undefined;
  }
}

function globRelation(values: string[], dynamic: boolean): Relation {
  const ms: [StringMatcher, string][] = values.map((p) => [
    dynamic ? cachedGlob(p) : compileGlob(p),
    p,
  ]);
  if (ms.length === 1) {
    const [m, p] = ms[0] as [StringMatcher, string];
    return (v) => (m(v) ? p : undefined);
  }
  return (v) => {
    for (const [m, p] of ms) if (m(v)) return p;
    return undefined;
  };
}

const PHRASES: Record<string, [string, string]> = {
  'string.eq': ['equals', 'does not equal'],
  'string.eqi': ['equals (ignoring case)', 'does not equal (ignoring case)'],
  'string.like': ['matches', 'does not match'],
  'binary.eq': ['equals', 'does not equal'],
  'bool.eq': ['is', 'is not'],
  'numeric.eq': ['equals', 'does not equal'],
  'numeric.lt': ['is less than', 'is not less than'],
  'numeric.lte': ['is at most', 'is greater than'],
  'numeric.gt': ['is greater than', 'is not greater than'],
  'numeric.gte': ['is at least', 'is less than'],
  'date.eq': ['is the same time as', 'is not the same time as'],
  'date.lt': ['is before', 'is not before'],
  'date.lte': ['is at or before', 'is after'],
  'date.gt': ['is after', 'is not after'],
  'date.gte': ['is at or after', 'is before'],
  'ip.in': ['is in', 'is not in'],
  'arn.like': ['matches', 'does not match'],
};

/** Words for "the request value relates / does not relate to the policy value". */
export function phrase(info: OperatorInfo, related: boolean): string {
  const p = PHRASE_BY_OP.get(info) ?? ['matches', 'does not match'];
  return related ? p[0] : p[1];
}

const PHRASE_BY_OP = new Map<OperatorInfo, [string, string]>(
  [...BY_LOWER.values()].map((i) => [
    i,
    PHRASES[i.family + '.' + i.kind] ?? ['matches', 'does not match'],
  ]),
);
