import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visitPage } from '../../../src/browser/page-visit.ts';
import { createUrlGuard } from '../../../src/shared/ssrf-guard.ts';
import { captureEvidence } from '../../../src/modules/evidence/capture.ts';
import { recordCapture } from '../../../src/modules/evidence/captures.repository.ts';
import { exportEvidenceToDir } from '../../../src/modules/evidence/export.usecases.ts';
import { listCustody } from '../../../src/modules/evidence/custody-log.repository.ts';
import { verifyEvidence } from '../../../src/modules/evidence/verify.usecases.ts';
import { startLocalServer } from '../../helpers/local-server.ts';
import { makeTempDir } from '../../helpers/test-app.ts';
import { createEvidenceTestApp, noBrowser } from './evidence-fixtures.ts';
import { hasOpenssl, startTsaStub } from './tsa-stub.ts';

const photo = fs.readFileSync(path.join(import.meta.dirname, '../../../src/simweb/assets/photos/demo-1.jpg'));
const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0;

describe.skipIf(noBrowser)('exporting an evidence pack', () => {
  let server: Awaited<ReturnType<typeof startLocalServer>>;
  let tsa: Awaited<ReturnType<typeof startTsaStub>> | null = null;
  let ctx: Awaited<ReturnType<typeof createEvidenceTestApp>>;
  let pageUrl: string;

  beforeAll(async () => {
    server = await startLocalServer({
      '/post/1': (_req, res) => {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(`<html lang="fr"><head><title>Annonce <script>alert(1)</script></title></head><body><h1>Lola Velvet — +32 470 12 34 56</h1>
          <img src="/photo.jpg" width="300"><p>Appelez-moi.</p></body></html>`);
      },
      '/photo.jpg': (_req, res) => {
        res.setHeader('content-type', 'image/jpeg');
        res.end(photo);
      },
    });
    pageUrl = `${server.url}/post/1`;
    if (hasOpenssl) tsa = await startTsaStub();
    ctx = await createEvidenceTestApp({ withBrowser: true, url: pageUrl, categories: ['phone', 'intimate_media'], settings: { tsaUrl: tsa?.url } });
    const guard = createUrlGuard({ allowHosts: ['127.0.0.1'], egress: ctx.app.egress });
    for (const [captureId, purpose, outcome, at] of [['cap_first', 'initial', 'captured', '2026-11-22T10:00:00Z'], ['cap_again', 'recheck', 'still_up', '2026-11-23T16:30:00Z']] as const) {
      await visitPage(ctx.app.browserPool, guard, pageUrl, { navigationTimeoutMs: 10_000, maxPageBytes: 5_000_000 }, {
        async onLoaded(page, visit) {
          const result = await captureEvidence({ page, visit, captureId, capturedAt: new Date(at), timezone: 'Europe/Brussels', vault: ctx.vault, matchedImages: { urls: [`${server.url}/photo.jpg`], guard, maxBytes: 5_000_000 } });
          await recordCapture(ctx.vault, { captureId, hitId: ctx.hit.id, purpose, outcome, requestedUrl: pageUrl, visit, artifacts: result.artifacts, capturedAt: new Date(at), actor: 'scanner', problems: result.problems });
        },
      });
    }
    ctx.app.db.$client.prepare("insert into takedown_cases (id, hit_id, status, bases, language, sent_at, created_at, updated_at) values ('case_1', ?, 'takedown_sent', '[]', 'fr', ?, ?, ?)").run(ctx.hit.id, Date.parse('2026-11-22T12:00:00Z'), Date.now(), Date.now());
    ctx.app.db.$client.prepare("insert into case_events (case_id, at, kind, actor, detail) values ('case_1', ?, 'takedown_sent', 'person', null)").run(Date.parse('2026-11-22T12:00:00Z'));
  });

  afterAll(async () => {
    await ctx?.app.close();
    await server?.close();
    await tsa?.close();
  });

  it('writes a PDF report and a ZIP with the raw files, manifest, custody log and a timestamp', async () => {
    const outDir = makeTempDir('pack-');
    const pack = await exportEvidenceToDir({ vault: ctx.vault, browserPool: ctx.app.browserPool }, { id: 'case_1', outDir, language: 'fr', actor: 'cli' });
    expect(pack.problems).toEqual([]);
    expect(path.basename(pack.pdfPath)).toMatch(new RegExp(`^evidence-${ctx.hit.id}-\\d{8}T\\d{6}Z\\.pdf$`));
    expect(fs.readFileSync(pack.pdfPath).subarray(0, 5).toString()).toBe('%PDF-');

    if (hasPoppler) {
      const text = execFileSync('pdftotext', ['-layout', pack.pdfPath, '-'], { encoding: 'utf8' });
      expect(text).toContain('Rapport de preuves');
      expect(text).toContain(pageUrl);
      expect(text).toContain('2026-11-22 10:00:00 UTC');
      expect(text).toContain('2026-11-22 11:00:00 GMT+01:00 (Europe/Brussels)');
      expect(text).toContain('2026-11-23 16:30:00 UTC');
      expect(text).toContain('toujours en ligne');
      expect(text).toContain('<script>alert(1)</script>');
      const capture = ctx.app.db.$client.prepare("select artifacts from captures where id = 'cap_first'").get() as { artifacts: string };
      const screenshotSha = (JSON.parse(capture.artifacts) as Record<string, string>).screenshot!;
      // Without -layout, text comes in reading order, so a hash wrapped inside its table cell stays together.
      expect(execFileSync('pdftotext', [pack.pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain(screenshotSha);
    }

    const script = [
      'import sys, zipfile, json, hashlib',
      'z = zipfile.ZipFile(sys.argv[1])',
      'assert z.testzip() is None',
      'm = json.loads(z.read("manifest.json"))',
      'print(json.dumps({"names": z.namelist(), "manifest": m, "ok": all(hashlib.sha256(z.read(f["path"])).hexdigest() == f["sha256"] for f in m["files"])}))',
    ].join('\n');
    const zipInfo = JSON.parse(execFileSync('python3', ['-c', script, pack.zipPath], { encoding: 'utf8' })) as { names: string[]; ok: boolean; manifest: { files: { path: string }[]; captures: { id: string }[] } };
    expect(zipInfo.ok).toBe(true);
    expect(zipInfo.names).toEqual(expect.arrayContaining(['report.pdf', 'manifest.json', 'custody-log.json', 'captures/cap_first/screenshot.png', 'captures/cap_first/page.html', 'captures/cap_first/page.mhtml', 'captures/cap_first/meta.json', 'captures/cap_first/image-0.jpg', 'captures/cap_again/screenshot.png']));
    expect(zipInfo.manifest.captures.map((c) => c.id)).toEqual(['cap_first', 'cap_again']);
    // The ZIP keeps the original image; only the report blurs it.
    const unzipped = execFileSync('python3', ['-c', 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("captures/cap_first/image-0.jpg"))', pack.zipPath]);
    expect(createHash('sha256').update(unzipped).digest('hex')).toBe(createHash('sha256').update(photo).digest('hex'));

    if (tsa) {
      expect(zipInfo.names).toContain('manifest.json.tsr');
      const dir = makeTempDir();
      execFileSync('unzip', ['-q', pack.zipPath, 'manifest.json', 'manifest.json.tsr', '-d', dir]);
      expect(tsa.verify(path.join(dir, 'manifest.json'), path.join(dir, 'manifest.json.tsr')).stdout).toContain('Verification: OK');
      expect(pack.timestamp?.sha256).toMatch(/^[0-9a-f]{64}$/);
    }

    const exported = (await listCustody(ctx.app.db)).filter((e) => e.action === 'exported');
    expect(exported.at(-1)).toMatchObject({ actor: 'cli', subjectType: 'hit', subjectId: ctx.hit.id, detail: expect.objectContaining({ manifestSha256: pack.manifestSha256, caseId: 'case_1' }) });
    expect((await verifyEvidence(ctx.vault)).problems).toEqual([]);
  });

  it.skipIf(!hasPoppler)('renders pages with the blurred, stamped screenshot', async () => {
    const outDir = makeTempDir('pack-');
    const pack = await exportEvidenceToDir({ vault: ctx.vault, browserPool: ctx.app.browserPool, timestamps: null }, { id: ctx.hit.id, outDir, language: 'en', actor: 'cli' });
    execFileSync('pdftoppm', ['-png', '-r', '60', pack.pdfPath, path.join(outDir, 'page')]);
    const pages = fs.readdirSync(outDir).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const text = execFileSync('pdftotext', [pack.pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('Blurred in this report');
    expect(text).toContain('No time-stamp authority is configured');
  });

  it('refuses an id that is neither an exposure nor a case', async () => {
    await expect(exportEvidenceToDir({ vault: ctx.vault, browserPool: ctx.app.browserPool }, { id: 'hit_nope', outDir: makeTempDir(), actor: 'cli' })).rejects.toMatchObject({ code: 'evidence.not_found' });
  });
});
