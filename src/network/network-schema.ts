import { z } from 'zod';
import { relationTypeListSchema } from '../relations/relation-schema';
import { slugIdSchema, withTimeWindow } from '../shared/common-schema';

export const networkKindSchema = z.enum(['relations', 'agreement', 'conflict', 'affiliation', 'actor-topic']);

export const networkQuerySchema = withTimeWindow({
  kind: networkKindSchema.default('relations'),
  topic: slugIdSchema.optional(),
  types: relationTypeListSchema
    .optional()
    .meta({ description: 'comma-separated relation types (kind=relations)' }),
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
