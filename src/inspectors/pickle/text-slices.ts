/**
 * Strings from a pickle's bytes. Opcode-dense pickles are mostly short ASCII names and keys; for
 * those a String.fromCharCode is about twice as fast as Buffer's native decoders (which cost a
 * call into C++ each), so up to 8 bytes the bytes are turned into a string here.
 */

/** Buffer's native decoders, called directly to skip toString's argument normalisation on the hot path. */
interface FastSlices {
  utf8Slice(start: number, end: number): string;
  latin1Slice(start: number, end: number): string;
}

const fromCharCode = String.fromCharCode;

/** Bytes [a, e) as one character each; at most 8. */
function charsOf(b: Uint8Array, a: number, e: number): string {
  switch (e - a) {
    case 0:
      return "";
    case 1:
      return fromCharCode(b[a]!);
    case 2:
      return fromCharCode(b[a]!, b[a + 1]!);
    case 3:
      return fromCharCode(b[a]!, b[a + 1]!, b[a + 2]!);
    case 4:
      return fromCharCode(b[a]!, b[a + 1]!, b[a + 2]!, b[a + 3]!);
    case 5:
      return fromCharCode(b[a]!, b[a + 1]!, b[a + 2]!, b[a + 3]!, b[a + 4]!);
    case 6:
      return fromCharCode(b[a]!, b[a + 1]!, b[a + 2]!, b[a + 3]!, b[a + 4]!, b[a + 5]!);
    case 7:
      return fromCharCode(b[a]!, b[a + 1]!, b[a + 2]!, b[a + 3]!, b[a + 4]!, b[a + 5]!, b[a + 6]!);
    default:
      return fromCharCode(b[a]!, b[a + 1]!, b[a + 2]!, b[a + 3]!, b[a + 4]!, b[a + 5]!, b[a + 6]!, b[a + 7]!);
  }
}

/** Bytes [start, end) of `buf` decoded as UTF-8 (invalid sequences become U+FFFD, as Buffer does). */
export function utf8Text(buf: Buffer, start: number, end: number): string {
  if (end - start <= 8) {
    let i = start;
    while (i < end && buf[i]! < 0x80) i++;
    if (i === end) return charsOf(buf, start, end);
  }
  return (buf as unknown as FastSlices).utf8Slice(start, end);
}

/** Bytes [start, end) of `buf` decoded as Latin-1 (BINSTRING, protocol 0 lines). */
export function latin1Text(buf: Buffer, start: number, end: number): string {
  return end - start <= 8 ? charsOf(buf, start, end) : (buf as unknown as FastSlices).latin1Slice(start, end);
}
