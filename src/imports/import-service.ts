/**
 * imports/: bringing a graph in from graph JSON or a DNA-style statements CSV, checked whole before anything
 * is written. Uses model, store, networks, exports (the CSV columns) and documents.
 */
import type { GraphStore } from '../store/graph-store';
import { applyImport } from './import-plan';
import type { GraphImport } from './import-schema';
import { planGraphJson } from './graph-json-import';
import { planStatementTable } from './statement-table-import';

export async function importStatementTable(store: GraphStore, csv: string, partial: boolean) {
  return applyImport(store, await planStatementTable(store, csv), partial);
}

export async function importGraphJson(store: GraphStore, graph: GraphImport, partial: boolean) {
  return applyImport(store, planGraphJson(graph), partial);
}
