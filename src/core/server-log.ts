// Vault's server log lines (hashicorp/go-hclog's default text format), for what Vault logs and a
// user may look for: `2024-06-03T16:00:00.123Z [ERROR] expiration: failed to revoke lease: lease_id=… error="…"`.
// Where the lines go is the embedder's choice (the CLI writes them to stderr); times come from the clock.

export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
export type ServerLog = (line: string) => void;

/** One hclog line: timestamp (ms, UTC), level, `module: message`, then key=value pairs. */
export function hclogLine(nowMs: number, level: LogLevel, module: string, message: string, fields: [string, string | number][] = []): string {
  const ts = new Date(Math.floor(nowMs)).toISOString();
  const pairs = fields.map(([k, v]) => `${k}=${typeof v === 'number' || /^[^\s"=]+$/.test(v) ? v : JSON.stringify(v)}`);
  // hclog pads the bracketed level to seven characters: `[INFO]  core:`, `[ERROR] core:`.
  return `${ts} ${`[${level}]`.padEnd(7)} ${module}: ${message}${pairs.length > 0 ? `: ${pairs.join(' ')}` : ''}`;
}

/** Go's time.Duration.String() for milliseconds with a fraction (e.g. 19.345s, 1m5.5s). */
export function goDurationText(ms: number): string {
  const total = ms / 1000;
  const minutes = Math.floor(total / 60);
  const seconds = Number((total - minutes * 60).toFixed(9));
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}
