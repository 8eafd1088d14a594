// The samples Vault takes of a request through the core (vault/request_handling.go, vault/router.go):
// vault.core.handle_request (or handle_login_request for unauthenticated paths), vault.core.check_token
// and vault.core.fetch_acl_and_token around the token and ACL checks, and vault.route.<operation>.<mount>
// around the backend call, the mount path's slashes made dashes (`vault.route.read.secret-`).
import type { Operation } from '../request.js';
import type { MetricKey, VaultMetrics } from './metrics.js';

/** Clock readings taken while a request runs; unset steps did not start. */
export interface RequestTiming {
  login: boolean;
  /** The token check (non-login requests): token lookup, then the ACL check. Both samples cover it
   *  whole: the ACL is built and checked in one step here (Vault fetches it first, then checks). */
  checkStart?: number;
  checkEnd?: number;
  /** The backend call and the route key it is measured under. */
  routeStart?: number;
  routeKey?: MetricKey;
}

export class RequestMetrics {
  private readonly handleRequest: MetricKey;
  private readonly handleLoginRequest: MetricKey;
  private readonly checkToken: MetricKey;
  private readonly fetchAclAndToken: MetricKey;

  constructor(private readonly metrics: VaultMetrics) {
    this.handleRequest = metrics.key(['core', 'handle_request']);
    this.handleLoginRequest = metrics.key(['core', 'handle_login_request']);
    this.checkToken = metrics.key(['core', 'check_token']);
    this.fetchAclAndToken = metrics.key(['core', 'fetch_acl_and_token']);
  }

  /** The key of `route.<operation>.<mount with / replaced by ->`, kept per mount by the caller. */
  routeKey(cache: Partial<Record<Operation, MetricKey>>, operation: Operation, mountPrefix: string): MetricKey {
    return (cache[operation] ??= this.metrics.key(['route', operation, mountPrefix.replaceAll('/', '-')]));
  }

  /** Records a finished request; steps still open when it ended (an error) end at `end`, as Go's defers do. */
  finish(t: RequestTiming, start: number, end: number): void {
    const m = this.metrics;
    if (t.routeStart !== undefined && t.routeKey) m.addSampleKey(t.routeKey, end - t.routeStart, end);
    if (t.checkStart !== undefined) {
      const checked = (t.checkEnd ?? end) - t.checkStart;
      m.addSampleKey(this.fetchAclAndToken, checked, end);
      m.addSampleKey(this.checkToken, checked, end);
    }
    m.addSampleKey(t.login ? this.handleLoginRequest : this.handleRequest, end - start, end);
  }
}
