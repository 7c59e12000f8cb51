import { idFromParts } from '../shared/ids';
import { createStatementSchema, type CreateStatement, type Statement } from './statement-schema';

/** A new statement; without an id it gets one derived from what it says, so a repeat is a duplicate. */
export function buildStatement(input: CreateStatement): Statement {
  const s = createStatementSchema.parse(input);
  const id =
    s.id ??
    idFromParts('st', [
      s.actorId,
      s.topicId,
      s.polarity,
      s.statedAt,
      s.documentId,
      s.quote,
      s.evidence?.start,
    ]);
  return { ...s, id };
}
