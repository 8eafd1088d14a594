// Token strings as Vault 1.17 builds them (vault/token_store.go create, GenerateSSCTokenID;
// vault/request_handling.go DecodeSSCTokenInternal; vault/version_store.go IsSSCToken):
// - root and custom-id service tokens: the stored id itself (`hvs.` + 24 base62 for generated ones);
// - every other service token: `hvs.` + base64url(SignedToken{version 1, HMAC, Token{inner id}}),
//   95 characters on a single-node OSS server;
// - batch tokens: `hvb.` + base64url of the barrier-encrypted pb.TokenEntry (nothing is stored).
import { createCipheriv, createDecipheriv, createHmac, hash } from 'node:crypto';
import type { Random } from '../random.js';
import { ProtoWriter, protoBytes, protoInt, protoString, protoStringMap, protoStrings, readProto } from './proto-wire.js';

export const SERVICE_PREFIX = 'hvs.';
export const LEGACY_SERVICE_PREFIX = 's.';
export const BATCH_PREFIX = 'hvb.';
export const LEGACY_BATCH_PREFIX = 'b.';
/** vault/token_store.go TokenLength, TokenPrefixLength, MaxNsIdLength. */
const TOKEN_LENGTH = 24;
const SSC_MIN_LENGTH = 6 + TOKEN_LENGTH + 4;
/** Where a signed token's inner token starts (after version, HMAC and the token's tag and length), and the longest id written in place (one-byte lengths). */
const SSC_TOKEN_AT = 4 + 32 + 2;
const SSC_FAST_MAX = 125;

/** The secrets behind token strings; generated once per server from its Random. */
export interface TokenKeys {
  /** Salt of the token store's id/accessor index (Vault keeps a UUID in sys/token/salt). */
  salt: string;
  /** Key of the HMAC inside server-side-consistent tokens (Vault's header HMAC key). */
  sscHmacKey: string;
  /** AES-256 key standing in for the barrier that encrypts batch tokens. */
  batchKey: string;
}

export function newTokenKeys(random: Random): TokenKeys {
  return { salt: random.uuid(), sscHmacKey: random.hex(32), batchKey: random.hex(32) };
}

export function randomTokenPart(random: Random): string {
  return random.base62(TOKEN_LENGTH);
}

export function isSscToken(token: string): boolean {
  return token.length > SSC_MIN_LENGTH && token.startsWith(SERVICE_PREFIX);
}

export function isBatchToken(token: string): boolean {
  return token.startsWith(BATCH_PREFIX) || token.startsWith(LEGACY_BATCH_PREFIX);
}

/**
 * The HMACs behind token strings, their keys padded once (see HmacSha256): every login salts two ids
 * and signs one token.
 */
export class TokenHmacs {
  private readonly saltMac: HmacSha256;
  private readonly sscMac: HmacSha256;
  /**
   * A signed token is built here, its inner token last (from SSC_TOKEN_AT) and the HMAC written in front
   * of it: no buffer per login. SignedToken{TokenVersion: 1 (0x08 0x01), Hmac (0x12, 32, …), Token (0x1a,
   * length, tokens.Token{Random (0x0a, length, the id)})}.
   */
  private readonly ssc = Buffer.alloc(SSC_TOKEN_AT + 2 + SSC_FAST_MAX);
  constructor(private readonly keys: TokenKeys) {
    this.saltMac = new HmacSha256(Buffer.from(keys.salt, 'utf8'));
    this.sscMac = new HmacSha256(Buffer.from(keys.sscHmacKey, 'hex'));
    this.ssc.set([0x08, 0x01, 0x12, 32], 0);
    this.ssc[SSC_TOKEN_AT - 2] = 0x1a;
    this.ssc[SSC_TOKEN_AT] = 0x0a;
  }

  /** vault/token_store.go SaltID: SHA2-256 HMAC ("h" + hex) for ids with a dot, salted SHA1 otherwise. */
  saltId(id: string): string {
    if (id.includes('.')) return `h${this.saltMac.hex(id)}`;
    return hash('sha1', this.keys.salt + id, 'hex');
  }

