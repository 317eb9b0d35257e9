/**
 * One compiled condition (operator + key + values) and its evaluation against a request, as AWS
 * documents it on "IAM JSON policy elements: Condition operators" and "Single-valued vs.
 * multivalued context keys":
 * - several values for one key are ORed; a negated operator is the NOT of that OR;
 * - an absent key fails a positive operator and satisfies a negated one; `...IfExists` is
 *   satisfied by an absent key;
 * - `ForAnyValue:` needs some request value to satisfy the comparison (absent or empty: false);
 *   `ForAllValues:` needs every request value to (absent or empty: true); with a set qualifier,
 *   negated operators apply per value and IfExists changes nothing;
 * - `Null: true` means the key is absent, `Null: false` that it is present;
 * - a value whose policy variable has no value in the request (and no default) is left out:
 *   with no value left, positive operators fail and negated ones hold.
 */
import type { ConditionMatch } from '../types.ts';
import { decodeLiterals } from '../wildcard.ts';
import {
  resolveTemplateMemo,
  type Template,
  type TemplateMemo,
  type VariableSource,
} from '../variables.ts';
import { buildRelation, phrase, type ParsedOperator, type Relation } from './operators.ts';

export interface CompiledCondition {
  /** Operator as written. */
  operator: string;
  op: ParsedOperator;
  /** Key as written, and lowercased. */
  key: string;
  keyLower: string;
  /** Policy values as strings, as written. */
  values: string[];
  /** Set when some value holds a policy variable: resolved per request. */
  templates: Template[] | undefined;
  /** Relation for the fixed values. */
  relation: Relation | undefined;
  /** Memo of the last substituted values and their relation. */
  memos?: TemplateMemo[];
  lastValues?: (string | undefined)[];
  lastResolved?: string[];
  lastRelation?: Relation;
  /** Traced results by the request's values for the key (conditions without variables only). */
  traced?: Map<string, ConditionMatch>;
}

/** Compiles one condition from its values as written and as parsed templates. */
export function compileCondition(
  operator: string,
  op: ParsedOperator,
  key: string,
  values: string[],
  parsed: Template[],
): CompiledCondition {
  const dynamic = parsed.some((t) => !('fixed' in t));
  const templates = dynamic ? parsed : undefined;
  const fixed = dynamic ? undefined : parsed.map((t) => ('fixed' in t ? t.fixed : ''));
  return {
    operator,
    op,
    key,
    keyLower: key.toLowerCase(),
    values,
    templates,
    relation: fixed && op.info.family !== 'null' ? buildRelation(op.info, fixed, false) : undefined,
  };
}

const list = (vs: readonly string[]): string =>
  vs.length === 1 ? (vs[0] as string) : '[' + vs.join(', ') + ']';

/**
 * Evaluates a condition. With `trace` false only `matched` is meaningful (details are skipped,
 * which keeps the untraced path cheap).
 */
