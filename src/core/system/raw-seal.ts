// Raw sys handlers for initialisation and the operator key flows, outside the logical router like
// Vault's (http/sys_init.go, sys_seal.go, sys_generate_root.go, sys_rekey.go): own method rules, bodies
// decoded into Go structs, bare JSON answers.
import { errors, VaultError } from '../errors.js';
import { decodeGoStruct, decodeKeyParam, GoDecodeError, type GoStruct } from '../seal/go-input.js';
import { OTP_LENGTH } from '../seal/generate-root.js';
import { sealMessages } from '../seal/messages.js';
import { SealError } from '../seal/seal-error.js';
import type { VaultCore } from '../vault-core.js';
import type { RawHandler, RawInput, RawOutput } from './raw-handlers.js';

/** How the HTTP layer decoded a PUT/POST body that was not a JSON object; absent when it was one. */
type BodyOutcome = { kind: 'eof' } | { kind: 'error'; message: string } | { kind: 'mismatch'; valueKind: string };
type SealRawInput = RawInput & { json?: BodyOutcome };

const methodNotAllowed: RawOutput = { status: 405, body: { errors: [] } };
const noContent: RawOutput = { status: 204 };
const ok = (body: unknown): RawOutput => ({ status: 200, body });
const isWrite = (method: string) => method === 'PUT' || method === 'POST';

/** Turns the errors a flow throws into Vault's `{"errors":[…]}` answers. */
function guarded(handler: RawHandler): RawHandler {
  return async (input) => {
    try {
      return await handler(input);
    } catch (e) {
      if (e instanceof SealError) return { status: e.status, body: { errors: [e.message] } };
      if (e instanceof GoDecodeError) return { status: 400, body: { errors: [e.message] } };
      if (e instanceof VaultError) return { status: e.status, body: { errors: e.errors } };
      throw e;
    }
  };
}

const InitRequest = {
  name: 'InitRequest',
  fields: {
    secret_shares: 'int',
    secret_threshold: 'int',
    stored_shares: 'int',
    pgp_keys: '[]string',
    recovery_shares: 'int',
    recovery_threshold: 'int',
    recovery_pgp_keys: '[]string',
    root_token_pgp_key: 'string',
  },
} as const satisfies GoStruct;
const UnsealRequest = { name: 'UnsealRequest', fields: { Key: 'string', Reset: 'bool', Migrate: 'bool' } } as const satisfies GoStruct;
const GenerateRootInitRequest = { name: 'GenerateRootInitRequest', fields: { otp: 'string', pgp_key: 'string' } } as const satisfies GoStruct;
const GenerateRootUpdateRequest = { name: 'GenerateRootUpdateRequest', fields: { Nonce: 'string', Key: 'string' } } as const satisfies GoStruct;
const RekeyRequest = {
  name: 'RekeyRequest',
  fields: { secret_shares: 'int', secret_threshold: 'int', stored_shares: 'int', pgp_keys: '[]string', backup: 'bool', require_verification: 'bool' },
} as const satisfies GoStruct;
const RekeyUpdateRequest = { name: 'RekeyUpdateRequest', fields: { Nonce: 'string', Key: 'string' } } as const satisfies GoStruct;
const RekeyVerificationUpdateRequest = { name: 'RekeyVerificationUpdateRequest', fields: { nonce: 'string', key: 'string' } } as const satisfies GoStruct;

/** parseJSONRequest into a Go struct. An empty body is io.EOF, an error for every caller but
 *  generate-root/attempt; bodies of methods the HTTP layer does not read count as empty. */
function decodeBody<S extends GoStruct>(input: SealRawInput, struct: S, opts: { emptyOk?: boolean } = {}) {
  const outcome: BodyOutcome | undefined = input.json ?? (isWrite(input.method) ? undefined : { kind: 'eof' });
  if (outcome?.kind === 'eof' && !opts.emptyOk) throw new SealError(400, sealMessages.eof);
  if (outcome?.kind === 'error') throw new SealError(400, sealMessages.parseJson(outcome.message));
  if (outcome?.kind === 'mismatch') throw new SealError(400, sealMessages.parseJson(sealMessages.notAnObject(outcome.valueKind, `http.${struct.name}`)));
  return decodeGoStruct(input.body, struct);
}

/** The `key` of an update body, decoded as the handlers do (hex, else base64). */
function requireKey(text: string, missing: string): Buffer {
  if (text === '') throw new SealError(400, missing);
  const key = decodeKeyParam(text);
  if (!key) throw new SealError(400, sealMessages.keyEncoding);
  return key;
}

