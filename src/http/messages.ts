// Verbatim texts of Vault's HTTP layer and of the Go net/http server in front of it, each with its source.
import { goQuote } from './go-url.js';

export const httpMessages = {
  /** http/logical.go buildLogicalRequestNoAuth (form body). */
  parseForm: 'error parsing form data',
  /** http/logical.go buildLogicalRequestNoAuth (PATCH). */
  patchContentType: (provided: string) => `PATCH requires Content-Type of application/merge-patch+json, provided ${provided}`,
  /** http/logical.go buildLogicalRequest, http/handler.go requestWrapInfo. */
  wrapTtl: (cause: string) => `error parsing X-Vault-Wrap-TTL header: ${cause}`,
  wrapTtlNegative: 'requested wrap ttl cannot be negative',
  /** http/logical.go buildLogicalRequest, http/handler.go parseMFAHeader. */
  mfa: (cause: string) => `failed to parse X-Vault-MFA header: ${cause}`,
  mfaMissingName: 'invalid data in header "X-Vault-MFA"; missing method name or ID',
  mfaMissingValue: 'invalid data in header "X-Vault-MFA"; missing method value',
  /** http/logical.go buildLogicalRequest (requestPolicyOverride). */
  policyOverride: (cause: string) => `failed to parse X-Vault-Policy-Override header: ${cause}`,
  /** http/help.go handleHelp. */
  helpMissingPrefix: 'Missing /v1/ prefix in path. Use vault path-help command to retrieve API help for paths',
  /** http/handler.go parseJSONRequest, as the raw sys handlers (init, unseal, rekey, …) report it. */
  rawJsonInput: (cause: string) => `failed to parse JSON input: ${cause}`,
  /**
   * Ours, not Vault's: response wrapping is not emulated yet. When a request carries a valid positive
   * X-Vault-Wrap-TTL and its response is one Vault would wrap (200 with a body), the answer is this
   * 400 instead of the unwrapped response: a client asking for a wrapping token must not silently get
   * the secret. The request itself has run (as in Vault, where wrapping happens after the handler);
   * answers Vault does not wrap (204, errors) are unchanged.
   */
  wrappingUnsupported: 'vault-emu does not support response wrapping yet (X-Vault-Wrap-TTL)',
} as const;

/** Go errors as Vault passes them through (strconv via parseutil, io, encoding/json). */
export const goErrors = {
  /** io.EOF: what parseJSONRequest returns for an empty body. */
  eof: 'EOF',
  /** encoding/json UnmarshalTypeError for a top-level value of the wrong kind. */
  unmarshalType: (valueKind: string, goType: string) => `json: cannot unmarshal ${valueKind} into Go value of type ${goType}`,
  parseBool: (s: string) => `strconv.ParseBool: parsing ${goQuote(s)}: invalid syntax`,
  parseInt: (s: string, outOfRange: boolean) => `strconv.ParseInt: parsing ${goQuote(s)}: ${outOfRange ? 'value out of range' : 'invalid syntax'}`,
};

/** Responses Go's net/http server writes itself (server.go), before Vault's handler runs. */
export const goServerResponses = {
  badRequest: '400 Bad Request',
  missingHost: 'missing required Host header',
  tooManyHosts: 'too many Host headers',
  /** NotFoundHandler's body. */
  notFound: '404 page not found\n',
  headerTooLarge: '431 Request Header Fields Too Large',
  unsupportedTransferEncoding: 'Unsupported transfer encoding',
} as const;
