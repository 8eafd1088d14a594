// config/:name, config/ (LIST) and reset/:name (builtin/logical/database/path_config_connection.go).
import { DatabasePluginError } from '../../backends/database/database-backend.js';
import { errorResponse } from '../../core/errors.js';
import type { LogicalResponse } from '../../core/request.js';
import { genericName, type PathSpec } from '../../framework/path.js';
import { readConfig, type Connections, type DatabaseConfig } from './connections.js';
import { dbMessages as m } from './messages.js';

/** Engine-level parameters; everything else in the body is connection_details for the plugin. */
const ENGINE_KEYS = ['name', 'plugin_name', 'plugin_version', 'allowed_roles', 'verify_connection', 'root_rotation_statements', 'password_policy'];

export function configConnectionPaths(connections: Connections): PathSpec[] {
  return [
    {
      pattern: 'config/?',
      operations: {
        list: (req) => ({ data: { keys: req.storage.list('config/') } }),
      },
      help: { synopsis: 'Configure connection details to a database plugin.' },
    },
    {
      pattern: `config/${genericName('name')}`,
      fields: {
        name: { type: 'string', description: 'Name of this database connection' },
        plugin_name: { type: 'string', description: 'The name of a builtin or previously registered plugin known to vault.' },
        plugin_version: { type: 'string', description: 'The version of the plugin to use.' },
        verify_connection: { type: 'bool', default: true, description: 'If true, the connection details are verified by actually connecting to the database.' },
        allowed_roles: { type: 'commaStringSlice', description: 'Role names allowed to get creds from this connection; "*" allows all; globs allowed.' },
        root_rotation_statements: { type: 'stringSlice', description: "Statements run to rotate the root user's credentials." },
        password_policy: { type: 'string', description: 'Password policy to use when generating passwords.' },
      },
      // Plugin parameters are unknown to the path and reported as ignored, as in Vault 1.17.
      existenceCheck: (req, d) => {
        const name = d.get<string>('name');
        if (name === '') throw new Error(m.missingNameParameter);
        return readConfig(req.storage, name) !== undefined;
      },
      operations: {
        create: (req, d) => writeConfig(connections, req, d, 'create'),
        update: (req, d) => writeConfig(connections, req, d, 'update'),
        read: (req, d) => {
          const name = d.get<string>('name');
          if (name === '') throw errorResponse(m.emptyName);
          const config = readConfig(req.storage, name);
          if (!config) return undefined;
          const details = { ...config.connection_details };
          if (typeof details.connection_url === 'string') details.connection_url = redactUrl(details.connection_url);
          delete details.password;
          delete details.private_key;
          delete details.service_account_json;
          return { data: { ...config, connection_details: details } };
        },
        delete: async (req, d) => {
          const name = d.get<string>('name');
          if (name === '') throw errorResponse(m.emptyName);
          req.storage.delete(`config/${name}`);
          await connections.clear(name);
          return undefined;
        },
      },
      help: { synopsis: 'Configure connection details to a database plugin.' },
    },
    {
      pattern: `reset/${genericName('name')}`,
      fields: { name: { type: 'string', description: 'Name of this database connection' } },
      operations: {
        update: async (req, d) => {
          const name = d.get<string>('name');
          if (name === '') throw errorResponse(m.emptyName);
          await connections.clear(name);
          await connections.get(req.storage, name);
          return undefined;
        },
      },
      help: { synopsis: 'Resets a database plugin.' },
    },
  ];
}

type FieldData = Parameters<NonNullable<PathSpec['operations']['update']>>[1];
type Req = Parameters<NonNullable<PathSpec['operations']['update']>>[0];

async function writeConfig(connections: Connections, req: Req, d: FieldData, op: 'create' | 'update'): Promise<LogicalResponse | undefined> {
  const name = d.get<string>('name');
  if (name === '') throw errorResponse(m.emptyName);
  const stored = readConfig(req.storage, name);
  const config: DatabaseConfig = stored ?? {
    plugin_name: '',
    plugin_version: '',
    connection_details: {},
    allowed_roles: [],
    root_credentials_rotate_statements: [],
    password_policy: '',
    verify_connection: true,
  };
  const isCreate = op === 'create';
  const pick = <T>(field: string, apply: (v: T) => void) => {
    if (d.has(field) || isCreate) apply(d.get<T>(field));
  };
  pick<boolean>('verify_connection', (v) => (config.verify_connection = v));
  pick<string>('plugin_name', (v) => (config.plugin_name = v));
  if (config.plugin_name === '') throw errorResponse(m.emptyPluginName);
  if (d.has('plugin_version')) {
    const version = d.get<string>('plugin_version');
    if (version !== '' && !/^v?\d+(\.\d+){0,2}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(version)) throw errorResponse(m.invalidVersion(version));
    config.plugin_version = version === '' ? '' : version.startsWith('v') ? version : `v${version}`;
  }
  pick<string[]>('allowed_roles', (v) => (config.allowed_roles = v));
  pick<string[]>('root_rotation_statements', (v) => (config.root_credentials_rotate_statements = v));
  if (d.has('password_policy')) config.password_policy = d.get<string>('password_policy');

  const details: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(req.data)) if (!ENGINE_KEYS.includes(k)) details[k] = v;
  config.connection_details = isCreate ? details : { ...config.connection_details, ...details };

  const backend = connections.create(config.plugin_name, name);
  if (!backend) throw errorResponse(m.creatingObject(m.pluginNotFound(config.plugin_name)));
  try {
    const init = await backend.initialize({ config: config.connection_details, verifyConnection: config.verify_connection });
    config.connection_details = init.config;
  } catch (e) {
    await backend.close();
    if (e instanceof DatabasePluginError) throw errorResponse(m.creatingObject(e.message));
    throw e;
  }
  connections.put(name, backend);
  req.storage.put(`config/${name}`, config);

  const warnings: string[] = [];
  const url = config.connection_details.connection_url;
  if (typeof url === 'string' && urlHasPassword(url)) warnings.push(m.passwordInUrl);
  return warnings.length > 0 ? { warnings } : undefined;
}

/** Go's url.Parse: only URLs it accepts are redacted; a templated URL or a MySQL DSN comes back as is. */
function parseGoUrl(raw: string): URL | undefined {
  if (/[{}\s]/.test(raw.split('@')[0] ?? '') || raw.includes('(')) return undefined;
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

function urlHasPassword(raw: string): boolean {
  const url = parseGoUrl(raw);
  return !!url && url.password !== '';
}

/** url.URL.Redacted(): the password becomes `xxxxx`. */
function redactUrl(raw: string): string {
  const url = parseGoUrl(raw);
  if (!url || url.password === '') return raw;
  const at = raw.indexOf('@', raw.indexOf('://') + 3);
  const userinfo = raw.slice(raw.indexOf('://') + 3, at);
  const colon = userinfo.indexOf(':');
  return `${raw.slice(0, raw.indexOf('://') + 3)}${userinfo.slice(0, colon)}:xxxxx${raw.slice(at)}`;
}
