import { describe, expect, it } from 'vitest';
import { analysePage, type PhotoMatch } from '../../../src/modules/scans/scan-pipeline.usecases.ts';
import type { VisitedPage } from '../../../src/browser/page-visit.ts';
import { profileOf } from '../../helpers/profiles.ts';


const profile = profileOf({ names: ['Marie-Claire Dubois'], phones: ['+32 470 12 34 56'], emails: ['mc.dubois@example.be'] });
const page = (text: string): VisitedPage => ({
  requestedUrl: 'https://paste.example/p/1', finalUrl: 'https://paste.example/p/1', status: 200, headers: {}, serverIp: null,
  title: 'paste', lang: 'en', text, attributeText: '', imageUrls: [], html: '', redirectChain: [], blockedRequests: 0, refusedConnections: [],
});

describe('analysePage', () => {
  it('matches what a right-to-left override shows, a number and an address written backwards in the text', async () => {
    const { textMatches } = await analysePage({ visit: page('Call \u202E65 43 21 074 23+\u202C or write to \u202Eeb.elpmaxe@siobud.cm'), profile, photoMatches: [] });
    expect(textMatches.map((m) => m.kind).sort()).toEqual(['email', 'phone']);
  });

  it('matches a name split by the invisible marks that steer bidirectional text', async () => {
    const { textMatches } = await analysePage({ visit: page('Marie-Cla\u200Eire Dub\u2066ois\u2069 lives here'), profile, photoMatches: [] });
    expect(textMatches.map((m) => m.kind)).toEqual(['name']);
  });

  it('finds nothing in a page that only mentions the marks', async () => {
    const { textMatches } = await analysePage({ visit: page('Numbers: \u202E12 34\u202C and a name: Marie Claire'), profile, photoMatches: [] });
    expect(textMatches).toEqual([]);
  });

  it('names the hosts of the frames of other sites that show what matched, with what each shows, and never their addresses', async () => {
    const visit = {
      ...page('A forum thread\nShe is Marie-Claire Dubois, call +32 470 12 34 56\nNothing here'),
      otherSiteFrameContent: [
        { url: 'https://paste.example/p/marie-claire-dubois', text: 'She is Marie-Claire Dubois', imageUrls: [] },
        { url: 'https://paste.example/p/2', text: 'call +32 470 12 34 56', imageUrls: [] },
        { url: 'https://pics.example/a', text: '', imageUrls: ['https://pics.example/a.jpg'] },
        { url: 'https://ads.example/a', text: 'Nothing here', imageUrls: ['https://ads.example/banner.jpg'] },
      ],
    };
    const photo = { photo: 'me.jpg', photoId: 'ph_1', imageUrl: 'https://pics.example/a.jpg', distance: 4, quality: 90 } as PhotoMatch;
    const analysis = await analysePage({ visit, profile, photoMatches: [photo] });
    expect(analysis.framesShowingMatches).toEqual([
      { url: 'https://paste.example/p/marie-claire-dubois', host: 'paste.example', shows: ['name'] },
      { url: 'https://paste.example/p/2', host: 'paste.example', shows: ['phone number'] },
      { url: 'https://pics.example/a', host: 'pics.example', shows: ['photo'] },
    ]);
    const framed = analysis.classification.reasons.filter((r) => r.includes('frame'));
    expect(framed).toEqual([
      'Shown in a frame from paste.example that this page embeds: name, phone number. That site holds it and can remove it at the source; it is checked as a page of its own.',
      'Shown in a frame from pics.example that this page embeds: photo. That site holds it and can remove it at the source; it is checked as a page of its own.',
    ]);
    expect(analysis.classification.reasons.join('\n')).not.toContain('/p/');
  });

  it('does not count the person\'s own site shown in a frame as a source', async () => {
    const own = profileOf({ names: ['Marie-Claire Dubois'], phones: ['+32 470 12 34 56'], ownUrls: ['https://mcdubois.example/'] });
    const visit = { ...page('Marie-Claire Dubois, +32 470 12 34 56'), otherSiteFrameContent: [{ url: 'https://mcdubois.example/contact', text: 'Marie-Claire Dubois, +32 470 12 34 56', imageUrls: [] }] };
    const analysis = await analysePage({ visit, profile: own, photoMatches: [] });
    expect(analysis.framesShowingMatches).toEqual([]);
  });

  it('says nothing of frames when the page matched nothing', async () => {
    const visit = { ...page('Nothing here'), otherSiteFrameContent: [{ url: 'https://ads.example/a', text: 'Nothing here', imageUrls: [] }] };
    const analysis = await analysePage({ visit, profile, photoMatches: [] });
    expect(analysis.framesShowingMatches).toEqual([]);
    expect(analysis.classification.reasons.some((r) => r.includes('frame'))).toBe(false);
  });
});