  /** The 95-character client form of a generated, non-root service token. */
  encodeSscToken(innerId: string): string {
    const length = Buffer.byteLength(innerId, 'utf8');
    // Every generated id is short enough for one-byte lengths; anything longer takes the general writer.
    if (length > SSC_FAST_MAX) return this.encodeSscTokenSlow(Buffer.from(innerId, 'utf8'));
    const b = this.ssc;
    b[SSC_TOKEN_AT - 1] = 2 + length;
    b[SSC_TOKEN_AT + 1] = length;
    b.write(innerId, SSC_TOKEN_AT + 2, 'utf8');
    this.sscMac.macInto(b, SSC_TOKEN_AT, SSC_TOKEN_AT + 2 + length, b, 4);
    return SERVICE_PREFIX + b.toString('base64url', 0, SSC_TOKEN_AT + 2 + length);
  }

  private encodeSscTokenSlow(inner: Buffer): string {
    const token = new ProtoWriter().bytes(1, inner).finish();
    const mac = this.sscMac.bytes(token);
    const signed = new ProtoWriter().uint(1, 1).bytes(2, mac).bytes(3, token).finish();
    return SERVICE_PREFIX + signed.toString('base64url');
  }
}

/**
 * HMAC-SHA256 (RFC 2104) from two one-shot SHA-256 calls over buffers padded once: a login makes two
 * HMACs, and createHmac allocates a native object per call, which under load costs several times the
 * hashing itself. Messages longer than the scratch buffer take createHmac.
 */
export class HmacSha256 {
  private static readonly BLOCK = 64;
  private static readonly MAX_MESSAGE = 256;
  private readonly key: Buffer;
  private readonly inner = Buffer.alloc(HmacSha256.BLOCK + HmacSha256.MAX_MESSAGE);
  private readonly outer = Buffer.alloc(HmacSha256.BLOCK + 32);
  constructor(key: Buffer) {
    // Keys longer than a block are hashed first (RFC 2104 §2).
    this.key = key.length > HmacSha256.BLOCK ? hash('sha256', key, 'buffer') : key;
    for (let i = 0; i < HmacSha256.BLOCK; i++) {
      const k = i < this.key.length ? this.key[i]! : 0;
      this.inner[i] = k ^ 0x36;
      this.outer[i] = k ^ 0x5c;
    }
  }
  /** Views of the padded key plus a message of each length, made once: a subarray is an object per call. */
  private readonly innerViews: Buffer[] = [];
  private innerDigest(message: string | Buffer, start = 0, end = message.length): Buffer | undefined {
    const length = typeof message === 'string' ? Buffer.byteLength(message) : end - start;
    if (length > HmacSha256.MAX_MESSAGE) return undefined;
    if (typeof message === 'string') this.inner.write(message, HmacSha256.BLOCK, 'utf8');
    else message.copy(this.inner, HmacSha256.BLOCK, start, end);
    const view = (this.innerViews[length] ??= this.inner.subarray(0, HmacSha256.BLOCK + length));
    const digest = hash('sha256', view, 'buffer') as unknown as Buffer;
    digest.copy(this.outer, HmacSha256.BLOCK);
    return digest;
  }
  hex(message: string): string {
    if (!this.innerDigest(message)) return createHmac('sha256', this.key).update(message).digest('hex');
    return hash('sha256', this.outer, 'hex');
  }
  bytes(message: Buffer): Buffer {
    if (!this.innerDigest(message)) return createHmac('sha256', this.key).update(message).digest();
    return hash('sha256', this.outer, 'buffer') as unknown as Buffer;
  }
  /** The HMAC of source[start, end) written into target at offset (which may be source itself). */
  macInto(source: Buffer, start: number, end: number, target: Buffer, offset: number): void {
    const mac = this.innerDigest(source, start, end)
      ? (hash('sha256', this.outer, 'buffer') as unknown as Buffer)
      : createHmac('sha256', this.key).update(source.subarray(start, end)).digest();
    mac.copy(target, offset);
  }
}

