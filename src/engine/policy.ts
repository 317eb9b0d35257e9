/**
 * The policy grammar (AWS page "IAM JSON policy element reference" and its element pages):
 * validation of a document into problems, and compilation into fast matchers, in one pass.
 * Compiled documents are cached by object identity, so a policy shared by many requests is
 * parsed once.
 */
import { boundedCache, weakCache } from './caches.ts';
import { compileActions, type ActionMatcher } from './actions.ts';
import { compileArnPattern, type ArnMatcher } from './arn.ts';
import { compileCondition, type CompiledCondition } from './conditions/condition.ts';
import { invalidValueReason, parseOperator } from './conditions/operators.ts';
import { DEFAULT_SIZE_LIMITS, type SizeLimit } from './limits.ts';
import { compilePrincipal, type CompiledPrincipal } from './principals.ts';
import type {
  ElementMatch,
  JsonPath,
  PolicyKind,
  Problem,
  Severity,
  StatementTrace,
} from './types.ts';
import {
  parseTemplate,
  variableSyntaxProblems,
  type Template,
  type TemplateMemo,
} from './variables.ts';
import { isRecord } from './is-record.ts';

/** The Resource or NotResource element, compiled. */
export interface CompiledResources {
  patterns: string[];
  /** The patterns as one string, for trace details. */
  text: string;
  /** Patterns without variables. */
  fixed: { m: ArnMatcher; p: string }[];
  /** Patterns with variables, resolved per request (the last resolution is remembered). */
  dynamic: ({
    t: Template;
    p: string;
    lastValue?: string;
    last?: ArnMatcher;
    lastResource?: string;
    lastMatched?: boolean;
  } & TemplateMemo)[];
  /** Memo of the last resource tested against the fixed patterns (matching is pure). */
  lastResource?: string;
  lastHit?: string;
  /** Traced Resource elements by resource, then by each variable's value (see `checkResource`). */
  traced?: TracedResources;
}

/**
 * A memo of traced Resource elements: a map by resource, then one level per pattern with
 * variables, by the value it takes (`NO_VALUE` when it has none); `size` counts the elements.
 * Nested maps look up the strings the request already holds, where one joined key would be
 * built and hashed afresh for every request.
 */
export interface TracedResources {
  root: Map<string | symbol, unknown>;
  size: number;
}

export interface CompiledStatement {
  index: number;
  path: JsonPath;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Set when the statement has errors: it is not evaluated, and this says why. */
  skipped?: string;
  notAction: boolean;
  actions: ActionMatcher;
  /** Undefined when the statement has no Resource/NotResource (trust policies, some SCPs): matches all. */
  resources: CompiledResources | undefined;
  notResource: boolean;
  principal: CompiledPrincipal | undefined;
  /** The context keys its conditions and policy variables read (evaluate-policy.ts, built on first traced use). */
  traceKeys?: string[];
  notPrincipal: boolean;
  conditions: CompiledCondition[];
  /** Patterns as one string, for trace details. */
  actionText: string;
  resourceText: string;
  /** The trace of the statement when skipped (it never changes). */
  skippedTrace?: StatementTrace;
}

export interface CompiledPolicy {
  kind: PolicyKind;
  version: string | undefined;
  /** Problems, without positions and without the size check (which depends on the limit). */
  problems: Problem[];
  /** Length of the minified JSON (white space not counted, as IAM counts). */
  size: number;
  statements: CompiledStatement[];
}

const TOP_LEVEL = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_ELEMENTS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);
const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);
const RESOURCE_BASED = new Set<PolicyKind>(['resource', 'trust', 'kms', 'vpc-endpoint']);
const NO_PRINCIPAL = new Set<PolicyKind>(['identity', 'boundary', 'session', 'scp']);
const ACTION = /^[A-Za-z0-9*?-]+:[A-Za-z0-9*?_.-]+$/;
/** An account id, an IAM/STS ARN, or a user's (AIDA…) or role's (AROA…) unique id. */
const AWS_PRINCIPAL = /^(\d{12}|arn:aws[a-z-]*:(iam|sts)::\d{12}:.+|A(IDA|ROA)[A-Z0-9]{12,128})$/;

