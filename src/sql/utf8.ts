/**
 * Strict UTF-8 reading. `fs.readFileSync(file, 'utf8')` (and Prisma 7, which reads migrations that way)
 * replaces each malformed byte with U+FFFD, so a Latin-1 `é` is stored as `�` without a word.
 */

// ignoreBOM: keep a leading BOM in the text, so that checksums over the text equal those over the bytes.
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export type Decoded = { ok: true; text: string } | { ok: false; offset: number; line: number; bytes: string };

/** The file's text, or where it stops being UTF-8: byte offset (0-based), line, and the bytes there in hex. */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    return { ok: true, text: strict.decode(bytes) };
  } catch {
    // The decoder says only that it failed; find where, to name the place in the message.
    const offset = invalidUtf8Offset(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    const shown = [...bytes.subarray(offset, offset + 4)].map((b) => '0x' + b.toString(16).toUpperCase());
    return { ok: false, offset, line, bytes: shown.join(' ') };
  }
}

/** The first byte where `bytes` is not well-formed UTF-8 (RFC 3629, table 3-7 of Unicode), or -1. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  const n = bytes.length;
  const cont = (i: number, lo = 0x80, hi = 0xbf) => i < n && bytes[i]! >= lo && bytes[i]! <= hi;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    let size: number;
    if (b < 0x80) size = 1;
    else if (b >= 0xc2 && b <= 0xdf) size = cont(i + 1) ? 2 : 0;
    else if (b >= 0xe0 && b <= 0xef) {
      // E0 would be overlong below A0; ED A0..BF would be a UTF-16 surrogate.
      const [lo, hi] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
      size = cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
    } else if (b >= 0xf0 && b <= 0xf4) {
      // F0 would be overlong below 90; F4 above 8F would pass U+10FFFF.
      const [lo, hi] = b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
      size = cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    } else size = 0;
    if (size === 0) return i;
    i += size;
  }
  return -1;
}

/** A text without its leading byte order mark: what parsers and databases are given. */
export const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
