// startVaultEmu() → first answered GET /v1/sys/health, in this process, with a fresh emulator each
// round after one warm-up round. Prints the rounds' times (ms) as JSON.
import { startVaultEmu } from '../dist/index.js';

const rounds = Number(process.argv[2] ?? 20);

async function once() {
  const t0 = performance.now();
  const emu = await startVaultEmu({ port: 0 });
  const res = await fetch(`${emu.url}/v1/sys/health`);
  await res.arrayBuffer();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`health answered ${res.status}`);
  await emu.close();
  return ms;
}

await once(); // warm-up: module loading and JIT, which a test run pays once
const times = [];
for (let i = 0; i < rounds; i++) times.push(await once());
process.stdout.write(`${JSON.stringify(times)}\n`);
