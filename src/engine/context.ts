/**
 * One request, prepared once for matching: lowercased action, split resource ARN, and the
 * condition context with lowercased keys (condition key names are case-insensitive in AWS).
 */
import { splitArn, type SplitArn } from './arn.ts';
import type { ContextValue, EvaluationRequest } from './types.ts';
import type { VariableSource } from './variables.ts';

function toStrings(v: ContextValue): string[] {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : String(x)));
  return [typeof v === 'string' ? v : String(v)];
}

export class RequestContext implements VariableSource {
  readonly actionLower: string;
  readonly resource: SplitArn;
  private keys: Map<string, string[]> | undefined;
  /** evaluate-policy.ts's interned (action, resource) pair of this request, once looked up. */
  pair: object | undefined = undefined;
  /** `valuesKey` per key, worked out once per request. */
  private valueKeys: Map<string, string> | undefined;

  constructor(readonly request: EvaluationRequest) {
    this.actionLower = typeof request.action === 'string' ? request.action.toLowerCase() : '';
    this.resource = splitArn(typeof request.resource === 'string' ? request.resource : '');
  }

  /** Values of a context key (lowercased name), or undefined when the request does not carry it. */
  get(keyLower: string): string[] | undefined {
    let keys = this.keys;
    if (keys === undefined) {
      keys = new Map();
      const ctx = this.request.context;
      if (ctx && typeof ctx === 'object') {
        for (const k of Object.keys(ctx)) {
          const v = ctx[k];
          if (v === undefined || v === null) continue;
          keys.set(k.toLowerCase(), toStrings(v));
        }
      }
      this.keys = keys;
    }
    return keys.get(keyLower);
  }

  /**
   * The key's values as one string (their count, then each; `absent` when the request does not
   * carry the key), made once per request and key: many conditions read the same key, and a
   * memo keyed by the same string object finds it without hashing a new string each time.
   */
  valuesKey(keyLower: string): string {
    const known = (this.valueKeys ??= new Map()).get(keyLower);
    if (known !== undefined) return known;
    const got = this.get(keyLower);
    // The count keeps [] and [""] apart; an absent key has no count.
    const key = got === undefined ? 'absent' : `${got.length}:${got.join('\u0000')}`;
    this.valueKeys.set(keyLower, key);
    return key;
  }
}
