import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../src/app';
import type { GraphStore } from '../../src/store/graph-store';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { openTestStore } from '../support/test-app';
import { testConfig } from '../support/test-config';
import { concretePath, declaredRoutes, mountedRoutes, MUTATING } from './support/routes';

const API_KEY = 'a-long-enough-api-key-for-tests-0123456789';

/** Every app of this suite runs on one store of the kind under test, each with its own configuration. */
let store: GraphStore;
let keyedApp: Express;
beforeAll(async () => {
  store = await openTestStore();
  keyedApp = appWith({ apiKey: API_KEY });
});
afterAll(() => store.close());

function appWith(overrides: Parameters<typeof testConfig>[0]) {
  return createApp(store, testConfig(overrides));
}

// The routes are listed before any store is open (jest names each test up front); only this app's router
// is read, and no request reaches its store.
const routes = mountedRoutes(
  createApp(openSqliteStore({ dataDir: ':memory:' }), testConfig({ apiKey: API_KEY })),
);
const mutating = routes.filter((r) => MUTATING.has(r.method));
const reads = routes.filter(
  (r) =>
    r.method === 'get' &&
    r.path.startsWith('/api/') &&
    !r.path.startsWith('/api/docs') &&
    r.path !== '/api/openapi.json',
);
const url = (path: string) => concretePath(path, () => 'no-such-record');

function send(app: Express, method: string, path: string) {
  const req = request(app)[method as 'post'](path);
  return MUTATING.has(method) && method !== 'delete'
    ? req.set('Content-Type', 'application/json').send('{}')
    : req;
}

describe('API key', () => {
  it('the router exposes every declared route, and there are mutating ones to check', () => {
    const mounted = new Set(routes.map((r) => `${r.method} ${r.path}`));
    for (const route of declaredRoutes()) expect(mounted).toContain(`${route.method} ${route.path}`);
    expect(mutating.length).toBeGreaterThan(5);
  });

  it.each(mutating.map((r) => [r.method.toUpperCase(), r.path, r] as const))(
    '%s %s is refused without the key, with a wrong key, and accepted with it',
    async (_m, _p, route) => {
      const path = url(route.path);
      const missing = await send(keyedApp, route.method, path);
      expect(missing.status).toBe(401);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(missing.body).toMatchObject({ status: 401, title: 'Unauthorized' });

      for (const header of [
        `Bearer ${API_KEY}x`,
        `Bearer ${API_KEY.slice(0, -1)}`,
        `Basic ${API_KEY}`,
        API_KEY,
      ]) {
        const wrong = await send(keyedApp, route.method, path).set('Authorization', header);
        expect(wrong.status).toBe(401);
      }

      const accepted = await send(keyedApp, route.method, path).set('Authorization', `Bearer ${API_KEY}`);
      expect(accepted.status).not.toBe(401);
      expect(accepted.status).toBeLessThan(500);
    },
  );

  it('leaves reads open unless API_KEY_READS is on', async () => {
    const guarded = appWith({ apiKey: API_KEY, apiKeyReads: true });
    expect(reads.length).toBeGreaterThan(5);
    for (const route of reads) {
      const open = await request(keyedApp).get(url(route.path));
      expect(open.status).not.toBe(401);
      const refused = await request(guarded).get(url(route.path));
      expect(refused.status).toBe(401);
      const allowed = await request(guarded).get(url(route.path)).set('Authorization', `bearer ${API_KEY}`);
      expect(allowed.status).not.toBe(401);
    }
    expect((await request(guarded).get('/health')).status).toBe(200);
    expect((await request(guarded).get('/api/openapi.json')).status).toBe(200);
  });

  it('asks for no key when none is configured', async () => {
    const open = appWith({});
    const created = await request(open)
      .post('/api/actors')
      .send({ name: 'Claudia Sheinbaum', kind: 'official', country: 'MX' });
    expect(created.status).toBe(201);
  });
});

describe('HTTP hardening', () => {
  it('sends security headers and no CORS headers by default', async () => {
    const res = await request(appWith({})).get('/api/actors').set('Origin', 'https://evil.example');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers CORS only for configured origins, preflight included without a key', async () => {
    const app = appWith({ corsOrigins: ['https://newsroom.example'], apiKey: API_KEY });
    const preflight = await request(app)
      .options('/api/actors')
      .set('Origin', 'https://newsroom.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://newsroom.example');
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/);
    const other = await request(app).get('/api/actors').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('rate-limits each client with a problem+json 429 and Retry-After', async () => {
    const app = appWith({ rateLimitMax: 5, rateLimitWindowMs: 60_000 });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await request(app).get('/api/actors')).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const limited = await request(app).get('/api/topics');
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ status: 429 });
  });
});
