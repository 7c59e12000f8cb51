import { z } from 'zod';
import { slugIdSchema, timeWindowFields, queryFlag, windowInOrder } from '../model/common-schema';

export const normalizationSchema = z
  .enum(['none', 'average-activity', 'jaccard-topics', 'jaccard-dna', 'jaccard'])
  .meta({
    description:
      "none: the count (shared topics, or with counting=every-statement products of statement counts, as DNA); average-activity: the count divided by the mean activity of the two actors (topics each takes a side on; with the other counting modes each actor's counted statements, as DNA); jaccard-topics (Stancegraph's): the count divided by the number of topics either actor takes a side on; jaccard-dna (DNA's): the count divided by the (topic, side) cells either actor uses, counted as DNA does; jaccard: the former name of jaccard-topics",
  });

export const countingSchema = z.enum(['current-stance', 'every-statement', 'once-per-side']).meta({
  description:
    "current-stance (default): each actor's latest qualifying statement per topic; every-statement: every qualifying statement counts, as DNA's default (duplicates = include); once-per-side: each actor (or organization), topic and side once, as DNA's duplicates = acrossrange",
});

export const actorLevelSchema = z.enum(['individuals', 'organizations']).meta({
  description:
    'organizations: people (official, person, expert) speak for the organization they are a member of at the date of the statement',
});

/**
 * Which statements make up a discourse network: the window, the qualifiers a coder would apply, and
 * whose stance a statement counts as. Shared by the network endpoint and every analysis.
 */
export const projectionFields = {
  ...timeWindowFields,
  topic: slugIdSchema.optional(),
  level: actorLevelSchema.default('individuals'),
  acceptedOnly: queryFlag(true).meta({
    description: 'false: proposed statements count too (rejected ones never do)',
  }),
  minConfidence: z.coerce.number().min(0).max(1).default(0),
  rollup: queryFlag(false).meta({
    description:
      'true: read the topic tree by entailment: opposing a topic also counts as opposing each narrower topic under it, supporting a topic as supporting each broader topic above it (a stance on the topic itself wins); supporting the broader or opposing the narrower one counts for nothing else',
  }),
  normalization: normalizationSchema.default('none'),
  counting: countingSchema.default('current-stance'),
};

export const projectionQuerySchema = z
  .object(projectionFields)
  .refine(windowInOrder, { message: 'must not be after to', path: ['from'] });

export type Normalization = z.infer<typeof normalizationSchema>;
export type Counting = z.infer<typeof countingSchema>;

export type ActorLevel = z.infer<typeof actorLevelSchema>;

export type ProjectionQuery = z.infer<typeof projectionQuerySchema>;
