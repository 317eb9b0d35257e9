import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../../../src/model/json-text.ts';
import { evaluateScenario, loadScenario, validateScenario } from '../../../src/model/index.ts';

function jsonParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

describe('parseJsonText agrees with JSON.parse', () => {
  it('on every JSON text, with any spacing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 1, 2, '\t'), (value, space) => {
        const text = JSON.stringify(value, null, space);
        const result = parseJsonText(text);
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.value).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('on every mangled text: both accept it or both refuse it, and it never throws', () => {
    const mangled = fc
      .tuple(
        fc.jsonValue(),
        fc.nat(),
        fc.nat({ max: 3 }),
        fc.constantFrom('', ',', '}', ']', '"', ':', '\\', 'x', ' ', '\n', '0', '-', 'e'),
      )
      .map(([value, at, cut, insert]) => {
        const text = JSON.stringify(value);
        const i = text.length === 0 ? 0 : at % text.length;
        return text.slice(0, i) + insert + text.slice(i + cut);
      });
    fc.assert(
      fc.property(mangled, (text) => {
        const ours = parseJsonText(text);
        const theirs = jsonParse(text);
        expect(ours.ok).toBe(theirs.ok);
        if (ours.ok && theirs.ok) expect(ours.value).toEqual(theirs.value);
        if (!ours.ok) expect(ours.error.message).toMatch(/ at line \d+, column \d+$/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the model on arbitrary input', () => {
  it('validates any JSON value without throwing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(() => validateScenario(value)).not.toThrow();
        const scenario = {
          format: 'iam-playground/scenario',
          version: 1,
          accounts: value,
          requests: value,
          organization: value,
        };
        expect(() => validateScenario(scenario)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('decides every request of any scenario it accepts, without throwing', () => {
    const id = fc.constantFrom('111122223333', '444455556666');
    const name = fc.constantFrom('a', 'b', 'constructor');
    const doc = fc.constantFrom(
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] },
    );
    const principal = fc.oneof(
      fc.tuple(id, name).map(([a, n]) => `arn:aws:iam::${a}:user/${n}`),
      fc.tuple(id, name).map(([a, n]) => `arn:aws:iam::${a}:role/${n}`),
      fc.tuple(id, name).map(([a, n]) => `arn:aws:iam::${a}:instance-profile/${n}`),
      id.map((a) => `arn:aws:iam::${a}:root`),
      fc.constantFrom('anonymous', 'ec2.amazonaws.com'),
    );
    const entity = fc.record(
      {
        inline: fc.dictionary(fc.constantFrom('p'), doc),
        trust: fc.constantFrom(
          {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'ec2.amazonaws.com' },
                Action: 'sts:AssumeRole',
              },
            ],
          },
          {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'sts:AssumeRole' },
            ],
          },
        ),
      },
      { requiredKeys: [] },
    );
    const user = fc.record(
      { inline: fc.dictionary(fc.constantFrom('p'), doc) },
      { requiredKeys: [] },
    );
    // Every name a principal may use exists (plus, sometimes, a "__proto__" entity), so most worlds are valid.
    const all = <T>(arb: fc.Arbitrary<T>) =>
      fc.tuple(arb, arb, arb, fc.option(arb)).map(([a, b, c, proto]) => {
        const out: Record<string, T> = { a, b, constructor: c };
        if (proto !== null)
          Object.defineProperty(out, '__proto__', { value: proto, enumerable: true });
        return out;
      });
    const account = fc.record({
      users: all(user),
      roles: all(entity),
      instanceProfiles: all(
        fc.record({ role: fc.constantFrom('a', 'b', 'constructor') }, { requiredKeys: [] }),
      ),
    });
    const scenario = fc.record({
      format: fc.constant('iam-playground/scenario'),
      version: fc.constant(1),
      accounts: fc.record({ '111122223333': account, '444455556666': account }),
      resources: fc.constant({ 'arn:aws:s3:::b': { account: '111122223333' } }),
      requests: fc.array(
        fc.record({
          principal,
          action: fc.constantFrom('s3:GetObject', 'sts:AssumeRole'),
          resource: fc.constantFrom('arn:aws:s3:::b/k', 'arn:aws:iam::111122223333:role/a'),
        }),
        { maxLength: 4 },
      ),
    });
    let accepted = 0;
    fc.assert(
      fc.property(scenario, (value) => {
        const loaded = loadScenario(JSON.stringify(value));
        if (!loaded.scenario) return;
        accepted++;
        const results = evaluateScenario(loaded.scenario, { catalog: new Map(), now: new Date(0) });
        expect(results).toHaveLength(value.requests.length);
        for (const result of results) expect(result.problems).toBeUndefined();
      }),
      { numRuns: 300 },
    );
    // Not vacuous: many generated worlds are valid and get decided.
    expect(accepted).toBeGreaterThan(30);
  });
});
