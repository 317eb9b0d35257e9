import { describe, expect, it } from 'vitest';
import { parseJsonText, prefixLocator } from '../../../src/model/json-text.ts';

function errorOf(text: string, limits = {}) {
  const result = parseJsonText(text, limits);
  if (result.ok) throw new Error('expected a syntax error');
  return result.error;
}

describe('parseJsonText', () => {
  it('reads the same values as JSON.parse', () => {
    const text =
      '{"a": [1, -2.5e3, true, false, null], "b": {"c": "x\\n\\u00e9\\"\\\\/"}, "d": ""}';
    const result = parseJsonText(text);
    expect(result.ok && result.value).toEqual(JSON.parse(text));
  });

  it('locates values and keys by JSON path, with 1-based lines and columns', () => {
    const text =
      '{\n  "accounts": {\n    "111122223333": { "name": "dev" }\n  },\n  "list": [10, 20]\n}';
    const result = parseJsonText(text);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.locate(['accounts', '111122223333', 'name'])).toMatchObject({
      line: 3,
      column: 31,
    });
    expect(result.locateKey(['accounts', '111122223333'])).toMatchObject({ line: 3, column: 5 });
    const item = result.locate(['list', 1]);
    expect(item && text.slice(item.from, item.to)).toBe('20');
    expect(result.locate(['nothing'])).toBeUndefined();
    expect(result.locate([])).toMatchObject({ line: 1, column: 1, from: 0, to: text.length });
  });

  it('gives a prefixed locator for a document nested in another', () => {
    const text = '{"policy": {"Statement": [{"Effect": "Allow"}]}}';
    const result = parseJsonText(text);
    if (!result.ok) throw new Error(result.error.message);
    const inner = prefixLocator(result.locate, ['policy'])!;
    const effect = inner(['Statement', 0, 'Effect'])!;
    expect(text.slice(effect.from, effect.to)).toBe('"Allow"');
  });

  it('stores __proto__ and constructor keys as plain own data, never touching prototypes', () => {
    const result = parseJsonText(
      '{"__proto__": {"polluted": true}, "constructor": {"prototype": 1}}',
    );
    if (!result.ok) throw new Error(result.error.message);
    const value = result.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((value as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('reports duplicate keys with both places, keeping the later value as JSON.parse does', () => {
    const result = parseJsonText('{"roles": {\n"A": 1,\n"A": 2}}');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toEqual({ roles: { A: 2 } });
    expect(result.duplicateKeys).toHaveLength(1);
    expect(result.duplicateKeys[0]).toMatchObject({
      path: ['roles', 'A'],
      range: { line: 3 },
      firstRange: { line: 2 },
    });
  });

  it.each([
    [
      '{"a": 1 "b": 2}',
      "Expected ',' or '}' after property value but found '\"' at line 1, column 9",
    ],
    ['{\n  "a": 1,\n}', "Trailing comma before '}' (JSON allows none) at line 3, column 1"],
    ['[1, 2,]', "Trailing comma before ']' (JSON allows none) at line 1, column 7"],
    [
      "{'a': 1}",
      "Expected a property name in double quotes but found '''" +
        ' (JSON strings use double quotes) at line 1, column 2',
    ],
    [
      '{"a": 1} // note',
      "Expected the end of the document after the top-level value but found '/' (JSON has no comments) at line 1, column 10",
    ],
    ['{"a": tru}', "Expected a value but found 'tru' at line 1, column 7"],
    [
      '{"a": True}',
      "Expected a value but found 'True' (JSON literals are true, false and null) at line 1, column 7",
    ],
    ['{"a": 01}', "Invalid number '01' at line 1, column 7"],
    ['{"a": "x', "Unterminated string (missing closing '\"') at line 1, column 7"],
    ['{"a": "\\x"}', "Invalid escape '\\x' in a string at line 1, column 8"],
    ['{"a": "\\u12"}', 'Invalid \\u escape: expected four hexadecimal digits at line 1, column 8'],
    [
      '{"a": "tab\there"}',
      'Unescaped control character U+0009 in a string (write it as an escape such as \\n) at line 1, column 11',
    ],
    ['{"a" 1}', "Expected ':' after property name \"a\" but found '1' at line 1, column 6"],
    ['', 'The document is empty: expected a JSON value at line 1, column 1'],
    ['{"a": [1, 2}', "Expected ',' or ']' after array element but found '}' at line 1, column 12"],
    ['{"a": ', 'Expected a value but the text ended at line 1, column 7'],
  ])('rejects %j: %s', (text, message) => {
    expect(errorOf(text).message).toBe(message);
  });

  it('reports the line and column of an error as numbers too', () => {
    expect(errorOf('{\n  "a": 1\n  "b": 2\n}')).toMatchObject({ line: 3, column: 3, offset: 13 });
  });

  it('refuses documents nested deeper than the limit, without overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(errorOf(deep).message).toMatch(
      /^The document is nested too deeply: more than 100 levels/,
    );
    expect(errorOf('[[[]]]', { maxDepth: 2 }).message).toMatch(/more than 2 levels/);
    expect(parseJsonText('[[]]', { maxDepth: 2 }).ok).toBe(true);
  });

  it('refuses documents over the size limit before reading them', () => {
    expect(errorOf('[1, 2, 3]', { maxLength: 5 }).message).toBe(
      'The document is too large: 9 characters, the limit is 5 at line 1, column 1',
    );
  });

  it('skips a leading byte-order mark and handles CRLF line ends', () => {
    const result = parseJsonText('\ufeff{\r\n"a":\r\n 1}');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.locate(['a'])).toMatchObject({ line: 3, column: 2 });
  });
});
