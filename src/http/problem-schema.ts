import { z } from 'zod';

/** RFC 9457 problem details, with the offending fields under `errors`. */
export const problemResponseSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    errors: z
      .array(
        z.object({
          field: z.string().meta({ description: 'dotted path to the field, e.g. evidence.end' }),
          pointer: z.string().meta({ description: 'JSON pointer to the field, e.g. #/evidence/end' }),
          in: z.enum(['path', 'query', 'body']).optional(),
          message: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem' });

export type ProblemResponse = z.infer<typeof problemResponseSchema>;
