// Responses the v2 handlers force a status on (sdk/logical/response.go RespondWithStatusCode): the body is
// the envelope marshalled inside the plugin, so its mount_type is '' and no framework warning reaches it.
import type { LogicalResponse } from '../../core/request.js';

/** 404 whose body is the full envelope around `data` (a deleted or destroyed version). */
export function notFoundWithData(data: Record<string, unknown>): LogicalResponse {
  return { data, statusCode: 404, mountType: '' };
}

/** 404 with an empty body (PATCH of a key or version that does not exist). */
export function notFoundEmpty(): LogicalResponse {
  return { statusCode: 404, emptyBody: true };
}

/** 404 whose envelope carries only a warning (paths a versioned mount does not serve). */
export function notFoundWithWarning(warning: string): LogicalResponse {
  return { data: null, warnings: [warning], statusCode: 404, mountType: '' };
}
