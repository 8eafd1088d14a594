// sdk/helper/tokenutil's token_* fields, shared by every auth method's roles and the token store's
// roles: a path declares all of them (AddTokenFields) or those it allows (AddTokenFieldsWithAllowList).
import type { FieldSchema } from './field-types.js';

export const TOKEN_FIELDS = {
  token_bound_cidrs: { type: 'commaStringSlice', description: 'Comma separated string or JSON list of CIDR blocks. If set, specifies the blocks of IP addresses which are allowed to use the generated token.' },
  token_explicit_max_ttl: { type: 'durationSecond', description: 'If set, tokens created via this role carry an explicit maximum TTL.' },
  token_max_ttl: { type: 'durationSecond', description: 'The maximum lifetime of the generated token' },
  token_no_default_policy: { type: 'bool', description: "If true, the 'default' policy will not automatically be added to generated tokens" },
  token_period: { type: 'durationSecond', description: 'If set, tokens created via this role will have no max lifetime; instead, their renewal period will be fixed to this value.' },
  token_policies: { type: 'commaStringSlice', description: 'Comma-separated list of policies' },
  token_type: { type: 'string', default: 'default-service', description: 'The type of token to generate, service or batch' },
  token_ttl: { type: 'durationSecond', description: 'The initial ttl of the token to generate' },
  token_num_uses: { type: 'int', description: 'The maximum number of times a token may be used, a value of zero means unlimited' },
} as const satisfies Record<string, FieldSchema>;

export type TokenFieldName = keyof typeof TOKEN_FIELDS;

/** AddTokenFieldsWithAllowList: only the named token fields. */
export function tokenFieldsAllowing(names: readonly TokenFieldName[]): Record<string, FieldSchema> {
  const out: Record<string, FieldSchema> = {};
  for (const name of names) out[name] = TOKEN_FIELDS[name];
  return out;
}
