import { afterAll, describe, expect, it } from 'vitest';
import { createTestEgress } from '../../helpers/egress.ts';
import { createUrlGuard } from '../../../src/shared/ssrf-guard.ts';
import { createGuardedFetchText, createGuardedResolveIp } from '../../../src/modules/takedowns/takedown-deps.ts';

const fakeDns = (answers: Record<string, string[]>) => async (host: string) => answers[host] ?? [];
const egress = createTestEgress();
afterAll(() => egress.close());

describe('guarded lookups for finding a takedown recipient', () => {
  it('gives no address for a host name that points into a private network', async () => {
    const guard = createUrlGuard({ egress, allowHosts: [], resolve: fakeDns({ 'evil.example': ['10.0.0.5'] }) });
    const resolveIp = createGuardedResolveIp(guard, { timeoutMs: 1000, lookup: async () => '10.0.0.5' });
    expect(await resolveIp('evil.example')).toBeNull();
  });

  it('gives the public address the guard checked', async () => {
    const guard = createUrlGuard({ egress, allowHosts: [], resolve: fakeDns({ 'site.example': ['151.101.1.69'] }) });
    expect(await createGuardedResolveIp(guard, { timeoutMs: 1000 })('site.example')).toBe('151.101.1.69');
  });

  it('resolves an allow-listed name the guard does not look up', async () => {
    const guard = createUrlGuard({ egress, allowHosts: ['simweb.local'], resolve: fakeDns({}) });
    expect(await createGuardedResolveIp(guard, { timeoutMs: 1000, lookup: async () => '127.0.0.1' })('simweb.local')).toBe('127.0.0.1');
  });

  it('gives up with no address when the lookup hangs', async () => {
    const guard = createUrlGuard({ egress, allowHosts: ['slow.local'] });
    const resolveIp = createGuardedResolveIp(guard, { timeoutMs: 50, lookup: () => new Promise<string | null>(() => undefined) });
    expect(await resolveIp('slow.local')).toBeNull();
  });

  it('never fetches a private address for a contact page or RDAP answer', async () => {
    const fetchText = createGuardedFetchText(createUrlGuard({ egress, allowHosts: [] }), { timeoutMs: 1000 });
    expect(await fetchText('http://169.254.169.254/latest/meta-data/')).toBeNull();
    expect(await fetchText('file:///etc/passwd')).toBeNull();
  });
});
