import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config/config';
import type { ExtractionContext } from '../extraction/extractor';
import type { ExtractionResult } from '../extraction/extraction-schema';
import type { ExtractorChoice } from '../extraction/extractor-factory';
import { ValidationError } from '../shared/errors';
import { plainText } from './document-text';
import type {
  ExtractOutcome,
  RenderOutcome,
  TextFormat,
  WorkerFailure,
  WorkerMessage,
} from './extraction-worker';

/**
 * Each worker's heap is capped, so one document can never take the service's memory with it: a document
 * that needs more fails its job with an error instead. Extraction reads stretches of text (see
 * EXTRACTION_CHUNK_CHARS), which keeps a 5 MB document far below this.
 */
export const WORKER_HEAP_MB = 512;

/** Compiled, the worker is a sibling .js file; from source (ts-jest, tsx) a small loader registers tsx first. */
function workerFile(): { filename: string } {
  const source = __filename.endsWith('.ts');
  return { filename: path.join(__dirname, source ? 'extraction-worker-source.cjs' : 'extraction-worker.js') };
}

/** Texts up to this many characters are rendered on the calling thread. */
const INLINE_RENDER_CHARS = 256 * 1024;

/**
 * Worker threads that render and read documents off the request path: one thread per task, at most
 * `threads` at once, the rest queued. A thread ends with its task, so its memory goes back with it.
 * (piscina was tried first; its shared-memory signalling hangs under jest's sandbox.)
 */
export class ExtractionPool {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly live = new Set<Worker>();

  constructor(private readonly threads = Math.max(1, Math.min(4, availableParallelism() - 1))) {}

  /** The stored text of a posted document; a ValidationError naming `text` when it has none. */
  async renderText(text: string, format?: TextFormat): Promise<string> {
    // Rendering a news-sized text takes less than starting a thread, and every duplicate post renders
    // before it is recognised: only long texts are worth a worker.
    if (text.length <= INLINE_RENDER_CHARS) return plainText(text, format);
    const outcome = (await this.run('renderText', { text, format })) as RenderOutcome;
    if (!outcome.ok) throw failureError(outcome.failure);
    return outcome.text;
  }

  /** The extractor's draft for `text`; `onProgress` hears after each stretch read. */
  async extract(
    text: string,
    context: ExtractionContext,
    extraction: Config['extraction'],
    choice: ExtractorChoice | undefined,
    onProgress?: (done: number, total: number) => void,
  ): Promise<ExtractionResult> {
    const task = { text, context, extraction, choice };
    const outcome = (await this.run('extract', task, onProgress)) as ExtractOutcome;
    if (!outcome.ok) throw failureError(outcome.failure);
    return outcome.draft;
  }

  /** Runs `task` on a thread of its own; the outcome, with the claims that came in parts put back. */
  private async run(
    task: 'renderText' | 'extract',
    input: unknown,
    onProgress?: (done: number, total: number) => void,
  ): Promise<unknown> {
    if (this.running >= this.threads) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      return await new Promise((resolve, reject) => {
        const worker = new Worker(workerFile().filename, {
          workerData: { stancegraphTask: task, input },
          resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
        });
        this.live.add(worker);
        let settled = false;
        const claims: Pick<ExtractionResult, 'statements' | 'relations'> = { statements: [], relations: [] };
        worker.on('message', (message: WorkerMessage) => {
          if ('progress' in message) onProgress?.(message.progress.done, message.progress.total);
          if ('part' in message) {
            (claims[message.part.list] as unknown[]).push(...message.part.claims);
            // The next part comes once this thread has had a turn for everything else.
            setImmediate(() => worker.postMessage('next'));
          }
          if ('outcome' in message) {
            settled = true;
            const { outcome } = message;
            resolve('draft' in outcome ? { ...outcome, draft: { ...outcome.draft, ...claims } } : outcome);
            void worker.terminate();
          }
        });
        worker.on('error', (error) => {
          settled = true;
          reject(new Error(`stancegraph/extraction-worker: ${error.message}`));
        });
        worker.on('exit', (code) => {
          this.live.delete(worker);
          if (!settled) reject(new Error(`stancegraph/extraction-worker: the thread ended (code ${code})`));
        });
      });
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.live].map((worker) => worker.terminate()));
  }
}

function failureError(failure: WorkerFailure): Error {
  return failure.issues
    ? new ValidationError(failure.message, failure.issues)
    : new Error(`stancegraph/extraction-worker: ${failure.message}`);
}
