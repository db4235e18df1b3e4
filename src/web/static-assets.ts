import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { checkoutPath } from '../shared/module-paths.ts';

const ASSETS = {
  'app.css': 'text/css; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
} as const;

type AssetName = keyof typeof ASSETS;

const dir = checkoutPath('./static/', import.meta.url);
let loaded: Record<AssetName, { body: Buffer; version: string }> | null = null;

function load() {
  loaded ??= Object.fromEntries(
    (Object.keys(ASSETS) as AssetName[]).map((name) => {
      const body = fs.readFileSync(`${dir}${name}`);
      return [name, { body, version: createHash('sha256').update(body).digest('hex').slice(0, 10) }];
    }),
  ) as Record<AssetName, { body: Buffer; version: string }>;
  return loaded;
}

/** Asset URLs carry a content hash, so browsers may cache them for long and still get a changed file at once. */
export function staticAssetUrls(): { css: string; js: string } {
  const assets = load();
  return { css: `/static/app.css?v=${assets['app.css'].version}`, js: `/static/app.js?v=${assets['app.js'].version}` };
}

/** The stylesheet and the small script: the only style and script the pages use. Public and cacheable. */
export function registerStaticAssets(app: FastifyInstance): void {
  for (const name of Object.keys(ASSETS) as AssetName[]) {
    app.get(`/static/${name}`, async (_request, reply) => {
      const asset = load()[name];
      return reply.header('content-type', ASSETS[name]).header('cache-control', 'public, max-age=86400').send(asset.body);
    });
  }
}
