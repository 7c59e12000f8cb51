import { defineRoute } from '../http/route-definition';
import {
  graphBodySchema,
  importQuerySchema,
  importReportSchema,
  statementImportQuerySchema,
  statementTableBodySchema,
} from '../imports/import-schema';
import { importGraphJson, importStatementTable } from '../imports/import-service';

const ALL_OR_NOTHING =
  'Every row is validated first: its fields, its references, its evidence (the quote and span must be in the document text) and its id. A record stored with the same id and other content is a conflict unless onExisting=update; an identical one is left unchanged; a document never changes its text under claims, and a document repeating the text of another is a conflict naming it. With any rejected row the answer is 409 (a conflict) or 422 naming each row, field and reason, and nothing is written, unless partial=true, which imports the valid rows in one transaction and reports the rejected ones. The report counts created, updated and unchanged records per kind.';

export const importRoutes = [
  defineRoute({
    method: 'post',
    path: '/imports/statements',
    tag: 'Import',
    summary: 'Import a statements table (CSV, one row per statement)',
    description: ALL_OR_NOTHING,
    query: statementImportQuerySchema,
    body: statementTableBodySchema,
    response: importReportSchema,
    errors: [409],
    handle: ({ query, body }, { store }) => importStatementTable(store, body.csv, query),
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
    errors: [409],
    handle: ({ query, body }, { store }) => importGraphJson(store, body.graph, query),
  }),
];
