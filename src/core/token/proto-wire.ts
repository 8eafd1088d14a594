// Just enough of the protobuf wire format (varints and length-delimited fields) to build and read
// Vault's token messages: tokens.SignedToken / tokens.Token (vault/tokens/token.proto) and
// pb.TokenEntry (sdk/plugin/pb/backend.proto) inside batch tokens.

export class ProtoWriter {
  private readonly parts: Buffer[] = [];

  private varint(value: bigint): void {
    const out: number[] = [];
    let v = value;
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v > 0n) byte |= 0x80;
      out.push(byte);
    } while (v > 0n);
    this.parts.push(Buffer.from(out));
  }

  private key(field: number, wireType: 0 | 2): void {
    this.varint(BigInt((field << 3) | wireType));
  }

  /** A varint field; proto3 leaves out zero values. */
  uint(field: number, value: number | bigint): this {
    const v = BigInt(value);
    if (v === 0n) return this;
    this.key(field, 0);
    // int64 negatives are ten-byte two's complement varints.
    this.varint(v < 0n ? v + (1n << 64n) : v);
    return this;
  }

  bytes(field: number, value: Buffer): this {
    if (value.length === 0) return this;
    this.key(field, 2);
    this.varint(BigInt(value.length));
    this.parts.push(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, Buffer.from(value, 'utf8'));
  }

  /** A repeated string field: one length-delimited entry per item. */
  stringListOf(field: number, items: string[]): this {
    for (const item of items) {
      const value = Buffer.from(item, 'utf8');
      this.key(field, 2);
      this.varint(BigInt(value.length));
      this.parts.push(value);
    }
    return this;
  }

  /** A map<string,string> entry per key (each an embedded message with fields 1 and 2). */
  stringMap(field: number, map: Record<string, string> | null): this {
    for (const [k, v] of Object.entries(map ?? {})) {
      const entry = new ProtoWriter().string(1, k).string(2, v).finish();
      this.key(field, 2);
      this.varint(BigInt(entry.length));
      this.parts.push(entry);
    }
    return this;
  }

  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}

export type ProtoValue = bigint | Buffer;

/** Field number → values in order; throws on anything malformed or on wire types we never write. */
export function readProto(buf: Buffer): Map<number, ProtoValue[]> {
  const fields = new Map<number, ProtoValue[]>();
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= buf.length || shift > 63n) throw new Error('truncated varint');
      const byte = buf[pos++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  };
  while (pos < buf.length) {
    const key = Number(varint());
    const field = key >> 3;
    const wireType = key & 7;
    let value: ProtoValue;
    if (wireType === 0) value = varint();
    else if (wireType === 2) {
      const len = Number(varint());
      if (pos + len > buf.length) throw new Error('truncated field');
      value = buf.subarray(pos, pos + len);
      pos += len;
    } else throw new Error(`unsupported wire type ${wireType}`);
    const list = fields.get(field) ?? [];
    list.push(value);
    fields.set(field, list);
  }
  return fields;
}

export function protoString(fields: Map<number, ProtoValue[]>, field: number): string {
  const v = fields.get(field)?.at(-1);
  return Buffer.isBuffer(v) ? v.toString('utf8') : '';
}

export function protoStrings(fields: Map<number, ProtoValue[]>, field: number): string[] {
  return (fields.get(field) ?? []).filter(Buffer.isBuffer).map((b) => b.toString('utf8'));
}

export function protoInt(fields: Map<number, ProtoValue[]>, field: number): bigint {
  const v = fields.get(field)?.at(-1);
  if (typeof v !== 'bigint') return 0n;
  return v >= 1n << 63n ? v - (1n << 64n) : v;
}

export function protoBytes(fields: Map<number, ProtoValue[]>, field: number): Buffer {
  const v = fields.get(field)?.at(-1);
  return Buffer.isBuffer(v) ? v : Buffer.alloc(0);
}

export function protoStringMap(fields: Map<number, ProtoValue[]>, field: number): Record<string, string> | null {
  const entries = (fields.get(field) ?? []).filter(Buffer.isBuffer);
  if (entries.length === 0) return null;
  const out: Record<string, string> = {};
  for (const entry of entries) {
    const kv = readProto(entry);
    out[protoString(kv, 1)] = protoString(kv, 2);
  }
  return out;
}
