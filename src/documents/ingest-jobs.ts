import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../config/config';
import { ConflictError, NotFoundError, StoreUnavailableError, ValidationError } from '../shared/errors';
import type { GraphStore } from '../store/graph-store';
import {
  ingestDocument,
  ingestResultSchema,
  type IngestDocument,
  type IngestPhase,
  type IngestResult,
} from './document-ingest';

export const jobStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed']);

export const jobSchema = z
  .object({
    id: z.string(),
    kind: z.literal('ingest-document'),
    status: jobStatusSchema,
    /** The posted document's title, to tell jobs apart in a list. */
    title: z.string(),
    createdAt: z.string(),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
    progress: z.object({
      phase: z.enum(['queued', 'reading', 'extracting', 'writing', 'done']),
      /** Stretches of text read so far, of `total`, while extracting. */
      done: z.number().int(),
      total: z.number().int(),
      /** 0 to 1, over the whole job. */
      fraction: z.number().min(0).max(1),
    }),
    /**
     * When the job succeeded: the stored document, without its text (`GET /api/documents/{id}` has it),
     * and what ingesting it wrote.
     */
    result: ingestResultSchema.optional(),
    /** When it failed: why, with the offending fields for input the service refused. */
    error: z
      .object({
        status: z.number().int(),
        message: z.string(),
        errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
      })
      .optional(),
  })
  .meta({ id: 'Job' });

export type Job = z.infer<typeof jobSchema>;

/** Finished jobs are remembered for this long, and at most this many, then forgotten. */
const KEEP_FINISHED = 500;

/** Where each phase sits in a job's overall progress; extraction takes nearly all the time. */
const PHASE_SPAN: Record<IngestPhase, [number, number]> = {
  reading: [0, 0.05],
  extracting: [0.05, 0.9],
  writing: [0.9, 1],
};

/**
 * Document ingests as jobs: submitting one answers at once, the reading happens in worker threads, and
 * anyone can follow a job's progress and collect its result by id. Jobs live in this process's memory:
 * a restart forgets them (the documents they wrote stay stored).
 */
export class IngestJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly done = new Map<string, Promise<IngestResult>>();

  constructor(
    private readonly store: GraphStore,
    private readonly config: Config,
  ) {}

  submit(input: IngestDocument, now: Date = new Date()): Job {
    const job: Job = {
      id: `job-${randomUUID()}`,
      kind: 'ingest-document',
      status: 'queued',
      title: input.title,
      createdAt: now.toISOString(),
      progress: { phase: 'queued', done: 0, total: 1, fraction: 0 },
    };
    this.jobs.set(job.id, job);
    const run = this.run(job, input);
    this.done.set(job.id, run);
    // Callers waiting already get the whole result; once it is in, later ones get the job's copy, so
    // finished jobs do not keep their documents' texts (a 5 MB text each) alive. A failure is kept on
    // the job as well; the promise is only for callers who wait.
    run.then(
      () => this.done.set(job.id, Promise.resolve(job.result!)),
      () => undefined,
    );
    this.forgetOld();
    return { ...job };
  }

  get(id: string): Job {
    const job = this.jobs.get(id);
    if (!job) throw new NotFoundError('job', id);
    return structuredClone(job);
  }

  /** The newest jobs first. */
  list(limit: number, offset: number): { items: Job[]; total: number } {
    const all = [...this.jobs.values()].reverse();
    return {
      items: all.slice(offset, offset + limit).map((job) => ({ ...job, result: undefined })),
      total: all.length,
    };
  }

  /** The job's result once it is done (with the text while it was running); its error, as thrown, when it failed. */
  wait(id: string): Promise<IngestResult> {
    const run = this.done.get(id);
    if (!run) throw new NotFoundError('job', id);
    return run;
  }

  private async run(job: Job, input: IngestDocument): Promise<IngestResult> {
    job.status = 'running';
    job.startedAt = new Date().toISOString();
    try {
      const result = await ingestDocument(this.store, this.config, input, {
        onProgress: (phase, done, total) => {
          const [from, to] = PHASE_SPAN[phase];
          job.progress = { phase, done, total, fraction: from + ((to - from) * done) / Math.max(1, total) };
        },
      });
      job.status = 'succeeded';
      const { text: _text, ...withoutText } = result;
      job.result = withoutText;
      job.progress = { phase: 'done', done: 1, total: 1, fraction: 1 };
      return result;
    } catch (error) {
      job.status = 'failed';
      job.error = describeFailure(error);
      throw error;
    } finally {
      job.finishedAt = new Date().toISOString();
    }
  }

  private forgetOld(): void {
    const finished = [...this.jobs.values()].filter((j) => j.status === 'succeeded' || j.status === 'failed');
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) {
      this.jobs.delete(job.id);
      this.done.delete(job.id);
    }
  }
}

function describeFailure(error: unknown): NonNullable<Job['error']> {
  if (error instanceof ValidationError) {
    return {
      status: 422,
      message: error.message,
      errors: error.issues.map((issue) => ({
        field: issue.path.join('.') || '(body)',
        message: issue.message,
      })),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  const status =
    error instanceof NotFoundError
      ? 404
      : error instanceof ConflictError
        ? 409
        : error instanceof StoreUnavailableError
          ? 503
          : 500;
  return { status, message };
}

const jobsByStore = new WeakMap<GraphStore, IngestJobs>();

/** The jobs of the service around one store (the HTTP API and anyone else sharing the store object). */
export function ingestJobsFor(store: GraphStore, config: Config): IngestJobs {
  let jobs = jobsByStore.get(store);
  if (!jobs) {
    jobs = new IngestJobs(store, config);
    jobsByStore.set(store, jobs);
  }
  return jobs;
}
