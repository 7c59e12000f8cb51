import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { loadConfig, type Config } from '../config/config';
import { ValidationError } from '../shared/errors';
import { type GraphStore } from '../store/graph-store';
import { ENTITY_KINDS, type EntityKind } from '../model/entity-kinds';
import { openStore } from '../store/store-factory';

/**
 * `npm run copy -- --from sqlite --to neo4j` (or back): copies a whole graph between stores, batch by
 * batch (`readAll` on the source, `upsertSnapshot` on the target), then its review history, with a
 * progress bar, then checks the counts. Each side is configured from the environment as the service is: DATA_DIR for the embedded
 * store, NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE for Neo4j.
 *
 * Exit status: 0 copied and counts match; 1 failed or counts differ; 2 wrong usage or a target that
 * already holds records (pass --merge to copy into it anyway).
 */

export const USAGE = `usage: npm run copy -- --from <sqlite|neo4j> --to <sqlite|neo4j> [--batch-size N] [--merge]

  --from, --to    the stores to copy from and to, each configured from the environment
                  (sqlite: DATA_DIR; neo4j: NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE)
  --batch-size    records per read and per write transaction (default 2000)
  --merge         copy into a target that already holds records (records with the same id are replaced);
                  without it the target must be empty`;

type Backend = Config['store'];

export interface CopyOptions {
  from: Backend;
  to: Backend;
  batchSize: number;
  merge: boolean;
}

export class UsageError extends Error {}

export function parseCopyArgs(argv: readonly string[]): CopyOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        'batch-size': { type: 'string', default: '2000' },
        merge: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const backend = (name: string, value: string | undefined): Backend => {
    if (value === 'sqlite' || value === 'neo4j') return value;
    throw new UsageError(`--${name} must be sqlite or neo4j${value === undefined ? '' : `, not '${value}'`}`);
  };
  const from = backend('from', values.from);
  const to = backend('to', values.to);
  if (from === to) throw new UsageError('--from and --to must name different stores');
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000) {
    throw new UsageError('--batch-size must be a whole number from 1 to 50000');
  }
  return { from, to, batchSize, merge: values.merge ?? false };
}

export type Counts = Record<EntityKind, number>;

export interface CopyProgress {
  start(total: number): void;
  advance(kind: EntityKind, records: number): void;
  stop(): void;
}

export interface CopyReport {
  source: Counts;
  targetBefore: Counts;
  targetAfter: Counts;
  copied: Counts;
  /** History events in the source, and copied (an event already in the target is kept as it was). */
  history: { source: number; copied: number };
  /** Kinds whose count in the target is not what the copy should have left. */
  mismatches: EntityKind[];
}

const zeroCounts = (): Counts => Object.fromEntries(ENTITY_KINDS.map((k) => [k, 0])) as Counts;
const total = (counts: Counts) => ENTITY_KINDS.reduce((sum, kind) => sum + counts[kind], 0);

/**
 * Copies every record, kind by kind in dependency order, so each batch only refers to records already in
 * the target. Topics are copied twice (first without their parent, then whole), because a sub-topic can
 * sort before its parent and land in an earlier batch.
 */
export async function copyGraph(
  source: GraphStore,
  target: GraphStore,
  options: Pick<CopyOptions, 'batchSize' | 'merge'>,
  progress: CopyProgress,
): Promise<CopyReport> {
  const sourceCounts = await source.counts();
  const targetBefore = await target.counts();
  if (!options.merge && total(targetBefore) > 0) {
    throw new UsageError(
      `the ${target.backend} store already holds ${total(targetBefore)} records; pass --merge to copy into it anyway`,
    );
  }
  const copied = zeroCounts();
  progress.start(total(sourceCounts) + sourceCounts.topics);
  try {
    for (const kind of ENTITY_KINDS) {
      if (kind === 'topics') {
        for await (const batch of source.readAll('topics', options.batchSize)) {
          await target.upsertSnapshot({ topics: batch.map(({ parentId: _parent, ...topic }) => topic) });
          progress.advance('topics', batch.length);
        }
      }
      for await (const batch of source.readAll(kind, options.batchSize)) {
        await target.upsertSnapshot({ [kind]: batch });
        copied[kind] += batch.length;
        progress.advance(kind, batch.length);
      }
    }
  } finally {
    progress.stop();
  }
  const historyCopied = await copyHistory(source, target, options.batchSize);
  const targetAfter = await target.counts();
  const mismatches = ENTITY_KINDS.filter((kind) =>
    options.merge
      ? targetAfter[kind] < copied[kind] || targetAfter[kind] > targetBefore[kind] + copied[kind]
      : targetAfter[kind] !== copied[kind] || copied[kind] !== sourceCounts[kind],
  );
  const history = { source: (await source.history({ limit: 1, offset: 0 })).total, copied: historyCopied };
  return { source: sourceCounts, targetBefore, targetAfter, copied, history, mismatches };
}

