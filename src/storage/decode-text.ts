/**
 * Bytes of an imported file to text: UTF-8 only, as JSON files are (RFC 8259, section 8.1), with a
 * message that names the encoding when a file is in another one, and says where a bad byte is.
 *
 * A UTF-16 or UTF-32 file is recognised by its byte-order mark, or without one by the NUL bytes
 * its first ASCII character leaves (RFC 4627, section 3: `{` is 7B 00 in UTF-16LE, 00 7B in
 * UTF-16BE). Anything else is decoded with TextDecoder in fatal mode, so an invalid byte stops
 * the import instead of becoming a silent U+FFFD.
 */

/** Decoded text, or why the bytes are not UTF-8 text and where. */
export type DecodedText =
  { ok: true; text: string } | { ok: false; message: string; line: number; column: number };

/** The encoding a byte-order mark or a NUL pattern at the start names, if not UTF-8. */
function otherEncoding(b: Uint8Array): string | undefined {
  const [b0, b1, b2, b3] = [b[0], b[1], b[2], b[3]];
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff)
    return 'UTF-32 (big-endian, with a byte-order mark)';
  if (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00)
    return 'UTF-32 (little-endian, with a byte-order mark)';
  if (b0 === 0xfe && b1 === 0xff) return 'UTF-16 (big-endian, with a byte-order mark)';
  if (b0 === 0xff && b1 === 0xfe) return 'UTF-16 (little-endian, with a byte-order mark)';
  if (b.length >= 4 && b0 === 0 && b1 === 0 && b2 === 0 && b3 !== 0)
    return 'UTF-32 (big-endian, without a byte-order mark)';
  if (b.length >= 4 && b0 !== 0 && b1 === 0 && b2 === 0 && b3 === 0)
    return 'UTF-32 (little-endian, without a byte-order mark)';
  if (b.length >= 2 && b0 === 0 && b1 !== 0)
    return 'UTF-16 (big-endian, without a byte-order mark)';
  if (b.length >= 2 && b0 !== 0 && b1 === 0)
    return 'UTF-16 (little-endian, without a byte-order mark)';
  return undefined;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidByte(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    let n: number;
    let min: number;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}

/** Line and column (1-based, in characters) of a byte offset in bytes valid up to it. */
function positionOf(b: Uint8Array, offset: number): { line: number; column: number } {
  const before = new TextDecoder('utf-8').decode(b.subarray(0, offset));
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  let line = 1;
  for (let i = 0; i < before.length; i++) {
    const ch = before.charCodeAt(i);
    if (ch === 10 || (ch === 13 && before.charCodeAt(i + 1) !== 10)) line++;
  }
  return { line, column: before.length - lineStart + 1 };
}

const hex = (n: number): string => `0x${n.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * Decodes a file's bytes as UTF-8 (a UTF-8 byte-order mark is dropped). `what` names the kind of
 * file in messages ("scenario files are UTF-8"). Never throws.
 */
export function decodeText(bytes: Uint8Array, name = 'The file', what = 'scenario'): DecodedText {
  const other = otherEncoding(bytes);
  if (other) {
    return {
      ok: false,
      message: `${name} is encoded as ${other}; ${what} files are UTF-8. Save it as UTF-8 (in most editors: Save As, encoding "UTF-8") and try again.`,
      line: 1,
      column: 1,
    };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const at = firstInvalidByte(bytes);
    const { line, column } = positionOf(bytes, at);
    return {
      ok: false,
      message: `${name} is not valid UTF-8: byte ${hex(bytes[at] ?? 0)} does not form a UTF-8 character, and ${what} files are UTF-8. Was it saved in another encoding (such as Windows-1252 or Latin-1)? Save it as UTF-8 and try again.`,
      line,
      column,
    };
  }
}
