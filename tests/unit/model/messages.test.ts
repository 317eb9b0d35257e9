/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadScenario, parseJsonText } from '../../../src/model/index.ts';
import { DATE_KEYS, IP_ADDRESS_KEYS } from '../../../src/model/context-values.ts';
import { capByKind, omittedLine, quote } from '../../../src/model/text-caps.ts';

const A = '111122223333';
const ALICE = `arn:aws:iam::${A}:user/alice`;

/** A scenario text with alice, her inline policy `policy`, and one request with `context`. */
function scenario(policy: unknown, context?: Record<string, unknown>): string {
  return JSON.stringify(
    {
      format: 'iam-playground/scenario',
      version: 1,
      accounts: { [A]: { users: { alice: { inline: { p: policy } } } } },
      requests: [
        {
          principal: ALICE,
          action: 's3:GetObject',
          resource: 'arn:aws:s3:::bucket/x',
          ...(context ? { context } : {}),
        },
      ],
    },
    null,
    2,
  );
}

const allow = (resource: string, condition?: unknown, version = '2012-10-17') => ({
  Version: version,
  Statement: [
    {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: resource,
      ...(condition ? { Condition: condition } : {}),
    },
  ],
});

/** The line (1-based) of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('format versions that are not whole numbers', () => {
  it.each([
    ['1.5', /not the number 1\.5 \(format versions are whole numbers\)/],
    ['1e400', /too large to represent/],
  ])('"version": %s is a wrong version at its place, not a newer format', (written, message) => {
    const text = `{\n  "format": "iam-playground/scenario",\n  "version": ${written}\n}`;
    const { scenario: value, problems } = loadScenario(text);
    expect(value).toBeNull();
    expect(problems).toEqual([
      expect.objectContaining({ code: 'wrong-version', path: ['version'], line: 3, column: 14 }),
    ]);
    expect(problems[0]?.message).toMatch(message);
    expect(problems[0]?.message).not.toMatch(/newer|Infinity,/);
  });

  it('still refuses a whole newer version outright', () => {
    const { problems } = loadScenario('{"format": "iam-playground/scenario", "version": 2}');
    expect(problems.map((p) => p.code)).toEqual(['unsupported-version']);
  });
});

describe('policy-variable syntax in policies', () => {
  it.each([
    [
      'arn:aws:s3:::bucket/${${aws:username}}',
      /"\$\{\$\{aws:username\}\}": policy variables cannot be nested/,
    ],
    ['arn:aws:s3:::bucket/${}', /"\$\{\}" names no condition key/],
    ['arn:aws:s3:::bucket/${aws:username, home}', /default value is written/],
  ])('%s in a Resource is an error at its line', (resource, message) => {
    const text = scenario(allow(resource));
    const { scenario: value, problems } = loadScenario(text);
    expect(value).toBeNull();
    const problem = problems.find((p) => p.code === 'malformed-variable');
    expect(problem).toMatchObject({
      severity: 'error',
      path: ['accounts', A, 'users', 'alice', 'inline', 'p', 'Statement', 0, 'Resource'],
      line: lineOf(text, '"Resource"'),
    });
    expect(problem?.message).toMatch(message);
  });

  it('an unclosed ${ is a warning that says AWS reads it literally; the scenario stays usable', () => {
    const text = scenario(allow('arn:aws:s3:::bucket/${aws:username'));
    const { scenario: value, problems } = loadScenario(text);
    expect(value).not.toBeNull();
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'unclosed-variable',
        severity: 'warning',
        line: lineOf(text, '"Resource"'),
      }),
    ]);
    expect(problems[0]?.message).toMatch(/no closing "\}".*literal text/);
  });

  it('checks condition values too, each list entry at its own place', () => {
    const text = scenario(
      allow('*', { StringLike: { 's3:prefix': ['home/${aws:username}/*', 'x/${}'] } }),
    );
    const { problems } = loadScenario(text);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'malformed-variable',
        path: expect.arrayContaining(['Condition', 'StringLike', 's3:prefix', 1]),
        line: lineOf(text, '"x/${}"'),
      }),
    ]);
  });

  it('says nothing where variables are plain text (Version 2008-10-17) or well formed', () => {
    for (const policy of [
      allow('arn:aws:s3:::bucket/${}', undefined, '2008-10-17'),
      allow("arn:aws:s3:::bucket/${aws:username}/${*}/${aws:userid, 'none'}"),
    ]) {
      const codes = loadScenario(scenario(policy)).problems.map((p) => p.code);
      expect(codes).not.toContain('malformed-variable');
      expect(codes).not.toContain('unclosed-variable');
    }
  });
});

describe('request context values', () => {
  const ok = allow('*');

  it.each([
    ['aws:SourceIp', '10.0.0.999', /"10\.0\.0\.999" is not an IP address/],
    ['aws:SourceIp', '10.0.0.0/8', /is not an IP address.*no \/prefix/],
    ['aws:VpcSourceIp', 'localhost', /is not an IP address/],
    ['aws:CurrentTime', '99999999999999999999-99', /is not a date/],
    ['aws:TokenIssueTime', '2026-13-45', /is not a date/],
    ['AWS:currenttime', true, /is not a date/],
  ])('%s %j is an error at its line', (key, value, message) => {
    const text = scenario(ok, { [key]: value });
    const { scenario: loaded, problems } = loadScenario(text);
    expect(loaded).toBeNull();
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'invalid-context-value',
        severity: 'error',
        path: ['requests', 0, 'context', key],
        line: lineOf(text, `"${key}"`),
      }),
    ]);
    expect(problems[0]?.message).toMatch(message);
  });

  it('places a bad entry of a list at the entry', () => {
    const text = scenario(ok, { 'aws:SourceIp': ['203.0.113.7', '300.1.1.1'] });
    expect(loadScenario(text).problems).toEqual([
      expect.objectContaining({
        code: 'invalid-context-value',
        path: ['requests', 0, 'context', 'aws:SourceIp', 1],
        line: lineOf(text, '"300.1.1.1"'),
      }),
    ]);
  });

  it.each([
    ['aws:SourceIp', '203.0.113.7'],
    ['aws:SourceIp', '2001:db8::7'],
    ['aws:CurrentTime', '2026-01-01T12:00:00Z'],
    ['aws:CurrentTime', '2026-01-01'],
    ['aws:EpochTime', 1767268800],
    ['aws:EpochTime', '1767268800'],
  ])('accepts %s %j', (key, value) => {
    expect(loadScenario(scenario(ok, { [key]: value })).problems).toEqual([]);
  });

  it.each(['${aws:username}', '${aws:username', '${}', '${${aws:username}}'])(
    'a context value %j is a warning: request values are literal text',
    (value) => {
      const text = scenario(ok, { 's3:prefix': value });
      const { scenario: loaded, problems } = loadScenario(text);
      expect(loaded).not.toBeNull();
      expect(problems).toEqual([
        expect.objectContaining({
          code: 'literal-context-value',
          severity: 'warning',
          line: lineOf(text, '"s3:prefix"'),
        }),
      ]);
      expect(problems[0]?.message).toMatch(/literal text/);
    },
  );

  it("lists the same IP and Date keys as the service reference's global keys", () => {
    const index = JSON.parse(
      readFileSync(
        new URL('../../../src/data/generated/service-index.json', import.meta.url),
        'utf8',
      ),
    ) as { globalConditionKeys: [string, string][] };
    const ofType = (...types: string[]) =>
      index.globalConditionKeys
        .filter(([key, type]) => key.startsWith('aws:') && types.includes(type))
        .map(([key]) => key.toLowerCase())
        .sort();
    expect([...IP_ADDRESS_KEYS].sort()).toEqual(ofType('IPAddress', 'ArrayOfIPAddress'));
    expect([...DATE_KEYS].sort()).toEqual(ofType('Date', 'ArrayOfDate'));
  });
});

describe('messages about huge or repeated input stay small', () => {
  it('quotes a 1,000,000-character key by its start and its length', () => {
    const key = 'k'.repeat(1_000_000);
    const text = `{"format": "iam-playground/scenario", "version": 1, "${key}": 1}`;
    const { problems } = loadScenario(text);
    expect(problems).toHaveLength(1);
    const line = formatProblem(problems[0]!);
    expect(line).toContain('… (1,000,000 characters)');
    expect(line).toContain('(line 1, column 53)');
    expect(line.length).toBeLessThan(1_000);
  });

  it('cuts any message, whichever check wrote it', () => {
    // The engine's "is not an ARN" echoes the resource; its message is cut all the same.
    const huge = 'n'.repeat(1_000_000);
    const { problems } = loadScenario(scenario(allow(huge)));
    const arn = problems.find((p) => p.code === 'malformed-arn');
    expect(arn?.message).toMatch(/… \(1,0\d\d,\d\d\d characters\)$/);
    expect(problems.length).toBeGreaterThan(1);
    for (const problem of problems) expect(formatProblem(problem).length).toBeLessThan(2_000);
  });

  it('keeps 10 problems of a kind and counts the rest', { timeout: 60_000 }, () => {
    const requests = Array.from({ length: 20_000 }, () => ({
      id: 'same',
      principal: ALICE,
      action: 's3:GetObject',
      resource: '*',
    }));
    const text = JSON.stringify({
      format: 'iam-playground/scenario',
      version: 1,
      accounts: { [A]: { users: { alice: {} } } },
      requests,
    });
    const { problems } = loadScenario(text);
    const { shown, omitted } = capByKind(problems, (p) => p.code);
    expect(shown).toHaveLength(10);
    expect(omitted.map((o) => omittedLine(o))).toEqual([
      'and 19,989 more duplicate-request-id problems',
    ]);
  });

  it('quotes short text whole', () => {
    expect(quote('alice')).toBe('"alice"');
    expect(quote('x'.repeat(81))).toBe(`"${'x'.repeat(80)}"… (81 characters)`);
  });
});

describe('text that was not UTF-8', () => {
  it.each([
    ['\uFFFD\uFFFD{}', /U\+FFFD, the replacement character.*not UTF-8/],
    ['{\u0000"\u0000}', /NUL character.*UTF-16/],
  ])('the parser names the likely cause of %j', (text, message) => {
    const parsed = parseJsonText(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(message);
  });
});

describe('syntax errors about huge input stay small', () => {
  it.each([
    ['a key without its colon', `{"${'k'.repeat(1_000_000)}" 1}`],
    ['a number with junk after it', `{"a": ${'1'.repeat(1_000_000)}x}`],
  ])('%s', (_, text) => {
    const { problems } = loadScenario(text);
    expect(problems).toEqual([expect.objectContaining({ code: 'json-syntax', line: 1 })]);
    expect(problems[0]?.message).toContain('characters)');
    expect(problems[0]!.message.length).toBeLessThan(500);
  });
});
