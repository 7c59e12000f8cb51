import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { loadSyntheticGraph, syntheticGraph } from '../support/synthetic-graph';
import { danglingReferences } from './support/invariants';

// SQLite only: this tests the generator; loading in batches on the live Neo4j is in the store contract
// (upsertSnapshot, readAll) and the live import tests.
const SIZE = { seed: 11, actors: 500, topics: 50, statements: 5_000, relations: 2_500, batchSize: 1_000 };

describe('synthetic graph', () => {
  it('is the same graph for the same seed, and another for another seed', () => {
    const first = JSON.stringify([...syntheticGraph(SIZE)]);
    expect(JSON.stringify([...syntheticGraph(SIZE)])).toBe(first);
    expect(JSON.stringify([...syntheticGraph({ ...SIZE, seed: 12 })])).not.toBe(first);
  });

  it('is skewed: the busiest 1% of actors make a large share of statements, most actors few', () => {
    const perActor = new Map<string, number>();
    for (const batch of syntheticGraph(SIZE))
      for (const s of batch.statements ?? []) perActor.set(s.actorId, (perActor.get(s.actorId) ?? 0) + 1);
    const counts = [...perActor.values()].sort((a, b) => b - a);
    const top = counts.slice(0, SIZE.actors / 100).reduce((a, b) => a + b, 0);
    expect(top / SIZE.statements).toBeGreaterThan(0.15);
    const median = counts[Math.floor(SIZE.actors / 2)] ?? 0;
    expect(median).toBeLessThan(SIZE.statements / SIZE.actors);
  });

  it('loads batch by batch into a store with every reference intact', async () => {
    const store = openSqliteStore({ dataDir: ':memory:' });
    const loaded = await loadSyntheticGraph(store, SIZE);
    expect(loaded).toMatchObject({ actors: 500, topics: 50, statements: 5_000 });
    expect(await store.counts()).toMatchObject({
      actors: 500,
      topics: 50,
      statements: 5_000,
      relations: loaded.relations,
    });
    expect(await danglingReferences(store)).toEqual([]);
    await store.close();
  });
});
