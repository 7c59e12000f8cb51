import fs from 'node:fs';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { createApp } from '../../src/app';
import { testConfig } from '../support/test-config';
import { API_ROUTES } from '../../src/api/api-routes';
import type { GraphStore } from '../../src/store/graph-store';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { actorId, loadSyntheticGraph } from '../support/synthetic-graph';
import { residentBytes, startService, tempDataDir } from './support/service-process';

// SQLite only: the ceilings are the HTTP layer's (body size, nesting, page size, a trickled body) and the
// service process's memory, the same on either store. Left out of the live run: the deepest path query on
// this dense graph, which on Neo4j would need the 20,000-statement graph loaded into it twice (minutes).
const SMALL_GRAPH = { seed: 7, actors: 2_000, topics: 200, statements: 20_000, relations: 10_000 };
const JSON_LIMIT = 16 * 1024;
const DOCUMENT_LIMIT = 256 * 1024;

let store: GraphStore;
let server: Server;
let base: string;

beforeAll(async () => {
  store = openSqliteStore({ dataDir: ':memory:' });
  await loadSyntheticGraph(store, SMALL_GRAPH);
  const config = testConfig({ jsonBodyLimit: '16kb', documentBodyLimit: '256kb', requestTimeoutMs: 300 });
  server = createApp(store, config).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await store.close();
});

const url = (path: string) => `${base}/api${path.replace(/\{(\w+)\}/g, actorId(0))}`;

/** Every numeric query parameter with a ceiling, read from the routes' own schemas. */
const ceilings = API_ROUTES.filter((route) => route.method === 'get' && route.query).flatMap((route) => {
  const schema = z.toJSONSchema(route.query!, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, { maximum?: number }>;
  };
  const known = Object.keys(schema.properties ?? {});
  return Object.entries(schema.properties ?? {})
    .filter(([, property]) => property.maximum !== undefined && property.maximum < Number.MAX_SAFE_INTEGER)
    .map(([name, property]) => ({ route, name, maximum: property.maximum!, known }));
});

describe('limits', () => {
  it('finds the page-size and depth ceilings to test', () => {
    const names = new Set(ceilings.map((c) => c.name));
    expect(names).toContain('limit');
    expect(names).toContain('maxDepth');
  });

  it.each(ceilings.map((c) => [c.route.path, c.name, c] as const))(
    '%s refuses %s past its ceiling with a 422 naming it',
    async (_path, name, { route, maximum, known }) => {
      // The path's two actors, where the route takes them (an unknown parameter would be a 400 of its own).
      const ends: Record<string, string> =
        known.includes('from') && route.path === '/paths' ? { from: actorId(0), to: actorId(1) } : {};
      for (const value of [maximum + 1, 1e12, '1e400']) {
        const query = new URLSearchParams({ ...ends, [name]: String(value) });
        const res = await fetch(`${url(route.path)}?${query}`);
        expect(res.status).toBe(422);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        const body = (await res.json()) as { errors: { field: string }[] };
        expect(body.errors.map((e) => e.field)).toContain(name);
      }
    },
  );

  it('answers the deepest allowed path query on a dense graph with at most the asked number of paths', async () => {
    const pathsRoute = API_ROUTES.find((r) => r.path === '/paths')!;
    const maxDepth = ceilings.find((c) => c.route === pathsRoute && c.name === 'maxDepth')!.maximum;
    for (const to of [actorId(1999), actorId(1500), actorId(3)]) {
      const res = await fetch(
        `${base}/api/paths?from=${actorId(1998)}&to=${to}&maxDepth=${maxDepth}&limit=100`,
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as { paths: unknown[] };
      expect(body.paths.length).toBeLessThanOrEqual(100);
    }
  });

  it.each(API_ROUTES.filter((r) => r.body).map((r) => [r.method.toUpperCase(), r.path, r] as const))(
    '%s %s refuses a body over its limit with 413 problem+json',
    async (_m, path, route) => {
      const limit = path.startsWith('/documents') ? DOCUMENT_LIMIT : JSON_LIMIT;
      const res = await fetch(url(path), {
        method: route.method.toUpperCase(),
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'x'.repeat(limit + 1) }),
      });
      expect(res.status).toBe(413);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    },
  );

  it('refuses deeply nested JSON within the size limit with a 4xx', async () => {
    const nested = `${'['.repeat(4000)}${']'.repeat(4000)}`;
    const res = await fetch(`${base}/api/actors`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: nested,
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('answers 503 problem+json to a client that trickles its body past the request timeout', async () => {
    const { port } = server.address() as AddressInfo;
    const status = await new Promise<{ status: number; type: string }>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        path: '/api/actors',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': 100 },
      });
      req.on('response', (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']) });
        req.destroy();
      });
      req.on('error', reject);
      req.write('{"name":');
    });
    expect(status.status).toBe(503);
    expect(status.type).toMatch(/^application\/problem\+json/);
  });
});

describe('memory under hostile load', () => {
  const dataDir = tempDataDir('limits');
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('stays bounded through oversized streamed bodies, huge pages and deep path queries', async () => {
    const setup = openSqliteStore({ dataDir });
    await loadSyntheticGraph(setup, SMALL_GRAPH);
    await setup.close();
    const service = await startService({
      DATA_DIR: dataDir,
      DOCUMENT_BODY_LIMIT: '1mb',
      JSON_BODY_LIMIT: '100kb',
    });
    try {
      const pid = service.child.pid!;
      const warmUp = () => fetch(`${service.base}/api/statements?limit=500`).then((r) => r.arrayBuffer());
      await Promise.all([warmUp(), warmUp()]);
      const before = residentBytes(pid);

      // 20 clients stream 8 MB each with no Content-Length: a server that buffered them would hold 160 MB.
      const streamed = await Promise.all(
        Array.from({ length: 20 }, () => streamOversizedBody(service.base, 8 * 1024 * 1024)),
      );
      expect(new Set(streamed)).toEqual(new Set([413]));
      const pages = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          fetch(`${service.base}/api/statements?limit=500&offset=${i * 300}`).then(async (r) => {
            await r.arrayBuffer();
            return r.status;
          }),
        ),
      );
      expect(new Set(pages)).toEqual(new Set([200]));
      const paths = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          fetch(
            `${service.base}/api/paths?from=${actorId(1999 - i)}&to=${actorId(1000 + i)}&maxDepth=6&limit=100`,
          ).then(async (r) => {
            await r.arrayBuffer();
            return r.status;
          }),
        ),
      );
      expect(new Set(paths)).toEqual(new Set([200]));

      const growth = residentBytes(pid) - before;
      expect(growth).toBeLessThan(120 * 1024 * 1024);
      expect((await fetch(`${service.base}/health`)).status).toBe(200);
    } finally {
      service.child.kill('SIGKILL');
      await service.exited;
    }
  }, 60_000);
});

/** Streams `bytes` of JSON with chunked encoding and returns the status the server answers. */
function streamOversizedBody(base: string, bytes: number): Promise<number> {
  const target = new URL(`${base}/api/documents`);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, 'a');
    req.write('{"title":"Oversized","text":"');
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end('"}');
    };
    pump();
  });
}
