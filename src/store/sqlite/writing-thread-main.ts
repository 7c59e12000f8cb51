/**
 * The writing thread's side (see writing-thread.ts): it gathers a change set sent in parts, commits it in
 * one transaction on its own connection, answers with the outcome, and waits for the next.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { ENTITY_KINDS } from '../../model/entity-kinds';
import type { GraphChange } from '../graph-store';
import { openCommitter } from './sqlite-store';
import { describeFailure, type WriteOutcome, type WritingMessage } from './writing-thread';

const dataDir = (workerData as { stancegraphWritingThread?: string } | null)?.stancegraphWritingThread;
if (!isMainThread && parentPort && dataDir) {
  const port = parentPort;
  const committer = openCommitter(dataDir);
  const fresh = (): Required<GraphChange> => ({ upsert: {}, remove: {}, history: [] });
  let change = fresh();
  port.on('message', (message: WritingMessage) => {
    if ('part' in message) {
      const { upsert = {}, remove = {}, history = [] } = message.part;
      for (const kind of ENTITY_KINDS) {
        const records = upsert[kind];
        if (records) ((change.upsert[kind] ??= []) as unknown[]).push(...records);
        if (remove[kind]) (change.remove[kind] ??= []).push(...remove[kind]);
      }
      change.history.push(...history);
      return;
    }
    let outcome: WriteOutcome;
    try {
      committer.commit(change);
      outcome = { ok: true };
    } catch (error) {
      outcome = { ok: false, failure: describeFailure(error) };
    }
    change = fresh();
    port.postMessage(outcome);
  });
}
