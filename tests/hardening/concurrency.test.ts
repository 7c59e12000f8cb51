import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app';
import { testConfig } from '../support/test-config';
import type { GraphStore } from '../../src/store/graph-store';
import { openTestStore } from '../support/test-app';
import { ARTICLE_TEXT, actors, topics } from '../support/article-fixtures';
import { danglingReferences } from './support/invariants';
import { tempDataDir } from './support/service-process';

const WRITERS = 120;

let dataDir: string;
let store: GraphStore;
let server: Server;
let base: string;

beforeAll(async () => {
  dataDir = tempDataDir('concurrency');
  store = await openTestStore({ sqliteDataDir: dataDir });
  await store.upsertSnapshot({
    actors: [actors.sheinbaum, actors.hegseth],
    topics: [topics.strikes],
  });
  server = createApp(store, testConfig()).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function send(method: string, path: string, body?: unknown) {
  return fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then(async (res) => {
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  });
}

/** All writers start together, so their requests really overlap on the server. */
function together<T>(count: number, write: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => write(i)));
}

describe(`${WRITERS} concurrent writers on the same actors and topics`, () => {
  it('loses no statement: every create is acknowledged and stored once', async () => {
    const results = await together(WRITERS, (i) =>
      send('POST', '/statements', {
        id: `st-concurrent-${i}`,
        actorId: i % 2 ? actors.sheinbaum.id : actors.hegseth.id,
        topicId: topics.strikes.id,
        polarity: i % 3 ? 'oppose' : 'support',
        statedAt: `2025-10-${String((i % 28) + 1).padStart(2, '0')}`,
        quote: `Concurrent statement ${i}.`,
      }),
    );
    expect(results.map((r) => r.status)).toEqual(Array(WRITERS).fill(201));
    const stored = await send('GET', `/statements?topicId=${topics.strikes.id}&limit=500`);
    const ids = (stored.body.items as { id: string }[]).map((s) => s.id);
    expect(stored.body.total).toBe(WRITERS);
    expect(new Set(ids).size).toBe(WRITERS);
  });

  it('creates a record once when many writers race to create the same id', async () => {
    const results = await together(WRITERS, () =>
      send('POST', '/statements', {
        id: 'st-contested',
        actorId: actors.sheinbaum.id,
        topicId: topics.strikes.id,
        polarity: 'oppose',
        statedAt: '2025-11-01',
      }),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(WRITERS - 1);
  });

  it('stores one actor when many writers create it by the same name, and one document (extracted once) for the same text', async () => {
    const actorResults = await together(WRITERS, () =>
      send('POST', '/actors', { name: 'Omar García Harfuch', kind: 'official', country: 'MX' }),
    );
    expect(actorResults.filter((r) => r.status === 201)).toHaveLength(1);
    expect(actorResults.filter((r) => r.status === 409)).toHaveLength(WRITERS - 1);
    expect(await store.findActorsByName('Omar García Harfuch')).toHaveLength(1);

    const documentResults = await together(WRITERS, (i) =>
      send('POST', '/documents?wait=true', {
        id: `article-copy-${i}`,
        title: 'Sheinbaum rejects drone strikes',
        text: ARTICLE_TEXT,
      }),
    );
    // The same text again is answered with the stored document, marked duplicate, and extracted once.
    expect(documentResults.filter((r) => r.status >= 300)).toEqual([]);
    const fresh = documentResults.filter((r) => r.body.duplicate === false);
    expect(fresh).toHaveLength(1);
    expect(new Set(documentResults.map((r) => r.body.id))).toEqual(new Set([fresh[0]!.body.id]));
    const statementsWritten = (r: { body: Record<string, unknown> }) =>
      (r.body.extraction as { written?: { statements?: number } } | undefined)?.written?.statements ?? 0;
    const total = documentResults.reduce((sum, r) => sum + statementsWritten(r), 0);
    expect(total).toBe(statementsWritten(fresh[0]!));
    const stored = await send('GET', '/documents?q=sheinbaum%20rejects&limit=500');
    expect(stored.body.total).toBe(1);
  });

  it('loses no update: concurrent patches of different fields of one actor all land', async () => {
    const fields = [
      (i: number) => ({ description: `description ${i}` }),
      (i: number) => ({ aliases: [`Alias ${i}`] }),
      (i: number) => ({ country: i % 2 ? 'US' : 'CA' }),
      (i: number) => ({ name: `Pete Hegseth ${i}` }),
    ];
    const results = await together(WRITERS, (i) =>
      send('PATCH', `/actors/${actors.hegseth.id}`, fields[i % 4]!(i)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(WRITERS).fill(200));
    const final = (await send('GET', `/actors/${actors.hegseth.id}`)).body;
    // Each field holds a value some writer of that field sent: no writer's stale copy overwrote it.
    expect(final.description).toMatch(/^description \d+$/);
    expect(final.aliases).toEqual([expect.stringMatching(/^Alias \d+$/)]);
    expect(['US', 'CA']).toContain(final.country);
    expect(final.name).toMatch(/^Pete Hegseth \d+$/);
  });

  it('keeps the graph whole when writers delete with cascade while others write to the same actor', async () => {
    await send('POST', '/actors', { id: 'short-lived-actor', name: 'Short-lived Actor', kind: 'person' });
    const results = await together(WRITERS, (i) =>
      i === WRITERS / 2
        ? send('DELETE', '/actors/short-lived-actor?cascade=true')
        : send('POST', '/relations', {
            id: `rel-race-${i}`,
            sourceId: 'short-lived-actor',
            targetId: actors.sheinbaum.id,
            type: 'criticizes',
          }),
    );
    expect(results[WRITERS / 2]!.status).toBe(204);
    expect(results.filter((r) => ![201, 204, 422].includes(r.status))).toEqual([]);
    expect(await danglingReferences(store)).toEqual([]);
  });
});
