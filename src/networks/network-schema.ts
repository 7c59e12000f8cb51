import { z } from 'zod';
import { projectionFields } from './projection-schema';
import { relationTypeListSchema } from '../model/relation-schema';
import { slugIdSchema, withTimeWindow } from '../model/common-schema';

export const networkKindSchema = z.enum([
  'relations',
  'agreement',
  'conflict',
  'subtract',
  'affiliation',
  'actor-topic',
]);

const exportFormatSchema = z.enum(['graphology', 'gexf', 'graphml', 'csv', 'cytoscape']).meta({
  description:
    'graphology: serialized JSON (the default); gexf: GEXF 1.3 with a timeline from statement dates (Gephi); graphml: GraphML with typed keys (networkx, yEd, Gephi); csv: for agreement, conflict, subtract and actor-topic the statements table, one row per statement; for relations and affiliation the edge table, one row per relation or membership (id, source, source_name, target, target_name, type, tone, topic, date, from, to, role, quote, sentence, document_id, confidence); cytoscape: Cytoscape.js elements JSON',
});

const MAX_EGO_DEPTH = 3;
const MAX_EGO_FANOUT = 200;

const { from: _from, to: _to, ...projectionOptions } = projectionFields;

export const networkQuerySchema = withTimeWindow({
  kind: networkKindSchema.default('relations'),
  ...projectionOptions,
  types: relationTypeListSchema
    .optional()
    .meta({ description: 'comma-separated relation types (kind=relations)' }),
  format: exportFormatSchema.optional(),
  ego: slugIdSchema.optional().meta({ description: 'only the network around this actor' }),
  depth: z.coerce.number().int().min(1).max(MAX_EGO_DEPTH).default(1).meta({ description: 'hops from ego' }),
  fanout: z.coerce.number().int().min(1).max(MAX_EGO_FANOUT).default(50).meta({
    description: 'at most this many neighbours, the most strongly tied, are followed from each node',
  }),
});

/** graphology's serialization format: the page calls `graph.import(data)` on it. */
export const serializedGraphSchema = z
  .object({
    options: z.object({ type: z.string(), multi: z.boolean(), allowSelfLoops: z.boolean() }),
    attributes: z.record(z.string(), z.unknown()),
    nodes: z.array(z.object({ key: z.string(), attributes: z.record(z.string(), z.unknown()).optional() })),
    edges: z.array(
      z.object({
        key: z.string().optional(),
        source: z.string(),
        target: z.string(),
        undirected: z.boolean().optional(),
        attributes: z.record(z.string(), z.unknown()).optional(),
      }),
    ),
  })
  .meta({ id: 'SerializedGraph' });

export type NetworkKind = z.infer<typeof networkKindSchema>;
export type NetworkQuery = z.infer<typeof networkQuerySchema>;