/** The review history, oldest first, a page per write; ids are kept, so a repeated copy adds nothing. */
async function copyHistory(source: GraphStore, target: GraphStore, batchSize: number): Promise<number> {
  let copied = 0;
  for (;;) {
    const { items } = await source.history({ limit: batchSize, offset: copied });
    if (items.length === 0) return copied;
    await target.commit({ history: items });
    copied += items.length;
  }
}

/** A progress bar on stderr (plain lines when stderr is not a terminal). */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): CopyProgress {
  const bar = new SingleBar(
    {
      format: 'copying [{bar}] {percentage}% | {value}/{total} records | {kind}',
      hideCursor: true,
      stream,
      noTTYOutput: !stream.isTTY,
      notTTYSchedule: 2000,
    },
    Presets.shades_classic,
  );
  return {
    start: (totalRecords) => bar.start(totalRecords, 0, { kind: '' }),
    advance: (kind, records) => bar.increment(records, { kind }),
    stop: () => bar.stop(),
  };
}

export function formatReport(report: CopyReport, options: CopyOptions): string {
  const rows = ENTITY_KINDS.map((kind) => {
    const ok = report.mismatches.includes(kind) ? 'MISMATCH' : 'ok';
    return `  ${kind.padEnd(13)} ${String(report.source[kind]).padStart(9)} ${String(report.targetAfter[kind]).padStart(9)}  ${ok}`;
  });
  return [
    `stancegraph: copied ${options.from} -> ${options.to}`,
    `  ${'kind'.padEnd(13)} ${options.from.padStart(9)} ${options.to.padStart(9)}`,
    ...rows,
    `  ${'history'.padEnd(13)} ${String(report.history.source).padStart(9)} ${String(report.history.copied).padStart(9)}  ${report.history.copied === report.history.source ? 'ok' : 'MISMATCH'}`,
  ].join('\n');
}

export interface CopyDependencies {
  open(config: Config): GraphStore | Promise<GraphStore>;
  progress(): CopyProgress;
  out(line: string): void;
  err(line: string): void;
}

const defaultDependencies: CopyDependencies = {
  open: openStore,
  progress: () => progressBar(),
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

/** The whole command; returns the exit status. */
export async function runCopyCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  deps: CopyDependencies = defaultDependencies,
): Promise<number> {
  let options: CopyOptions;
  try {
    options = parseCopyArgs(argv);
  } catch (error) {
    deps.err(`stancegraph/copy: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const stores: GraphStore[] = [];
  try {
    const source = await deps.open(configFor(options.from, env));
    stores.push(source);
    const target = await deps.open(configFor(options.to, env));
    stores.push(target);
    const report = await copyGraph(source, target, options, deps.progress());
    deps.out(formatReport(report, options));
    const differing = [
      ...report.mismatches,
      ...(report.history.copied === report.history.source ? [] : ['history']),
    ];
    if (differing.length > 0) {
      deps.err(`stancegraph/copy: counts differ for ${differing.join(', ')}`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      deps.err(`stancegraph/copy: ${error.message}`);
      return 2;
    }
    deps.err(error instanceof Error ? error.message : String(error));
    if (error instanceof ValidationError) {
      for (const issue of error.issues) deps.err(`  ${issue.path.join('.')}: ${issue.message}`);
    }
    return 1;
  } finally {
    for (const store of stores) await store.close().catch(() => undefined);
  }
}

/** The configuration of one side: the environment, with STORE naming that side and no seeding. */
function configFor(backend: Backend, env: NodeJS.ProcessEnv): Config {
  return loadConfig({ ...env, STORE: backend, SEED_ON_START: 'false' });
}

if (require.main === module) {
  runCopyCommand(process.argv.slice(2), process.env).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
