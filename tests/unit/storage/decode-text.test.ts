import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/storage/decode-text.ts';
import {
  formatImportProblem,
  importFileText,
  LIBRARY_FILE_FORMAT,
  readImportFile,
} from '../../../src/storage/files.ts';
import { scenarioTitled } from './fixtures.ts';

const JSON_TEXT = '{\n  "format": "iam-playground/scenario",\n  "version": 1\n}\n';

/** The text as UTF-16 code units, little- or big-endian, optionally after a byte-order mark. */
function utf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array<ArrayBuffer> {
  const units = (bom ? '\uFEFF' : '') + text;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    out[2 * i + (endian === 'le' ? 0 : 1)] = u & 0xff;
    out[2 * i + (endian === 'le' ? 1 : 0)] = u >> 8;
  }
  return out;
}

const utf8 = (text: string): Uint8Array<ArrayBuffer> =>
  new Uint8Array(new TextEncoder().encode(text));

describe('decoding imported files', () => {
  it.each([
    ['le', true, 'UTF-16 (little-endian, with a byte-order mark)'],
    ['be', true, 'UTF-16 (big-endian, with a byte-order mark)'],
    ['le', false, 'UTF-16 (little-endian, without a byte-order mark)'],
    ['be', false, 'UTF-16 (big-endian, without a byte-order mark)'],
  ] as const)('names UTF-16 %s (byte-order mark: %s)', (endian, bom, name) => {
    expect(decodeText(utf16(JSON_TEXT, endian, bom), 'team.json')).toEqual({
      ok: false,
      message: expect.stringContaining(`team.json is encoded as ${name}; scenario files are UTF-8`),
      line: 1,
      column: 1,
    });
  });

  it('names UTF-32 too', () => {
    const bytes = new Uint8Array([0x7b, 0, 0, 0, 0x7d, 0, 0, 0]);
    expect(decodeText(bytes)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/UTF-32/),
    });
  });

  it('refuses invalid UTF-8 with the line and column of the first bad byte', () => {
    const before = utf8('{\n  "title": "caf');
    const bytes = new Uint8Array([...before, 0xe9, ...utf8('"\n}')]); // é in Latin-1
    expect(decodeText(bytes, 'menu.json')).toEqual({
      ok: false,
      message: expect.stringMatching(/menu\.json is not valid UTF-8: byte 0xE9 .*Latin-1/),
      line: 2,
      column: 16,
    });
  });

  it('counts characters, not bytes, for the column', () => {
    const bytes = new Uint8Array([...utf8('"été'), 0xff]);
    expect(decodeText(bytes)).toMatchObject({ ok: false, line: 1, column: 5 });
  });

  it.each([
    ['an overlong encoding', [0xc0, 0xaf]],
    ['a lone continuation byte', [0x80]],
    ['a surrogate', [0xed, 0xa0, 0x80]],
    ['a cut sequence at the end', [0xe2, 0x82]],
  ])('refuses %s', (_, tail) => {
    expect(decodeText(new Uint8Array([...utf8('{"a": "'), ...tail]))).toMatchObject({
      ok: false,
      line: 1,
      column: 8,
    });
  });

  it('reads UTF-8 with or without its byte-order mark', () => {
    expect(decodeText(utf8('{"t": "日本 ✓"}'))).toEqual({ ok: true, text: '{"t": "日本 ✓"}' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('{}')]))).toEqual({
      ok: true,
      text: '{}',
    });
  });

  it('an imported UTF-16 file is refused with its encoding and place', async () => {
    const file = new File([utf16(scenarioTitled('Team'), 'le', true)], 'team.json');
    const result = await readImportFile(file);
    expect(result).toMatchObject({ ok: false, problems: [{ line: 1, column: 1 }] });
    if (!result.ok)
      expect(formatImportProblem(result.problems[0]!)).toMatch(
        /^line 1, column 1: team\.json is encoded as UTF-16 \(little-endian/,
      );
  });

  it('an imported file with an invalid byte is refused, not read with a replacement character', async () => {
    const text = utf8(scenarioTitled('Caf_'));
    const bytes = text.map((b) => (b === 0x5f ? 0xe9 : b)); // the "_" of the title becomes Latin-1 é
    const result = await readImportFile(new File([bytes], 'cafe.json'));
    expect(result).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringMatching(/not valid UTF-8/), line: expect.any(Number) }],
    });
  });
});

describe('import messages stay small', () => {
  it('lists 10 skipped library entries and counts the rest', () => {
    const file = JSON.stringify({
      format: LIBRARY_FILE_FORMAT,
      version: 1,
      scenarios: Array.from({ length: 20_000 }, () => 7),
    });
    const result = importFileText(file);
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(11);
    expect(result.problems[10]).toEqual({ message: 'and 19,990 more entries were skipped.' });
  });

  it('says a library version of 1e400 is too large, not null', () => {
    const result = importFileText(`{"format": "${LIBRARY_FILE_FORMAT}", "version": 1e400}`);
    expect(result.problems[0]?.message).toMatch(/"version" must be 1, found a number too large/);
  });

  it('says a scenario version of 1e400 is too large, not null', () => {
    const result = importFileText('{"format": "iam-playground/scenario", "version": 1e400}');
    expect(result.problems[0]).toMatchObject({
      message: expect.stringMatching(/too large to represent/),
      line: 1,
    });
  });
});

describe('import paths stay small', () => {
  it('cuts a huge key in the path of a refused scenario', () => {
    const key = 'k'.repeat(1_000_000);
    const text = `{"format": "iam-playground/scenario", "version": 1, "${key}": {"__proto__": {}}}`;
    const result = importFileText(text);
    expect(result.ok).toBe(false);
    const line = formatImportProblem(result.problems[0]!);
    expect(line).toContain('… (1,000,000 characters)');
    expect(line.length).toBeLessThan(2_000);
  });
});
