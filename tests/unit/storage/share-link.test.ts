import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  COMFORTABLE_LINK_LENGTH,
  MAX_DECOMPRESSED_BYTES,
  MAX_FRAGMENT_LENGTH,
} from '../../../src/model/size-limits.ts';
import {
  createShareLink,
  decodeShareLink,
  encodeShareLink,
  inflateLimited,
  INFLATE_INPUT_SLICE,
  isShareFragment,
} from '../../../src/storage/share-link.ts';
import { encodeBase64url } from '../../../src/storage/base64url.ts';
import { emptyScenario, lessonScenario, scenarioTitled } from './fixtures.ts';

const PAGE = 'https://example.github.io/iam-playground/';

/** Raw DEFLATE of bytes, the way a link's payload is made, for hand-built hostile links. */
async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A version-1 link carrying exactly these bytes, compressed. */
async function linkOfBytes(bytes: Uint8Array): Promise<string> {
  return `#s=1.${encodeBase64url(await deflate(bytes))}`;
}

const linkOfText = (text: string) => linkOfBytes(new TextEncoder().encode(text));

describe('share links round trip', () => {
  it.each([
    ['a lesson-size scenario', lessonScenario],
    ['an empty world', emptyScenario],
    ['unicode in titles and descriptions', scenarioTitled('Zugriff für Ünïcode ✓ 🔐 — 日本語')],
    ['HTML in the title, kept as text', scenarioTitled('<img src=x onerror=alert(1)>')],
    ['text with unusual spacing', '\n\n  ' + emptyScenario + '  \n'],
  ])('keeps %s exactly', async (_name, text) => {
    const decoded = await decodeShareLink(await encodeShareLink(text));
    expect(decoded).toMatchObject({ ok: true, text });
  });

  it('fits a typical lesson scenario in 2,000 characters, whole URL included', async () => {
    expect(lessonScenario.length).toBeGreaterThan(2_000);
    const link = await createShareLink(lessonScenario, PAGE);
    expect(link.ok && link.length).toBeLessThanOrEqual(COMFORTABLE_LINK_LENGTH);
    expect(link).toMatchObject({ ok: true, comfortable: true });
  });

  it('writes a versioned fragment of the base64url alphabet only', async () => {
    expect(await encodeShareLink(lessonScenario)).toMatch(/^#s=1\.[A-Za-z0-9_-]+$/);
  });

  it('builds the URL on the page address, replacing any fragment it had', async () => {
    const link = await createShareLink(emptyScenario, PAGE + '#old');
    expect(link.ok && link.url.startsWith(PAGE + '#s=1.')).toBe(true);
    expect(link.ok && link.url.includes('#old')).toBe(false);
  });

  it('accepts fragments with or without the leading #', async () => {
    const fragment = await encodeShareLink(emptyScenario);
    expect(await decodeShareLink(fragment.slice(1))).toMatchObject({ ok: true });
    expect(isShareFragment(fragment)).toBe(true);
    expect(isShareFragment(fragment.slice(1))).toBe(true);
    expect(isShareFragment('#section-2')).toBe(false);
  });

  it('tells when a title or description holds HTML, which stays text', async () => {
    const text = scenarioTitled('<script>alert(1)</script>', ', "description": "<b>hi</b>"');
    const decoded = await decodeShareLink(await encodeShareLink(text));
    expect(decoded.ok && decoded.title).toBe('<script>alert(1)</script>');
    expect(decoded.ok && decoded.notices).toEqual([
      'The title contains HTML-like text. It is shown as plain text and never run.',
      'The description contains HTML-like text. It is shown as plain text and never run.',
    ]);
  });
});

describe('making a link refuses what the receiver would refuse', () => {
  it.each([
    ['invalid JSON', '{ "format": ', 'not-json'],
    ['a wrong format', '{ "format": "other", "version": 1 }', 'wrong-format'],
    ['a text over the size limit', scenarioTitled('x'.repeat(MAX_DECOMPRESSED_BYTES)), 'too-large'],
  ])('refuses %s', async (_name, text, code) => {
    const link = await createShareLink(text, PAGE);
    expect(link).toMatchObject({ ok: false, code });
    expect(!link.ok && link.message).toMatch(/^This scenario cannot be shared yet|Export it/);
  });
});

describe('hostile or broken links get a clear message and never throw', () => {
  const megabytes = 'A'.repeat(3_000_000);
  const cases: [string, () => Promise<string> | string, string, RegExp][] = [
    ['an empty fragment', () => '', 'empty', /empty/],
    ['a lone #', () => '#', 'empty', /empty/],
    ['whitespace only', () => '#   ', 'empty', /empty/],
    ['an ordinary page anchor', () => '#section-2', 'not-a-share-link', /not a scenario link/],
    ['a missing version', () => '#s=', 'bad-version', /version/],
    ['a version without a dot or payload', () => '#s=1', 'bad-version', /version/],
    ['a non-numeric version', () => '#s=x.AAAA', 'bad-version', /version number/],
    ['version 0', () => '#s=0.AAAA', 'bad-version', /unknown version "0"/],
    ['a higher link version', () => '#s=2.AAAA', 'version-too-new', /newer IAM Playground/],
    ['an empty payload', () => '#s=1.', 'empty', /nothing follows/],
    ['standard base64 letters (+ and /)', () => '#s=1.ab+c/d', 'bad-base64', /"\+"/],
    ['padding', () => '#s=1.AAA=', 'bad-base64', /"="/],
    ['a space inside', () => '#s=1.AB CD', 'bad-base64', /" "/],
    ['percent-encoding from a mail client', () => '#s=1.AB%20CD', 'bad-base64', /"%"/],
    ['a non-ASCII letter', () => '#s=1.ABé', 'bad-base64', /"é"/],
    ['a payload cut to a single leftover letter', () => '#s=1.ABCDE', 'bad-base64', /cut short/],
    [
      'bytes that are not DEFLATE',
      () => '#s=1.' + encodeBase64url(new Uint8Array([255, 254, 253, 252, 251, 250])),
      'bad-compression',
      /compressed content is broken/,
    ],
    [
      'a truncated DEFLATE stream',
      async () => {
        const full = await encodeShareLink(lessonScenario);
        return full.slice(0, full.length - 40);
      },
      'bad-compression',
      /broken or cut short/,
    ],
    [
      'a decompression bomb (10 MB of zeros in a few kB)',
      () => linkOfBytes(new Uint8Array(10_000_000)),
      'too-large',
      /more than 1 MB/,
    ],
    ['megabytes of data', () => '#s=1.' + megabytes, 'too-long', /at most 200,000/],
    [
      'bytes that are not UTF-8',
      () => linkOfBytes(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])),
      'bad-text',
      /not readable text/,
    ],
    [
      'text that is not JSON',
      () => linkOfText('hello, world'),
      'not-json',
      /not valid JSON \(line 1, column 1\): Expected a value but found 'hello'/,
    ],
    [
      'truncated JSON',
      () => linkOfText('{ "format": "iam-playground/scenario",'),
      'not-json',
      /not valid JSON/,
    ],
    ['a JSON array', () => linkOfText('[1, 2, 3]'), 'not-object', /must be a JSON object/],
    ['a JSON string', () => linkOfText('"just text"'), 'not-object', /must be a JSON object/],
    [
      'another format',
      () => linkOfText('{ "format": "something-else", "version": 1 }'),
      'wrong-format',
      /"format" must be "iam-playground\/scenario", found "something-else"/,
    ],
    ['no format at all', () => linkOfText('{ "version": 1 }'), 'wrong-format', /found nothing/],
    [
      'a higher scenario version',
      () => linkOfText('{ "format": "iam-playground/scenario", "version": 2 }'),
      'version-too-new',
      /format version 2, made by a newer IAM Playground/,
    ],
    [
      'a version given as text',
      () => linkOfText('{ "format": "iam-playground/scenario", "version": "1" }'),
      'bad-version',
      /whole number/,
    ],
    [
      'a title that is not text',
      () => linkOfText('{ "format": "iam-playground/scenario", "version": 1, "title": {"a": 1} }'),
      'invalid-scenario',
      /"title" must be text/,
    ],
    [
      'a __proto__ key at the top',
      () =>
        linkOfText(
          '{ "format": "iam-playground/scenario", "version": 1, "__proto__": { "polluted": true } }',
        ),
      'forbidden-key',
      /"__proto__" at the top level/,
    ],
    [
      'a __proto__ key deep inside',
      () =>
        linkOfText(
          '{ "format": "iam-playground/scenario", "version": 1, "accounts": { "111122223333": { "users": { "__proto__": {} } } } }',
        ),
      'forbidden-key',
      /at accounts\["111122223333"\]\.users/,
    ],
    [
      'JSON nested thousands deep',
      () => linkOfText('['.repeat(5_000) + ']'.repeat(5_000)),
      'too-deep',
      /nested too deeply/,
    ],
    [
      'JSON nested 80 deep (within the parser limit)',
      () => linkOfText('{ "a": ' + '['.repeat(80) + ']'.repeat(80) + ' }'),
      'too-deep',
      /deeper than 64 levels/,
    ],
  ];

  it('covers at least twenty kinds of hostile link', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('refuses %s', async (_name, make, code, message) => {
    const decoded = await decodeShareLink(await make());
    expect(decoded).toMatchObject({ ok: false, code });
    expect(!decoded.ok && decoded.message).toMatch(message);
  });

  it('never lets a __proto__ key change any object', async () => {
    await decodeShareLink(await linkOfText('{ "__proto__": { "polluted": true } }'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps messages short enough to show, even for huge input', async () => {
    const decoded = await decodeShareLink('#s=1.' + megabytes);
    expect(!decoded.ok && decoded.message.length).toBeLessThan(200);
  });

  it.each([
    ['<', '%3C', '"<" (U+003C)'],
    ['é', '%C3%A9', '"é" (U+00E9)'],
    ['"', '%22', '""" (U+0022)'.replace('"""', '"\\""')],
    ['😀', '%F0%9F%98%80', '"😀" (U+1F600)'],
  ])(
    'names the real character %s that the browser percent-encoded in the link, at its position',
    async (_char, escaped, named) => {
      // location.hash hands these over percent-encoded: "ABCD<EF" arrives as "ABCD%3CEF".
      const decoded = await decodeShareLink(`#s=1.ABCD${escaped}EF`);
      expect(decoded).toMatchObject({ ok: false, code: 'bad-base64' });
      const message = !decoded.ok ? decoded.message : '';
      expect(message).toContain(`the character ${named} (at position 9 after #)`);
      expect(message).not.toContain('"%"');
    },
  );

  it('opens a link whose key was written "S=" and answers a broken one, never ignoring it', async () => {
    const link = await encodeShareLink(lessonScenario);
    expect(isShareFragment(link.replace('#s=', '#S='))).toBe(true);
    expect(await decodeShareLink(link.replace('#s=', '#S='))).toMatchObject({
      ok: true,
      text: lessonScenario,
    });
    expect(await decodeShareLink('#S=1.AB+C')).toMatchObject({ ok: false, code: 'bad-base64' });
  });

  it('accepts a fragment of exactly the maximum length far enough to check its content', async () => {
    const decoded = await decodeShareLink('#s=1.' + 'A'.repeat(MAX_FRAGMENT_LENGTH - 5));
    expect(decoded).toMatchObject({ ok: false, code: 'bad-compression' });
  });
});

describe('a decompression bomb is stopped early, not inflated whole (issue 14)', () => {
  it('reads only the first slices of a 50 MB bomb before refusing it', async () => {
    const bomb = new Uint8Array(deflateRawSync(Buffer.alloc(50_000_000, 0x20), { level: 9 }));
    const inflated = await inflateLimited(bomb, MAX_DECOMPRESSED_BYTES);
    expect(inflated).toMatchObject({ ok: false, code: 'too-large' });
    // Fed whole, all ~48 kB went in (and all 50 MB came out) before the output could be counted.
    // Slice by slice, it stops within the decompressor's own input buffer (Chromium's takes one
    // slice at a time; Node's writable side buffers up to 16 kB).
    expect(bomb.length).toBeGreaterThan(40 * INFLATE_INPUT_SLICE);
    expect(inflated.read).toBeLessThanOrEqual(16 * INFLATE_INPUT_SLICE);
    // The link with it is refused with its message.
    const decoded = await decodeShareLink(`#s=1.${encodeBase64url(bomb)}`);
    expect(decoded).toMatchObject({ ok: false, code: 'too-large' });
  });

  it('reads every slice of a link that fits', async () => {
    const text = lessonScenario.repeat(3);
    const compressed = await deflate(new TextEncoder().encode(text));
    const inflated = await inflateLimited(compressed, MAX_DECOMPRESSED_BYTES);
    expect(inflated.ok && new TextDecoder().decode(inflated.bytes)).toBe(text);
    expect(inflated.read).toBe(compressed.length);
  });
});
