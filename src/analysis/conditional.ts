/**
 * Conditions on keys the world does not determine.
 *
 * A request built from the world alone carries the keys the model derives (the principal's ARN,
 * account, tags, organization, the resource's account and tags, the clock, ...). Keys that only
 * the caller or the network supplies (aws:SourceIp, aws:MultiFactorAuthPresent for a user,
 * aws:RequestTag/…, s3:prefix, sts:ExternalId, kms:ViaService, ...) are absent from it. A
 * condition on such a key decides nothing about the world: the person making the request does.
 *
 * The analysis therefore decides a cell three times, with the same engine:
 *   - as the world gives it (the keys absent);
 *   - "optimistic": every condition entry on an undetermined key holds in an Allow and fails in
 *     a Deny (the best the caller could do);
 *   - "pessimistic": the reverse (the worst).
 * Allowed in the pessimistic case → allowed whatever the caller sends; denied in the optimistic
 * case → denied whatever the caller sends; otherwise the cell is conditional on those keys.
 * Each condition entry is treated on its own, so "conditional" says the decision turns on the
 * named keys; it does not prove one value meets every condition at once (docs/analysis.md).
 */
import { matchAction } from '../engine/index.ts';
import type { EvaluationInput, PolicyLevel, PolicySource } from '../engine/index.ts';
import { isRecord, weakCache } from '../engine/index.ts';

/** Exact keys (lower case) the model derives from the world for a request without `context`. */
const WORLD_KEYS = new Set([
  'aws:currenttime',
  'aws:epochtime',
  'aws:securetransport',
  'aws:viaawsservice',
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principalisawsservice',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principaltype',
  'aws:principalservicename',
  'aws:principalservicenameslist',
  'aws:username',
  'aws:userid',
  'aws:tokenissuetime',
  'aws:sourceidentity',
  'aws:federatedprovider',
  'aws:resourceaccount',
  'aws:resourceorgid',
  'aws:resourceorgpaths',
  'kms:calleraccount',
]);

/** Key prefixes (lower case) whose keys the world fixes: its tags. An absent tag is absent. */
const WORLD_PREFIXES = ['aws:principaltag/', 'aws:resourcetag/', 's3:existingobjecttag/'];

/** True when the world decides the key's value (or its absence) without the caller's help. */
export function isWorldKey(key: string): boolean {
  const lower = key.toLowerCase();
  return WORLD_KEYS.has(lower) || WORLD_PREFIXES.some((p) => lower.startsWith(p));
}

export type Mode = 'optimistic' | 'pessimistic';

type Doc = Record<string, unknown>;

/** What one statement needs for the transforms: its effect, actions and condition keys. */
interface StatementInfo {
  allow: boolean;
  actions: string[];
  notAction: boolean;
  /** Condition keys of the statement that the world does not determine, as written. */
  open: string[];
}

interface DocInfo {
  statements: StatementInfo[];
  /** Every open key of the document, lower case. */
  open: Set<string>;
  /** Transformed documents by mode and set of undetermined keys. */
  variants: Map<string, unknown>;
}

const docInfos = weakCache<object, DocInfo>('analysis: conditional documents');

