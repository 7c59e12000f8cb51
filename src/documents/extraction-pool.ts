import { availableParallelism } from 'node:os';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Config } from '../config/config';
import type { ExtractionContext } from '../extraction/extractor';
import type { ExtractionDraft } from '../extraction/extraction-schema';
import { ValidationError } from '../shared/errors';
import type { ExtractOutcome, RenderOutcome, TextFormat, WorkerFailure } from './extraction-worker';

/**
 * Each worker's heap is capped, so one document can never take the service's memory with it: a document
 * that needs more fails its job with an error instead. Extraction reads stretches of text (see
 * EXTRACTION_CHUNK_CHARS), which keeps a 5 MB document far below this.
 */
export const WORKER_HEAP_MB = 512;

/** Compiled, the worker is a sibling .js file; under ts-jest or tsx it is the .ts source, loaded with tsx. */
function workerFile(): { filename: string; execArgv: string[] } {
  const source = __filename.endsWith('.ts');
  return {
    filename: path.join(__dirname, `extraction-worker.${source ? 'ts' : 'js'}`),
    execArgv: source ? ['--import', 'tsx'] : [],
  };
}

/**
 * A small pool of worker threads that render and read documents off the request path. One pool per
 * process, started on first use; idle threads exit after a minute and never keep the process alive.
 */
export class ExtractionPool {
  private pool: Piscina | undefined;

  constructor(private readonly threads = Math.max(1, Math.min(4, availableParallelism() - 1))) {}

  private get workers(): Piscina {
    this.pool ??= new Piscina({
      ...workerFile(),
      minThreads: 0,
      maxThreads: this.threads,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    return this.pool;
  }

  /** The stored text of a posted document; a ValidationError naming `text` when it has none. */
  async renderText(text: string, format?: TextFormat): Promise<string> {
    const outcome = (await this.workers.run({ text, format }, { name: 'renderText' })) as RenderOutcome;
    if (!outcome.ok) throw failureError(outcome.failure);
    return outcome.text;
  }

  /** The extractor's draft for `text`; `onProgress` hears after each stretch read. */
  async extract(
    text: string,
    context: ExtractionContext,
    extraction: Config['extraction'],
    onProgress?: (done: number, total: number) => void,
  ): Promise<ExtractionDraft> {
    const channel = new MessageChannel();
    channel.port1.on('message', (message: { done: number; total: number }) => {
      onProgress?.(message.done, message.total);
    });
    try {
      const outcome = (await this.workers.run(
        { text, context, extraction, progress: channel.port2 },
        { name: 'extract', transferList: [channel.port2] },
      )) as ExtractOutcome;
      if (!outcome.ok) throw failureError(outcome.failure);
      return outcome.draft;
    } finally {
      channel.port1.close();
    }
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }
}

function failureError(failure: WorkerFailure): Error {
  return failure.issues
    ? new ValidationError(failure.message, failure.issues)
    : new Error(`stancegraph/extraction-worker: ${failure.message}`);
}
