// sys/capabilities, sys/capabilities-self, sys/capabilities-accessor (vault/logical_system_paths.go
// capabilitiesPaths, vault/logical_system.go handleCapabilities/handleCapabilitiesAccessor,
// vault/capabilities.go). One key per path with its sorted capabilities, plus `capabilities` when
// exactly one path was asked; the top-level copy of `data` is the HTTP layer's.
import type { FieldData } from '../../framework/field-data.js';
import type { EngineRequest, PathSpec } from '../../framework/path.js';
import { codedError, errorResponse } from '../errors.js';
import { capabilityMessages as m } from '../policy/messages.js';
import type { LogicalResponse } from '../request.js';
import type { VaultCore } from '../vault-core.js';

/** Core.Capabilities: a missing path or an unknown token is a 400 (logical.StatusBadRequest, multierror-wrapped). */
function capabilitiesOf(core: VaultCore, token: string, path: string, now: number): string[] {
  if (path === '') throw codedError(400, m.missingPath);
  const entry = core.tokens.lookup(token, now);
  if (!entry) throw codedError(400, m.invalidToken);
  if (entry.policies.length === 0) return ['deny'];
  return core.capabilitiesOf(entry, path);
}

function handleCapabilities(core: VaultCore, req: EngineRequest, d: FieldData, token: string): LogicalResponse {
  // handleCapabilities returns this as a plain error: a 500.
  if (token === '') throw codedError(500, m.noToken);
  let paths = d.get<string[]>('paths');
  if (paths.length === 0) paths = d.get<string[]>('path');
  if (paths.length === 0) throw errorResponse(m.pathsRequired);
  const data: Record<string, unknown> = {};
  for (const path of paths) data[path] = capabilitiesOf(core, token, path, req.now);
  if (paths.length === 1) data.capabilities = data[paths[0]!];
  return { data };
}

/** The raw `token` value as sent; anything but a string counts as none. */
function rawToken(d: FieldData): string {
  const token = d.raw.token;
  return typeof token === 'string' ? token : '';
}

const pathFields = {
  path: { type: 'commaStringSlice' as const, description: "Use 'paths' instead." },
  paths: { type: 'commaStringSlice' as const, description: 'Paths on which capabilities are being queried.' },
};

export function capabilitiesPaths(core: VaultCore): PathSpec[] {
  return [
    {
      pattern: 'capabilities-accessor',
      fields: { accessor: { type: 'string', description: 'Accessor of the token for which capabilities are being queried.' }, ...pathFields },
      operations: {
        update: (req, d) => {
          const accessor = d.get<string>('accessor');
          if (accessor === '') throw errorResponse(m.missingAccessor);
          const tokenId = core.tokens.tokenIdForAccessor(accessor, req.now);
          if (tokenId === undefined) throw codedError(400, m.invalidAccessor);
          return handleCapabilities(core, req, d, tokenId);
        },
      },
      help: { synopsis: 'Fetches the capabilities of the token associated with the given accessor on the given paths.' },
    },
    {
      pattern: 'capabilities',
      fields: { token: { type: 'string', description: 'Token for which capabilities are being queried.' }, ...pathFields },
      operations: { update: (req, d) => handleCapabilities(core, req, d, rawToken(d)) },
      help: { synopsis: 'Fetches the capabilities of the given token on the given paths.' },
    },
    {
      pattern: 'capabilities-self',
      fields: { token: { type: 'string', description: 'Token for which capabilities are being queried.' }, ...pathFields },
      operations: { update: (req, d) => handleCapabilities(core, req, d, req.clientToken) },
      help: { synopsis: "Fetches the capabilities of the caller's token on the given paths." },
    },
  ];
}
