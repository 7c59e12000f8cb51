import { z } from 'zod';
import { entityRoutes } from './entity-routes';
import { defineRoute } from '../http/route-definition';
import { pageSchema } from '../model/common-schema';
import { statementListQuerySchema, statementSchema } from '../model/statement-schema';
import { listEntities } from '../entities/entity-service';
import { searchStatements } from '../search/search-service';

const statementSearchQuerySchema = statementListQuerySchema.extend({
  q: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .optional()
    .meta({ description: 'words to find in the quote or evidence sentence (full-text, every word)' }),
});

/** Statements: plain CRUD, whose list also takes `q`, a full-text search of quotes and evidence. */
export const statementRoutes = [
  defineRoute({
    method: 'get',
    path: '/statements',
    tag: 'Statements',
    summary: 'List statements',
    query: statementSearchQuerySchema,
    response: pageSchema(statementSchema),
    handle: ({ query }, { store }) => {
      const { q, ...filter } = query;
      return q ? searchStatements(store, { ...filter, q }) : listEntities(store, 'statements', filter);
    },
  }),
  ...entityRoutes('statements').filter((route) => !(route.method === 'get' && route.path === '/statements')),
];
