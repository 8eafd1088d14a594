// The audit device table and the fan-out of entries to its devices (vault/audit.go, audit/broker.go).
// The table lives in storage at core/audit, like the mount tables; each device's salt at audit/<uuid>/salt.
import type { Clock } from '../clock.js';
import type { Random } from '../random.js';
import type { Storage } from '../storage.js';
import { formatEntry, type AuditEvent, type FormatterConfig } from './entry.js';
import { saltedHmac, type HashFn } from './hash.js';
import { parseGoBool } from '../../framework/field-types.js';
import { AuditConfigError, fileMode, formatterConfig, INVALID_CONFIGURATION, writeTimeoutMs } from './options.js';
import { discardSink, fileSink, socketSink, stdoutSink, type AuditSink } from './sinks.js';

export interface AuditTableEntry {
  table: 'audit';
  path: string;
  type: string;
  description: string;
  accessor: string;
  uuid: string;
  options: Record<string, string>;
  local: boolean;
}

interface Device {
  entry: AuditTableEntry;
  config: FormatterConfig;
  sink: AuditSink;
  hash?: HashFn;
}

const TABLE_KEY = 'core/audit';
const DEVICE_TYPES = new Set(['file', 'socket']);
const ENTERPRISE_OPTIONS = ['exclude', 'fallback', 'filter'];

/** Thrown when no device could write an entry; the request then fails with 500 `internal error`. */
export class AuditWriteError extends Error {}

export class AuditBroker {
  private devices = new Map<string, Device>();

  constructor(
    private readonly storage: Storage,
    private readonly random: Random,
    private readonly clock: Clock,
  ) {}

  /** Whether any device is enabled; the request path checks this before building anything. */
  get enabled(): boolean {
    return this.devices.size > 0;
  }

  entries(): AuditTableEntry[] {
    return this.storage.get<{ entries: AuditTableEntry[] }>(TABLE_KEY)?.entries ?? [];
  }

  private persist(entries: AuditTableEntry[]): void {
    this.storage.put(TABLE_KEY, { type: 'audit', entries });
  }

  /** Opens devices listed in storage but not open, closes those no longer listed (after a restore). */
  reconcile(): void {
    const listed = new Map(this.entries().map((e) => [e.uuid, e]));
    for (const [uuid, device] of this.devices) {
      if (!listed.has(uuid)) {
        device.sink.close();
        this.devices.delete(uuid);
      }
    }
    for (const [uuid, entry] of listed) {
      if (this.devices.has(uuid)) continue;
      try {
        this.devices.set(uuid, this.createDevice(entry));
      } catch {
        // Vault fails the unseal here; the emulator leaves the device out rather than stop serving.
      }
    }
  }

  /** Core.enableAudit; errors carry Vault's full message. */
  async enable(input: { path: string; type: string; description: string; options: Record<string, string>; local: boolean }): Promise<void> {
    if (!DEVICE_TYPES.has(input.type)) throw new AuditConfigError(`unknown backend type: ${JSON.stringify(input.type)}: ${INVALID_CONFIGURATION}`);
    const options = { ...input.options };
    if (ENTERPRISE_OPTIONS.some((o) => o in options)) throw new AuditConfigError(`enterprise-only options supplied: ${INVALID_CONFIGURATION}`);
    const path = input.path.endsWith('/') ? input.path : `${input.path}/`;
    if (path === '/') throw new AuditConfigError(`backend path must be specified: ${INVALID_CONFIGURATION}`);
    if (options.skip_test !== undefined) {
      const skip = parseGoBool(options.skip_test);
      if (skip === undefined) throw new AuditConfigError(`cannot parse supplied 'skip_test' setting: ${INVALID_CONFIGURATION}`);
      options.skip_test = String(skip);
    }
    const entries = this.entries();
    if (entries.some((e) => e.path.startsWith(path) || path.startsWith(e.path))) throw new AuditConfigError(`path already in use: ${INVALID_CONFIGURATION}`);
    const entry: AuditTableEntry = {
      table: 'audit',
      path,
      type: input.type,
      description: input.description,
      accessor: `audit_${input.type}_${this.random.hex(4)}`,
      uuid: this.random.uuid(),
      options,
      local: input.local,
    };
    let device: Device;
    try {
      device = this.createDevice(entry);
    } catch (err) {
      throw new AuditConfigError(`unable to create new audit backend: ${(err as Error).message}`);
    }
    if (options.skip_test !== 'true') {
      try {
        await device.sink.write(this.testProbe(device.config));
      } catch (err) {
        device.sink.close();
        throw new AuditConfigError(`audit backend failed test message: ${(err as Error).message}`);
      }
    }
    this.devices.set(entry.uuid, device);
    this.persist([...entries, entry]);
  }

