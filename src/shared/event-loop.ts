import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * For long work on the service's thread (writing or checking tens of thousands of records): the function
 * returned hands the event loop back once the work has held it for `sliceMs` since it last did, and
 * otherwise returns at once. Call it between items; the service keeps answering meanwhile.
 */
export function eventLoopPacer(sliceMs: number): () => Promise<void> {
  let heldSince = performance.now();
  return async () => {
    if (performance.now() - heldSince < sliceMs) return;
    await nextTurn();
    heldSince = performance.now();
  };
}

/** How long the service's thread may be held between two turns of its event loop. */
export const EVENT_LOOP_SLICE_MS = 10;