const KIND_NAMES: Record<PolicyKind, string> = {
  identity: 'an identity-based policy',
  resource: 'a resource-based policy',
  trust: 'a role trust policy',
  kms: 'a KMS key policy',
  boundary: 'a permissions boundary',
  session: 'a session policy',
  scp: 'a service control policy (SCP)',
  rcp: 'a resource control policy (RCP)',
  'vpc-endpoint': 'a VPC endpoint policy',
};

class Checker {
  problems: Problem[] = [];
  add(code: string, severity: Severity, message: string, path: JsonPath): void {
    this.problems.push({ code, severity, message, path });
  }
}

const show = (v: unknown): string => {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 60 ? s.slice(0, 57) + '...' : s;
  } catch {
    return String(v);
  }
};

/** Reports mistakes in the `${...}` policy-variable syntax of one string (see variables.ts). */
function checkVariableSyntax(c: Checker, text: string, path: JsonPath): void {
  if (!text.includes('${')) return;
  for (const p of variableSyntaxProblems(text))
    c.add(
      p.severity === 'error' ? 'malformed-variable' : 'unclosed-variable',
      p.severity,
      p.message,
      path,
    );
}

/** Reads a string-or-array-of-strings element; reports anything else. */
function stringList(c: Checker, v: unknown, path: JsonPath, element: string): string[] | undefined {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) {
    if (v.length === 0) {
      c.add(
        'empty-element',
        'error',
        `${element} is an empty list; give at least one value.`,
        path,
      );
      return undefined;
    }
    const out: string[] = [];
    v.forEach((x, i) => {
      if (typeof x === 'string') out.push(x);
      else
        c.add(
          'invalid-element-value',
          'error',
          `${element} values must be strings, but item ${i} is ${show(x)}.`,
          [...path, i],
        );
    });
    return out.length === v.length ? out : undefined;
  }
  c.add(
    'invalid-element-value',
    'error',
    `${element} must be a string or a list of strings, not ${show(v)}.`,
    path,
  );
  return undefined;
}

/**
 * Compiles (or fetches from the cache) a document for one policy kind. Never throws. A document
 * object seen before is found by identity; a new object with the text of one compiled recently
 * (a world parsed again after an edit elsewhere, the same forced variant of it) shares that
 * compiled policy: a compiled policy depends only on the document's content and kind.
 */
export function compilePolicy(document: unknown, kind: PolicyKind): CompiledPolicy {
  if (!isRecord(document)) return compileUncached(document, kind);
  const byKind = cache.get(document) ?? cache.set(document, {});
  let compiled = byKind[kind];
  if (compiled === undefined) {
    const text = textOf(document);
    if (text === undefined) compiled = compileUncached(document, kind);
    else {
      const key = `${kind}\n${text}`;
      compiled = byText.get(key) ?? byText.set(key, compileUncached(document, kind));
    }
    byKind[kind] = compiled;
  }
  return compiled;
}

/** The document's JSON text; undefined when it has none (a cycle, a BigInt). */
function textOf(document: object): string | undefined {
  try {
    return JSON.stringify(document);
  } catch {
    return undefined;
  }
}

const cache = weakCache<object, Partial<Record<PolicyKind, CompiledPolicy>>>('compiled policies');
const byText = boundedCache<string, CompiledPolicy>('compiled policies by text', 2000);

