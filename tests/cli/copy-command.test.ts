import type { Config } from '../../src/config/config';
import {
  copyGraph,
  parseCopyArgs,
  runCopyCommand,
  type CopyDependencies,
  type CopyProgress,
} from '../../src/cli/copy-command';
import type { GraphStore } from '../../src/store/graph-store';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { articleSnapshot, statements, topics } from '../support/article-fixtures';
import { historyEvents } from '../../src/model/history-schema';

const silent: CopyProgress = { start: () => undefined, advance: () => undefined, stop: () => undefined };

async function seededSqlite(): Promise<GraphStore> {
  const store = openSqliteStore({ dataDir: ':memory:' });
  await store.upsertSnapshot(articleSnapshot());
  return store;
}

describe('copy command', () => {
  it('parses its arguments and refuses nonsense', () => {
    expect(parseCopyArgs(['--from', 'sqlite', '--to', 'neo4j'])).toEqual({
      from: 'sqlite',
      to: 'neo4j',
      batchSize: 2000,
      merge: false,
    });
    expect(parseCopyArgs(['--from=neo4j', '--to=sqlite', '--batch-size', '50', '--merge'])).toMatchObject({
      batchSize: 50,
      merge: true,
    });
    expect(() => parseCopyArgs(['--from', 'sqlite', '--to', 'sqlite'])).toThrow(/different/);
    expect(() => parseCopyArgs(['--from', 'mysql', '--to', 'neo4j'])).toThrow(/sqlite or neo4j/);
    expect(() => parseCopyArgs(['--from', 'sqlite', '--to', 'neo4j', '--batch-size', '0'])).toThrow(
      /batch-size/,
    );
    expect(() => parseCopyArgs(['--from', 'sqlite'])).toThrow(/--to/);
    expect(() => parseCopyArgs(['--from', 'sqlite', '--to', 'neo4j', '--bogus'])).toThrow();
  });

  it('copies every record in small batches, sub-topics before their parents included, and checks the counts', async () => {
    const source = await seededSqlite();
    const target = openSqliteStore({ dataDir: ':memory:' });
    // 'unilateral-us-strikes' sorts before its parent 'us-strikes-on-cartels-in-mexico': with one record per
    // batch the child is written first.
    expect(topics.unilateral.id < topics.strikes.id).toBe(true);
    const advanced: number[] = [];
    const report = await copyGraph(
      source,
      target,
      { batchSize: 1, merge: false },
      {
        ...silent,
        advance: (_kind, n) => advanced.push(n),
      },
    );
    expect(report.mismatches).toEqual([]);
    expect(report.targetAfter).toEqual(report.source);
    expect(advanced.reduce((a, b) => a + b, 0)).toBe(
      Object.values(report.source).reduce((a, b) => a + b, 0) + report.source.topics,
    );
    for (const kind of [
      'actors',
      'topics',
      'documents',
      'statements',
      'relations',
      'affiliations',
    ] as const) {
      const all = [];
      for await (const batch of source.readAll(kind, 100)) all.push(...batch);
      expect(
        await target.getMany(
          kind,
          all.map((r) => r.id),
        ),
      ).toEqual(expect.arrayContaining(all));
    }
    await source.close();
    await target.close();
  });

  it('copies the review history, page by page, and adds nothing when copied again', async () => {
    const source = await seededSqlite();
    const target = openSqliteStore({ dataDir: ':memory:' });
    const before = statements.hegsethSupports;
    const rejected = { ...before, reviewStatus: 'rejected' as const, reviewedBy: 'ana' };
    const reaccepted = { ...before, reviewStatus: 'accepted' as const, reviewedBy: 'ben' };
    for (const [from, to, by] of [
      [before, rejected, 'ana'],
      [rejected, reaccepted, 'ben'],
    ] as const) {
      await source.commit({
        upsert: { statements: [to] },
        history: historyEvents([{ kind: 'statements', action: to.reviewStatus, before: from, after: to }], {
          by,
          at: new Date().toISOString(),
        }),
      });
    }
    const report = await copyGraph(source, target, { batchSize: 1, merge: false }, silent);
    expect(report.history).toEqual({ source: 2, copied: 2 });
    const all = { limit: 10, offset: 0 };
    expect(await target.history(all)).toEqual(await source.history(all));
    await copyGraph(source, target, { batchSize: 1, merge: true }, silent);
    expect(await target.history(all)).toEqual(await source.history(all));
    await source.close();
    await target.close();
  });

  it('will not copy into a store that holds records unless told to merge', async () => {
    const source = await seededSqlite();
    const target = await seededSqlite();
    await expect(copyGraph(source, target, { batchSize: 10, merge: false }, silent)).rejects.toThrow(
      /--merge/,
    );
    const merged = await copyGraph(source, target, { batchSize: 10, merge: true }, silent);
    expect(merged.mismatches).toEqual([]);
    await source.close();
    await target.close();
  });

  it('exits non-zero when the counts do not match', async () => {
    const source = await seededSqlite();
    const real = openSqliteStore({ dataDir: ':memory:' });
    let reads = 0;
    // A target that silently drops affiliations.
    const lossy: GraphStore = Object.assign(Object.create(real) as GraphStore, {
      backend: 'neo4j' as const,
      counts: async () => {
        const counts = await real.counts();
        return reads++ === 0 ? counts : { ...counts, affiliations: 0 };
      },
      close: () => real.close(),
    });
    const lines: string[] = [];
    const deps: CopyDependencies = {
      open: async (config: Config) => (config.store === 'sqlite' ? source : lossy),
      progress: () => silent,
      out: (line) => lines.push(line),
      err: (line) => lines.push(line),
    };
    const status = await runCopyCommand(
      ['--from', 'sqlite', '--to', 'neo4j'],
      {
        DATA_DIR: ':memory:',
        NEO4J_URI: 'neo4j://localhost:7687',
        NEO4J_PASSWORD: 'unused-here',
      },
      deps,
    );
    expect(status).toBe(1);
    expect(lines.join('\n')).toMatch(/affiliations .*MISMATCH/);
    expect(lines.join('\n')).toMatch(/counts differ for affiliations/);
  });

  it('explains its usage with status 2', async () => {
    const lines: string[] = [];
    const deps: CopyDependencies = {
      open: async () => {
        throw new Error('not reached');
      },
      progress: () => silent,
      out: (line) => lines.push(line),
      err: (line) => lines.push(line),
    };
    expect(await runCopyCommand(['--from', 'neo4j'], {}, deps)).toBe(2);
    expect(lines.join('\n')).toMatch(/usage: npm run copy/);
  });
});
