import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ValidationError } from '../shared/errors';
import { nameSchema, paginationSchema, textSchema } from './common-schema';
import { ENTITY_KINDS, type EntityKind, type EntityMap } from './entity-kinds';

/**
 * The review history: one event per record a review, merge or split changed, appended in the same
 * transaction as the change itself and never altered afterwards. A record's current fields say the
 * latest; its events say everything that led there, contradicting reviews included.
 */
export const historyActionSchema = z.enum(['accepted', 'rejected', 'edited', 'merged', 'split']);

const recordSnapshot = z.record(z.string(), z.unknown());

export const historyEventSchema = z
  .object({
    /** Unique; events of one change share a prefix and sort in the order they were made (see historyIds). */
    id: z.string().min(1).max(200),
    at: z.iso.datetime(),
    by: nameSchema(200).meta({ description: 'the reviewer: a named API key or the name the request gave' }),
    action: historyActionSchema,
    kind: z.enum(ENTITY_KINDS as [EntityKind, ...EntityKind[]]),
    recordId: z.string().min(1).max(200),
    /** The document a review went through. */
    documentId: z.string().min(1).max(200).optional(),
    reason: textSchema(2000).optional(),
    /** The record before the change; null when the change created it. */
    before: recordSnapshot.nullable(),
    /** The record after the change; null when the change removed it. */
    after: recordSnapshot.nullable(),
    /** The event whose cascade made this one (rejecting an actor rejects its pending claims). */
    causedBy: z.string().min(1).max(200).optional(),
  })
  .strict()
  .meta({ id: 'HistoryEvent' });

export type HistoryEvent = z.infer<typeof historyEventSchema>;
export type HistoryAction = z.infer<typeof historyActionSchema>;

/** Which events to read: all, a record's, or a document's; oldest first. */
export interface HistoryQuery {
  kind?: EntityKind;
  recordId?: string;
  documentId?: string;
  limit: number;
  offset: number;
}

export const historyPageQuerySchema = paginationSchema;

export const historyPageSchema = z
  .object({
    items: z.array(historyEventSchema),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({ id: 'HistoryPage' });

/**
 * `count` ids for the events of one change: one random prefix and a zero-padded position, so that events
 * with the same `at` (one change) sort by id in the order they were made, in every store.
 */
export function historyIds(count: number): string[] {
  const prefix = randomUUID();
  return Array.from({ length: count }, (_, index) => `${prefix}-${String(index).padStart(4, '0')}`);
}

/** One record's change, before the event ids and the stamp (who, when, why) are known. */
export interface RecordChange<K extends EntityKind = EntityKind> {
  kind: K;
  action: HistoryAction;
  before: EntityMap[K] | null;
  after: EntityMap[K] | null;
  /** Index, in the same list, of the change whose cascade made this one. */
  causedBy?: number;
}

/** The events for a list of changes, made by one person at one time, in that order. */
export function historyEvents(
  changes: readonly RecordChange[],
  stamp: { by: string; at: string; reason?: string; documentId?: string },
): HistoryEvent[] {
  const ids = historyIds(changes.length);
  return changes.map((change, index) => {
    const record = (change.after ?? change.before)!;
    return {
      id: ids[index]!,
      at: stamp.at,
      by: stamp.by,
      action: change.action,
      kind: change.kind,
      recordId: record.id,
      ...(stamp.documentId !== undefined ? { documentId: stamp.documentId } : {}),
      ...(stamp.reason !== undefined ? { reason: stamp.reason } : {}),
      before: change.before as Record<string, unknown> | null,
      after: change.after as Record<string, unknown> | null,
      ...(change.causedBy !== undefined ? { causedBy: ids[change.causedBy]! } : {}),
    };
  });
}

/** `reviewer` in a request body that changes the graph on someone's word. */
export const reviewerFieldSchema = nameSchema(200).meta({
  description:
    "who decides: a name or an e-mail; with named API keys (API_KEYS) the key's name, which this may only repeat",
});

/**
 * Who makes a reviewed change: the name of the API key the request came with, when keys are named (a body
 * may repeat it, never name someone else), else the `reviewer` the body gives.
 */
export function reviewerOf(request: { reviewer?: string }, caller: string | undefined): string {
  if (caller !== undefined) {
    if (request.reviewer !== undefined && request.reviewer !== caller) {
      throw new ValidationError('the reviewer is the holder of the API key', [
        {
          path: ['reviewer'],
          location: 'body',
          message: `is '${caller}' with this API key, not '${request.reviewer}'`,
        },
      ]);
    }
    return caller;
  }
  if (request.reviewer === undefined) {
    throw new ValidationError('a review needs its reviewer', [
      { path: ['reviewer'], location: 'body', message: 'is required (or send a named API key)' },
    ]);
  }
  return request.reviewer;
}