function statementsOf(doc: Doc): unknown[] {
  const raw = doc['Statement'];
  return Array.isArray(raw) ? raw : [raw];
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function infoOf(doc: unknown): DocInfo | undefined {
  if (!isRecord(doc)) return undefined;
  let info = docInfos.get(doc);
  if (info) return info;
  const open = new Set<string>();
  const statements = statementsOf(doc).map((st): StatementInfo => {
    const s = isRecord(st) ? st : {};
    const keys: string[] = [];
    const condition = s['Condition'];
    if (isRecord(condition))
      for (const block of Object.values(condition))
        if (isRecord(block))
          for (const key of Object.keys(block))
            if (!isWorldKey(key)) {
              keys.push(key);
              open.add(key.toLowerCase());
            }
    const notAction = Object.hasOwn(s, 'NotAction');
    return {
      allow: s['Effect'] === 'Allow',
      actions: strings(notAction ? s['NotAction'] : s['Action']),
      notAction,
      open: keys,
    };
  });
  info = { statements, open, variants: new Map() };
  docInfos.set(doc, info);
  return info;
}

/** The open keys of a document that this request leaves without a value, lower case, sorted. */
function undeterminedIn(info: DocInfo, present: Set<string>): string[] {
  const out: string[] = [];
  for (const key of info.open) if (!present.has(key)) out.push(key);
  return out.sort();
}

/** The document with each condition entry on an `undetermined` key forced to hold or fail. */
function transform(doc: Doc, undetermined: Set<string>, mode: Mode): Doc {
  const list = statementsOf(doc);
  const out: unknown[] = [];
  for (const st of list) {
    if (!isRecord(st) || !isRecord(st['Condition'])) {
      out.push(st);
      continue;
    }
    // The same statement forced the same way is the same object, whatever else the variant
    // forces: the engine then compiles it once (its compiled statements are kept per object).
    const own = ownUndetermined(st['Condition'], undetermined);
    if (own === '') {
      out.push(st);
      continue;
    }
    const byForce = forced.get(st) ?? forced.set(st, new Map());
    const id = `${mode}\n${own}`;
    let done = byForce.get(id);
    if (done === undefined) {
      done = forceStatement(st, st['Condition'], undetermined, mode);
      byForce.set(id, done);
    }
    out.push(done);
  }
  return { ...doc, Statement: out };
}

/** The keys of a statement's condition that are undetermined, lower case, sorted, joined; or ''. */
function ownUndetermined(condition: Doc, undetermined: Set<string>): string {
  const keys: string[] = [];
  for (const block of Object.values(condition))
    if (isRecord(block))
      for (const key of Object.keys(block)) {
        const lower = key.toLowerCase();
        if (undetermined.has(lower)) keys.push(lower);
      }
  return keys.sort().join('\n');
}

/** Statements forced, by statement object, then mode and the statement's undetermined keys. */
const forced = weakCache<object, Map<string, unknown>>('analysis: forced statements');

/** One statement with its entries on `undetermined` keys forced as `mode` says (it has some). */
function forceStatement(st: Doc, conditionIn: Doc, undetermined: Set<string>, mode: Mode): unknown {
  const condition: Doc = {};
  let touched = false;
  for (const [op, block] of Object.entries(conditionIn)) {
    if (!isRecord(block)) {
      condition[op] = block;
      continue;
    }
    const kept: Doc = {};
    let keptAny = false;
    for (const [key, values] of Object.entries(block)) {
      if (undetermined.has(key.toLowerCase())) touched = true;
      else {
        kept[key] = values;
        keptAny = true;
      }
    }
    if (keptAny) condition[op] = kept;
  }
  if (!touched) return st;
  // The entries on undetermined keys hold (dropped from the condition) where that helps the
  // caller in this mode, and fail (the statement never applies) where it does not. A failing
  // statement stays, matching no action (`NotAction: *`): removed, it would change what the
  // others are (a second statement with its Sid is skipped as a duplicate; a document needs
  // one statement), and so decisions on actions it never matched.
  const holds = (st['Effect'] === 'Allow') === (mode === 'optimistic');
  if (!holds) {
    const { Action: _action, NotAction: _notAction, Condition: _condition, ...rest } = st;
    return { ...rest, NotAction: '*' };
  }
  const copy: Doc = { ...st };
  if (Object.keys(condition).length > 0) copy['Condition'] = condition;
  else delete copy['Condition'];
  return copy;
}

function variant(document: unknown, present: Set<string>, mode: Mode): unknown {
  const info = infoOf(document);
  if (!info || info.open.size === 0) return document;
  const keys = undeterminedIn(info, present);
  if (keys.length === 0) return document;
  const id = `${mode}\n${keys.join('\n')}`;
  let out = info.variants.get(id);
  if (out === undefined) {
    out = transform(document as Doc, new Set(keys), mode);
    info.variants.set(id, out);
  }
  return out;
}

/** Every policy source of an engine input. */
function sourcesOf(input: EvaluationInput): PolicySource[] {
  const out: PolicySource[] = [...input.identityPolicies];
  if (input.resourcePolicy) out.push(input.resourcePolicy);
  if (input.boundary) out.push(input.boundary);
  for (const s of input.sessionPolicies ?? []) out.push(s);
  for (const level of [...(input.scps ?? []), ...(input.rcps ?? [])]) out.push(...level.policies);
  if (input.vpcEndpoint) out.push(input.vpcEndpoint.policy);
  return out;
}

function presentKeys(input: EvaluationInput): Set<string> {
  return new Set(Object.keys(input.request.context).map((k) => k.toLowerCase()));
}

/** True when some policy of the input tests a key this request leaves without a value. */
export function hasUndetermined(input: EvaluationInput): boolean {
  const present = presentKeys(input);
  return sourcesOf(input).some((s) => {
    const info = infoOf(s.document);
    return info !== undefined && undeterminedIn(info, present).length > 0;
  });
}

/**
 * True when forcing the undetermined keys could change this input's decision: some statement
 * that tests such a key matches the request's action. A statement whose Action does not match
 * applies in no variant, so forcing it changes nothing: except that S3 Block Public Access
 * reads the whole bucket policy (is any statement public?), so for a bucket every undetermined
 * key counts (hasUndetermined).
 */
export function mayTurn(input: EvaluationInput): boolean {
  if (input.s3Bucket) return hasUndetermined(input);
  const present = presentKeys(input);
  const action = input.request.action;
  for (const source of sourcesOf(input)) {
    const info = infoOf(source.document);
    if (!info || info.open.size === 0) continue;
    for (const st of info.statements) {
      if (!st.open.some((key) => !present.has(key.toLowerCase()))) continue;
      if (st.actions.some((p) => matchAction(p, action)) !== st.notAction) return true;
    }
  }
  return false;
}

/** The input with every policy forced as `mode` says (the same object when nothing changes). */
export function forceConditions(input: EvaluationInput, mode: Mode): EvaluationInput {
  const present = presentKeys(input);
  const map = (s: PolicySource): PolicySource => {
    const document = variant(s.document, present, mode);
    return document === s.document ? s : { ...s, document };
  };
  const levels = (list: PolicyLevel[] | undefined) =>
    list?.map((l) => ({ ...l, policies: l.policies.map(map) }));
  const out: EvaluationInput = { ...input, identityPolicies: input.identityPolicies.map(map) };
  if (input.resourcePolicy) out.resourcePolicy = map(input.resourcePolicy);
  if (input.boundary) out.boundary = map(input.boundary);
  if (input.sessionPolicies) out.sessionPolicies = input.sessionPolicies.map(map);
  if (input.scps) out.scps = levels(input.scps);
  if (input.rcps) out.rcps = levels(input.rcps);
  if (input.vpcEndpoint)
    out.vpcEndpoint = { ...input.vpcEndpoint, policy: map(input.vpcEndpoint.policy) };
  return out;
}

/**
 * The undetermined keys (as written) of the statements that could apply to the request's
 * action: the keys a person must give values to, sorted and without duplicates.
 */
export function openKeys(input: EvaluationInput): string[] {
  const present = presentKeys(input);
  const action = input.request.action;
  const found = new Map<string, string>();
  for (const source of sourcesOf(input)) {
    const info = infoOf(source.document);
    if (!info || info.open.size === 0) continue;
    for (const st of info.statements) {
      if (st.open.length === 0) continue;
      const hit = st.actions.some((p) => matchAction(p, action));
      if (hit === st.notAction) continue;
      for (const key of st.open)
        if (!present.has(key.toLowerCase())) found.set(key.toLowerCase(), key);
    }
  }
  return [...found.values()].sort((a, b) => a.localeCompare(b));
}