  /** Core.disableAudit; false when nothing was mounted there. */
  disable(rawPath: string): boolean {
    const path = rawPath.endsWith('/') ? rawPath : `${rawPath}/`;
    const entries = this.entries();
    const entry = entries.find((e) => e.path === path);
    if (!entry) return false;
    this.persist(entries.filter((e) => e !== entry));
    this.devices.get(entry.uuid)?.sink.close();
    this.devices.delete(entry.uuid);
    this.storage.delete(`audit/${entry.uuid}/salt`);
    return true;
  }

  /** Broker.GetHash: the string as the device at `path` would log it. */
  hash(path: string, input: string): string {
    const device = [...this.devices.values()].find((d) => d.entry.path === path);
    if (!device) throw new AuditConfigError(`unknown audit backend ${JSON.stringify(path)}`);
    return this.hasher(device)(input);
  }

  /** LogRequest/LogResponse: every device gets the entry; at least one must take it. */
  async log(event: AuditEvent): Promise<void> {
    if (this.devices.size === 0) return;
    let written = 0;
    for (const device of this.devices.values()) {
      try {
        await device.sink.write(formatEntry(event, device.config, this.hasher(device)));
        written++;
      } catch {
        // One failed device does not fail the request while another one wrote the entry.
      }
    }
    if (written === 0) throw new AuditWriteError('no audit device could write the entry');
  }

  /** The device's salt: a UUID made on first use and kept in its storage view. */
  private hasher(device: Device): HashFn {
    if (!device.hash) {
      const key = `audit/${device.entry.uuid}/salt`;
      let salt = this.storage.get<string>(key);
      if (salt === undefined) this.storage.put(key, (salt = this.random.uuid()));
      device.hash = saltedHmac(salt);
    }
    return device.hash;
  }

  /** generateAuditTestProbe, formatted with a throwaway salt (there is nothing to hash in it). */
  private testProbe(config: FormatterConfig): string {
    const probe: AuditEvent = {
      type: 'request',
      time: this.clock.now(),
      request: { id: this.random.uuid(), operation: 'update', path: 'sys/audit/test', clientToken: '', clientTokenAccessor: '', data: {}, routed: false },
    };
    return formatEntry(probe, config, saltedHmac(this.random.uuid()));
  }

  private createDevice(entry: AuditTableEntry): Device {
    const o = entry.options;
    if (entry.type === 'file') {
      const filePath = o.file_path ?? o.path;
      if (filePath === undefined) throw new AuditConfigError(`"file_path" is required: ${INVALID_CONFIGURATION}`);
      const config = formatterConfig(o);
      const target = filePath.trim();
      if (target === '') throw new AuditConfigError(`file path is required: ${INVALID_CONFIGURATION}`);
      if (target.toLowerCase() === 'stdout') return { entry, config, sink: stdoutSink };
      if (target.toLowerCase() === 'discard') return { entry, config, sink: discardSink };
      let mode: number | undefined;
      try {
        mode = fileMode(o);
      } catch (err) {
        throw new AuditConfigError(`file sink creation failed for path ${JSON.stringify(target)}: ${(err as Error).message}`);
      }
      return { entry, config, sink: fileSink(target, mode) };
    }
    const config = formatterConfig(o);
    if (o.address === undefined) throw new AuditConfigError(`"address" is required: ${INVALID_CONFIGURATION}`);
    const address = o.address.trim();
    if (address === '') throw new AuditConfigError(`"address" cannot be empty: ${INVALID_CONFIGURATION}`);
    const socketType = (o.socket_type ?? 'tcp').trim() || 'tcp';
    return { entry, config, sink: socketSink(address, socketType, writeTimeoutMs(o)) };
  }
}
