import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { testConfig } from '../support/test-config';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { GraphStore } from '../../src/store/graph-store';

const TEXT = readFileSync(
  path.join(__dirname, '../fixtures/extraction/globalnews-2025-04-sheinbaum-drone-strikes.txt'),
  'utf8',
);
const SENTENCE = '“We do not agree with any kind of intervention or interference,” Sheinbaum added.';

/** A local server that plays an OpenAI-compatible chat-completions endpoint with a canned answer. */
async function fakeEndpoint(answer: (body: { model: string }) => string) {
  const seen: { auth?: string; body: { model: string; messages: { content: string }[] } }[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as { model: string; messages: { content: string }[] };
      seen.push({ auth: req.headers.authorization, body });
      if (req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: answer(body) } }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/v1`, seen, close: () => new Promise((r) => server.close(r)) };
}

const draft = {
  actors: [
    { key: 'a1', name: 'Claudia Sheinbaum', aliases: ['Sheinbaum'], kind: 'official', country: 'MX' },
    { key: 'a2', name: 'Trump administration', aliases: [], kind: 'government', country: 'US' },
  ],
  statements: [
    {
      actorKey: 'a1',
      topic: { title: 'Foreign intervention in Mexico' },
      polarity: 'oppose',
      intensity: 0.8,
      quote: 'We do not agree with any kind of intervention or interference',
      evidence: { sentence: SENTENCE },
      confidence: 0.9,
    },
  ],
  relations: [
    { sourceKey: 'a1', targetKey: 'a2', type: 'opposes', evidence: { sentence: SENTENCE }, confidence: 0.7 },
  ],
  affiliations: [],
};

let store: GraphStore;
afterEach(async () => {
  await store?.close();
});

function appWith(baseUrl: string) {
  store = openSqliteStore({ dataDir: ':memory:' });
  const config = testConfig({
    extraction: {
      extractor: 'llm',
      llm: { baseUrl, apiKey: 'sk-test', model: 'local-test-model', timeoutMs: 5000 },
    },
  });
  return createApp(store, config);
}

describe('LLM extractor', () => {
  it('is off by default and needs an endpoint when switched on', () => {
    expect(testConfig().extraction.extractor).toBe('rules');
    expect(() => loadConfig({ EXTRACTOR: 'llm' })).toThrow(/LLM_BASE_URL/);
    expect(
      loadConfig({ EXTRACTOR: 'llm', LLM_BASE_URL: 'http://127.0.0.1:9/v1' }).extraction.llm?.model,
    ).toBeDefined();
  });

  it('sends the text to the endpoint and stores its validated answer as proposals', async () => {
    const endpoint = await fakeEndpoint(() => '```json\n' + JSON.stringify(draft) + '\n```');
    try {
      const app = appWith(endpoint.baseUrl);
      const res = await request(app)
        .post('/api/documents?wait=true')
        .send({ title: 'Global News', text: TEXT })
        .expect(201);
      expect(endpoint.seen[0]!.auth).toBe('Bearer sk-test');
      expect(endpoint.seen[0]!.body.model).toBe('local-test-model');
      expect(endpoint.seen[0]!.body.messages.at(-1)!.content).toContain('Sheinbaum told reporters');
      expect(res.body.extraction.extractor.name).toBe('stancegraph-llm');
      expect(res.body.extraction.written).toMatchObject({
        statements: 1,
        relations: 1,
        actors: 2,
        topics: 1,
      });

      const list = await request(app).get(`/api/documents/${res.body.id}/extractions`).expect(200);
      const [statement] = list.body.statements;
      expect(statement).toMatchObject({ method: 'llm', polarity: 'oppose', reviewStatus: 'proposed' });
      expect(TEXT.slice(statement.evidence.start, statement.evidence.end)).toBe(SENTENCE);
    } finally {
      await endpoint.close();
    }
  });

  it('an answer that is no JSON object writes no proposals', async () => {
    for (const answer of ['not json at all', '[1, 2]']) {
      const endpoint = await fakeEndpoint(() => answer);
      try {
        const app = appWith(endpoint.baseUrl);
        const res = await request(app)
          .post('/api/documents?wait=true')
          .send({ title: 'Global News', text: TEXT })
          .expect(201);
        expect(res.body.extraction.error).toMatch(/stancegraph\/llm-extractor/);
        expect(await store.counts()).toMatchObject({ documents: 1, statements: 0, relations: 0, actors: 0 });
      } finally {
        await endpoint.close();
        await store.close();
      }
    }
  });

  it('keeps the good items of an answer and reports each bad one by list, index and field', async () => {
    const good = draft.statements[0]!;
    const answer = {
      ...draft,
      statements: [
        { ...good, polarity: 'enthusiastic' },
        good,
        { ...good, evidence: { sentence: 'Words the article never says.' } },
      ],
      relations: [
        ...draft.relations,
        {
          sourceKey: 'a1',
          targetKey: 'a9',
          type: 'opposes',
          evidence: { sentence: SENTENCE },
          confidence: 0.5,
        },
      ],
    };
    const endpoint = await fakeEndpoint(() => JSON.stringify(answer));
    try {
      const app = appWith(endpoint.baseUrl);
      const res = await request(app)
        .post('/api/documents?wait=true')
        .send({ title: 'Global News', text: TEXT })
        .expect(201);
      expect(res.body.extraction.error).toBeUndefined();
      expect(res.body.extraction.written).toMatchObject({ statements: 1, relations: 1, actors: 2 });
      expect(res.body.extraction.rejected).toEqual([
        expect.objectContaining({ list: 'statements', index: 0, field: 'polarity' }),
        expect.objectContaining({ list: 'statements', index: 2, field: 'evidence.sentence' }),
        expect.objectContaining({ list: 'relations', index: 1, field: 'targetKey' }),
      ]);
    } finally {
      await endpoint.close();
    }
  });

  it('is chosen per request, by query or body field, beside the service’s rules extractor', async () => {
    const endpoint = await fakeEndpoint(() => JSON.stringify(draft));
    try {
      store = openSqliteStore({ dataDir: ':memory:' });
      const app = createApp(
        store,
        testConfig({
          extraction: {
            extractor: 'rules',
            llm: { baseUrl: endpoint.baseUrl, model: 'local-test-model', timeoutMs: 5000 },
          },
        }),
      );
      const byDefault = await request(app)
        .post('/api/documents?wait=true')
        .send({ title: 'A', text: TEXT })
        .expect(201);
      expect(byDefault.body.extraction.extractor.name).toBe('stancegraph-rules');
      expect(endpoint.seen).toHaveLength(0);

      const again = await request(app)
        .post(`/api/documents/${byDefault.body.id}/extractions?extractor=llm`)
        .expect(200);
      expect(again.body.extraction.extractor.name).toBe('stancegraph-llm');
      expect(endpoint.seen).toHaveLength(1);

      const other = `${TEXT}\nA line that makes this a second document.`;
      const byBody = await request(app)
        .post('/api/documents?wait=true')
        .send({ title: 'B', text: other, extractor: 'llm' })
        .expect(201);
      expect(byBody.body.extraction.extractor.name).toBe('stancegraph-llm');
      expect(endpoint.seen).toHaveLength(2);
    } finally {
      await endpoint.close();
    }
  });

  it('refuses the LLM extractor per request when the service has no endpoint', async () => {
    store = openSqliteStore({ dataDir: ':memory:' });
    const app = createApp(store, testConfig());
    const res = await request(app)
      .post('/api/documents?extractor=llm')
      .send({ title: 'Global News', text: TEXT })
      .expect(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(res.body)).toMatch(/extractor/);
    expect(await store.counts()).toMatchObject({ documents: 0 });
  });
});
