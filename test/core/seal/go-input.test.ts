// Go decoding rules the raw seal handlers rely on: hex-or-base64 keys and typed bodies.
import { describe, expect, it } from 'vitest';
import { decodeGoStruct, decodeKeyParam } from '../../../src/core/seal/go-input.js';
import { decodeGoBase64 } from '../../../src/core/system/go-base64.js';

describe('decodeGoBase64, as key shares and PGP keys use it', () => {
  it('decodes padded input, skips CR/LF, and fails where Go does', () => {
    expect(decodeGoBase64('QU\nJD\r\n')).toEqual({ bytes: Buffer.from('ABC') });
    expect(decodeGoBase64('QQ==')).toEqual({ bytes: Buffer.from('A') });
    const at = (s: string) => (decodeGoBase64(s) as { error: string }).error;
    expect(at('aGVsbG8')).toBe('illegal base64 data at input byte 4');
    expect(at('Q===')).toBe('illegal base64 data at input byte 1');
    expect(at('QU=I')).toBe('illegal base64 data at input byte 2');
    expect(at('QQ==QUJD')).toBe('illegal base64 data at input byte 4');
    expect(at('QUJD-_')).toBe('illegal base64 data at input byte 4');
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
