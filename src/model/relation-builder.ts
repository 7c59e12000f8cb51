import { idFromParts } from '../shared/ids';
import { createRelationSchema, type CreateRelation, type Relation } from './relation-schema';

export function buildRelation(input: CreateRelation): Relation {
  const r = createRelationSchema.parse(input);
  const id =
    r.id ??
    idFromParts('rel', [r.sourceId, r.type, r.targetId, r.date, r.documentId, r.quote, r.evidence?.start]);
  return { ...r, id };
}
