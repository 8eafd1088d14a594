// sys/metrics (vault/logical_system_paths.go metricsPath, logical_system.go handleMetrics): the
// telemetry in go-metrics' JSON summary, or in Prometheus text with `format=prometheus` (or an
// OpenMetrics / Prometheus Accept header), written raw with its own content type.
import type { PathSpec } from '../../framework/path.js';
import { VaultMetrics } from '../metrics/metrics.js';
import type { LogicalResponse, RequestHeaders } from '../request.js';
import type { VaultCore } from '../vault-core.js';

/** The Accept header values of a request, in order. */
export function acceptValues(headers: RequestHeaders): string[] {
  const value = headers.accept ?? headers.Accept;
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** ResponseForFormat as a raw logical response (HTTPStatusCode, HTTPContentType, HTTPRawBody). */
export function metricsResponse(core: VaultCore, format: string, headers: RequestHeaders): LogicalResponse {
  const chosen = format === '' ? VaultMetrics.formatFromAccept(acceptValues(headers)) : format;
  const out = core.metrics.responseForFormat(chosen);
  return { statusCode: out.status, rawHttp: { contentType: out.contentType, body: out.body } };
}

export function metricsPaths(core: VaultCore): PathSpec[] {
  return [
    {
      pattern: 'metrics',
      fields: {
        format: { type: 'string', description: 'Format to export metrics into. Currently accepts only "prometheus".' },
      },
      operations: {
        read: (req, data) => metricsResponse(core, data.get<string>('format'), req.headers),
      },
      help: { synopsis: 'Export the metrics aggregated for telemetry purpose.' },
    },
  ];
}