/** GET/PUT sys/init. */
function initHandler(core: VaultCore): RawHandler {
  return (input: SealRawInput) => {
    if (input.method === 'GET') return ok({ initialized: core.seal.initialized });
    if (!isWrite(input.method)) return methodNotAllowed;
    const req = decodeBody(input, InitRequest);
    // validateInitParameters: recovery settings make no sense for a shamir seal.
    const recoveryFlags: string[] = [];
    if (req.recovery_shares !== 0) recoveryFlags.push('recovery_shares');
    if (req.recovery_threshold !== 0) recoveryFlags.push('recovery_threshold');
    if ((req.recovery_pgp_keys ?? []).length !== 0) recoveryFlags.push('recovery_pgp_keys');
    if (recoveryFlags.length > 0) throw new SealError(400, sealMessages.notApplicable(recoveryFlags));
    const config = { shares: req.secret_shares, threshold: req.secret_threshold };
    const result = core.seal.initialize(config, req.pgp_keys ?? [], req.root_token_pgp_key, input.now);
    return ok({
      keys: result.keys.map((k) => k.toString('hex')),
      keys_base64: result.keys.map((k) => k.toString('base64')),
      root_token: result.rootToken,
    });
  };
}

/** PUT sys/unseal: one share, `reset`, or `migrate`; answers the seal status. */
function unsealHandler(core: VaultCore, sealStatus: () => unknown): RawHandler {
  return (input: SealRawInput) => {
    if (!isWrite(input.method)) return methodNotAllowed;
    const req = decodeBody(input, UnsealRequest);
    if (req.Reset) {
      if (!core.seal.sealed) throw new SealError(400, sealMessages.vaultIsUnsealed);
      core.seal.resetUnseal();
      return ok(sealStatus());
    }
    const key = requireKey(req.Key, sealMessages.unsealKeyMissing);
    // No migration seal is ever configured, and Vault says so before anything else (500).
    if (req.Migrate) throw new SealError(500, sealMessages.noMigrationSeal);
    core.seal.submitUnsealKey(key);
    return ok(sealStatus());
  };
}

/** PUT sys/seal: a token with update and sudo on sys/seal (root, say) seals the node; 204. Sealing a sealed node is a no-op. */
function sealHandler(core: VaultCore): RawHandler {
  return ({ method, clientToken, remoteAddress }) => {
    if (!isWrite(method)) return methodNotAllowed;
    if (core.seal.sealed) return noContent;
    const token = core.authenticate(clientToken, core.clock.now(), remoteAddress);
    // sealInitCommon: the policies must allow update on sys/seal with sudo (RootPrivsRequired).
    core.authorize(token, { path: 'sys/seal', operation: 'update' }, true);
    core.seal.seal();
    return noContent;
  };
}

/** PUT sys/step-down: without HA, Vault returns before looking at the token. */
function stepDownHandler(): RawHandler {
  return ({ method }) => (isWrite(method) ? noContent : methodNotAllowed);
}

function generateRootAttemptHandler(core: VaultCore): RawHandler {
  const process = core.seal.generateRoot;
  return (input: SealRawInput) => {
    switch (input.method) {
      case 'GET':
        return ok(process.status());
      case 'PUT':
      case 'POST': {
        const req = decodeBody(input, GenerateRootInitRequest, { emptyOk: true });
        // Neither an OTP nor a PGP key: Vault generates the OTP and returns it once.
        const generated = req.otp === '' && req.pgp_key === '' ? core.random.base62(OTP_LENGTH) : '';
        process.start(generated || req.otp, req.pgp_key);
        return ok(process.status(generated));
      }
      case 'DELETE':
        process.cancel();
        return noContent;
      default:
        return methodNotAllowed;
    }
  };
}

/** Any method (Vault's handler does not look at it). */
function generateRootUpdateHandler(core: VaultCore): RawHandler {
  return (input: SealRawInput) => {
    const req = decodeBody(input, GenerateRootUpdateRequest);
    const key = requireKey(req.Key, sealMessages.keyMissing);
    const result = core.seal.generateRoot.update(key, req.Nonce, input.now);
    return ok({
      nonce: req.Nonce,
      started: true,
      progress: result.progress,
      required: result.required,
      complete: result.progress === result.required,
      encoded_token: result.encodedToken,
      encoded_root_token: result.encodedToken,
      pgp_fingerprint: '',
      otp: '',
      otp_length: 0,
    });
  };
}

