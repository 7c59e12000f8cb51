/**
 * imports/: bringing a graph in from graph JSON or a DNA-style statements CSV, checked whole before anything
 * is written. Uses model, store, networks, exports (the CSV columns) and documents.
 */
import type { GraphStore } from '../store/graph-store';
import { applyImport } from './import-plan';
import type { GraphImport, ImportQuery, StatementImportQuery } from './import-schema';
import { planGraphJson } from './graph-json-import';
import { planStatementTable } from './statement-table-import';

export async function importStatementTable(store: GraphStore, csv: string, options: StatementImportQuery) {
  return applyImport(store, await planStatementTable(store, csv, options.createMissing), options);
}

export async function importGraphJson(store: GraphStore, graph: GraphImport, options: ImportQuery) {
  return applyImport(store, planGraphJson(graph), options);
}
