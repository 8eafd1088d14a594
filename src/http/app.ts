// Builds the Fastify app; never listens (the emulator decides that).
// Fastify serves only the control plane (/_emu/*); Vault's API takes every other request over.
import { METHODS, type IncomingMessage, type ServerResponse } from 'node:http';
import Fastify, { type FastifyError, type FastifyInstance, type InjectOptions, type LightMyRequestResponse } from 'fastify';
import type { RawHandler } from '../core/system/raw-handlers.js';
import type { VaultCore } from '../core/vault-core.js';
import { controlApi, type ControlApiOptions } from './plugins/control-api.js';
import { VAULT_ROUTE, takeOver, vaultApi } from './plugins/vault-api.js';
import type { DirectRequest, DirectResponse } from './direct-lane.js';
import { serveVaultRequest } from './front-door.js';
import { errorsResponse } from './respond.js';
import { sendSpec } from './plugins/control-api.js';
import { ORIGINAL_METHOD_HEADER } from './request-line-rewriter.js';
import { VaultListener, type TlsFiles } from './server-factory.js';

export interface BuiltApp {
  app: FastifyInstance;
  listener: VaultListener;
}

const CONTROL_PREFIX = '/_emu/';

/** Control-plane URLs Fastify's router can take; anything else (a bad escape) is Vault's to answer. */
function isControlUrl(url: string | undefined): boolean {
  if (!url?.startsWith(CONTROL_PREFIX)) return false;
  try {
    decodeURIComponent(url.split('?')[0]!);
    return true;
  } catch {
    return false;
  }
}

export interface AppOptions {
  /** Serve the UI paths as Vault does with `ui = true` (default true, as in dev mode). */
  ui?: boolean;
  /** The listener's telemetry.unauthenticated_metrics_access (default true, as in dev mode). */
  unauthenticatedMetricsAccess?: boolean;
  /** Serve plain whole requests without Node's HTTP parser (default true; see direct-lane.ts). */
  directLane?: boolean;
}

export function buildApp(core: VaultCore, raw: Map<string, RawHandler>, control: ControlApiOptions, tls?: TlsFiles, options: AppOptions = {}): BuiltApp {
  const vault = { core, raw, ui: options.ui ?? true, unauthenticatedMetricsAccess: options.unauthenticatedMetricsAccess ?? true };
  let listener: VaultListener | undefined;
  const app = Fastify({
    logger: false,
    // Every Vault request lands on one route, whatever its URL (which Fastify's router could reject).
    rewriteUrl: (req) => (isControlUrl(req.url) ? req.url! : VAULT_ROUTE),
    serverFactory: (handler) => {
      // On sockets, Vault's requests skip Fastify: it would only route them to VAULT_ROUTE and hand them
      // over untouched (inject() still takes that way), at a cost per request.
      const serve = (req: IncomingMessage, res: ServerResponse) => {
        if (isControlUrl(req.url)) handler(req, res);
        else void serveVaultRequest(vault, req, res);
      };
      const direct = options.directLane === false ? undefined : { wants: (url: string) => !isControlUrl(url), serve: (req: DirectRequest, res: DirectResponse) => serveVaultRequest(vault, req, res) };
      listener = new VaultListener(serve, tls, direct);
      return listener.http;
    },
  });

  // Only control-plane requests reach Fastify's error handling; answer them in Vault's error shape.
  app.setErrorHandler((err: FastifyError, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    return sendSpec(reply, errorsResponse(status, status === 500 ? ['1 error occurred:\n\t* internal error\n\n'] : [err.message], undefined));
  });
  // Methods Fastify has no route for, and unknown /_emu/ paths: Vault's rules answer them too.
  app.setNotFoundHandler(takeOver(vault));

  app.register(vaultApi, vault);
  app.register(controlApi, control);
  if (!listener) throw new Error('server factory did not run');
  return { app, listener };
}

/**
 * Fastify's inject, accepting any method a socket client could send (LIST, HELP, …): such a method
 * travels as GET with the marker header, exactly as the socket-side request-line rewriter sends it.
 */
export function injectRequest(app: FastifyInstance, opts: InjectOptions | string): Promise<LightMyRequestResponse> {
  if (typeof opts === 'string' || opts.method === undefined || METHODS.includes(opts.method)) return app.inject(opts as InjectOptions);
  const headers = { ...(opts.headers ?? {}), [ORIGINAL_METHOD_HEADER]: opts.method };
  return app.inject({ ...opts, method: 'GET', headers });
}
