// The HCL in the seed documents parses to what Vault's HCL1 reads from it.
import { describe, expect, it } from 'vitest';
import { filterItems } from '../../src/hcl/ast.js';
import { decodeBody, decodeHcl } from '../../src/hcl/decode.js';
import { parseHcl } from '../../src/hcl/parse.js';
import { seedPaymentsPolicy, seedServerConfig } from './seed-snippets.js';

describe('seed snippets', () => {
  it('reads the payments policy as four path rules, in order', () => {
    const root = parseHcl(seedPaymentsPolicy()).body;
    const rules = filterItems(root, 'path').items.map((item) => ({ path: item.keys[0]!.value, ...decodeBody(item.val) }));
    expect(rules).toEqual([
      { path: 'database/creds/app-readonly', capabilities: ['read'] },
      { path: 'database/creds/payments-readwrite', capabilities: ['read'] },
      { path: 'sys/leases/renew', capabilities: ['update'] },
      { path: 'sys/leases/revoke', capabilities: ['update'] },
    ]);
  });

  it('reads the same policy written as JSON identically', () => {
    const json = JSON.stringify({
      path: {
        'database/creds/app-readonly': { capabilities: ['read'] },
        'database/creds/payments-readwrite': { capabilities: ['read'] },
        'sys/leases/renew': { capabilities: ['update'] },
        'sys/leases/revoke': { capabilities: ['update'] },
      },
    });
    expect(decodeHcl(parseHcl(json))).toEqual(decodeHcl(parseHcl(seedPaymentsPolicy())));
  });

  it('reads the production server configuration', () => {
    expect(decodeHcl(parseHcl(seedServerConfig()))).toEqual({
      storage: [
        {
          raft: [
            {
              path: '/opt/vault/data',
              node_id: 'vault-1',
              retry_join: [{ leader_api_addr: 'https://vault-2.corp.local:8200' }, { leader_api_addr: 'https://vault-3.corp.local:8200' }],
            },
          ],
        },
      ],
      listener: [{ tcp: [{ address: '0.0.0.0:8200', tls_cert_file: '/opt/vault/tls/vault-cert.pem', tls_key_file: '/opt/vault/tls/vault-key.pem' }] }],
      seal: [{ awskms: [{ region: 'us-east-1', kms_key_id: 'alias/vault-unseal-key' }] }],
      api_addr: 'https://vault-1.corp.local:8200',
      cluster_addr: 'https://vault-1.corp.local:8201',
      telemetry: [{ prometheus_retention_time: '24h', disable_hostname: true }],
      ui: true,
    });
  });
});
