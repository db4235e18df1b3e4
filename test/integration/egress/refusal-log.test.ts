import { afterAll, describe, expect, it } from 'vitest';
import { fetch } from 'undici';
import { createEgressGateway } from '../../../src/egress/egress-gateway.ts';
import { directUpstreams } from '../../helpers/egress.ts';
import { createMemoryLogger } from '../../helpers/test-app.ts';

describe('a refused connection is logged', () => {
  const { logger, lines } = createMemoryLogger('debug');
  // The test's own DNS: the name points at loopback, and no query leaves the machine.
  const gateway = createEgressGateway({ upstreams: directUpstreams, logger, connectTimeoutMs: 5000, resolve: async () => ['127.0.0.1'] });
  afterAll(() => gateway.close());

  it('with the kind of work it was refused for and why, never the host it asked for', async () => {
    const scope = gateway.openScope({ allowHosts: [], route: { kind: 'pages' }, label: 'page-visit' });
    // A page's image on a name that resolves to loopback: refused before any connection is made.
    const response = await fetch('http://victim-name.example:8080/photo.jpg', { dispatcher: await scope.dispatcher() }).catch((e: Error) => e);
    expect(scope.refusals()).toHaveLength(1);
    await scope.close();
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'egress refused a connection');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ scope: 'page-visit', port: 8080 });
    expect(typeof logged[0]!.reason).toBe('string');
    expect(lines.join('\n')).not.toContain('victim');
    expect(response).toBeDefined();
  });
});
