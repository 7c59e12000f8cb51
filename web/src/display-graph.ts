import Graph from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import { DERIVED_ALPHA, KIND_COLORS, TONE_COLORS, type Tone } from './graph-style';
import type { NetworkKind } from './url-state';

/** One piece of evidence behind a drawn edge: an edge of the network answer. */
export interface EdgeEvidence {
  key: string;
  source: string;
  target: string;
  type?: string;
  tone: Tone;
  derived: boolean;
  date?: string;
  quote?: string;
  sentence?: string;
  documentId?: string;
  role?: string;
  from?: string;
  to?: string;
  topics?: string[];
  statements?: string[];
  weight?: number;
  /** The outlet that relayed the claim, and the actor a stance is about. */
  reportedById?: string;
  aboutId?: string;
}

export interface NodeAttributes {
  label: string;
  kind: string;
  nodeType: 'actor' | 'topic';
  x: number;
  y: number;
  size: number;
  color: string;
  topicId?: string;
}

export interface EdgeAttributes {
  size: number;
  color: string;
  type: 'arrow' | 'line';
  tone: Tone;
  derived: boolean;
  /** How many pieces of evidence the drawn edge stands for: relations, shared topics or stances. */
  evidenceCount: number;
  evidence: EdgeEvidence[];
}

export type DisplayGraph = Graph<NodeAttributes, EdgeAttributes>;

export interface DisplayFilter {
  hiddenKinds: string[];
  minEvidence: number;
}

/**
 * The graph sigma draws, from the network answer and the filters applied in the page. Parallel edges
 * between two actors (several relations) are drawn as one edge carrying all their evidence, so that the
 * minimum-evidence filter can count them and a click shows every quote at once.
 */
export function buildDisplayGraph(
  data: SerializedGraph,
  kind: NetworkKind,
  filter: DisplayFilter,
): DisplayGraph {
  const graph: DisplayGraph = new Graph({ type: 'directed', multi: false, allowSelfLoops: false });
  const hidden = new Set(filter.hiddenKinds);
  const accepted = new Set<string>();
  for (const node of data.nodes) {
    const attributes = node.attributes ?? {};
    const nodeType = attributes.nodeType === 'topic' ? 'topic' : 'actor';
    const nodeKind = nodeType === 'topic' ? 'topic' : String(attributes.kind ?? 'other');
    if (hidden.has(nodeKind)) continue;
    accepted.add(node.key);
    const [x, y] = seededPosition(node.key);
    graph.addNode(node.key, {
      label:
        nodeType === 'topic' ? shortLabel(String(attributes.label)) : String(attributes.label ?? node.key),
      kind: nodeKind,
      nodeType,
      x,
      y,
      size: 1,
      color: KIND_COLORS[nodeKind] ?? KIND_COLORS.other!,
      topicId: typeof attributes.topicId === 'string' ? attributes.topicId : undefined,
    });
  }
  const directed = kind !== 'agreement' && kind !== 'conflict';
  for (const edge of data.edges) {
    if (!accepted.has(edge.source) || !accepted.has(edge.target)) continue;
    const attributes = (edge.attributes ?? {}) as Omit<EdgeEvidence, 'key' | 'source' | 'target'>;
    const evidence: EdgeEvidence = {
      ...attributes,
      key: edge.key ?? `${edge.source}->${edge.target}`,
      source: edge.source,
      target: edge.target,
    };
    // One drawn edge per ordered pair for explicit relations, per unordered pair for derived ones.
    const [source, target] =
      directed || edge.source < edge.target ? [edge.source, edge.target] : [edge.target, edge.source];
    const key = `${source}->${target}`;
    const count = attributes.derived ? Math.max(1, Number(attributes.weight ?? 1)) : 1;
    if (graph.hasEdge(key)) {
      graph.updateEdgeAttributes(key, (current) => ({
        ...current,
        evidenceCount: current.evidenceCount + count,
        evidence: [...current.evidence, evidence],
      }));
    } else {
      graph.addEdgeWithKey(key, source, target, {
        size: 1,
        color: '',
        type: directed ? 'arrow' : 'line',
        tone: attributes.tone,
        derived: Boolean(attributes.derived),
        evidenceCount: count,
        evidence: [evidence],
      });
    }
  }
  graph.forEachEdge((key, attributes) => {
    if (attributes.evidenceCount < filter.minEvidence) graph.dropEdge(key);
  });
  graph.forEachNode((key) => {
    if (graph.degree(key) === 0) graph.dropNode(key);
  });
  styleGraph(graph);
  return graph;
}

/** Colour by meaning and size by centrality (weighted degree: how much evidence ties an actor in). */
function styleGraph(graph: DisplayGraph): void {
  graph.forEachEdge((key, attributes) => {
    const tone = dominantTone(attributes.evidence);
    const color = TONE_COLORS[tone] + (attributes.derived ? DERIVED_ALPHA : '');
    graph.mergeEdgeAttributes(key, {
      tone,
      color,
      // Derived lines are fainter, so they are drawn a little wider to stay visible.
      size: (attributes.derived ? 2.5 : 1.5) + Math.min(6, Math.sqrt(attributes.evidenceCount)),
    });
  });
  let max = 1;
  const strength = new Map<string, number>();
  graph.forEachNode((node) => {
    let total = 0;
    graph.forEachEdge(node, (_edge, attributes) => (total += attributes.evidenceCount));
    strength.set(node, total);
    max = Math.max(max, total);
  });
  const large = graph.order > 500;
  graph.forEachNode((node, attributes) => {
    const share = Math.sqrt((strength.get(node) ?? 0) / max);
    const base = large ? 2 : 6;
    const span = large ? 10 : 16;
    graph.setNodeAttribute(node, 'size', base + span * share + (attributes.nodeType === 'topic' ? 3 : 0));
  });
}

/** Topic titles are whole propositions; on the map a prefix names them, the panel gives the rest. */
function shortLabel(label: string): string {
  return label.length > 48 ? `${label.slice(0, 45).trimEnd()}…` : label;
}

/** An edge standing for several relations takes the tone most of them have; hostility wins a tie. */
function dominantTone(evidence: EdgeEvidence[]): Tone {
  const count = { hostile: 0, friendly: 0, neutral: 0 };
  for (const item of evidence) count[item.tone] += 1;
  if (count.hostile > 0 && count.hostile >= count.friendly) return 'hostile';
  if (count.friendly > 0) return 'friendly';
  return 'neutral';
}

/**
 * A position that depends only on the node's key, so the layout starts from the same place on every
 * load and, run for a fixed number of iterations, ends in the same place: the map is stable across reloads.
 */
export function seededPosition(key: string): [number, number] {
  let hash = 2166136261;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  const a = (hash >>> 0) / 4294967296;
  const b = (Math.imul(hash ^ (hash >>> 15), 2246822507) >>> 0) / 4294967296;
  const radius = 100 * Math.sqrt(b);
  return [radius * Math.cos(2 * Math.PI * a), radius * Math.sin(2 * Math.PI * a)];
}
