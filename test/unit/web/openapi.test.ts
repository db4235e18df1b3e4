import { describe, expect, it } from 'vitest';
import { apiRoutes, buildOpenApiDocument, pathParams } from '../../../src/web/openapi.ts';
import { pageRoutes } from '../../../src/web/dashboard/page-routes.ts';
import { routeKey } from '../../../src/web/route-access.ts';
import { schemaSummary } from '../../../src/web/views/pages/api-docs.page.ts';

describe('the route tables', () => {
  it('declare each route once', () => {
    const keys = [...apiRoutes.map((r) => routeKey(r.method, r.path)), ...pageRoutes.map((r) => routeKey(r.method, r.path))];
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('name an owner check for every path parameter, so no route can forget it', () => {
    for (const route of [...apiRoutes, ...pageRoutes]) {
      for (const name of pathParams(route.path)) {
        expect(route.access.resources?.some((r) => r.in === 'params' && r.name === name), routeKey(route.method, route.path)).toBe(true);
      }
    }
  });

  it('keep only login, setup and the API description public', () => {
    const open = [...apiRoutes, ...pageRoutes].filter((r) => r.access.public).map((r) => routeKey(r.method, r.path)).sort();
    expect(open).toEqual(['GET /api/docs', 'GET /api/openapi.json', 'GET /login', 'GET /setup', 'POST /api/session', 'POST /api/setup', 'POST /login', 'POST /setup']);
  });
});

describe('the OpenAPI document', () => {
  const doc = buildOpenApiDocument() as { openapi: string; paths: Record<string, Record<string, { operationId: string; parameters?: { name: string; in: string }[]; security?: unknown[] }>>; components: { schemas: Record<string, unknown> } };

  it('is OpenAPI 3.1 with a unique operation id per operation and every path parameter declared', () => {
    expect(doc.openapi).toBe('3.1.0');
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    for (const [path, ops] of Object.entries(doc.paths)) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(ops)) expect(op.parameters?.filter((p) => p.in === 'path').map((p) => p.name) ?? [], path).toEqual(inPath);
    }
  });

  it('only refers to schemas it defines', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    for (const ref of refs) expect(doc.components.schemas[ref], ref).toBeDefined();
  });

  it('marks public operations as needing no credentials', () => {
    expect(doc.paths['/api/setup']!.post!.security).toEqual([]);
    expect(doc.paths['/api/people']!.get!.security).toBeUndefined();
  });

  it('summarises schemas as short types on the documentation page', () => {
    expect(schemaSummary({ type: 'object', properties: { label: { type: 'string' }, ids: { type: 'array', items: { $ref: '#/components/schemas/Hit' } } }, required: ['label'] })).toBe('{ label: string, ids?: Hit[] }');
    expect(schemaSummary({ type: 'integer', minimum: 1, maximum: 500 })).toBe('integer 1–500');
    expect(schemaSummary({ type: 'string', enum: ['a', 'b'] })).toBe('"a" | "b"');
  });
});
