// Username templates as Vault's plugins render them: the defaults of postgresql-database-plugin and
// the MySQL family with their truncation, custom username_template, and text/template's errors.
import { describe, expect, it } from 'vitest';
import { DatabasePluginError } from '../../../src/backends/database/database-backend.js';
import { MYSQL_LEGACY_USERNAME_TEMPLATE, MYSQL_USERNAME_TEMPLATE, MySqlDatabaseBackend } from '../../../src/backends/database/mysql.js';
import { PostgresDatabaseBackend } from '../../../src/backends/database/postgres.js';
import { goUuid, UsernameTemplate, type TemplateEnv } from '../../../src/backends/database/username-template.js';
import { SeededRandom } from '../../../src/core/random.js';

const POSTGRES_TEMPLATE = '{{ printf "v-%s-%s-%s-%s" (.DisplayName | truncate 8) (.RoleName | truncate 8) (random 20) (unix_time) | truncate 63 }}';
const NOW = Date.UTC(2030, 0, 2, 3, 4, 5, 678); // unix 1893553445

function env(seed = 1): TemplateEnv {
  const random = new SeededRandom(seed);
  return { base62: (n) => random.base62(n), uuid: () => goUuid(random), now: NOW };
}

const render = (template: string, DisplayName: string, RoleName: string, e = env()) => UsernameTemplate.parse(template).generate({ DisplayName, RoleName }, e);

describe('default username templates', () => {
  it('postgresql: v-<display 8>-<role 8>-<20 random>-<unix time>, at most 63 bytes', () => {
    const name = render(POSTGRES_TEMPLATE, 'token', 'app-readonly');
    expect(name).toMatch(/^v-token-app-read-[A-Za-z0-9]{20}-1893553445$/);
    const long = render(POSTGRES_TEMPLATE, 'oidc-very-long-display-name', 'a-very-long-role-name');
    expect(long).toMatch(/^v-oidc-ver-a-very-l-[A-Za-z0-9]{20}-1893553445$/);
    expect(long).toHaveLength(51);
  });

  it('mysql-database-plugin: 32 bytes, so the unix time and part of the random run are cut', () => {
    const name = render(MYSQL_USERNAME_TEMPLATE, 'token', 'app-readonly');
    expect(name).toMatch(/^v-token-app-readon-[A-Za-z0-9]{13}$/);
    expect(name).toHaveLength(32);
    expect(render(MYSQL_USERNAME_TEMPLATE, 'approle-display', 'r')).toMatch(/^v-approle-di-r-[A-Za-z0-9]{17}$/);
  });

  it('the legacy, aurora and rds plugins: 16 bytes from the role name only', () => {
    const name = render(MYSQL_LEGACY_USERNAME_TEMPLATE, 'token', 'app-readonly');
    expect(name).toMatch(/^v-app--[A-Za-z0-9]{9}$/);
    expect(name).toHaveLength(16);
    expect(render(MYSQL_LEGACY_USERNAME_TEMPLATE, 'ignored', 'ro')).toMatch(/^v-ro-[A-Za-z0-9]{11}$/);
  });

  it('draws its random part from the seeded Random: same seed, same name; another seed, another', () => {
    expect(render(POSTGRES_TEMPLATE, 'token', 'r', env(7))).toBe(render(POSTGRES_TEMPLATE, 'token', 'r', env(7)));
    expect(render(POSTGRES_TEMPLATE, 'token', 'r', env(7))).not.toBe(render(POSTGRES_TEMPLATE, 'token', 'r', env(8)));
  });
});

