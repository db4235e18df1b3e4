import { createEgressGateway, type EgressGateway } from '../../src/egress/egress-gateway.ts';
import { direct, type UpstreamTable } from '../../src/egress/upstream.models.ts';
import type { Resolver } from '../../src/egress/resolver.ts';
import { createLogger } from '../../src/shared/logger.ts';

export const directUpstreams: UpstreamTable = { default: direct, pages: direct, engines: {} };

/** The real egress gateway as the app builds it, with a test's own resolver or upstreams. Close it after the test. */
export function createTestEgress(options: { resolve?: Resolver; upstreams?: UpstreamTable } = {}): EgressGateway {
  return createEgressGateway({ upstreams: options.upstreams ?? directUpstreams, logger: createLogger({ level: 'silent' }), resolve: options.resolve, connectTimeoutMs: 5000 });
}