function compileUncached(document: unknown, kind: PolicyKind): CompiledPolicy {
  const c = new Checker();
  const out: CompiledPolicy = {
    kind,
    version: undefined,
    problems: c.problems,
    size: 0,
    statements: [],
  };
  let text = '';
  try {
    text = JSON.stringify(document) ?? '';
  } catch {
    text = '';
  }
  out.size = text.length;
  if (!isRecord(document)) {
    c.add(
      'not-an-object',
      'error',
      `A policy document must be a JSON object, not ${show(document)}.`,
      [],
    );
    return out;
  }
  for (const key of Object.keys(document)) {
    if (!TOP_LEVEL.has(key)) {
      const hint = [...TOP_LEVEL].find((k) => k.toLowerCase() === key.toLowerCase());
      c.add(
        'unknown-element',
        'error',
        hint
          ? `"${key}" should be spelled "${hint}".`
          : `"${key}" is not a policy element; a document has only Version, Id and Statement.`,
        [key],
      );
    }
  }
  const version = document['Version'];
  const usesVariables = text.includes('${');
  if (version === undefined) {
    c.add(
      'missing-version',
      'warning',
      usesVariables
        ? 'No Version: AWS reads this as the 2008-10-17 language, so the ${...} policy variables here are plain text, not variables. Add "Version": "2012-10-17".'
        : 'No Version: AWS reads this as the old 2008-10-17 language, where policy variables are plain text. Add "Version": "2012-10-17".',
      [],
    );
  } else if (version !== '2012-10-17' && version !== '2008-10-17') {
    c.add(
      'invalid-version',
      'error',
      `Version must be "2012-10-17" (or the old "2008-10-17"), not ${show(version)}.`,
      ['Version'],
    );
  } else if (version === '2008-10-17' && usesVariables) {
    c.add(
      'variables-need-version',
      'warning',
      'With Version 2008-10-17 the ${...} policy variables are plain text. Use "Version": "2012-10-17".',
      ['Version'],
    );
  }
  out.version = typeof version === 'string' ? version : undefined;
  const variables = version === '2012-10-17';
  if ('Id' in document && typeof document['Id'] !== 'string') {
    c.add('invalid-id', 'error', `Id must be a string, not ${show(document['Id'])}.`, ['Id']);
  }

  const st = document['Statement'];
  let items: [unknown, JsonPath][] = [];
  if (st === undefined)
    c.add(
      'missing-statement',
      'error',
      'The document has no Statement, so it grants and denies nothing.',
      [],
    );
  else if (Array.isArray(st)) {
    if (st.length === 0)
      c.add(
        'empty-statement',
        'warning',
        'Statement is an empty list, so this policy does nothing.',
        ['Statement'],
      );
    items = st.map((s, i) => [s, ['Statement', i]]);
  } else if (isRecord(st)) items = [[st, ['Statement']]];
  else
    c.add(
      'invalid-statement',
      'error',
      `Statement must be an object or a list of objects, not ${show(st)}.`,
      ['Statement'],
    );

  const sids = new Map<string, JsonPath>();
  items.forEach(([s, path], index) => {
    // A statement object met before at the same place, in a policy of the same kind and
    // language, compiles the same: the analysis's forced variants of a document keep every
    // statement they do not change (src/analysis/conditional.ts), so only the changed ones
    // compile again. A Sid already seen in this document is compiled afresh, for its problem.
    const key = `${kind}\n${variables}\n${index}\n${path.length}`;
    const memo = isRecord(s) ? statements.get(s)?.get(key) : undefined;
    const sid = isRecord(s) ? s['Sid'] : undefined;
    if (memo && !(typeof sid === 'string' && sids.has(sid))) {
      if (typeof sid === 'string') sids.set(sid, path);
      c.problems.push(...memo.problems);
      out.statements.push(memo.compiled);
      return;
    }
    const before = c.problems.length;
    const compiled = compileStatement(c, s, path, index, kind, variables, sids);
    const problems = c.problems.slice(before);
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) compiled.skipped = errors.map((p) => p.message).join(' ');
    // Remembered only when no other statement had a say in it (a duplicate Sid).
    if (isRecord(s) && !problems.some((p) => p.code === 'duplicate-sid')) {
      const byPlace = statements.get(s) ?? statements.set(s, new Map());
      byPlace.set(key, { compiled, problems });
    }
    out.statements.push(compiled);
  });
  return out;
}

