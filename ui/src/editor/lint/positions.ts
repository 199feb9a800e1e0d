/**
 * The engine reports UTF-8 byte offsets; CodeMirror counts UTF-16 code units and
 * treats a CRLF line break as one position. This converts between the two.
 */

/** Byte length of the UTF-8 encoding of code point `cp`. */
function utf8Length(cp: number): number {
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp < 0x10000) return 3;
  return 4;
}

/**
 * Maps each byte offset of `text` (as sent to the engine) to a CodeMirror position.
 * With `crlf`, each "\r\n" is one position (CodeMirror's line separator). Offsets
 * inside a multi-byte character map to its start; offsets past the end to the end.
 */
export function bytesToPositions(text: string, offsets: readonly number[], crlf = false): Map<number, number> {
  const wanted = [...new Set(offsets)].sort((a, b) => a - b);
  const result = new Map<number, number>();
  let next = 0;
  let byte = 0;
  let pos = 0;
  let i = 0;
  while (i < text.length && next < wanted.length) {
    const cp = text.codePointAt(i)!;
    let bytes = utf8Length(cp);
    let units = cp > 0xffff ? 2 : 1;
    let positions = units;
    if (crlf && cp === 0x0d && text.charCodeAt(i + 1) === 0x0a) {
      bytes = 2;
      units = 2;
      positions = 1;
    }
    while (next < wanted.length && wanted[next] < byte + bytes) {
      result.set(wanted[next], pos);
      next++;
    }
    byte += bytes;
    pos += positions;
    i += units;
  }
  while (next < wanted.length) {
    result.set(wanted[next], pos);
    next++;
  }
  return result;
}
