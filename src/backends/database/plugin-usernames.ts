// A plugin's username template as the MySQL and PostgreSQL plugins use it: parsed and test-rendered in
// Initialize, rendered in NewUser, with the plugins' error texts and the emulator's random source.
import { DatabasePluginError, type PluginRandom } from './database-backend.js';
import { goUuid, TemplateError, UsernameTemplate, type UsernameMetadata } from './username-template.js';

export class PluginUsernames {
  private constructor(
    private readonly template: UsernameTemplate,
    private readonly random: PluginRandom,
  ) {}

  /** Initialize: `unable to initialize username template: …`, then a test render (`invalid username template: …`). */
  static initialize(template: string, random: PluginRandom): PluginUsernames {
    let parsed: UsernameTemplate;
    try {
      parsed = UsernameTemplate.parse(template);
    } catch (e) {
      throw new DatabasePluginError(`unable to initialize username template: ${(e as Error).message}`);
    }
    const usernames = new PluginUsernames(parsed, random);
    try {
      usernames.render({ DisplayName: '', RoleName: '' }, 0);
    } catch (e) {
      throw new DatabasePluginError(`invalid username template: ${(e as Error).message}`);
    }
    return usernames;
  }

  /** NewUser's username; a template error is the plugin's error as it is. */
  generate(metadata: UsernameMetadata, nowMs: number): string {
    try {
      return this.render(metadata, nowMs);
    } catch (e) {
      throw new DatabasePluginError(e instanceof TemplateError ? e.message : String(e));
    }
  }

  private render(metadata: UsernameMetadata, nowMs: number): string {
    return this.template.generate(metadata, { base62: (n) => this.random.base62(n), uuid: () => goUuid(this.random), now: nowMs });
  }
}
