// hvac 0.11.2 (Debian's python3-hvac, run with /usr/bin/python3) against a live emulator.
// The scenarios are Python files in ./hvac; each prints one JSON document of step outcomes.
import { describe, expect, it } from 'vitest';
import { ROOT, liveEmu } from '../helpers/emulator.js';
import { hvacScenario } from '../helpers/clients.js';


/** Runs a scenario without blocking the event loop the in-process server answers on. */

describe('hvac', () => {
  it('sys: HEAD and GET health, enable and list secrets engines, errors as exceptions', async () => {
    const emu = await liveEmu();
    const r = await hvacScenario('sys_flow.py', emu.url, { MOUNT: 'hvac-kv' });
    expect(r.head_health).toEqual({ ok: true, value: { status: 200, body: '', content_type: 'application/json' } });
    expect(r.get_health).toEqual({ ok: true, value: { initialized: true, sealed: false, version: '1.17.6' } });
    expect(r.is_initialized).toEqual({ ok: true, value: true });
    expect(r.is_sealed).toEqual({ ok: true, value: false });
    expect(r.enable).toEqual({ ok: true, value: 204 });
    expect(r.enable_again).toEqual({ ok: false, error: 'InvalidRequest', errors: ['path is already in use at hvac-kv/'] });
    expect(r.list_mounts).toEqual({ ok: true, value: { type: 'kv', description: 'hvac test', options: { version: '1' }, top_level: true } });
    expect(r.disable).toEqual({ ok: true, value: 204 });
    expect(r.bad_token).toEqual({ ok: false, error: 'Forbidden', errors: ['2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n'] });
  }, 30000);

  it('KV v1 and v2 on one keep-alive session: create, read, LIST, delete', async () => {
    const emu = await liveEmu();
    const r = await hvacScenario('kv_flow.py', emu.url, { V1_MOUNT: 'hvac-v1', V2_MOUNT: 'hvac-v2' });
    expect(r.v1_create).toEqual({ ok: true, value: 204 });
    expect(r.v1_create_put).toEqual({ ok: true, value: 204 });
    expect(r.v1_read).toEqual({ ok: true, value: { user: 'u', n: 1 } });
    expect(r.v1_list_root).toEqual({ ok: true, value: { keys: ['app/'] } });
    expect(r.v1_list).toEqual({ ok: true, value: { keys: ['api', 'db'] } });
    expect(r.v1_delete).toEqual({ ok: true, value: 204 });
    expect(r.v1_read_deleted).toEqual({ ok: false, error: 'InvalidPath', errors: [] });
    expect(r.v1_list_empty).toEqual({ ok: false, error: 'InvalidPath', errors: [] });
    expect(r.v2_create).toEqual({ ok: true, value: 1 });
    expect(r.v2_update).toEqual({ ok: true, value: 2 });
    expect(r.v2_create_two).toEqual({ ok: true, value: 1 });
    expect(r.v2_read).toEqual({ ok: true, value: { a: '2' } });
    expect(r.v2_read_v1).toEqual({ ok: true, value: { a: '1' } });
    expect(r.v2_list).toEqual({ ok: true, value: { keys: ['one', 'two'] } });
    expect(r.v2_list_root).toEqual({ ok: true, value: { keys: ['svc/'] } });
  }, 30000);

  it('init and unseal on a server started sealed (dev: false): initialize, two of three shares, root token works', async () => {
    const emu = await liveEmu({ dev: false, rootToken: undefined });
    const r = await hvacScenario('init_flow.py', emu.url, {});
    expect(r.initialized_before).toEqual({ ok: true, value: false });
    expect(r.sealed_before).toEqual({ ok: true, value: true });
    expect(r.initialize).toEqual({ ok: true, value: { keys: 3, keys_base64: 3, root_prefix: 'hvs.', root_len: 28 } });
    expect(r.initialize_again).toEqual({ ok: false, error: 'InvalidRequest', errors: ['Vault is already initialized'] });
    expect(r.first_share).toEqual({ ok: true, value: { sealed: true, progress: 1, t: 2, n: 3 } });
    expect(r.second_share).toEqual({ ok: true, value: { sealed: false, progress: 0 } });
    expect(r.mounts_with_root_token).toEqual({ ok: true, value: ['cubbyhole/', 'identity/', 'sys/'] });
  }, 30000);
});
