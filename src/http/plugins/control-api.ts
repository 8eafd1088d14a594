// /_emu/*: test-only controls, outside /v1 so they can never shadow a Vault path.
// Root token required; errors in Vault's shape; TypeBox schemas for our own API. TypeBox's builder is
// imported directly: its Fastify type provider adds ~150 ms to every process start for typing alone.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type, type Static } from 'typebox';
import { ClockError, rfc3339Nano, type Clock } from '../../core/clock.js';
import { errorsResponse, type ResponseSpec } from '../respond.js';
import { HeaderView, clientTokenOf } from '../translate-request.js';

export interface ControlApiOptions {
  /** Whether a token is a root token of this emulator. */
  isRootToken(token: string): boolean;
  info(): EmuInfo;
  clock: Clock;
  /** The database backends' users and operations (vault.backends.database). */
  databaseState(): { users: unknown[]; operations: unknown[] };
}

const ClockState = Type.Object({
  mode: Type.Union([Type.Literal('system'), Type.Literal('virtual')]),
  /** RFC 3339 with nanoseconds, as Vault prints times. */
  now: Type.String(),
  now_ms: Type.Number(),
});
type ClockStateBody = Static<typeof ClockState>;
const BackendLabel = { mount: Type.String(), connection: Type.String(), plugin: Type.String() };
const DatabaseState = Type.Object({
  users: Type.Array(Type.Object({ ...BackendLabel, username: Type.String(), created_at: Type.String(), expires_at: Type.Union([Type.String(), Type.Null()]) })),
  operations: Type.Array(
    Type.Object({
      ...BackendLabel,
      at: Type.String(),
      operation: Type.Union([Type.Literal('create-user'), Type.Literal('update-user'), Type.Literal('delete-user')]),
      username: Type.String(),
      statements: Type.Array(Type.String()),
      outcome: Type.String(),
    }),
  ),
});
const AdvanceBody = Type.Object({ duration: Type.Union([Type.Number(), Type.String()]) }, { additionalProperties: false });
const SetBody = Type.Object({ time: Type.Union([Type.Number(), Type.String()]) }, { additionalProperties: false });

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
  // Bodies are JSON whatever Content-Type says (curl -d sends form encoding), as Vault reads them.
  root.removeAllContentTypeParsers();
  root.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, body === '' ? {} : JSON.parse(body as string));
    } catch {
      done(Object.assign(new Error('error parsing JSON'), { statusCode: 400 }), undefined);
    }
  });
  root.addHook('onRequest', async (req, reply) => {
    const token = clientTokenOf(new HeaderView(req.raw.rawHeaders));
    if (!token || !opts.isRootToken(token)) return sendSpec(reply, errorsResponse(403, ['permission denied'], undefined));
  });
  root.get('/_emu/info', { schema: { response: { 200: InfoResponse } } }, async (_req, reply): Promise<EmuInfo> => {
    reply.header('cache-control', 'no-store');
    return opts.info();
  });

  const state = (): ClockStateBody => ({ mode: opts.clock.mode, now: rfc3339Nano(opts.clock.now()), now_ms: opts.clock.now() });
  /** Moves the clock; answers once every lease and token due meanwhile has been revoked. */
  const moving = async (reply: FastifyReply, move: () => Promise<void>): Promise<ClockStateBody | FastifyReply> => {
    reply.header('cache-control', 'no-store');
    try {
      await move();
    } catch (err) {
      if (err instanceof ClockError) return sendSpec(reply, errorsResponse(400, [err.message], undefined));
      throw err;
    }
    return state();
  };
  root.get('/_emu/state/database', { schema: { response: { 200: DatabaseState } } }, async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    return opts.databaseState();
  });
  root.get('/_emu/clock', { schema: { response: { 200: ClockState } } }, async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    return state();
  });
  root.post<{ Body: Static<typeof AdvanceBody> }>('/_emu/clock/advance', { schema: { body: AdvanceBody, response: { 200: ClockState } } }, (req, reply) =>
    // Over HTTP a bare number is seconds, as in Vault's own duration fields.
    moving(reply, () => opts.clock.advance(typeof req.body.duration === 'number' ? `${req.body.duration}s` : req.body.duration)),
  );
  root.post<{ Body: Static<typeof SetBody> }>('/_emu/clock/set', { schema: { body: SetBody, response: { 200: ClockState } } }, (req, reply) =>
    moving(reply, () => opts.clock.set(req.body.time)),
  );
}
