import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { PROJECT_ROOT, type Config } from '../../src/config/config';
import { API_ROUTES } from '../../src/api/api-routes';
import { startTestApp, type TestApp } from '../support/test-app';

interface Operation {
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes?: Record<string, { type: string; scheme?: string; description?: string }> };
}

const API_KEY = 'openapi-test-key-0123456789abcdef';
const MUTATING = new Set(['post', 'put', 'patch', 'delete']);

async function documentFor(config: Partial<Config>): Promise<{ t: TestApp; doc: Document }> {
  const t = await startTestApp({ config });
  const res = await request(t.app).get('/api/openapi.json').expect(200);
  return { t, doc: res.body as Document };
}

/** Every operation under /api in the document, with its method and path. */
function apiOperations(doc: Document) {
  return Object.entries(doc.paths)
    .filter(([url]) => url.startsWith('/api/'))
    .flatMap(([url, methods]) => Object.entries(methods).map(([method, op]) => ({ url, method, op })));
}

const problemAnswer = (op: Operation, status: string) =>
  Object.keys(op.responses[status]?.content ?? {}).includes('application/problem+json');

/** The official OpenAPI 3.1 JSON schema, through the validator's own command line. */
function validateOpenApi(doc: Document): { valid: boolean; errors?: unknown } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-openapi-')), 'openapi.json');
  fs.writeFileSync(file, JSON.stringify(doc));
  const cli = path.join(
    PROJECT_ROOT,
    'node_modules/@seriousme/openapi-schema-validator/bin/validate-api-cli.js',
  );
  const run = spawnSync(process.execPath, [cli, file], { encoding: 'utf8' });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return JSON.parse(run.stdout) as { valid: boolean; errors?: unknown };
}

describe('the OpenAPI document says who needs the key, and what the guards answer', () => {
  it('with a key and a rate limit: writes need the bearer key and may get 401; every call may get 429 and 503', async () => {
    const { t, doc } = await documentFor({ apiKey: API_KEY, rateLimitMax: 100 });
    await t.store.close();
    expect(doc.components.securitySchemes?.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes?.apiKey?.description).toMatch(/Authorization: Bearer/);
    const operations = apiOperations(doc);
    // The document lists every route the router serves, the writes among them.
    expect(operations).toHaveLength(API_ROUTES.length);
    const writes = operations.filter(({ method }) => MUTATING.has(method));
    expect(writes.length).toBe(API_ROUTES.filter((r) => MUTATING.has(r.method)).length);
    expect(writes.length).toBeGreaterThan(10);
    for (const { url, method, op } of operations) {
      const where = `${method.toUpperCase()} ${url}`;
      const keyed = MUTATING.has(method);
      expect({ where, security: op.security }).toEqual({
        where,
        security: keyed ? [{ apiKey: [] }] : undefined,
      });
      expect({ where, has401: problemAnswer(op, '401') }).toEqual({ where, has401: keyed });
      expect({ where, has429: problemAnswer(op, '429'), has503: problemAnswer(op, '503') }).toEqual({
        where,
        has429: true,
        has503: true,
      });
      expect(Object.keys(op.responses['429']!.headers ?? {})).toContain('Retry-After');
      if (keyed) expect(Object.keys(op.responses['401']!.headers ?? {})).toEqual(['WWW-Authenticate']);
    }
    const health = doc.paths['/health']!.get!;
    expect(health.security).toBeUndefined();
    expect(Object.keys(health.responses)).toEqual(['200', '503']);
  });

  it('with reads protected, every operation under /api needs the key', async () => {
    const { t, doc } = await documentFor({ apiKey: API_KEY, apiKeyReads: true });
    await t.store.close();
    for (const { url, method, op } of apiOperations(doc)) {
      const where = `${method.toUpperCase()} ${url}`;
      expect({ where, security: op.security, has401: problemAnswer(op, '401') }).toEqual({
        where,
        security: [{ apiKey: [] }],
        has401: true,
      });
      expect({ where, has429: problemAnswer(op, '429') }).toEqual({ where, has429: false });
    }
    expect(doc.components.securitySchemes?.apiKey?.description).toMatch(/reads are protected/);
  });

  it('without a key or a rate limit, promises neither 401 nor 429', async () => {
    const { t, doc } = await documentFor({});
    await t.store.close();
    for (const { op } of apiOperations(doc)) {
      expect(op.security).toBeUndefined();
      expect(Object.keys(op.responses)).not.toEqual(expect.arrayContaining(['401']));
      expect(Object.keys(op.responses)).not.toEqual(expect.arrayContaining(['429']));
      expect(problemAnswer(op, '503')).toBe(true);
    }
    expect(doc.components.securitySchemes?.apiKey?.description).toMatch(/no API key is configured/);
  });

  it('matches what the rate limit does: the declared 429 is answered once the limit is spent', async () => {
    const { t, doc } = await documentFor({ rateLimitMax: 1 });
    expect(Object.keys(doc.paths['/api/topics']!.get!.responses)).toContain('429');
    await request(t.app).get('/api/topics').expect(200);
    const limited = await request(t.app).get('/api/topics').expect(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.headers['retry-after']).toBeDefined();
    await t.store.close();
  });

  it('matches what the guards do: a declared 401 is answered without the key, an undeclared one is not', async () => {
    const { t, doc } = await documentFor({ apiKey: API_KEY });
    const needsKey = (url: string, method: string) => doc.paths[url]![method]!.security !== undefined;
    expect(needsKey('/api/actors', 'post')).toBe(true);
    expect(needsKey('/api/actors', 'get')).toBe(false);
    await request(t.app).post('/api/actors').send({ name: 'Mike Vigil', kind: 'expert' }).expect(401);
    await request(t.app).get('/api/actors').expect(200);
    await request(t.app)
      .post('/api/actors')
      .set('Authorization', `Bearer ${API_KEY}`)
      .send({ name: 'Mike Vigil', kind: 'expert' })
      .expect(201);
    await t.store.close();
  });

  it('is a valid OpenAPI 3.1 document under every access setting', async () => {
    for (const config of [
      {},
      { apiKey: API_KEY, rateLimitMax: 100 },
      { apiKey: API_KEY, apiKeyReads: true },
    ]) {
      const { t, doc } = await documentFor(config);
      await t.store.close();
      expect(validateOpenApi(doc)).toEqual({ valid: true });
    }
  });
});
