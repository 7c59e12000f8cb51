import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ENTITY_KINDS } from '../../model/entity-kinds';
import {
  ConflictError,
  NotFoundError,
  StoreUnavailableError,
  ValidationError,
  type FieldIssue,
} from '../../shared/errors';
import { EVENT_LOOP_SLICE_MS, eventLoopPacer } from '../../shared/event-loop';
import type { GraphChange } from '../graph-store';

/**
 * Change sets of at least this many records are written by the writing thread: on this thread, writing
 * (about 0.2 ms a record), committing and checkpointing a 5 MB document's 30,000 proposals held the
 * event loop, and every request, for seconds.
 */
export const OFF_THREAD_RECORDS = 500;

/** Records per message: each message is copied on this thread, so it stays short. */
const RECORDS_PER_MESSAGE = 200;

/** What goes to the writing thread: the change set in parts, then the word to commit it. */
export type WritingMessage = { part: Pick<GraphChange, 'upsert' | 'remove' | 'history'> } | { commit: true };

/** A failure carried back across the thread boundary, where error classes are lost. */
export type WriteFailure =
  | { type: 'validation' | 'conflict'; message: string; issues: FieldIssue[] }
  | { type: 'not-found'; entity: string; id: string }
  | { type: 'unavailable'; message: string; retryAfterSeconds: number }
  | { type: 'other'; message: string };

export type WriteOutcome = { ok: true } | { ok: false; failure: WriteFailure };

export function describeFailure(error: unknown): WriteFailure {
  if (error instanceof ValidationError || error instanceof ConflictError) {
    const type = error instanceof ValidationError ? 'validation' : 'conflict';
    return { type, message: error.message, issues: error.issues };
  }
  if (error instanceof NotFoundError) return { type: 'not-found', entity: error.entity, id: error.id };
  if (error instanceof StoreUnavailableError) {
    return { type: 'unavailable', message: error.message, retryAfterSeconds: error.retryAfterSeconds };
  }
  return { type: 'other', message: error instanceof Error ? error.message : String(error) };
}

function failureError(failure: WriteFailure): Error {
  switch (failure.type) {
    case 'validation':
      return new ValidationError(failure.message, failure.issues);
    case 'conflict':
      return new ConflictError(failure.message, failure.issues);
    case 'not-found':
      return new NotFoundError(failure.entity, failure.id);
    case 'unavailable':
      return new StoreUnavailableError(failure.message, failure.retryAfterSeconds);
    default:
      return new Error(`stancegraph/sqlite: writing thread: ${failure.message}`);
  }
}

/** Compiled, the thread runs a sibling .js file; from source (ts-jest, tsx) a small loader registers tsx first. */
function threadFile(): string {
  const source = __filename.endsWith('.ts');
  return path.join(__dirname, source ? 'writing-thread-source.cjs' : 'writing-thread-main.js');
}

/**
 * A thread with a connection of its own to the store's file, which writes large change sets, each in one
 * transaction, while this thread goes on answering (WAL: its connection keeps reading the last committed
 * graph). Started on the first large write and kept for the next; the caller lets one write run at a time.
 */
export class WritingThread {
  private worker: Worker | undefined;
  /** Settles the write under way when the thread answers, fails or ends. */
  private settle: ((outcome: WriteOutcome) => void) | undefined;

  constructor(private readonly dataDir: string) {}

  async commit(change: GraphChange): Promise<void> {
    const worker = this.start();
    const answered = new Promise<WriteOutcome>((resolve) => (this.settle = resolve));
    // A thread waited on keeps the process alive (a CLI import must not exit mid-write); an idle one does not.
    worker.ref();
    try {
      const handBack = eventLoopPacer(EVENT_LOOP_SLICE_MS);
      for (const kind of ENTITY_KINDS) {
        const records = change.upsert?.[kind] ?? [];
        for (let start = 0; start < records.length; start += RECORDS_PER_MESSAGE) {
          this.post({ part: { upsert: { [kind]: records.slice(start, start + RECORDS_PER_MESSAGE) } } });
          await handBack();
        }
      }
      this.post({ part: { remove: change.remove, history: change.history } });
      this.post({ commit: true });
      const outcome = await answered;
      if (!outcome.ok) throw failureError(outcome.failure);
    } finally {
      this.settle = undefined;
      worker.unref();
    }
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private post(message: WritingMessage): void {
    this.worker?.postMessage(message);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(threadFile(), { workerData: { stancegraphWritingThread: this.dataDir } });
    const lost = (message: string) => {
      if (this.worker === worker) this.worker = undefined;
      this.settle?.({ ok: false, failure: { type: 'other', message } });
    };
    worker.on('message', (outcome: WriteOutcome) => this.settle?.(outcome));
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => lost(`the thread ended (code ${code})`));
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
