// /v1/*: own body parsing, HTTP → LogicalRequest → core → Vault's envelope. No Vault logic here.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { VaultError, errors } from '../../core/errors.js';
import type { RawHandler } from '../../core/system/raw-handlers.js';
import type { VaultCore } from '../../core/vault-core.js';
import { statusFor } from '../../core/status.js';
import { goJson } from '../go-json.js';
import { renderEnvelope, renderError, type RenderedBody } from '../render-response.js';
import { ORIGINAL_METHOD_HEADER } from '../request-line-rewriter.js';
import { MAX_REQUEST_BYTES, clientTokenOf, queryData, translate } from '../translate-request.js';

export interface VaultApiOptions {
  core: VaultCore;
  raw: Map<string, RawHandler>;
}

/** Vault's default response headers (dev listener). */
export function vaultHeaders(reply: FastifyReply, req: FastifyRequest): void {
  reply.header('cache-control', 'no-store');
  reply.header('content-type', 'application/json');
  reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  const ns = req.headers['x-vault-namespace'];
  if (typeof ns === 'string' && ns !== '') reply.header('x-vault-namespace', ns);
}

export function sendRendered(reply: FastifyReply, req: FastifyRequest, rendered: RenderedBody): FastifyReply {
  vaultHeaders(reply, req);
  reply.code(rendered.status);
  // A Buffer keeps Fastify from appending a charset to Vault's bare application/json.
  return reply.send(Buffer.from(rendered.payload));
}

export function originalMethod(req: FastifyRequest): string {
  const marker = req.headers[ORIGINAL_METHOD_HEADER];
  return typeof marker === 'string' && marker !== '' ? marker : req.method;
}

export async function vaultApi(app: FastifyInstance, opts: VaultApiOptions): Promise<void> {
  const { core, raw } = opts;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_REQUEST_BYTES }, (_req, body, done) => done(null, body));

  app.all('/v1/*', async (req, reply) => {
    const url = req.raw.url ?? '';
    const q = url.indexOf('?');
    const rawPath = (q === -1 ? url : url.slice(0, q)).slice('/v1/'.length);
    const query = q === -1 ? '' : url.slice(q + 1);
    let path: string;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      return sendRendered(reply, req, renderError(new VaultError(400, [])));
    }
    const method = originalMethod(req);
    const body = Buffer.isBuffer(req.body) ? req.body : undefined;

    const rawHandler = raw.get(path);
    if (rawHandler) {
      let parsedBody: Record<string, unknown> = {};
      if (body && body.length > 0) {
        try {
          const parsed = JSON.parse(body.toString('utf8'));
          if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) parsedBody = parsed;
          else if (parsed !== null) throw new Error('not an object');
        } catch {
          return sendRendered(reply, req, renderError(new VaultError(400, ['error parsing JSON'])));
        }
      }
      const out = await rawHandler({ method, query: queryData(query), body: parsedBody, clientToken: clientTokenOf(req.headers), now: core.clock.now() });
      vaultHeaders(reply, req);
      reply.code(out.status);
      return reply.send(Buffer.from(out.body === undefined ? '' : goJson(out.body)));
    }

    const requestId = core.random.uuid();
    try {
      const t = translate({ method, path, query, headers: req.headers, body }, method);
      const handled = await core.handle({
        id: requestId,
        operation: t.operation,
        path: t.path,
        data: t.data,
        clientToken: t.clientToken,
        headers: req.headers,
        now: core.clock.now(),
        remoteAddress: req.socket.remoteAddress,
      });
      const outcome = statusFor(handled.operation, handled.response);
      if (outcome.kind === 'notFound') return sendRendered(reply, req, renderError(new VaultError(404, [])));
      if (outcome.kind === 'internal') return sendRendered(reply, req, renderError(new VaultError(500, [])));
      if (!handled.response) {
        vaultHeaders(reply, req);
        return reply.code(outcome.status).send(Buffer.alloc(0));
      }
      return sendRendered(reply, req, renderEnvelope(t.path, requestId, handled.mountType, handled.response, outcome.status));
    } catch (err) {
      if (err instanceof VaultError) return sendRendered(reply, req, renderError(err));
      req.log.error({ err }, 'unexpected error while handling a request');
      return sendRendered(reply, req, renderError(errors.internal()));
    }
  });
}
