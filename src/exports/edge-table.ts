import { stringify } from 'csv-stringify/sync';
import type Graph from 'graphology';

/**
 * The relation and affiliation networks as a sheet: one row per edge (relation or membership record) with
 * both ends, its type, date or period, quote and evidence, and the document it was read in.
 */
export const EDGE_COLUMNS = [
  'id',
  'source',
  'source_name',
  'target',
  'target_name',
  'type',
  'tone',
  'topic',
  'date',
  'from',
  'to',
  'role',
  'quote',
  'sentence',
  'document_id',
  'confidence',
] as const;

const text = (value: unknown): string | number =>
  typeof value === 'number' ? value : typeof value === 'string' ? value : '';

export function edgeTable(graph: Graph): string {
  const label = (node: string) => text(graph.getNodeAttribute(node, 'label'));
  const rows = graph.mapEdges((edge, a, source, target) => ({
    id: edge,
    source,
    source_name: label(source),
    target,
    target_name: label(target),
    type: text(a.type),
    tone: text(a.tone),
    topic: text(a.topicId),
    date: text(a.date),
    from: text(a.from),
    to: text(a.to),
    role: text(a.role),
    quote: text(a.quote),
    sentence: text(a.sentence),
    document_id: text(a.documentId),
    confidence: text(a.confidence),
  }));
  return stringify(rows, { header: true, columns: [...EDGE_COLUMNS] });
}
