import type { z } from 'zod';
import { ENTITY_SPECS } from '../model/entity-kinds';
import { RELATION_TYPES, type RelationType } from '../model/relation-vocabulary';
import { ENTITY_KINDS, type EntityKind } from '../model/entity-kinds';
import type { serializedGraphSchema } from '../networks/network-schema';
import type { ImportPlan, PlannedRecord } from './import-plan';
import type { GraphImport, Rejection } from './import-schema';

type SerializedGraph = z.infer<typeof serializedGraphSchema>;

/**
 * Reads graph JSON into an import plan: records per kind (validated as the create endpoints validate
 * them), or a network exported by GET /api/network, whose actor and topic nodes and whose statement,
 * relation and membership edges become records again. Derived edges (agreement, conflict) are skipped:
 * they are computed from statements, never stored.
 */
export function planGraphJson(input: GraphImport): ImportPlan {
  return 'nodes' in input
    ? planNetwork(input)
    : planSnapshot(input as Partial<Record<EntityKind, unknown[]>>);
}

function planSnapshot(input: Partial<Record<EntityKind, unknown[]>>): ImportPlan {
  const records: PlannedRecord[] = [];
  const rejected: Rejection[] = [];
  for (const kind of ENTITY_KINDS) {
    (input[kind] ?? []).forEach((raw, index) => {
      const planned = validated(kind, raw, index + 1, (field) => `${kind}.${field}`, rejected);
      if (planned) records.push(planned);
    });
  }
  return { records, rejected, skipped: 0 };
}

function planNetwork(graph: SerializedGraph): ImportPlan {
  const records: PlannedRecord[] = [];
  const rejected: Rejection[] = [];
  const topicOfNode = new Map<string, string>();
  graph.nodes.forEach((node, index) => {
    const a = node.attributes ?? {};
    if (a.nodeType === 'topic') {
      const id = typeof a.topicId === 'string' ? a.topicId : node.key.replace(/^topic:/, '');
      topicOfNode.set(node.key, id);
      const planned = validated('topics', { id, title: a.label ?? id }, index + 1, nodeField, rejected);
      if (planned) records.push({ ...planned, givenFields: ['title'] });
      return;
    }
    const actor = { id: node.key, name: a.label ?? node.key, kind: a.kind ?? 'other', country: a.country };
    const planned = validated('actors', actor, index + 1, nodeField, rejected);
    const given = ['name', 'kind', 'country'].filter((field) => field === 'name' || a[field] !== undefined);
    if (planned) records.push({ ...planned, givenFields: given });
  });
  let skipped = 0;
  graph.edges.forEach((edge, index) => {
    const a = edge.attributes ?? {};
    const row = index + 1;
    const common = { id: edge.key, quote: a.quote, documentId: a.documentId, confidence: a.confidence };
    let planned: PlannedRecord | undefined;
    if (a.derived === true) {
      skipped += 1;
      return;
    } else if (typeof a.polarity === 'string') {
      const statement = {
        ...common,
        actorId: a.speakerId ?? edge.source,
        topicId: topicOfNode.get(edge.target) ?? edge.target,
        polarity: a.polarity,
        intensity: a.intensity,
        statedAt: a.date,
      };
      planned = validated('statements', statement, row, edgeField, rejected);
    } else if (a.type === 'member_of') {
      const affiliation = {
        id: edge.key,
        memberId: edge.source,
        organizationId: edge.target,
        role: a.role,
        from: a.from,
        to: a.to,
      };
      planned = validated('affiliations', affiliation, row, edgeField, rejected);
    } else if (RELATION_TYPES.includes(a.type as RelationType)) {
      const relation = {
        ...common,
        sourceId: edge.source,
        targetId: edge.target,
        type: a.type,
        topicId: a.topicId,
        date: a.date,
      };
      planned = validated('relations', relation, row, edgeField, rejected);
    } else {
      rejected.push({
        row,
        field: 'edges.attributes',
        reason: 'neither a statement (polarity), a relation (type) nor a membership',
      });
    }
    if (planned) records.push(planned);
  });
  return { records, rejected, skipped };
}

const NODE_FIELDS: Record<string, string> = {
  id: 'key',
  name: 'attributes.label',
  title: 'attributes.label',
};
const EDGE_FIELDS: Record<string, string> = {
  id: 'key',
  actorId: 'source',
  sourceId: 'source',
  memberId: 'source',
  topicId: 'target',
  targetId: 'target',
  organizationId: 'target',
  statedAt: 'attributes.date',
};
const nodeField = (field: string) => `nodes.${NODE_FIELDS[field] ?? `attributes.${field}`}`;
const edgeField = (field: string) => `edges.${EDGE_FIELDS[field] ?? `attributes.${field}`}`;

function validated<K extends EntityKind>(
  kind: K,
  raw: unknown,
  row: number,
  fieldName: (field: string) => string,
  rejected: Rejection[],
): PlannedRecord | undefined {
  const spec = ENTITY_SPECS[kind];
  const input = raw && typeof raw === 'object' ? withoutUndefined(raw as Record<string, unknown>) : raw;
  const parsed = spec.createSchema.safeParse(input);
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const field = fieldName(issue.path.map(String).join('.') || 'record');
      if (!seen.has(field)) rejected.push({ row, field, reason: issue.message });
      seen.add(field);
    }
    return undefined;
  }
  const record = spec.build(parsed.data as never);
  return { kind, record, row, fieldName } as PlannedRecord;
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== null));
}
