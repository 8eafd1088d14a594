// Verbatim strings of the kv plugin (hashicorp/vault-plugin-secrets-kv v0.19.0, bundled with Vault 1.17),
// each with the file it comes from.

/** passthrough.go handleWrite, path_data.go pathDataWrite, path_metadata.go (write/patch). */
export const MISSING_PATH = 'missing path';

/** passthrough.go handleWrite. */
export const MISSING_DATA_FIELDS = 'missing data fields';

/** path_data.go pathDataWrite / pathDataPatch (and dataPatchPreprocessor). */
export const NO_DATA_PROVIDED = 'no data provided';

/** path_data.go validateCheckAndSetOption. */
export const CAS_PARSE_ERROR = 'error parsing check-and-set parameter';
export const CAS_MISMATCH = 'check-and-set parameter did not match the current version';
export const CAS_REQUIRED = 'check-and-set parameter required for this call';

/** path_delete.go pathDeleteWrite / pathUndeleteWrite (capital N). */
export const NO_VERSION_DELETE = 'No version number provided';
/** path_destroy.go pathDestroyWrite (lower-case n). */
export const NO_VERSION_DESTROY = 'no version number provided';

/** path_metadata.go pathMetadataWrite / pathMetadataPatch. */
export const CAS_REQUIRED_IGNORED =
  '"cas_required" set to false, but is mandated by backend config. This value will be ignored.';

/** path_metadata.go customMetadataValidationErrorPrefix and validateCustomMetadata. */
export const CUSTOM_METADATA_PREFIX = 'custom_metadata validation failed';
export const MAX_CUSTOM_METADATA_KEYS = 64;
export const MAX_CUSTOM_METADATA_KEY_LENGTH = 128;
export const MAX_CUSTOM_METADATA_VALUE_LENGTH = 512;
export const customMetadataTooManyKeys = (count: number) =>
  `${CUSTOM_METADATA_PREFIX}: payload must contain at most ${MAX_CUSTOM_METADATA_KEYS} keys, provided ${count}`;
export const customMetadataKeyLength = (quotedKey: string, length: number) =>
  `${CUSTOM_METADATA_PREFIX}: length of key ${quotedKey} is ${length} but must be 0 < len(key) <= ${MAX_CUSTOM_METADATA_KEY_LENGTH}`;
export const customMetadataValueLength = (quotedKey: string, length: number) =>
  `${CUSTOM_METADATA_PREFIX}: length of value for key ${quotedKey} is ${length} but must be 0 < len(value) <= ${MAX_CUSTOM_METADATA_VALUE_LENGTH}`;
export const customMetadataKeyUnprintable = (quotedKey: string, key: string) =>
  `${CUSTOM_METADATA_PREFIX}: key ${quotedKey} (${key}) contains unprintable characters`;
export const customMetadataValueUnprintable = (quotedKey: string) =>
  `${CUSTOM_METADATA_PREFIX}: value for key ${quotedKey} contains unprintable characters`;

/** backend.go pathInvalid. */
export const ROOT_NOT_SUPPORTED = 'Non-listing operations on the root of a K/V v2 mount are not supported.';
export const invalidVersionedPath = (subCommand: string) =>
  `Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate API endpoints to use. If using the Vault CLI, use 'vault kv ${subCommand}' for this operation.`;

/** path_data.go pathDataRead / pathSubkeysRead / pathDataPatch, when metadata names a version whose data is gone. */
export const VERSION_DATA_MISSING = 'could not find version data';

/** sdk/framework/backend.go HandlePatchOperation, when the stored document is JSON null. */
export const RESOURCE_DOES_NOT_EXIST = 'resource does not exist';
/** evanphx/json-patch v5 merge.go errBadJSONPatch, when the patch document is JSON null. */
export const BAD_JSON_PATCH = 'Invalid JSON Patch';
