// sys/tools/random[/:source][/:bytes] and sys/tools/hash[/:algorithm] (helper/random/random_api.go
// HandleRandomAPI, vault/logical_system.go pathHashWrite). Random bytes come from the core's Random,
// so a seeded emulator answers reproducibly.
import { createHash } from 'node:crypto';
import type { PathSpec } from '../../framework/path.js';
import { errorResponse } from '../errors.js';
import type { LogicalResponse } from '../request.js';
import type { VaultCore } from '../vault-core.js';
import { decodeGoBase64 } from './go-base64.js';
import { toolMessages as t } from './messages.js';

/** helper/random APIMaxBytes. */
const MAX_RANDOM_BYTES = 128 * 1024;
const RANDOM_PATTERN = 'tools/random(/(?<source>\\w(([\\w\\-.]+)?\\w)?))?(/(?<urlbytes>.+))?';
const HASH_PATTERN = 'tools/hash(/(?<urlalgorithm>.+))?';
const SOURCES = ['', 'platform', 'seal', 'all'];
/** Vault's algorithm names → Node's. */
const ALGORITHMS: Record<string, string> = {
  'sha2-224': 'sha224',
  'sha2-256': 'sha256',
  'sha2-384': 'sha384',
  'sha2-512': 'sha512',
  'sha3-224': 'sha3-224',
  'sha3-256': 'sha3-256',
  'sha3-384': 'sha3-384',
  'sha3-512': 'sha3-512',
};

/** Go's strconv.Atoi error text, or the value. */
export function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (Math.abs(n) >= 2 ** 63) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

export function toolsPaths(core: VaultCore): PathSpec[] {
  return [
    {
      pattern: HASH_PATTERN,
      fields: {
        input: { type: 'string', description: 'Base64-encoded input data.' },
        algorithm: { type: 'string', default: 'sha2-256', description: 'sha2-224, sha2-256, sha2-384, sha2-512 or sha3-*.' },
        urlalgorithm: { type: 'string', description: 'Algorithm given in the URL.' },
        format: { type: 'string', default: 'hex', description: '"hex" or "base64".' },
      },
      operations: {
        // URL captures always replace body values (a group that did not match captures ""),
        // so `urlalgorithm`, `source` and `urlbytes` below are what the URL said.
        update: (_req, d): LogicalResponse => {
          const algorithm = d.get<string>('urlalgorithm') || d.get<string>('algorithm');
          const format = d.get<string>('format');
          const decoded = decodeGoBase64(d.get<string>('input'));
          if ('error' in decoded) throw errorResponse(t.base64Input(decoded.error));
          if (format !== 'hex' && format !== 'base64') throw errorResponse(t.hashFormat(format));
          const nodeName = ALGORITHMS[algorithm];
          if (!nodeName) throw errorResponse(t.hashAlgorithm(algorithm));
          const sum = createHash(nodeName).update(decoded.bytes).digest(format);
          return { data: { sum } };
        },
      },
      help: { synopsis: 'Generate a hash sum for input data' },
    },
    {
      pattern: RANDOM_PATTERN,
      fields: {
        urlbytes: { type: 'string', description: 'Byte count given in the URL.' },
        bytes: { type: 'int', default: 32, description: 'Number of bytes (default 32).' },
        format: { type: 'string', default: 'base64', description: '"hex" or "base64".' },
        source: { type: 'string', default: 'platform', description: '"platform", "seal" or "all".' },
      },
      operations: {
        update: (_req, d): LogicalResponse => {
          const urlSource = d.get<string>('source');
          const urlBytes = d.get<string>('urlbytes');
          let source = 'platform';
          let bytes: number;
          try {
            if (urlSource === '') bytes = d.get<number>('bytes');
            else if (urlBytes === '' && SOURCES.includes(urlSource)) {
              source = urlSource;
              bytes = d.get<number>('bytes');
            } else if (urlBytes === '') bytes = atoi(urlSource);
            else {
              source = urlSource;
              bytes = atoi(urlBytes);
            }
          } catch (e) {
            throw errorResponse(t.byteCount((e as Error).message));
          }
          const format = d.get<string>('format');
          if (bytes < 1) throw errorResponse(t.bytesTooFew);
          if (bytes > MAX_RANDOM_BYTES) throw errorResponse(t.bytesTooMany(MAX_RANDOM_BYTES));
          if (format !== 'hex' && format !== 'base64') throw errorResponse(t.randomFormat(format));
          if (!SOURCES.includes(source)) throw errorResponse(t.entropySource(source));
          // There is no seal entropy augmentation on this server: every source reads the platform's.
          const randomBytes = core.random.bytes(bytes).toString(format);
          return { data: { random_bytes: randomBytes }, warnings: source === 'seal' ? [t.noSealEntropy] : [] };
        },
      },
      help: { synopsis: 'Generate random bytes' },
    },
  ];
}
