import { ValidationError } from '../shared/errors';
import { type GraphStore } from '../store/graph-store';
import {
  ENTITY_KINDS,
  ENTITY_REFERENCES,
  type EntityKind,
  type EntityMap,
  type GraphSnapshot,
} from '../model/entity-kinds';
import type { ImportReport, Rejection } from './import-schema';

/** One record to import, with where it came from so a rejection can name the row. */
export interface PlannedRecord<K extends EntityKind = EntityKind> {
  kind: K;
  record: EntityMap[K];
  row: number;
  /** The input's name for a record field, so a rejection names the column the user wrote. */
  fieldName(field: string): string;
}

export interface ImportPlan {
  records: PlannedRecord[];
  rejected: Rejection[];
  skipped: number;
}

/**
 * Writes the plan in one transaction, or nothing: with any rejected row and no `partial`, it throws a
 * ValidationError whose issues name each row and field. References are checked first, against the store
 * and the records of this import, so a row pointing at a rejected or unknown record is rejected too.
 */
export async function applyImport(
  store: GraphStore,
  plan: ImportPlan,
  partial: boolean,
): Promise<ImportReport> {
  const rejected = [...plan.rejected];
  let records = plan.records;
  const stored = await existingIds(store, records);
  for (let changed = true; changed;) {
    changed = false;
    const present = new Map<EntityKind, Set<string>>(ENTITY_KINDS.map((k) => [k, new Set(stored.get(k))]));
    for (const r of records) present.get(r.kind)!.add(r.record.id);
    records = records.filter((r) => {
      for (const ref of ENTITY_REFERENCES[r.kind]) {
        const value = (r.record as unknown as Record<string, unknown>)[ref.field] as string | undefined;
        if (value === undefined || present.get(ref.kind)!.has(value)) continue;
        rejected.push({
          row: r.row,
          field: r.fieldName(ref.field),
          reason: `unknown ${ref.kind.slice(0, -1)} '${value}'`,
        });
        changed = true;
        return false;
      }
      return true;
    });
  }
  rejected.sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));
  if (rejected.length > 0 && !partial) {
    throw new ValidationError(
      `stancegraph/imports: ${new Set(rejected.map((r) => r.row)).size} rows rejected, nothing was imported (partial=true imports the rest)`,
      rejected.map((r) => ({ path: ['rows', r.row, r.field], location: 'body', message: r.reason })),
    );
  }
  const snapshot: Partial<GraphSnapshot> = {};
  for (const r of records) ((snapshot[r.kind] ??= []) as unknown[]).push(r.record);
  await store.upsertSnapshot(snapshot);
  const imported = Object.fromEntries(ENTITY_KINDS.map((k) => [k, snapshot[k]?.length ?? 0]));
  return { imported, rejected, skipped: plan.skipped };
}

async function existingIds(store: GraphStore, records: PlannedRecord[]): Promise<Map<EntityKind, string[]>> {
  const wanted = new Map<EntityKind, Set<string>>(ENTITY_KINDS.map((k) => [k, new Set()]));
  for (const r of records) {
    for (const ref of ENTITY_REFERENCES[r.kind]) {
      const value = (r.record as unknown as Record<string, unknown>)[ref.field];
      if (typeof value === 'string') wanted.get(ref.kind)!.add(value);
    }
  }
  const found = new Map<EntityKind, string[]>();
  for (const [kind, ids] of wanted) {
    found.set(
      kind,
      (await store.getMany(kind, [...ids])).map((e) => e.id),
    );
  }
  return found;
}