/** Compiled statements by statement object, then kind × language × place (see compileUncached). */
const statements = weakCache<
  object,
  Map<string, { compiled: CompiledStatement; problems: Problem[] }>
>('compiled statements');

function compileStatement(
  c: Checker,
  s: unknown,
  path: JsonPath,
  index: number,
  kind: PolicyKind,
  variables: boolean,
  sids: Map<string, JsonPath>,
): CompiledStatement {
  const stmt: CompiledStatement = {
    index,
    path,
    effect: 'Allow',
    notAction: false,
    actions: compileActions([]),
    resources: undefined,
    notResource: false,
    principal: undefined,
    notPrincipal: false,
    conditions: [],
    actionText: '',
    resourceText: '',
  };
  if (!isRecord(s)) {
    c.add(
      'statement-not-object',
      'error',
      `Each statement must be a JSON object, not ${show(s)}.`,
      path,
    );
    return stmt;
  }
  for (const key of Object.keys(s)) {
    if (!STATEMENT_ELEMENTS.has(key)) {
      const hint = [...STATEMENT_ELEMENTS].find((k) => k.toLowerCase() === key.toLowerCase());
      c.add(
        'unknown-statement-element',
        'error',
        hint ? `"${key}" should be spelled "${hint}".` : `"${key}" is not a statement element.`,
        [...path, key],
      );
    }
  }

  // Sid
  if ('Sid' in s) {
    const sid = s['Sid'];
    if (typeof sid !== 'string')
      c.add('invalid-sid', 'error', `Sid must be a string, not ${show(sid)}.`, [...path, 'Sid']);
    else {
      stmt.sid = sid;
      if (sid !== '' && sids.has(sid))
        c.add(
          'duplicate-sid',
          'error',
          `Sid "${sid}" is used by more than one statement; each Sid must be unique.`,
          [...path, 'Sid'],
        );
      sids.set(sid, path);
      if (
        (kind === 'identity' || kind === 'boundary' || kind === 'session') &&
        !/^[A-Za-z0-9]*$/.test(sid)
      ) {
        c.add(
          'sid-characters',
          'warning',
          `IAM accepts only letters and digits in a Sid; "${sid}" has other characters.`,
          [...path, 'Sid'],
        );
      }
    }
  }

  // Effect
  const effect = s['Effect'];
  if (effect === undefined)
    c.add('missing-effect', 'error', 'The statement has no Effect: say "Allow" or "Deny".', path);
  else if (effect === 'Allow' || effect === 'Deny') stmt.effect = effect;
  else {
    const fixed =
      typeof effect === 'string'
        ? ['Allow', 'Deny'].find((e) => e.toLowerCase() === effect.toLowerCase())
        : undefined;
    if (fixed) stmt.effect = fixed as 'Allow' | 'Deny';
    c.add(
      'invalid-effect',
      'error',
      fixed
        ? `Effect must be written exactly "${fixed}", not ${show(effect)}.`
        : `Effect must be "Allow" or "Deny", not ${show(effect)}.`,
      [...path, 'Effect'],
    );
  }

  // Action / NotAction
  const hasA = 'Action' in s;
  const hasNA = 'NotAction' in s;
  if (hasA && hasNA)
    c.add('action-and-notaction', 'error', 'A statement may have Action or NotAction, not both.', [
      ...path,
      'NotAction',
    ]);
  else if (!hasA && !hasNA)
    c.add(
      'missing-action',
      'error',
      'The statement has neither Action nor NotAction, so it can never apply.',
      path,
    );
  else {
    const el = hasA ? 'Action' : 'NotAction';
    const list = stringList(c, s[el], [...path, el], el);
    if (list) {
      list.forEach((a, i) => {
        if (a !== '*' && !ACTION.test(a)) {
          c.add(
            'invalid-action',
            'error',
            `"${a}" is not an action: write service:ActionName, e.g. "s3:GetObject", or "*".`,
            [...path, el, ...(Array.isArray(s[el]) ? [i] : [])],
          );
        }
      });
      stmt.notAction = hasNA;
      stmt.actions = compileActions(list);
      stmt.actionText = list.length === 1 ? `"${list[0]}"` : list.map((x) => `"${x}"`).join(', ');
    }
  }

  // Resource / NotResource
  const hasR = 'Resource' in s;
  const hasNR = 'NotResource' in s;
  if (hasR && hasNR)
    c.add(
      'resource-and-notresource',
      'error',
      'A statement may have Resource or NotResource, not both.',
      [...path, 'NotResource'],
    );
  else if (kind === 'trust' && (hasR || hasNR)) {
    c.add(
      'resource-in-trust-policy',
      'error',
      'A role trust policy has no Resource: the role itself is the resource.',
      [...path, hasR ? 'Resource' : 'NotResource'],
    );
  } else if (!hasR && !hasNR) {
    // "Policies and permissions in IAM" (JSON policy document structure): Resource is optional
    // in a resource-based policy and then means the resource the policy is attached to (ECR
    // repository, SQS queue and Lambda function policies are often written that way). A KMS key
    // policy names "*" (AWS KMS "Key policies"); identity policies, boundaries, session policies
    // and RCPs must name their resources.
    if (kind !== 'trust' && kind !== 'scp' && kind !== 'resource') {
      c.add(
        'missing-resource',
        'error',
        `The statement has neither Resource nor NotResource; ${KIND_NAMES[kind]} needs one (use "*" for every resource).`,
        path,
      );
    }
  } else {
    const el = hasR ? 'Resource' : 'NotResource';
    const list = stringList(c, s[el], [...path, el], el);
    if (list) {
      const res: CompiledResources = {
        patterns: list,
        text: list.map((x) => `"${x}"`).join(', '),
        fixed: [],
        dynamic: [],
      };
      list.forEach((r, i) => {
        const where = [...path, el, ...(Array.isArray(s[el]) ? [i] : [])];
        if (r !== '*' && !/^arn:[^:]*:[^:]*:[^:]*:[^:]*:./s.test(r)) {
          c.add(
            'malformed-arn',
            'error',
            `"${r}" is not an ARN: expected arn:partition:service:region:account:resource, or "*".`,
            where,
          );
        }
        if (variables) checkVariableSyntax(c, r, where);
        const t = parseTemplate(r, variables);
        if ('fixed' in t) res.fixed.push({ m: compileArnPattern(t.fixed), p: r });
        else res.dynamic.push({ t, p: r });
      });
      stmt.resources = res;
      stmt.notResource = hasNR;
      stmt.resourceText = list.length === 1 ? `"${list[0]}"` : list.map((x) => `"${x}"`).join(', ');
    }
  }

  // Principal / NotPrincipal
  const hasP = 'Principal' in s;
  const hasNP = 'NotPrincipal' in s;
  if (NO_PRINCIPAL.has(kind)) {
    if (hasP || hasNP) {
      c.add(
        'principal-not-allowed',
        'error',
        `${KIND_NAMES[kind][0]?.toUpperCase()}${KIND_NAMES[kind].slice(1)} cannot name a principal: it applies to whoever it is attached to. Remove ${hasP ? 'Principal' : 'NotPrincipal'}.`,
        [...path, hasP ? 'Principal' : 'NotPrincipal'],
      );
    }
  } else if (hasP && hasNP) {
    c.add(
      'principal-and-notprincipal',
      'error',
      'A statement may have Principal or NotPrincipal, not both.',
      [...path, 'NotPrincipal'],
    );
  } else if (!hasP && !hasNP) {
    c.add(
      'missing-principal',
      'error',
      `${KIND_NAMES[kind][0]?.toUpperCase()}${KIND_NAMES[kind].slice(1)} must say who it applies to: add a Principal.`,
      path,
    );
  } else {
    const el = hasP ? 'Principal' : 'NotPrincipal';
    const v = s[el];
    if (checkPrincipal(c, v, [...path, el], el, kind)) {
      stmt.principal = compilePrincipal(v);
      stmt.notPrincipal = hasNP;
    }
    if (hasNP && kind === 'rcp')
      c.add('notprincipal-in-rcp', 'error', 'A resource control policy cannot use NotPrincipal.', [
        ...path,
        el,
      ]);
    else if (hasNP && stmt.effect === 'Allow') {
      c.add(
        'notprincipal-with-allow',
        'warning',
        'NotPrincipal with Allow grants access to everyone not listed, including anonymous callers. AWS strongly advises against it.',
        [...path, el],
      );
    }
  }

  // Condition
  if ('Condition' in s)
    compileConditions(c, s['Condition'], [...path, 'Condition'], variables, stmt);
  return stmt;
}

