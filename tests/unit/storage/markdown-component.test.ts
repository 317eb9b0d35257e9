import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import Markdown from '../../../src/ui/library/Markdown.svelte';

/** The component's HTML without Svelte's hydration comments. */
function html(source: string): string {
  return render(Markdown, { props: { source } })
    .body.replace(/<!--[^>]*-->/g, '')
    .replace(/ svelte-\w+/g, '');
}

describe('Markdown component', () => {
  it('renders the subset as elements', () => {
    expect(html('Read *this* and **that**, run `x`.\n\n- one\n- two')).toBe(
      '<div class="markdown"><p>Read <em>this</em> and <strong>that</strong>, run <code>x</code>.</p><ul><li>one</li><li>two</li></ul></div>',
    );
  });

  it.each([
    ['a script tag', '<script>alert(1)</script>'],
    ['an image with onerror', '<img src=x onerror=alert(1)>'],
    ['an iframe inside emphasis', '*<iframe src="https://evil.example">*'],
    ['HTML in a code block', '```\n<b onclick="alert(1)">x</b>\n```'],
    ['a javascript: link', '[click](javascript:alert(1))'],
  ])('shows %s as text, never as markup', (_name, source) => {
    const out = html(source);
    expect(out).not.toMatch(/<(script|img|iframe|b)[\s>]/);
    expect(out).not.toMatch(/href="javascript:/);
  });

  it('escapes the characters of HTML in text', () => {
    expect(html('<img src=x onerror=alert(1)>')).toContain('&lt;img src=x onerror=alert(1)>');
  });

  it('renders http(s) links that cannot reach the opener', () => {
    expect(html('[AWS](https://aws.amazon.com/)')).toContain(
      '<a href="https://aws.amazon.com/" rel="noopener noreferrer" target="_blank">AWS</a>',
    );
  });
});
