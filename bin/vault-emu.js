#!/usr/bin/env node
// The vault-emu command: this process is the server itself (no fork), so SIGKILL on it frees the port.
import { main } from '../dist/cli.js';

main(process.argv.slice(2), process.env).then(
  (code) => {
    if (typeof code === 'number') process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
