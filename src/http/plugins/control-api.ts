// /_emu/*: test-only controls, outside /v1 so they can never shadow a Vault path.
// Root token required; errors in Vault's shape; plain JSON schemas for our own API (importing TypeBox
// took about 300 ms of every start, most of a process start: bench/README.md).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { errorsResponse, type ResponseSpec } from '../respond.js';
import { HeaderView, clientTokenOf } from '../translate-request.js';

export interface ControlApiOptions {
  /** Whether a token is a root token of this emulator. */
  isRootToken(token: string): boolean;
  info(): { name: string; version: string; vault_version: string; clock_mode: 'system' | 'virtual' };
}

const InfoResponse = {
  type: 'object',
  required: ['name', 'version', 'vault_version', 'clock_mode'],
  properties: {
    name: { type: 'string' },
    version: { type: 'string' },
    vault_version: { type: 'string' },
    clock_mode: { type: 'string', enum: ['system', 'virtual'] },
  },
} as const;

/** Sends a ResponseSpec through Fastify (a Buffer keeps Fastify from adding a charset). */
export function sendSpec(reply: FastifyReply, spec: ResponseSpec): FastifyReply {
  reply.headers(spec.headers);
  reply.code(spec.status);
  return reply.send(Buffer.from(spec.body));
}

export async function controlApi(root: FastifyInstance, opts: ControlApiOptions): Promise<void> {
  root.addHook('onRequest', async (req, reply) => {
    const token = clientTokenOf(new HeaderView(req.raw.rawHeaders));
    if (!token || !opts.isRootToken(token)) return sendSpec(reply, errorsResponse(403, ['permission denied'], undefined));
  });
  root.get('/_emu/info', { schema: { response: { 200: InfoResponse } } }, async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    return opts.info();
  });
}