function checkPrincipal(
  c: Checker,
  v: unknown,
  path: JsonPath,
  el: string,
  kind: PolicyKind,
): boolean {
  if (v === '*') return true;
  if (kind === 'rcp') {
    c.add(
      'rcp-principal',
      'error',
      'In a resource control policy, Principal must be "*" (narrow it with conditions).',
      path,
    );
    return false;
  }
  if (!isRecord(v)) {
    c.add(
      'invalid-principal',
      'error',
      `${el} must be "*" or an object such as {"AWS": "arn:aws:iam::111122223333:root"}, not ${show(v)}.`,
      path,
    );
    return false;
  }
  let ok = true;
  for (const [type, raw] of Object.entries(v)) {
    if (!PRINCIPAL_TYPES.has(type)) {
      c.add(
        'invalid-principal-type',
        'error',
        `"${type}" is not a principal type; use AWS, Service, Federated or CanonicalUser.`,
        [...path, type],
      );
      ok = false;
      continue;
    }
    const list = stringList(c, raw, [...path, type], `${el}.${type}`);
    if (!list) {
      ok = false;
      continue;
    }
    list.forEach((p, i) => {
      const where = [...path, type, ...(Array.isArray(raw) ? [i] : [])];
      if (type === 'AWS' && p !== '*') {
        if (p.includes('*') || p.includes('?')) {
          c.add(
            'principal-wildcard',
            'error',
            `"${p}": a principal cannot contain wildcards other than "*" alone; use a condition on aws:PrincipalArn instead.`,
            where,
          );
          ok = false;
        } else if (!AWS_PRINCIPAL.test(p)) {
          c.add(
            'invalid-principal',
            'error',
            `"${p}" is not an AWS principal: give a 12-digit account id, an IAM/STS ARN, or a user's or role's unique id (AIDA…, AROA…).`,
            where,
          );
          ok = false;
        }
      }
      if (type === 'Service' && p !== '*' && !p.includes('.')) {
        c.add(
          'invalid-service-principal',
          'warning',
          `"${p}" does not look like a service principal such as "ec2.amazonaws.com".`,
          where,
        );
      }
    });
  }
  return ok;
}

