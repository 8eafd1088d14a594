// Number texts as Go writes them for metrics: encoding/json's float32 and float64 encodings (the
// in-memory sink's JSON) and strconv's shortest 'g' format (the Prometheus text format).

/** The shortest decimal digits that read back as the same float32 (strconv.FormatFloat(x, _, -1, 32)). */
function shortestFloat32(x: number): number {
  const f = Math.fround(x);
  if (!Number.isFinite(f) || f === 0) return f;
  for (let precision = 1; precision < 9; precision++) {
    const candidate = Number(f.toPrecision(precision));
    if (Math.fround(candidate) === f) return candidate;
  }
  return Number(f.toPrecision(9));
}

/** JSON text of a float64 (encoding/json floatEncoder with bits = 64): the same as JavaScript's. */
export function goJsonFloat64(x: number): string {
  return JSON.stringify(x);
}

/** JSON text of a float32 field (encoding/json floatEncoder with bits = 32), e.g. a gauge's Value. */
export function goJsonFloat32(x: number): string {
  // JavaScript switches to exponents at the same bounds as Go (1e-6 and 1e21), with the same `e-7` spelling.
  return JSON.stringify(shortestFloat32(x));
}

/** strconv.FormatFloat(x, 'g', -1, 64), as expfmt writes sample values (NaN and ±Inf spelled its way). */
export function goFormatG(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa, expText] = x.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  // Shortest 'g' uses an exponent when it is below -4 or at least 6 (eprec = 6 for the shortest form).
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  // Plain notation: JavaScript writes numbers in this range without an exponent.
  return String(x);
}
