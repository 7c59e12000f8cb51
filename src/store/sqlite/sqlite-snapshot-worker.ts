/**
 * The writing thread of a large snapshot (see writeSnapshotOffThread in sqlite-store.ts): it gathers the
 * records sent a slice at a time, writes them in one transaction on its own connection, answers with the
 * outcome and ends.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { ENTITY_KINDS, type EntityKind, type GraphSnapshot } from '../../model/entity-kinds';
import { writeSnapshotHere } from './sqlite-store';

type Slice = { kind: EntityKind; records: GraphSnapshot[EntityKind] } | { done: true };

const dataDir = (workerData as { stancegraphSqliteWrite?: string } | null)?.stancegraphSqliteWrite;
if (!isMainThread && parentPort && dataDir) {
  const port = parentPort;
  const snapshot: Record<string, unknown[]> = Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, []]));
  port.on('message', (slice: Slice) => {
    if ('done' in slice) {
      port.postMessage(writeSnapshotHere(dataDir, snapshot as Partial<GraphSnapshot>));
      port.close();
    } else {
      snapshot[slice.kind]!.push(...slice.records);
    }
  });
}
