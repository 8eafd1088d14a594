// Go's base64.StdEncoding.DecodeString, quantum by quantum, so that a bad input fails with Go's
// "illegal base64 data at input byte N" at the same N (encoding/base64 decodeQuantum).
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Map([...ALPHABET].map((c, i) => [c.charCodeAt(0), i]));
const PAD = 0x3d; // '='
const isNewline = (b: number) => b === 0x0a || b === 0x0d;

const corrupt = (offset: number) => ({ error: `illegal base64 data at input byte ${offset}` });

export function decodeGoBase64(input: string): { bytes: Buffer } | { error: string } {
  const src = Buffer.from(input, 'utf8');
  const out: number[] = [];
  let si = 0;
  while (si < src.length) {
    const quad: number[] = [];
    let dlen = 4;
    let trailingError: number | undefined;
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return { bytes: Buffer.from(out) };
        // Standard encoding requires padding: a short final quantum is corrupt where it started.
        return corrupt(si - j);
      }
      const ch = src[si]!;
      si++;
      const value = DECODE.get(ch);
      if (value !== undefined) {
        quad[j] = value;
        continue;
      }
      if (isNewline(ch)) {
        j--;
        continue;
      }
      if (ch !== PAD) return corrupt(si - 1);
      // Padding: only after two or three symbols, and "==" after two.
      if (j === 0 || j === 1) return corrupt(si - 1);
      if (j === 2) {
        while (si < src.length && isNewline(src[si]!)) si++;
        if (si === src.length) return corrupt(src.length);
        if (src[si] !== PAD) return corrupt(si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si]!)) si++;
      if (si < src.length) trailingError = si;
      dlen = j;
      break;
    }
    const val = ((quad[0] ?? 0) << 18) | ((quad[1] ?? 0) << 12) | ((quad[2] ?? 0) << 6) | (quad[3] ?? 0);
    const decoded = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
    out.push(...decoded.slice(0, dlen - 1));
    if (trailingError !== undefined) return corrupt(trailingError);
  }
  return { bytes: Buffer.from(out) };
}
