import { describe, expect, it } from 'vitest';
import { shellQuote, tokenize } from '../../../src/console/tokenize';

const words = (line: string, variables: Record<string, string> = {}) =>
  tokenize(line, variables).tokens.map((t) => t.value);

describe('tokenize', () => {
  it.each([
    ['splits words on blanks', 'aws  iam\tlist-users', ['aws', 'iam', 'list-users']],
    ['keeps single-quoted JSON as one word', `--doc '{"a": "b c"}'`, ['--doc', '{"a": "b c"}']],
    ['keeps double-quoted text as one word', '--name "a b"', ['--name', 'a b']],
    ['unescapes \\" inside double quotes', '"say \\"hi\\""', ['say "hi"']],
    ['keeps backslashes inside single quotes', `'a\\nb'`, ['a\\nb']],
    ['escapes a blank with a backslash', 'a\\ b c', ['a b', 'c']],
    [
      'joins quoted and unquoted parts of one word',
      `Key='my team',Value=x`,
      ['Key=my team,Value=x'],
    ],
    ['joins lines ended by a backslash', 'aws iam \\\n  list-users', ['aws', 'iam', 'list-users']],
    ['drops a comment', 'aws iam list-users # all of them', ['aws', 'iam', 'list-users']],
    ['keeps # inside a word', 'a#b', ['a#b']],
    ['keeps an empty quoted word', `a '' b`, ['a', '', 'b']],
  ])('%s', (_, line, expected) => {
    expect(words(line)).toEqual(expected);
  });

  it.each([
    ['expands $NAME', '--parent-id $ROOT', ['--parent-id', 'r-abcd']],
    ['expands ${NAME} inside a word', 'x${ROOT}y', ['xr-abcdy']],
    ['expands inside double quotes', '"id $ROOT"', ['id r-abcd']],
    ['does not expand inside single quotes', `'$ROOT'`, ['$ROOT']],
    ['expands an unknown name to nothing', 'a$NOPE', ['a']],
    ['keeps a lone $', 'a $ b', ['a', '$', 'b']],
  ])('%s', (_, line, expected) => {
    expect(words(line, { ROOT: 'r-abcd' })).toEqual(expected);
  });

  it.each([
    ['an open single quote', `--doc '{"a"`, 'unterminated single quote', '{"a"'],
    ['an open double quote', '--name "ab', 'unterminated double quote', 'ab'],
    ['a trailing backslash', 'abc\\', 'line ends with a backslash', 'abc'],
  ])('reports %s and keeps the partial word', (_, line, error, partial) => {
    const result = tokenize(line);
    expect(result.error).toBe(error);
    expect(result.tokens[result.tokens.length - 1]!.value).toBe(partial);
  });

  it('records where each word stands in the line', () => {
    expect(tokenize(`aws  'a b'`).tokens).toEqual([
      { value: 'aws', start: 0, end: 3 },
      { value: 'a b', start: 5, end: 10 },
    ]);
  });
});

describe('shellQuote', () => {
  it.each([
    [
      'leaves a plain word alone',
      'arn:aws:iam::111122223333:policy/S3Read',
      'arn:aws:iam::111122223333:policy/S3Read',
    ],
    ['quotes JSON', '{"a":1}', `'{"a":1}'`],
    ['quotes an empty word', '', `''`],
    ['escapes a single quote', "it's", `'it'\\''s'`],
  ])('%s', (_, word, quoted) => {
    expect(shellQuote(word)).toBe(quoted);
  });

  it.each(["it's", '{"a": "b c"}', '$HOME', 'a\\b', ''])(
    'round-trips %j through tokenize',
    (word) => {
      expect(words(shellQuote(word))).toEqual([word]);
    },
  );
});
