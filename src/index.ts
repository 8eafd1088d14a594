// Public API.
export { createVaultEmu, startVaultEmu, type VaultEmu, type RunningVaultEmu } from './emulator.js';
export type { VaultEmuOptions } from './options.js';
export type { Clock, ClockMode } from './core/clock.js';
// Custom engines (tests of lease handling, or engines of your own): declared like the built-in ones.
export type { PluginDefinition, EngineContext } from './core/plugins.js';
export type { UserLockoutConfig } from './core/login-lockout.js';
export { defineEngine, type Engine, type EngineSpec } from './framework/engine.js';
export type { PathSpec, EngineRequest } from './framework/path.js';
export { secretResponse, type SecretTypeSpec, type SecretCall, type SecretRenewal } from './framework/secret-type.js';
