// /_emu/*: test-only controls, outside /v1 so they can never shadow a Vault path.
// Root token required; errors in Vault's shape; TypeBox schemas for our own API.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { VaultError } from '../../core/errors.js';
import { renderError } from '../render-response.js';
import { sendRendered } from './vault-api.js';
import { clientTokenOf } from '../translate-request.js';

export interface ControlApiOptions {
  /** Whether a token is a root token of this emulator. */
  isRootToken(token: string): boolean;
  info(): { name: string; version: string; vault_version: string; clock_mode: 'system' | 'virtual' };
}

const InfoResponse = Type.Object({
  name: Type.String(),
  version: Type.String(),
  vault_version: Type.String(),
  clock_mode: Type.Union([Type.Literal('system'), Type.Literal('virtual')]),
});

export async function controlApi(root: FastifyInstance, opts: ControlApiOptions): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onRequest', async (req, reply) => {
    const token = clientTokenOf(req.headers);
    if (!token) return sendRendered(reply, req, renderError(new VaultError(403, ['permission denied'])));
    if (!opts.isRootToken(token)) return sendRendered(reply, req, renderError(new VaultError(403, ['permission denied'])));
  });
  app.get('/_emu/info', { schema: { response: { 200: InfoResponse } } }, async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    return opts.info();
  });
}
