// One function from (operation, response) to an HTTP status (Vault's sdk/logical/response_util.go
// RespondErrorCommon for the success side; errors carry their own status in VaultError).
import type { LogicalResponse, Operation } from './request.js';

export type Outcome = { kind: 'ok'; status: number } | { kind: 'notFound' } | { kind: 'internal'; message: string };

export function statusFor(operation: Operation, response: LogicalResponse | undefined): Outcome {
  if (response?.statusCode !== undefined) return { kind: 'ok', status: response.statusCode };
  if (operation === 'read' || operation === 'header') {
    return response ? { kind: 'ok', status: 200 } : { kind: 'notFound' };
  }
  if (operation === 'list') {
    if (!response) return { kind: 'notFound' };
    if (response.rawBody !== undefined) return { kind: 'ok', status: 200 };
    if (response.warnings && response.warnings.length > 0) return { kind: 'ok', status: 200 };
    const data = response.data;
    if (!data) return { kind: 'notFound' };
    const otherKeys = Object.keys(data).filter((k) => k !== 'keys');
    if (otherKeys.length > 0) return { kind: 'ok', status: 200 };
    const keys = data.keys;
    if (keys === undefined || keys === null) return { kind: 'notFound' };
    if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string')) {
      return { kind: 'internal', message: 'keys in list response is not a string slice' };
    }
    return keys.length === 0 ? { kind: 'notFound' } : { kind: 'ok', status: 200 };
  }
  return response ? { kind: 'ok', status: 200 } : { kind: 'ok', status: 204 };
}