/** A sealed node is a standby without HA: the rekey handlers answer 503 before anything else. */
function whenActive(core: VaultCore, handler: RawHandler): RawHandler {
  return (input: RawInput) => (core.seal.sealed ? { status: 503, body: { errors: [sealMessages.nodeNotActive] } } : handler(input));
}

function rekeyInitHandler(core: VaultCore): RawHandler {
  const rekey = core.seal.rekey;
  return whenActive(core, (input: SealRawInput) => {
    switch (input.method) {
      case 'GET':
        return ok(rekey.status());
      case 'PUT':
      case 'POST': {
        const req = decodeBody(input, RekeyRequest);
        rekey.start({
          shares: req.secret_shares,
          threshold: req.secret_threshold,
          pgpKeys: req.pgp_keys ?? [],
          backup: req.backup,
          requireVerification: req.require_verification,
        });
        return ok(rekey.status());
      }
      case 'DELETE':
        rekey.cancel();
        return noContent;
      default:
        return methodNotAllowed;
    }
  });
}

function rekeyUpdateHandler(core: VaultCore): RawHandler {
  const rekey = core.seal.rekey;
  return whenActive(core, (input: SealRawInput) => {
    const req = decodeBody(input, RekeyUpdateRequest);
    const key = requireKey(req.Key, sealMessages.keyMissing);
    const result = rekey.update(key, req.Nonce);
    if (!result) return ok(rekey.status());
    const out: Record<string, unknown> = {
      nonce: req.Nonce,
      complete: true,
      keys: result.keys.map((k) => k.toString('hex')),
      keys_base64: result.keys.map((k) => k.toString('base64')),
      pgp_fingerprints: null,
      backup: false,
      verification_required: result.verificationRequired,
    };
    if (result.verificationNonce) out.verification_nonce = result.verificationNonce;
    return ok(out);
  });
}

function rekeyVerifyHandler(core: VaultCore): RawHandler {
  const rekey = core.seal.rekey;
  return whenActive(core, (input: SealRawInput) => {
    switch (input.method) {
      case 'GET':
        return ok(rekey.verificationStatus());
      case 'PUT':
      case 'POST': {
        const req = decodeBody(input, RekeyVerificationUpdateRequest);
        const key = requireKey(req.key, sealMessages.keyMissing);
        const result = rekey.verify(key, req.nonce);
        return ok(result ?? rekey.verificationStatus());
      }
      case 'DELETE':
        rekey.restartVerification();
        return ok(rekey.verificationStatus());
      default:
        return methodNotAllowed;
    }
  });
}

/** sys/rekey-recovery-key/*: a shamir seal has no recovery key. */
function recoveryRekeyHandler(core: VaultCore, endpoint: 'init' | 'update' | 'verify'): RawHandler {
  return whenActive(core, (input: SealRawInput) => {
    // init and verify refuse before looking at the method.
    if (endpoint !== 'update') throw new SealError(400, sealMessages.recoveryRekeyUnsupported);
    const req = decodeBody(input, RekeyUpdateRequest);
    const key = requireKey(req.Key, sealMessages.keyMissing);
    core.seal.checkKeyLength(key, (reason) => new SealError(400, reason));
    throw new SealError(500, sealMessages.recoveryConfigUnsupported);
  });
}

/** Every raw handler of the seal flows, by logical path. */
export function sealRawHandlers(core: VaultCore, sealStatus: () => unknown): [string, RawHandler][] {
  const entries: [string, RawHandler][] = [
    ['sys/init', initHandler(core)],
    ['sys/unseal', unsealHandler(core, sealStatus)],
    ['sys/seal', sealHandler(core)],
    ['sys/step-down', stepDownHandler()],
    ['sys/generate-root/attempt', generateRootAttemptHandler(core)],
    ['sys/generate-root/update', generateRootUpdateHandler(core)],
    ['sys/rekey/init', rekeyInitHandler(core)],
    ['sys/rekey/update', rekeyUpdateHandler(core)],
    ['sys/rekey/verify', rekeyVerifyHandler(core)],
    ['sys/rekey-recovery-key/init', recoveryRekeyHandler(core, 'init')],
    ['sys/rekey-recovery-key/update', recoveryRekeyHandler(core, 'update')],
    ['sys/rekey-recovery-key/verify', recoveryRekeyHandler(core, 'verify')],
  ];
  return entries.map(([path, handler]) => [path, guarded(handler)]);
}
