import { Writable } from 'node:stream';
import request from 'supertest';
import { createApp } from '../../src/app';
import { testConfig } from '../support/test-config';
import { createLogger } from '../../src/shared/logger';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { ARTICLE_TEXT } from '../support/article-fixtures';

// SQLite only: what a request log line holds is decided by the HTTP layer, the same on either store.
const API_KEY = 'log-test-key-that-must-never-be-logged';

describe('request logs', () => {
  it('log each request as JSON with method, path and status, never the key, the body or the query', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const app = createApp(
      openSqliteStore({ dataDir: ':memory:' }),
      testConfig({ apiKey: API_KEY }),
      createLogger('info', sink),
    );
    const created = await request(app)
      .post('/api/documents?wait=true')
      .set('Authorization', `Bearer ${API_KEY}`)
      .send({ id: 'logged-article', title: 'Sheinbaum rejects drone strikes', text: ARTICLE_TEXT });
    expect(created.status).toBe(201);
    await request(app).get('/api/actors?q=sheinbaum-secret-search').set('Authorization', `Bearer ${API_KEY}`);
    await request(app)
      .post('/api/actors')
      .set('Authorization', 'Bearer wrong-key')
      .send({ name: 'x', kind: 'person' });

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          req: expect.objectContaining({ method: 'POST', path: '/api/documents' }),
          res: { status: 201 },
        }),
        expect.objectContaining({
          req: expect.objectContaining({ method: 'GET', path: '/api/actors' }),
          res: { status: 200 },
        }),
        expect.objectContaining({ level: 40, res: { status: 401 } }),
      ]),
    );
    const everything = lines.join('\n');
    expect(everything).not.toContain(API_KEY);
    expect(everything).not.toContain('wrong-key');
    expect(everything).not.toContain(ARTICLE_TEXT.slice(0, 40));
    expect(everything).not.toContain('sheinbaum-secret-search');
    expect(created.headers['x-request-id']).toBeDefined();
  });
});
