import { defineRoute } from '../http/route-definition';
import {
  graphBodySchema,
  importQuerySchema,
  importReportSchema,
  statementTableBodySchema,
} from '../imports/import-schema';
import { importGraphJson, importStatementTable } from '../imports/import-service';

const ALL_OR_NOTHING =
  'Every row is validated first; with any rejected row the answer is 422 naming each row, field and reason, and nothing is written, unless partial=true, which imports the valid rows in one transaction and reports the rejected ones.';

export const importRoutes = [
  defineRoute({
    method: 'post',
    path: '/imports/statements',
    tag: 'Import',
    summary: 'Import a statements table (CSV, one row per statement)',
    description: ALL_OR_NOTHING,
    query: importQuerySchema,
    body: statementTableBodySchema,
    response: importReportSchema,
    handle: ({ query, body }, { store }) => importStatementTable(store, body.csv, query.partial),
  }),
  defineRoute({
    method: 'post',
    path: '/imports/graph',
    tag: 'Import',
    summary: "Import graph JSON: records per kind, or a network in graphology's format",
    description: ALL_OR_NOTHING,
    query: importQuerySchema,
    body: graphBodySchema,
    response: importReportSchema,
    handle: ({ query, body }, { store }) => importGraphJson(store, body.graph, query.partial),
  }),
];