describe('custom templates', () => {
  it('supports the sdk functions', () => {
    expect(render('{{.DisplayName | uppercase}}_{{.RoleName | replace "-" "_"}}', 'tok', 'app-ro')).toBe('TOK_app_ro');
    expect(render('{{.RoleName | lowercase | base64}}', '', 'AB')).toBe('YWI=');
    expect(render('{{.RoleName | sha256}}', '', 'x')).toBe('2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881');
    expect(render('{{.RoleName | truncate_sha256 12}}', '', 'abcdefghijklmnop')).toBe('abcdc1bd5d19'); // abcd + sha256("efghijklmnop")[:8]
    expect(render('{{unix_time_millis}}', '', '')).toBe(String(NOW));
    expect(render('{{timestamp "2006-01-02T15:04:05Z07:00"}}', '', '')).toBe('2030-01-02T03:04:05Z');
    expect(render('{{uuid}}', '', '')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(render('{{- "a" }} b {{ "c" -}}  d', '', '')).toBe('a b cd');
  });

  it('uuid is go-uuid: random hex in the 8-4-4-4-12 shape, without version bits', () => {
    const random = new SeededRandom('uuids');
    const ids = Array.from({ length: 64 }, () => goUuid(random));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // A v4 generator would always put 4 at index 14; go-uuid does not.
    expect(new Set(ids.map((id) => id[14])).size).toBeGreaterThan(1);
  });

  it('truncates by bytes, as Go slices strings', () => {
    expect(render('{{.RoleName | truncate 3}}', '', 'abcdef')).toBe('abc');
    expect(render('{{.RoleName | truncate 30}}', '', 'abc')).toBe('abc');
    // é is two bytes: cutting after its first leaves an invalid byte (U+FFFD once decoded).
    expect(render('{{.RoleName | truncate 2}}', '', 'héllo')).toBe('h\uFFFD');
    expect(render('{{.RoleName | truncate 3}}', '', 'héllo')).toBe('hé');
  });
});

describe('template errors, verbatim from text/template', () => {
  const parseError = (t: string) => {
    try {
      UsernameTemplate.parse(t);
      return 'parsed';
    } catch (e) {
      return (e as Error).message;
    }
  };
  const execError = (t: string) => {
    try {
      return render(t, '', '');
    } catch (e) {
      return (e as Error).message;
    }
  };

  it('parse errors', () => {
    expect(parseError('')).toBe('missing template');
    expect(parseError('{{ nope }}')).toBe('unable to parse template: template: template:1: function "nope" not defined');
    expect(parseError('{{ .RoleName')).toBe('unable to parse template: template: template:1: unclosed action');
    expect(parseError('x'.repeat(100000))).toBe('template too large, length of template must be less than 100,000');
  });

  it('execution errors name the line, byte column and node', () => {
    expect(execError('{{ .RoleName | truncate 0 }}')).toBe('unable to apply template: template: template:1:15: executing "template" at <truncate 0>: error calling truncate: max length must be > 0 but was 0');
    expect(execError('a-{{ .Nope }}')).toBe('unable to apply template: template: template:1:5: executing "template" at <.Nope>: can\'t evaluate field Nope in type dbplugin.UsernameMetadata');
    expect(execError('x\n{{random}}')).toBe('unable to apply template: template: template:2:2: executing "template" at <random>: wrong number of args for random: want 1 got 0');
    expect(execError('{{ .RoleName | truncate_sha256 8 }}')).toBe('unable to apply template: template: template:1:15: executing "template" at <truncate_sha256 8>: error calling truncate_sha256: max length must be > 8 but was 8');
  });

  it("the plugins' Initialize wraps them as Vault does", async () => {
    const random = new SeededRandom(1);
    const init = async (backend: PostgresDatabaseBackend | MySqlDatabaseBackend, url: string, username_template: string) => {
      try {
        await backend.initialize({ config: { connection_url: url, username_template }, verifyConnection: false });
        return 'ok';
      } catch (e) {
        expect(e).toBeInstanceOf(DatabasePluginError);
        return (e as Error).message;
      } finally {
        await backend.close();
      }
    };
    const pgUrl = 'postgresql://u:p@127.0.0.1:1/db';
    expect(await init(new PostgresDatabaseBackend(random), pgUrl, '{{ nope }}')).toBe('unable to initialize username template: unable to parse template: template: template:1: function "nope" not defined');
    expect(await init(new PostgresDatabaseBackend(random), pgUrl, '{{ .RoleName | truncate 0 }}')).toBe(
      'invalid username template: unable to apply template: template: template:1:15: executing "template" at <truncate 0>: error calling truncate: max length must be > 0 but was 0',
    );
    expect(await init(new MySqlDatabaseBackend(random, MYSQL_USERNAME_TEMPLATE), 'u:p@tcp(127.0.0.1:1)/', '{{ .Nope }}')).toBe(
      'invalid username template: unable to apply template: template: template:1:3: executing "template" at <.Nope>: can\'t evaluate field Nope in type dbplugin.UsernameMetadata',
    );
    expect(await init(new MySqlDatabaseBackend(random, MYSQL_USERNAME_TEMPLATE), 'u:p@tcp(127.0.0.1:1)/', 'static-{{.RoleName}}')).toBe('ok');
  });
});
