// Vault's API: every request outside /_emu/ is rewritten (app.ts) to this one route and taken over
// before Fastify parses a body, so Vault's own rules (front-door.ts) decide everything: paths,
// methods, bodies, status codes and headers.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RawHandler } from '../../core/system/raw-handlers.js';
import type { VaultCore } from '../../core/vault-core.js';
import { serveVaultRequest } from '../front-door.js';

/** The internal URL every Vault API request is routed to. */
export const VAULT_ROUTE = '/__vault-emu/vault-api';

export interface VaultApiOptions {
  core: VaultCore;
  raw: Map<string, RawHandler>;
  /** Serve the UI paths (redirects to /ui/) as Vault does with `ui = true`. */
  ui: boolean;  /** Serve sys/metrics without a token (the listener's telemetry.unauthenticated_metrics_access). */
  unauthenticatedMetricsAccess: boolean;
}

export function takeOver(opts: VaultApiOptions) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    reply.hijack();
    await serveVaultRequest(opts, req.raw, reply.raw);
  };
}

export async function vaultApi(app: FastifyInstance, opts: VaultApiOptions): Promise<void> {
  const serve = takeOver(opts);
  // onRequest runs before Fastify's content-type checks and body parsing.
  app.route({ method: app.supportedMethods, url: VAULT_ROUTE, onRequest: serve, handler: async () => undefined });
}
