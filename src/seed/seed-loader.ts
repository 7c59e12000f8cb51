/**
 * seed/: loading the curated seed article and its graph into an empty store. Uses model and store.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { checkClaimEvidence } from '../model/claim-evidence';
import { ENTITY_SPECS } from '../model/entity-kinds';
import { ValidationError, type FieldIssue } from '../shared/errors';
import { zodIssues } from '../shared/zod-issues';
import { type GraphStore } from '../store/graph-store';
import { ENTITY_KINDS, type EntityKind, type GraphSnapshot } from '../model/entity-kinds';

const SEED_FILE = 'seed-graph.json';

/** The seed file: create-inputs per kind; a document names a text file instead of carrying its text. */
const seedFileSchema = z.object({
  documents: z.array(z.looseObject({ textFile: z.string().min(1) })).default([]),
  actors: z.array(z.unknown()).default([]),
  topics: z.array(z.unknown()).default([]),
  statements: z.array(z.unknown()).default([]),
  relations: z.array(z.unknown()).default([]),
  affiliations: z.array(z.unknown()).default([]),
});

/** Reads and validates a seed folder into a snapshot, the same way the API validates each record. */
export function readSeed(seedDir: string): GraphSnapshot {
  const file = path.join(seedDir, SEED_FILE);
  const raw = seedFileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  const snapshot = Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, []])) as unknown as GraphSnapshot;
  const issues: FieldIssue[] = [];
  const inputs: Record<EntityKind, unknown[]> = {
    ...raw,
    documents: raw.documents.map(({ textFile, ...document }) => ({
      ...document,
      text: fs.readFileSync(path.join(seedDir, textFile), 'utf8'),
    })),
  };
  for (const kind of ENTITY_KINDS) {
    const spec = ENTITY_SPECS[kind];
    inputs[kind].forEach((input, index) => {
      const parsed = spec.createSchema.safeParse(input);
      if (!parsed.success) {
        issues.push(
          ...zodIssues(parsed.error).map((issue) => ({ ...issue, path: [kind, index, ...issue.path] })),
        );
        return;
      }
      (snapshot[kind] as unknown[]).push(spec.build(parsed.data as never));
    });
  }
  issues.push(...evidenceIssues(snapshot));
  if (issues.length > 0) throw new ValidationError(`stancegraph/seed: ${file} is invalid`, issues);
  return snapshot;
}

/** Loads the seed; records keep their ids, so loading twice leaves the same graph. */
export async function loadSeed(store: GraphStore, seedDir: string): Promise<Record<EntityKind, number>> {
  const snapshot = readSeed(seedDir);
  await store.upsertSnapshot(snapshot);
  return Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, snapshot[kind].length])) as Record<
    EntityKind,
    number
  >;
}

export async function isEmpty(store: GraphStore): Promise<boolean> {
  const counts = await store.counts();
  return Object.values(counts).every((count) => count === 0);
}

/**
 * The seed's claims go through the same evidence rule as every other way in (model/claim-evidence.ts),
 * and carry its outcome; a seed claim that is not in its document is an error in the seed.
 */
function evidenceIssues(snapshot: GraphSnapshot): FieldIssue[] {
  const documents = new Map(snapshot.documents.map((d) => [d.id, d]));
  const issues: FieldIssue[] = [];
  for (const kind of ['statements', 'relations'] as const) {
    snapshot[kind].forEach((record, index) => {
      const check = checkClaimEvidence(
        record,
        record.documentId ? documents.get(record.documentId) : undefined,
      );
      issues.push(...check.issues.map((issue) => ({ ...issue, path: [kind, index, ...issue.path] })));
      if (check.status) record.evidenceStatus = check.status;
    });
  }
  return issues;
}