/** The inner id of an SSC token, or undefined if it does not decode (Vault then uses the string as sent). */
export function decodeSscToken(token: string): string | undefined {
  if (!isSscToken(token)) return undefined;
  const suffix = token.slice(SERVICE_PREFIX.length);
  if (!/^[A-Za-z0-9_-]*$/.test(suffix)) return undefined;
  try {
    const signed = readProto(Buffer.from(suffix, 'base64url'));
    const inner = readProto(protoBytes(signed, 3));
    const random = protoString(inner, 1);
    return random === '' ? undefined : random;
  } catch {
    return undefined;
  }
}

/** What a batch token carries (the pb.TokenEntry fields Vault fills in token_store.go create). */
export interface BatchContents {
  parent: string;
  policies: string[];
  path: string;
  meta: Record<string, string> | null;
  display_name: string;
  creation_time: number;
  /** Seconds. */
  ttl: number;
  role: string;
  entity_id: string;
  /** Absent or empty: not bound. */
  bound_cidrs?: string[];
}

const BATCH_TYPE = 2;
const ROOT_NAMESPACE_ID = 'root';
/** vault/barrier_aes_gcm.go: a 4-byte key term and a version byte before the nonce. */
const BARRIER_TERM = 1;
const AES_GCM_VERSION = 2;

export function encodeBatchToken(keys: TokenKeys, random: Random, c: BatchContents): string {
  const plain = new ProtoWriter()
    .string(3, c.parent)
    .stringListOf(4, c.policies)
    .string(5, c.path)
    .stringMap(6, c.meta)
    .string(7, c.display_name)
    .uint(9, c.creation_time)
    .uint(10, BigInt(c.ttl) * 1_000_000_000n)
    .string(12, c.role)
    .string(14, c.entity_id)
    .stringListOf(15, c.bound_cidrs && c.ttl !== 0 ? c.bound_cidrs : [])
    .string(16, ROOT_NAMESPACE_ID)
    .uint(18, BATCH_TYPE)
    .finish();
  const nonce = random.bytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(keys.batchKey, 'hex'), nonce);
  const sealed = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  const header = Buffer.alloc(5);
  header.writeUInt32BE(BARRIER_TERM, 0);
  header[4] = AES_GCM_VERSION;
  return BATCH_PREFIX + Buffer.concat([header, nonce, sealed]).toString('base64url');
}

/** The contents of a batch token, or undefined when it does not decrypt (an invalid token). */
export function decodeBatchToken(keys: TokenKeys, token: string): BatchContents | undefined {
  const body = token.startsWith(BATCH_PREFIX) ? token.slice(BATCH_PREFIX.length) : token.slice(LEGACY_BATCH_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) return undefined;
  const raw = Buffer.from(body, 'base64url');
  if (raw.length < 5 + 12 + 16 || raw.readUInt32BE(0) !== BARRIER_TERM || raw[4] !== AES_GCM_VERSION) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(keys.batchKey, 'hex'), raw.subarray(5, 17));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const plain = Buffer.concat([decipher.update(raw.subarray(17, raw.length - 16)), decipher.final()]);
    const f = readProto(plain);
    const contents: BatchContents = {
      parent: protoString(f, 3),
      policies: protoStrings(f, 4),
      path: protoString(f, 5),
      meta: protoStringMap(f, 6),
      display_name: protoString(f, 7),
      creation_time: Number(protoInt(f, 9)),
      ttl: Number(protoInt(f, 10) / 1_000_000_000n),
      role: protoString(f, 12),
      entity_id: protoString(f, 14),
    };
    const boundCidrs = protoStrings(f, 15);
    if (boundCidrs.length > 0) contents.bound_cidrs = boundCidrs;
    return contents;
  } catch {
    return undefined;
  }
}
