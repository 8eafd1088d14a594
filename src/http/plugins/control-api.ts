// /_emu/*: test-only controls, outside /v1 so they can never shadow a Vault path.
// Root token required; errors in Vault's shape; TypeBox schemas for our own API. TypeBox's builder is
// imported directly: its Fastify type provider adds ~150 ms to every process start for typing alone.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type, type Static } from 'typebox';
import { errorsResponse, type ResponseSpec } from '../respond.js';
import { HeaderView, clientTokenOf } from '../translate-request.js';

export interface ControlApiOptions {
  /** Whether a token is a root token of this emulator. */
  isRootToken(token: string): boolean;
  info(): EmuInfo;
}

const InfoResponse = Type.Object({
  name: Type.String(),
  version: Type.String(),
  vault_version: Type.String(),
  clock_mode: Type.Union([Type.Literal('system'), Type.Literal('virtual')]),
});
export type EmuInfo = Static<typeof InfoResponse>;

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
  root.get('/_emu/info', { schema: { response: { 200: InfoResponse } } }, async (_req, reply): Promise<EmuInfo> => {
    reply.header('cache-control', 'no-store');
    return opts.info();
  });
}
