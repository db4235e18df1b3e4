import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatedWeb } from '../../../src/simweb/server.ts';
import { describeImpersonationChecks } from '../../../src/modules/impersonation/impersonation.usecases.ts';
import type { Hit } from '../../../src/modules/hits/hits.repository.ts';
import type { ScanRun } from '../../../src/modules/scans/scans.repository.ts';
import { startScanHarness } from '../../helpers/scan-harness.ts';

describe("a scan looks the person's handles and aliases up on the imitation platforms", () => {
  let harness: Awaited<ReturnType<typeof startScanHarness>>;
  let run: ScanRun;
  let impersonations: Hit[];

  beforeAll(async () => {
    // Hostile pages only cost navigation timeouts here; this test is about the handle lookups.
    const web = await createSimulatedWeb({ port: 0, indexHostile: false });
    harness = await startScanHarness({ web, extensions: { impersonationSites: web.impersonationSites } });
    await harness.startWorker();
    run = await harness.waitForRun((await harness.startScan([`duckduckgo=${web.engineEndpoints.duckduckgo}`])).id);
    impersonations = (await harness.app.hits.listForPerson(harness.personId)).filter((h) => h.categories.includes('impersonation'));
  }, 180_000);
  afterAll(() => harness?.close());

  const checks = async () => (await describeImpersonationChecks(harness.app.impersonation, run.id)).map((c) => ({ ...c, path: harness.path(c.url) }));

  it('reports exactly the impostor profiles: the handle on Photogram and the alias on MatchMeet', async () => {
    expect(impersonations.map((h) => harness.path(h.url)).sort()).toEqual(['/site/matchmeet/profile/lola_velvet', '/site/photogram/lolavelvet/']);
    const photogram = impersonations.find((h) => h.url.includes('/photogram/'))!;
    expect(photogram.severity).toBe('medium');
    expect(impersonations.find((h) => h.url.includes('/matchmeet/'))!.severity).toBe('high');
    const [match] = await harness.app.hits.matchesOf(photogram.id);
    expect(match).toMatchObject({ kind: 'impersonation', value: 'lolavelvet', found: 'LolaVelvet' });
    expect((await harness.app.hits.matchesOf(impersonations.find((h) => h.url.includes('/matchmeet/'))!.id))[0]).toMatchObject({ kind: 'impersonation', value: 'Lola Velvet', found: 'lola_velvet' });
    // The run counts them with its other exposures.
    expect(run.hitsNew).toBeGreaterThanOrEqual(2);
  });

  it('stores nothing for absent profiles, the look-alike account or the sites that could not answer', async () => {
    const all = (await harness.app.hits.listForPerson(harness.personId)).map((h) => harness.path(h.url));
    for (const path of all) expect(path).not.toMatch(/\/site\/(clipfans|talkboard|chatterbox)\/|\/photogram\/lola[._]velvet|matchmeet\/profile\/lola(velvet|\.velvet)/);
    const bySite = async (site: string) => (await checks()).filter((c) => c.site === site).map((c) => [c.handle, c.status, c.reason]).sort((a, b) => a[0]!.localeCompare(b[0]!));
    expect(await bySite('photogram')).toEqual([['lola_velvet', 'absent', 'absent_signal'], ['lola.velvet', 'absent', 'absent_signal'], ['lolavelvet', 'present', 'present_signal']]);
    expect(await bySite('matchmeet')).toEqual([['lola_velvet', 'present', 'present_signal'], ['lola.velvet', 'absent', 'absent_signal'], ['lolavelvet', 'absent', 'absent_signal']]);
    // ClipFans sends every "lola..." name to its creator "lolavelvet1": another account, not hers.
    expect(await bySite('clipfans')).toEqual([['lola_velvet', 'lookalike', 'other_account'], ['lolavelvet', 'lookalike', 'other_account']]);
  });

  it('notes a site that rate-limits or fails as unknown, never as "no profile"', async () => {
    const noted = (await checks()).filter((c) => c.site === 'talkboard' || c.site === 'chatterbox');
    expect(noted.length).toBe(6);
    for (const c of noted) expect([c.status, c.reason]).toEqual(['unknown', c.site === 'talkboard' ? 'http_429' : 'http_500']);
    expect((await checks()).every((c) => c.status !== 'pending')).toBe(true);
  });

  it('keeps evidence of each impostor profile', () => {
    for (const hit of impersonations) {
      const captures = harness.app.db.$client.prepare("select artifacts, http_status from captures where hit_id = ? and purpose = 'initial'").all(hit.id) as { artifacts: string; http_status: number }[];
      expect(captures.length, hit.url).toBe(1);
      expect(Object.keys(JSON.parse(captures[0]!.artifacts))).toEqual(expect.arrayContaining(['screenshot', 'html']));
      expect(captures[0]!.http_status).toBe(200);
    }
  });

  it("drafts the takedown to the platform's impersonation report channel", async () => {
    const caseOf = async (hit: Hit) => {
      for (let i = 0; i < 200; i++) {
        const row = await harness.app.takedowns.cases.getByHit(hit.id);
        if (row) return row;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('no case was opened');
    };
    const photogram = await caseOf(impersonations.find((h) => h.url.includes('/photogram/'))!);
    expect(photogram.recipient).toMatchObject({ kind: 'form', formUrl: `${harness.web.url}/site/photogram/help/impersonation`, confidence: 'high', source: 'impersonation:photogram' });
    const matchmeet = await caseOf(impersonations.find((h) => h.url.includes('/matchmeet/'))!);
    expect(matchmeet.recipient).toMatchObject({ kind: 'email', address: 'impersonation@matchmeet.example' });
    expect(matchmeet.draftBody).toContain(`${harness.web.url}/site/matchmeet/profile/lola_velvet`);
    expect(matchmeet.draftBody).toContain('The page shows a profile that pretends to be me, under my name.');
  });
});
