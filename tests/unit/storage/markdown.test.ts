import { describe, expect, it } from 'vitest';
import {
  parseInline,
  parseMarkdown,
  safeHref,
  type MdBlock,
  type MdInline,
} from '../../../src/storage/markdown.ts';

const text = (t: string): MdInline => ({ type: 'text', text: t });

describe('inline markup', () => {
  it.each<[string, string, MdInline[]]>([
    ['plain text', 'hello', [text('hello')]],
    ['emphasis', 'a *b* c', [text('a '), { type: 'em', children: [text('b')] }, text(' c')]],
    ['emphasis with underscores', '_b_', [{ type: 'em', children: [text('b')] }]],
    ['strong', '**b**', [{ type: 'strong', children: [text('b')] }]],
    [
      'inline code',
      'run `s3:GetObject` now',
      [text('run '), { type: 'code', text: 's3:GetObject' }, text(' now')],
    ],
    ['markup inside code stays text', '`*x* <b>`', [{ type: 'code', text: '*x* <b>' }]],
    ['underscores inside words', 'my_bucket_name', [text('my_bucket_name')]],
    ['a lone star', '5 * 3', [text('5 * 3')]],
    ['an escaped star', '\\*not em\\*', [text('*not em*')]],
    ['an unclosed code span', 'a `b', [text('a `b')]],
    [
      'an https link',
      'see [the docs](https://docs.aws.amazon.com/IAM/)',
      [
        text('see '),
        { type: 'link', href: 'https://docs.aws.amazon.com/IAM/', children: [text('the docs')] },
      ],
    ],
    [
      'a javascript: link, kept as text',
      '[x](javascript:alert(1))',
      [text('[x](javascript:alert(1))')],
    ],
    ['a data: link, kept as text', '[x](data:text/html,hi)', [text('[x](data:text/html,hi)')]],
    ['a relative link, kept as text', '[x](/admin)', [text('[x](/admin)')]],
    ['HTML, kept as text', '<img src=x onerror=alert(1)>', [text('<img src=x onerror=alert(1)>')]],
  ])('reads %s', (_name, source, expected) => {
    expect(parseInline(source)).toEqual(expected);
  });

  it('stays fast on a text full of unmatched markers', () => {
    const started = performance.now();
    parseInline('*_[`'.repeat(10_000));
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('stops nesting emphasis at a bounded depth', () => {
    const deep = '*'.repeat(40) + 'x' + '*'.repeat(40);
    expect(() => parseInline(deep)).not.toThrow();
  });
});

describe('blocks', () => {
  it('splits paragraphs at blank lines and joins their lines', () => {
    expect(parseMarkdown('one\ntwo\n\nthree')).toEqual<MdBlock[]>([
      { type: 'paragraph', children: [text('one two')] },
      { type: 'paragraph', children: [text('three')] },
    ]);
  });

  it('reads bulleted and numbered lists', () => {
    expect(parseMarkdown('- a\n- *b*\n  more\n\n3. c\n4. d')).toEqual<MdBlock[]>([
      {
        type: 'list',
        ordered: false,
        start: 1,
        items: [[text('a')], [{ type: 'em', children: [text('b')] }, text(' more')]],
      },
      { type: 'list', ordered: true, start: 3, items: [[text('c')], [text('d')]] },
    ]);
  });

  it('keeps code blocks exactly, markup and HTML included', () => {
    expect(parseMarkdown('before\n```json\n{ "a": "<script>" }\n  *x*\n```\nafter')).toEqual<
      MdBlock[]
    >([
      { type: 'paragraph', children: [text('before')] },
      { type: 'code', text: '{ "a": "<script>" }\n  *x*' },
      { type: 'paragraph', children: [text('after')] },
    ]);
  });

  it('treats an unclosed fence as code to the end', () => {
    expect(parseMarkdown('```\nx')).toEqual([{ type: 'code', text: 'x' }]);
  });

  it('shows a huge description as plain text', () => {
    const huge = '*a* '.repeat(20_000);
    expect(parseMarkdown(huge)).toEqual([{ type: 'paragraph', children: [text(huge)] }]);
  });

  it('gives nothing for an empty description', () => {
    expect(parseMarkdown('')).toEqual([]);
  });
});

describe('link targets', () => {
  it.each([
    ['https://example.com/a?b#c', 'https://example.com/a?b#c'],
    ['http://example.com', 'http://example.com/'],
    ['javascript:alert(1)', undefined],
    ['JAVASCRIPT:alert(1)', undefined],
    ['  javascript:alert(1)', undefined],
    ['data:text/html,<script>', undefined],
    ['vbscript:x', undefined],
    ['//evil.example', undefined],
    ['/relative', undefined],
    ['mailto:a@b.c', undefined],
  ])('allows %s → %s', (url, href) => {
    expect(safeHref(url)).toBe(href);
  });
});

describe('headings and bare links, as lesson texts use them', () => {
  it('reads # to ###### as headings with inline markup', () => {
    expect(parseMarkdown('# Trust `policies`\n\nText\n### Deep ###')).toEqual([
      {
        type: 'heading',
        level: 1,
        children: [
          { type: 'text', text: 'Trust ' },
          { type: 'code', text: 'policies' },
        ],
      },
      { type: 'paragraph', children: [{ type: 'text', text: 'Text' }] },
      { type: 'heading', level: 3, children: [{ type: 'text', text: 'Deep' }] },
    ]);
  });

  it('keeps a # without a space, and a #hashtag, as text', () => {
    expect(parseMarkdown('#notaheading')).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: '#notaheading' }] },
    ]);
  });

  it('links a bare https URL, leaving trailing punctuation out', () => {
    expect(parseInline('See https://docs.aws.amazon.com/IAM/x.html.')).toEqual([
      { type: 'text', text: 'See ' },
      {
        type: 'link',
        href: 'https://docs.aws.amazon.com/IAM/x.html',
        children: [{ type: 'text', text: 'https://docs.aws.amazon.com/IAM/x.html' }],
      },
      { type: 'text', text: '.' },
    ]);
  });

  it('never links anything but http and https', () => {
    expect(parseInline('javascript:alert(1) and hxxp://x')).toEqual([
      { type: 'text', text: 'javascript:alert(1) and hxxp://x' },
    ]);
  });
});