function compileConditions(
  c: Checker,
  block: unknown,
  path: JsonPath,
  variables: boolean,
  stmt: CompiledStatement,
): void {
  if (!isRecord(block)) {
    c.add(
      'invalid-condition',
      'error',
      `Condition must be an object of operators, e.g. {"StringEquals": {"aws:username": "alice"}}, not ${show(block)}.`,
      path,
    );
    return;
  }
  for (const [operator, keys] of Object.entries(block)) {
    const opPath = [...path, operator];
    const op = parseOperator(operator);
    if (!op) {
      c.add(
        'unknown-condition-operator',
        'error',
        `"${operator}" is not a condition operator AWS knows (e.g. StringEquals, ArnLike, IpAddress, Bool, Null).`,
        opPath,
      );
      continue;
    }
    if (op.caseDiffers)
      c.add(
        'condition-operator-case',
        'warning',
        `Write the operator as AWS spells it: "${op.canonical}".`,
        opPath,
      );
    if (op.qualifier && (op.info.family === 'null' || op.info.family === 'bool')) {
      c.add(
        'qualifier-not-useful',
        'warning',
        `${op.qualifier}: with ${op.info.name} compares each value separately; it rarely means what it seems.`,
        opPath,
      );
    }
    if (op.qualifier && op.ifExists) {
      // AWS's IfExists sentence ("Condition operators") says nothing of set qualifiers; in
      // AWS itself a missing key still makes ForAnyValue: false (see docs/engine.md).
      c.add(
        'ifexists-with-qualifier',
        'warning',
        `IfExists does nothing after ${op.qualifier}: when the key is absent, ${op.qualifier === 'ForAnyValue' ? 'ForAnyValue: is false' : 'ForAllValues: is true'} with or without it. Write ${op.qualifier}:${op.info.name}${op.qualifier === 'ForAnyValue' ? ' (add a Null condition if an absent key should pass)' : ''}.`,
        opPath,
      );
    }
    if (!isRecord(keys)) {
      c.add(
        'invalid-condition',
        'error',
        `The value of ${operator} must be an object of condition keys and values, not ${show(keys)}.`,
        opPath,
      );
      continue;
    }
    for (const [key, raw] of Object.entries(keys)) {
      const keyPath = [...opPath, key];
      const rawList = Array.isArray(raw) ? raw : [raw];
      if (rawList.length === 0) {
        c.add(
          'empty-condition-values',
          'error',
          `${operator} ${key} has an empty list of values.`,
          keyPath,
        );
        continue;
      }
      const values: string[] = [];
      let bad = false;
      rawList.forEach((x, i) => {
        if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')
          values.push(String(x));
        else {
          bad = true;
          c.add(
            'invalid-condition-value',
            'error',
            `Condition values must be strings, numbers or booleans; ${key} has ${show(x)}.`,
            Array.isArray(raw) ? [...keyPath, i] : keyPath,
          );
        }
      });
      if (bad) continue;
      if (variables)
        values.forEach((v, i) =>
          checkVariableSyntax(c, v, Array.isArray(raw) ? [...keyPath, i] : keyPath),
        );
      const templates = values.map((v) => parseTemplate(v, variables));
      const dynamic = templates.some((t) => !('fixed' in t));
      if (!dynamic) {
        values.forEach((v, i) => {
          const reason = invalidValueReason(op.info, v);
          if (reason) {
            const severe = op.info.family !== 'bool';
            c.add(
              'invalid-condition-value',
              severe ? 'error' : 'warning',
              `${operator} ${key}: ${reason}.`,
              Array.isArray(raw) ? [...keyPath, i] : keyPath,
            );
            if (severe) bad = true;
          }
        });
      }
      if (bad) continue;
      stmt.conditions.push(compileCondition(operator, op, key, values, templates));
    }
  }
}

/** The size problem for a compiled document against a limit, if it is too large. */
export function sizeProblem(
  compiled: CompiledPolicy,
  limit: SizeLimit = DEFAULT_SIZE_LIMITS[compiled.kind],
): Problem | undefined {
  if (compiled.size <= limit.limit) return undefined;
  return {
    code: 'policy-too-large',
    severity: 'error',
    message: `This policy has ${compiled.size} characters (white space not counted); AWS allows at most ${limit.limit} for ${limit.label}.`,
    path: [],
  };
}
