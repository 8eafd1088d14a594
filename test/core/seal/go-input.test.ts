// Go decoding rules the raw seal handlers rely on: base64 offsets, hex-or-base64 keys, typed bodies.
import { describe, expect, it } from 'vitest';
import { decodeGoStruct, decodeKeyParam, goBase64Decode } from '../../../src/core/seal/go-input.js';

const errorAt = (s: string) => {
  const r = goBase64Decode(s);
  return 'errorAt' in r ? r.errorAt : undefined;
};

describe('goBase64Decode (encoding/base64 StdEncoding)', () => {
  it('decodes padded input and skips CR/LF', () => {
    expect(goBase64Decode('QUJD')).toEqual({ bytes: Buffer.from('ABC') });
    expect(goBase64Decode('QUI=')).toEqual({ bytes: Buffer.from('AB') });
    expect(goBase64Decode('QQ==')).toEqual({ bytes: Buffer.from('A') });
    expect(goBase64Decode('QU\nJD\r\n')).toEqual({ bytes: Buffer.from('ABC') });
    expect(goBase64Decode('')).toEqual({ bytes: Buffer.alloc(0) });
  });

  it('reports the offset Go reports', () => {
    expect(errorAt('aGVsbG8')).toBe(4); // missing padding: start of the short quantum
    expect(errorAt('QUJD!')).toBe(4);
    expect(errorAt('Q===')).toBe(1);
    expect(errorAt('QU=I')).toBe(2);
    expect(errorAt('QU=')).toBe(3);
    expect(errorAt('QQ==QUJD')).toBe(4);
    expect(errorAt('QUJD-_')).toBe(4); // URL-safe alphabet is not StdEncoding
  });
});

describe('decodeKeyParam', () => {
  it('takes hex when it decodes to 16..33 bytes, otherwise base64', () => {
    const key = Buffer.alloc(32, 7);
    expect(decodeKeyParam(key.toString('hex'))!.equals(key)).toBe(true);
    expect(decodeKeyParam(key.toString('base64'))!.equals(key)).toBe(true);
    // 32 hex digits (16 bytes) are hex; 64 chars of valid hex that are also base64 stay hex.
    expect(decodeKeyParam('00'.repeat(16))!.length).toBe(16);
    // Too long for hex (40 bytes): read as base64 instead.
    expect(decodeKeyParam('ab'.repeat(40))!.length).toBe(60);
    expect(decodeKeyParam('not a key!')).toBeUndefined();
  });
});

describe('decodeGoStruct', () => {
  const S = { name: 'UnsealRequest', fields: { Key: 'string', Reset: 'bool' } } as const;

  it('matches field names case-insensitively and ignores unknown keys', () => {
    expect(decodeGoStruct({ key: 'abc', RESET: true, other: 1 }, S)).toEqual({ Key: 'abc', Reset: true });
    expect(decodeGoStruct({}, S)).toEqual({ Key: '', Reset: false });
    expect(decodeGoStruct({ key: null }, S)).toEqual({ Key: '', Reset: false });
  });

  it('reports the first type mismatch as encoding/json does', () => {
    expect(() => decodeGoStruct({ key: 5, reset: 'yes' }, S)).toThrow(
      'failed to parse JSON input: json: cannot unmarshal number into Go struct field UnsealRequest.Key of type string',
    );
    const I = { name: 'InitRequest', fields: { secret_shares: 'int', pgp_keys: '[]string' } } as const;
    expect(() => decodeGoStruct({ secret_shares: '3' }, I)).toThrow(
      'json: cannot unmarshal string into Go struct field InitRequest.secret_shares of type int',
    );
    expect(() => decodeGoStruct({ secret_shares: 1.5 }, I)).toThrow('json: cannot unmarshal number 1.5 into Go struct field InitRequest.secret_shares of type int');
    expect(() => decodeGoStruct({ pgp_keys: 'k' }, I)).toThrow('json: cannot unmarshal string into Go struct field InitRequest.pgp_keys of type []string');
    expect(() => decodeGoStruct({ pgp_keys: [1] }, I)).toThrow('json: cannot unmarshal number into Go struct field InitRequest.pgp_keys of type string');
  });
});
