import { z } from 'zod';
import { queryFlag } from '../model/common-schema';
import { serializedGraphSchema } from '../networks/network-schema';

const partialFlag = queryFlag(false).meta({
  description:
    'true: import the valid rows and report the rejected ones; by default any rejected row means nothing is imported',
});

const onExistingParam = z.enum(['error', 'update']).default('error').meta({
  description:
    'what a record whose id is stored with other content does: error (409, the default) or update (replace it); a record identical to the stored one is left unchanged either way',
});

export const importQuerySchema = z.object({ partial: partialFlag, onExisting: onExistingParam });

export const statementImportQuerySchema = importQuerySchema.extend({
  createMissing: queryFlag(false).meta({
    description:
      'true: an actor or topic the table names that is not stored (by id or name) is created; by default that row is rejected',
  }),
});

export const statementTableBodySchema = z
  .object({
    csv: z
      .string()
      .min(1)
      .meta({ description: 'the statements table, as GET /api/network?format=csv writes it' }),
  })
  .strict()
  .meta({ id: 'StatementTableImport' });

const snapshotSchema = z
  .object({
    actors: z.array(z.unknown()).optional(),
    topics: z.array(z.unknown()).optional(),
    documents: z.array(z.unknown()).optional(),
    statements: z.array(z.unknown()).optional(),
    relations: z.array(z.unknown()).optional(),
    affiliations: z.array(z.unknown()).optional(),
  })
  .strict()
  .meta({ id: 'SnapshotImport', description: 'records per kind, as the create endpoints take them' });

/** Either records per kind, or a network in graphology's serialized format (GET /api/network). */
export const graphImportSchema = z.union([serializedGraphSchema, snapshotSchema]);

export const graphBodySchema = z.object({ graph: graphImportSchema }).strict().meta({ id: 'GraphImport' });

export const rejectionSchema = z.object({
  row: z.number().int().meta({
    description: 'CSV: the line of the record, the header being row 1; JSON: position in its list, from 1',
  }),
  field: z.string(),
  reason: z.string(),
});

export const importReportSchema = z
  .object({
    imported: z.record(z.string(), z.number().int()).meta({ description: 'created plus updated, per kind' }),
    created: z.record(z.string(), z.number().int()),
    updated: z.record(z.string(), z.number().int()),
    unchanged: z
      .record(z.string(), z.number().int())
      .meta({ description: 'records identical to the stored ones, not written again' }),
    rejected: z.array(rejectionSchema),
    skipped: z
      .number()
      .int()
      .meta({ description: 'derived edges (agreement, conflict), which are computed, not stored' }),
  })
  .meta({ id: 'ImportReport' });

export type ImportQuery = z.infer<typeof importQuerySchema>;
export type StatementImportQuery = z.infer<typeof statementImportQuerySchema>;
export type Rejection = z.infer<typeof rejectionSchema>;
export type ImportReport = z.infer<typeof importReportSchema>;
export type GraphImport = z.infer<typeof graphImportSchema>;
