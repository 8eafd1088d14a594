// Go's time.Format for the layouts Vault's database plugins use, in UTC (the emulator's zone).

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Layout tokens, longest first so `2006` wins over `2` and `-0700` over `-07`. */
const TOKENS: [string, (d: Date) => string][] = [
  ['January', (d) => MONTHS[d.getUTCMonth()]!],
  ['Monday', (d) => DAYS[d.getUTCDay()]!],
  ['-07:00', () => '+00:00'],
  ['Z07:00', () => 'Z'],
  ['-0700', () => '+0000'],
  ['Z0700', () => 'Z'],
  ['2006', (d) => pad(d.getUTCFullYear(), 4)],
  ['.000', (d) => `.${pad(d.getUTCMilliseconds(), 3)}`],
  ['Jan', (d) => MONTHS[d.getUTCMonth()]!.slice(0, 3)],
  ['Mon', (d) => DAYS[d.getUTCDay()]!.slice(0, 3)],
  ['MST', () => 'UTC'],
  ['-07', () => '+00'],
  ['01', (d) => pad(d.getUTCMonth() + 1)],
  ['02', (d) => pad(d.getUTCDate())],
  ['15', (d) => pad(d.getUTCHours())],
  ['03', (d) => pad(d.getUTCHours() % 12 || 12)],
  ['04', (d) => pad(d.getUTCMinutes())],
  ['05', (d) => pad(d.getUTCSeconds())],
  ['06', (d) => pad(d.getUTCFullYear() % 100)],
  ['PM', (d) => (d.getUTCHours() >= 12 ? 'PM' : 'AM')],
  ['1', (d) => String(d.getUTCMonth() + 1)],
  ['2', (d) => String(d.getUTCDate())],
  ['3', (d) => String(d.getUTCHours() % 12 || 12)],
  ['4', (d) => String(d.getUTCMinutes())],
  ['5', (d) => String(d.getUTCSeconds())],
];

export function formatGoTime(ms: number, layout: string): string {
  const d = new Date(ms);
  let out = '';
  let i = 0;
  outer: while (i < layout.length) {
    for (const [token, render] of TOKENS) {
      if (layout.startsWith(token, i)) {
        out += render(d);
        i += token.length;
        continue outer;
      }
    }
    out += layout[i];
    i++;
  }
  return out;
}

/** The plugins' `{{expiration}}` layout. */
export const EXPIRATION_LAYOUT = '2006-01-02 15:04:05-0700';