export function evaluateCondition(
  c: CompiledCondition,
  ctx: VariableSource,
  trace: boolean,
): ConditionMatch {
  const info = c.op.info;
  const got = ctx.get(c.keyLower);
  const present = got !== undefined && got.length > 0;

  if (info.family === 'null') {
    // Null: "true" asks for the key to be absent, "false" for it to be present; values are ORed.
    let matched = false;
    for (const v of c.values) if ((v.toLowerCase() === 'true') === !present) matched = true;
    return result(
      c,
      c.values,
      got ?? null,
      matched,
      trace,
      () =>
        `${c.key} is ${present ? 'present' : 'absent'} in the request, so ${c.operator} ${list(c.values)} ${matched ? 'matches' : 'does not match'}`,
    );
  }

  let relation = c.relation;
  let policyValues = c.values;
  let unresolved: string[] | undefined;
  if (relation === undefined) {
    // A value whose variable has no value in the request is effectively null: it is left out,
    // and the condition is evaluated with the other values (AWS "IAM policy elements: Variables
    // and tags", policy variables with no value).
    const templates = c.templates ?? [];
    const memos = (c.memos ??= templates.map((): TemplateMemo => ({})));
    const last = c.lastValues;
    const current: (string | undefined)[] = [];
    let changed = last === undefined;
    for (let i = 0; i < templates.length; i++) {
      const r = resolveTemplateMemo(templates[i] as Template, ctx, memos[i] as TemplateMemo);
      const v = typeof r === 'string' ? r : undefined;
      if (typeof r !== 'string') (unresolved ??= []).push(r.written);
      current.push(v);
      if (!changed && (last as (string | undefined)[])[i] !== v) changed = true;
    }
    if (changed) {
      c.lastValues = current;
      c.lastResolved = current.filter((v): v is string => v !== undefined);
      c.lastRelation = buildRelation(info, c.lastResolved, true);
    }
    relation = c.lastRelation as Relation;
    if (trace) policyValues = (c.lastResolved as string[]).map(decodeLiterals);
  }
  const leftOut = unresolved
    ? ` (${unresolved.map((u) => `\${${u}}`).join(', ')} has no value in this request, so that value was left out)`
    : '';

  const q = c.op.qualifier;
  if (!present) {
    // Absent key (or no values): see the rules in the header.
    const matched =
      q === 'ForAllValues' ? true : q === 'ForAnyValue' ? false : c.op.ifExists || info.negated;
    return result(
      c,
      policyValues,
      got ?? null,
      matched,
      trace,
      () =>
        `${c.key} is ${got ? 'empty' : 'absent'} in the request, so ${c.operator} ${matched ? 'matches' : 'does not match'}${leftOut}`,
    );
  }
  const values = got as string[];

  let matched: boolean;
  let witness = values[0] as string;
  let witnessRel: string | undefined;
  if (q === undefined) {
    // Without a set qualifier: some request value relates to some policy value; negation is the NOT of that.
    let rel: string | undefined;
    for (const v of values) {
      rel = relation(v);
      if (rel !== undefined) {
        witness = v;
        break;
      }
    }
    witnessRel = rel;
    matched = info.negated ? rel === undefined : rel !== undefined;
  } else {
    const any = q === 'ForAnyValue';
    matched = !any;
    witnessRel = relation(witness);
    for (const v of values) {
      const rel = relation(v);
      const ok = info.negated ? rel === undefined : rel !== undefined;
      if (ok === any) {
        matched = any;
        witness = v;
        witnessRel = rel;
        break;
      }
    }
  }
  return result(c, policyValues, values, matched, trace, () => {
    const subject = values.length > 1 || q ? `${c.key} value ${witness}` : `${c.key} ${witness}`;
    const sentence =
      witnessRel !== undefined
        ? `${subject} ${phrase(info, true)} ${witnessRel}`
        : `${subject} ${phrase(info, false)} ${policyValues.length > 1 ? 'any of ' : ''}${list(policyValues)}`;
    return (
      (info.negated || q || values.length > 1
        ? `${sentence}, so ${c.operator} ${matched ? 'matches' : 'does not match'}`
        : sentence) + leftOut
    );
  });
}

const TRUE: ConditionMatch = Object.freeze({
  operator: '',
  key: '',
  policyValues: [],
  contextValues: null,
  matched: true,
  detail: '',
}) as ConditionMatch;
const FALSE: ConditionMatch = Object.freeze({
  operator: '',
  key: '',
  policyValues: [],
  contextValues: null,
  matched: false,
  detail: '',
}) as ConditionMatch;

function result(
  c: CompiledCondition,
  policyValues: string[],
  contextValues: string[] | null,
  matched: boolean,
  trace: boolean,
  detail: () => string,
): ConditionMatch {
  if (!trace) return matched ? TRUE : FALSE;
  return {
    operator: c.operator,
    key: c.key,
    policyValues,
    contextValues,
    matched,
    detail: detail(),
  };
}

/**
 * `evaluateCondition` with its trace, remembered per condition by the request's values for the
 * key: without policy variables the result depends on nothing else, and requests repeat values
 * (the full traces of a scenario's requests evaluate the same conditions over and over).
 * The remembered objects are shared between traces, which are read-only.
 */
export function evaluateConditionTraced(
  c: CompiledCondition,
  ctx: VariableSource & { valuesKey(keyLower: string): string },
): ConditionMatch {
  if (c.templates !== undefined) return evaluateCondition(c, ctx, true);
  const key = ctx.valuesKey(c.keyLower);
  const traced = (c.traced ??= new Map());
  let m = traced.get(key);
  if (m === undefined) {
    if (traced.size >= 64) traced.clear();
    m = evaluateCondition(c, ctx, true);
    traced.set(key, m);
  }
  return m;
}
