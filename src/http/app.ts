// Builds the Fastify app; never listens (the emulator decides that).
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { RawHandler } from '../core/system/raw-handlers.js';
import type { VaultCore } from '../core/vault-core.js';
import { VaultError } from '../core/errors.js';
import { controlApi, type ControlApiOptions } from './plugins/control-api.js';
import { sendRendered, vaultApi } from './plugins/vault-api.js';
import { renderError } from './render-response.js';
import { VaultListener, type TlsFiles } from './server-factory.js';
import { MAX_REQUEST_BYTES } from './translate-request.js';

export interface BuiltApp {
  app: FastifyInstance;
  listener: VaultListener;
}

export function buildApp(core: VaultCore, raw: Map<string, RawHandler>, control: ControlApiOptions, tls?: TlsFiles): BuiltApp {
  let listener: VaultListener | undefined;
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_REQUEST_BYTES,
    // Vault decides what a trailing slash means, so the router must not.
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 8192 },
    serverFactory: (handler) => {
      listener = new VaultListener(handler, tls);
      return listener.http;
    },
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendRendered(reply, req, renderError(new VaultError(413, ['error parsing JSON'])));
    }
    if (err.validation) return sendRendered(reply, req, renderError(new VaultError(400, [err.message])));
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    return sendRendered(reply, req, renderError(new VaultError(status, status === 500 ? ['1 error occurred:\n\t* internal error\n\n'] : [])));
  });

  app.setNotFoundHandler((req, reply) => {
    const path = (req.raw.url ?? '').split('?')[0];
    if (path === '/' || path === '/ui') {
      reply.header('location', '/ui/');
      reply.header('cache-control', 'no-store');
      return reply.code(307).send('');
    }
    return sendRendered(reply, req, renderError(new VaultError(404, [])));
  });

  app.register(vaultApi, { core, raw });
  app.register(controlApi, control);
  if (!listener) throw new Error('server factory did not run');
  return { app, listener };
}
