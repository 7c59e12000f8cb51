import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ENTITY_KINDS, type GraphSnapshot } from '../../src/model/entity-kinds';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { syntheticGraph } from '../support/synthetic-graph';
import { actors } from '../support/article-fixtures';
import { storeContract } from './store-contract';

storeContract('sqlite (in memory)', async () => openSqliteStore({ dataDir: ':memory:' }));

describe('sqlite store on disk', () => {
  it('finds what it wrote after being closed and opened again', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-'));
    const first = openSqliteStore({ dataDir });
    await first.create('actors', actors.sheinbaum);
    await first.close();
    const second = openSqliteStore({ dataDir });
    expect(await second.get('actors', actors.sheinbaum.id)).toEqual(actors.sheinbaum);
    await second.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});

/** One snapshot of every kind, large enough to be written by the store's writing thread. */
function largeSnapshot(): GraphSnapshot {
  const snapshot = Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, []])) as unknown as GraphSnapshot;
  for (const batch of syntheticGraph({
    seed: 5,
    actors: 300,
    topics: 30,
    statements: 20_000,
    relations: 600,
  }))
    for (const kind of ENTITY_KINDS) (snapshot[kind] as unknown[]).push(...(batch[kind] ?? []));
  return snapshot;
}

async function refusal(write: Promise<unknown>): Promise<unknown> {
  return write.then(
    () => 'written',
    (error: Error & { issues?: unknown }) => ({
      type: error.constructor.name,
      message: error.message,
      issues: error.issues,
    }),
  );
}

describe('sqlite store on disk, large snapshots', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('writes a large snapshot whole, and a write asked for meanwhile after it', async () => {
    const snapshot = largeSnapshot();
    const store = openSqliteStore({ dataDir });
    const big = store.upsertSnapshot(snapshot);
    const small = store.create('actors', actors.sheinbaum);
    await Promise.all([big, small]);
    const counts = await store.counts();
    for (const kind of ENTITY_KINDS)
      expect(counts[kind]).toBe(snapshot[kind].length + (kind === 'actors' ? 1 : 0));
    const last = snapshot.statements.at(-1)!;
    expect(await store.get('statements', last.id)).toEqual(last);
    await store.close();
  }, 300_000);

  it('refuses a large snapshot with one bad reference as the store in memory does, writing none of it', async () => {
    const snapshot = largeSnapshot();
    const index = snapshot.statements.length - 1;
    snapshot.statements[index] = { ...snapshot.statements[index]!, actorId: 'nobody-at-all' };
    const inMemory = openSqliteStore({ dataDir: ':memory:' });
    const expected = await refusal(inMemory.upsertSnapshot(snapshot));
    await inMemory.close();
    expect(expected).toMatchObject({
      type: 'ValidationError',
      issues: [{ path: ['statements', index, 'actorId'], message: "unknown actor 'nobody-at-all'" }],
    });

    const store = openSqliteStore({ dataDir });
    expect(await refusal(store.upsertSnapshot(snapshot))).toEqual(expected);
    expect(Object.values(await store.counts()).every((n) => n === 0)).toBe(true);
    await store.close();
  }, 300_000);
});
