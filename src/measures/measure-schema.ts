import { z } from 'zod';
import { polaritySchema, statementSchema } from '../model/statement-schema';
import { isoDateSchema, slugIdSchema, timeWindowFields, windowInOrder } from '../model/common-schema';
import { projectionFields } from '../networks/projection-schema';

/** The networks a measure can run on. */
export const analysisNetworkSchema = z.enum([
  'net',
  'agreement',
  'conflict',
  'subtract',
  'relations',
  'affiliation',
]);
const NETWORK_KINDS =
  'agreement: shared stances only; conflict: stances clashed on; subtract: stances agreed minus clashed on; relations: the explicit relations (any type), one tie per pair weighted by how many; affiliation: memberships, one tie per member and organization. Relations and affiliation take in actors who take no side on any topic';

export const centralityQuerySchema = z
  .object({
    ...projectionFields,
    network: analysisNetworkSchema.default('agreement').meta({
      description: `agreement (default); net: stances agreed minus clashed on, plus friendly minus hostile relations; ${NETWORK_KINDS}`,
    }),
  })
  .refine(windowInOrder, { message: 'must not be after to', path: ['from'] });

export const coalitionQuerySchema = z
  .object({
    ...projectionFields,
    network: analysisNetworkSchema.default('net').meta({
      description: `net (default): stances agreed minus stances clashed on, plus friendly minus hostile relations, weighted by confidence; only ties with a positive net pull actors together. ${NETWORK_KINDS}`,
    }),
    resolution: z.coerce.number().positive().max(10).default(1),
    seed: z.coerce
      .number()
      .int()
      .min(0)
      .max(2 ** 31)
      .default(42)
      .meta({
        description: 'seed of the random order Louvain visits nodes in: the same seed gives the same answer',
      }),
  })
  .refine(windowInOrder, { message: 'must not be after to', path: ['from'] });

export const stanceChangeQuerySchema = z
  .object({
    ...timeWindowFields,
    topic: slugIdSchema.optional(),
    actor: slugIdSchema.optional(),
    acceptedOnly: projectionFields.acceptedOnly,
    minConfidence: projectionFields.minConfidence,
  })
  .refine(windowInOrder, { message: 'must not be after to', path: ['from'] });

export const evolutionQuerySchema = z
  .object({
    ...projectionFields,
    from: isoDateSchema,
    to: isoDateSchema,
    kind: z.enum(['agreement', 'conflict', 'subtract']).default('agreement'),
    windowDays: z.coerce.number().int().min(1).max(36_500).default(90),
    stepDays: z.coerce.number().int().min(1).max(36_500).default(30),
    seed: coalitionQuerySchema.shape.seed,
  })
  .refine(windowInOrder, { message: 'must not be after to', path: ['from'] });

const actorRefSchema = z.object({ id: z.string(), name: z.string() });

export const coalitionsResponseSchema = z
  .object({
    network: analysisNetworkSchema,
    modularity: z.number(),
    coalitions: z.array(
      z.object({ id: z.number().int(), size: z.number().int(), actors: z.array(actorRefSchema) }),
    ),
  })
  .meta({ id: 'Coalitions' });

export const centralityResponseSchema = z
  .object({
    network: analysisNetworkSchema,
    items: z.array(
      actorRefSchema.extend({
        degree: z.number().int(),
        weightedDegree: z.number(),
        betweenness: z.number(),
        pagerank: z.number(),
      }),
    ),
  })
  .meta({ id: 'Centrality' });

export const polarizationResponseSchema = z
  .object({
    items: z.array(
      z.object({
        topic: z.object({ id: z.string(), title: z.string() }),
        support: z.number().int(),
        oppose: z.number().int(),
        other: z.number().int(),
        polarization: z.number().meta({
          description:
            '1 - |support - oppose| / (support + oppose): 0 when all take one side, 1 when split evenly',
        }),
        supporters: z.array(actorRefSchema),
        opponents: z.array(actorRefSchema),
      }),
    ),
  })
  .meta({ id: 'Polarization' });

export const bridgesResponseSchema = z
  .object({
    modularity: z.number(),
    items: z.array(
      actorRefSchema.extend({
        coalition: z.number().int(),
        coalitionsReached: z.number().int(),
        participation: z.number().meta({
          description: "Guimerà-Amaral participation coefficient over the actor's agreement ties",
        }),
        betweenness: z.number(),
      }),
    ),
  })
  .meta({ id: 'Bridges' });

export const stanceChangesResponseSchema = z
  .object({
    items: z.array(
      z.object({
        actor: actorRefSchema,
        topic: z.object({ id: z.string(), title: z.string() }),
        from: polaritySchema,
        to: polaritySchema,
        before: statementSchema,
        after: statementSchema,
      }),
    ),
  })
  .meta({ id: 'StanceChanges' });

export const evolutionResponseSchema = z
  .object({
    kind: z.enum(['agreement', 'conflict', 'subtract']),
    windows: z.array(
      z.object({
        from: z.string(),
        to: z.string(),
        actors: z.number().int(),
        edges: z.number().int(),
        density: z.number(),
        totalWeight: z.number(),
        modularity: z.number(),
        coalitions: z.array(z.array(z.string())),
      }),
    ),
  })
  .meta({ id: 'Evolution' });

export type CentralityQuery = z.infer<typeof centralityQuerySchema>;
export type CoalitionQuery = z.infer<typeof coalitionQuerySchema>;
export type StanceChangeQuery = z.infer<typeof stanceChangeQuerySchema>;
export type EvolutionQuery = z.infer<typeof evolutionQuerySchema>;
