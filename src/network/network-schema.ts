import { z } from 'zod';
import { projectionFields } from '../analytics/analytics-schema';
import { relationTypeListSchema } from '../relations/relation-schema';
import { withTimeWindow } from '../shared/common-schema';

export const networkKindSchema = z.enum([
  'relations',
  'agreement',
  'conflict',
  'subtract',
  'affiliation',
  'actor-topic',
]);

export const exportFormatSchema = z.enum(['graphology', 'gexf', 'graphml', 'csv', 'cytoscape']).meta({
  description:
    'graphology: serialized JSON (the default); gexf: GEXF 1.3 with a timeline from statement dates (Gephi); graphml: GraphML with typed keys (networkx, yEd, Gephi); csv: the statements table, one row per statement; cytoscape: Cytoscape.js elements JSON',
});

const { from: _from, to: _to, ...projectionOptions } = projectionFields;

export const networkQuerySchema = withTimeWindow({
  kind: networkKindSchema.default('relations'),
  ...projectionOptions,
  types: relationTypeListSchema
    .optional()
    .meta({ description: 'comma-separated relation types (kind=relations)' }),
  format: exportFormatSchema.optional(),
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
export type ExportFormat = z.infer<typeof exportFormatSchema>;
