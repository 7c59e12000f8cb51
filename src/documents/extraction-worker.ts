/**
 * The CPU-heavy half of ingesting a document, run inside a worker thread (see extraction-pool.ts) so the
 * service keeps answering while it works: rendering HTML or Markdown to the stored text, and the extractor.
 * Nothing here touches the store; the main thread reads the context before and writes the proposals after.
 */
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Config } from '../config/config';
import type { ExtractionContext } from '../extraction/extractor';
import { createExtractor, type ExtractorChoice } from '../extraction/extractor-factory';
import type { ExtractionDraft, ExtractionResult } from '../extraction/extraction-schema';
import { ValidationError, type FieldIssue } from '../shared/errors';
import { plainText } from './document-text';

/**
 * The rules extractor reads a document a stretch at a time: its working memory grows with the text it
 * holds at once, so a 5 MB document read whole took 2 GB. Stretches end at a paragraph break, so a
 * quotation and its attribution are never cut apart; any document under this size is read whole.
 */
export const EXTRACTION_CHUNK_CHARS = 60_000;

export type TextFormat = 'text' | 'markdown' | 'html';

/** A failure carried across the thread boundary, where error classes are lost. */
export interface WorkerFailure {
  message: string;
  issues?: FieldIssue[];
}

export type RenderOutcome = { ok: true; text: string } | { ok: false; failure: WorkerFailure };

/** Turns the posted text into the text that is stored and that evidence offsets point into. */
export function renderText(task: { text: string; format?: TextFormat }): RenderOutcome {
  try {
    return { ok: true, text: plainText(task.text, task.format) };
  } catch (error) {
    if (error instanceof ValidationError) {
      return { ok: false, failure: { message: error.message, issues: error.issues } };
    }
    return { ok: false, failure: { message: error instanceof Error ? error.message : String(error) } };
  }
}

export interface ExtractTask {
  text: string;
  context: ExtractionContext;
  extraction: Config['extraction'];
  /** The extractor the request asked for; the service's own when absent. */
  choice?: ExtractorChoice;
  /** Receives `{ done, total }` after each stretch of text. */
  progress?: MessagePort;
  onProgress?: (done: number, total: number) => void;
}

export type ExtractOutcome = { ok: true; draft: ExtractionResult } | { ok: false; failure: WorkerFailure };

/**
 * A draft's claims go to the service's thread in parts, each sent once the one before has been taken in
 * (the thread answers `next`): a 5 MB document's 30,000 claims in one message held that thread for half
 * a second as it was copied in, and parts sent all at once are taken in as one stretch too.
 */
export const CLAIMS_PER_PART = 250;

/** What the thread posts: progress, a part of the draft's claims, or the outcome (its claims left out). */
export type WorkerMessage =
  | { progress: { done: number; total: number } }
  | { part: ClaimPart }
  | { outcome: RenderOutcome | ExtractOutcome };

export type ClaimPart =
  | { list: 'statements'; claims: ExtractionResult['statements'] }
  | { list: 'relations'; claims: ExtractionResult['relations'] };

/** Runs the configured extractor over the text, a stretch at a time for the rules extractor. */
export async function extract(task: ExtractTask): Promise<ExtractOutcome> {
  try {
    const extractor = createExtractor({ extraction: task.extraction } as Config, task.choice);
    // The LLM extractor waits on the network, not the CPU, and reads its answer whole.
    const stretches =
      extractor.method === 'rules'
        ? textStretches(task.text, EXTRACTION_CHUNK_CHARS)
        : [{ start: 0, end: task.text.length }];
    const drafts: ExtractionResult[] = [];
    for (const [index, stretch] of stretches.entries()) {
      const draft = await extractor.extract(task.text.slice(stretch.start, stretch.end), task.context);
      drafts.push(shiftDraft(draft, stretch.start));
      task.progress?.postMessage({ done: index + 1, total: stretches.length });
      task.onProgress?.(index + 1, stretches.length);
    }
    return { ok: true, draft: mergeDrafts(drafts) };
  } catch (error) {
    return { ok: false, failure: { message: error instanceof Error ? error.message : String(error) } };
  } finally {
    task.progress?.close();
  }
}

