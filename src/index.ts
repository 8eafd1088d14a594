// Public API.
export { createVaultEmu, startVaultEmu, type VaultEmu, type RunningVaultEmu } from './emulator.js';
export type { VaultEmuOptions } from './options.js';
export type { Clock, ClockMode } from './core/clock.js';