/** Cuts text into stretches of at most about `size` characters, at paragraph breaks when there are any. */
export function textStretches(text: string, size: number): { start: number; end: number }[] {
  const stretches: { start: number; end: number }[] = [];
  let start = 0;
  while (text.length - start > size) {
    const window = text.slice(start, start + size);
    const cut =
      lastBreak(window, /\n\s*\n/g) ?? lastBreak(window, /\n/g) ?? lastBreak(window, /[.!?]["”’)]?\s+/g);
    const end = start + (cut !== undefined && cut > size / 4 ? cut : size);
    stretches.push({ start, end });
    start = end;
  }
  if (start < text.length || stretches.length === 0) stretches.push({ start, end: text.length });
  return stretches;
}

/** Where the last match of `pattern` in `text` ends, if any. */
function lastBreak(text: string, pattern: RegExp): number | undefined {
  let end: number | undefined;
  for (const match of text.matchAll(pattern)) end = match.index + match[0].length;
  return end;
}

function shiftDraft(draft: ExtractionDraft, offset: number): ExtractionDraft {
  if (offset === 0) return draft;
  const shift = <T extends { evidence: { start: number; end: number } }>(claim: T): T => ({
    ...claim,
    evidence: { ...claim.evidence, start: claim.evidence.start + offset, end: claim.evidence.end + offset },
  });
  return { ...draft, statements: draft.statements.map(shift), relations: draft.relations.map(shift) };
}

/** One draft from the stretches' drafts: an actor named in several stretches is one actor. */
function mergeDrafts(drafts: ExtractionResult[]): ExtractionResult {
  if (drafts.length === 1) return drafts[0]!;
  const actors = new Map<string, ExtractionDraft['actors'][number]>();
  for (const draft of drafts) {
    for (const actor of draft.actors) {
      const seen = actors.get(actor.key);
      if (!seen) actors.set(actor.key, actor);
      else {
        actors.set(actor.key, {
          ...seen,
          aliases: [...new Set([...seen.aliases, ...actor.aliases])].slice(0, 100),
          confidence: Math.max(seen.confidence, actor.confidence),
        });
      }
    }
  }
  const affiliations = new Map<string, ExtractionDraft['affiliations'][number]>();
  for (const draft of drafts) {
    for (const a of draft.affiliations) affiliations.set(`${a.memberKey}\u0000${a.organizationKey}`, a);
  }
  return {
    actors: [...actors.values()],
    statements: drafts.flatMap((d) => d.statements),
    relations: drafts.flatMap((d) => d.relations),
    affiliations: [...affiliations.values()],
  };
}

/** Started as a thread by ExtractionPool: run the one task in `workerData`, answer, and end. */
if (!isMainThread && parentPort && (workerData as { stancegraphTask?: string } | null)?.stancegraphTask) {
  const { stancegraphTask, input } = workerData as {
    stancegraphTask: 'renderText' | 'extract';
    input: never;
  };
  const port = parentPort;
  const post = (message: WorkerMessage) => port.postMessage(message);
  const run =
    stancegraphTask === 'renderText'
      ? Promise.resolve(renderText(input))
      : extract({
          ...(input as ExtractTask),
          progress: undefined,
          onProgress: (done, total) => post({ progress: { done, total } }),
        } as ExtractTask);
  void run.then(async (outcome) => {
    if ('draft' in outcome) {
      const { statements, relations } = outcome.draft;
      const taken = () => new Promise<void>((resolve) => port.once('message', () => resolve()));
      for (let i = 0; i < statements.length; i += CLAIMS_PER_PART) {
        post({ part: { list: 'statements', claims: statements.slice(i, i + CLAIMS_PER_PART) } });
        await taken();
      }
      for (let i = 0; i < relations.length; i += CLAIMS_PER_PART) {
        post({ part: { list: 'relations', claims: relations.slice(i, i + CLAIMS_PER_PART) } });
        await taken();
      }
      post({ outcome: { ...outcome, draft: { ...outcome.draft, statements: [], relations: [] } } });
    } else {
      post({ outcome });
    }
  });
}
