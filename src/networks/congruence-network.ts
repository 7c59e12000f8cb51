import Graph from 'graphology';
import { addActorNodes, firstDate } from './actor-nodes';
import { LimitExceededError } from '../shared/errors';
import type { Normalization } from './projection-schema';
import type { Position, Projection } from './stance-projection';
import { append } from '../shared/multimap';

type CongruenceKind = 'agreement' | 'conflict' | 'subtract';

interface PairTally {
  agree: Set<string>;
  conflict: Set<string>;
  /** DNA's congruence and conflict: per topic and pair of sides, the product of the two positions' weights. */
  agreeCount: number;
  conflictCount: number;
  statements: Set<string>;
  /** Per topic, the date from which both sides were on record. */
  since: Map<string, string>;
}

/**
 * The one-mode actor network of discourse network analysis. Two actors agree on a topic when both take
 * the same side (support or oppose) and clash when they take opposite sides; the raw weight sums, over
 * topics and pairs of sides, the product of the two positions' weights (DNA's formula): with the current
 * stance, the number of such topics; counting every statement, products of statement counts. Normalized
 * weights divide it by the mean activity of the two actors (topics each takes a side on, or with the other
 * counting modes the weights of all their positions, as DNA), by the topics either takes a side on
 * (jaccard-topics), or by DNA's Jaccard denominator over (topic, side) cells (jaccard-dna). `subtract` is
 * agreement minus conflict, both normalized the same way, keeping non-zero pairs.
 */
export function congruenceNetwork(
  projection: Projection,
  kind: CongruenceKind,
  normalization: Normalization,
  maxEdges: number,
): Graph {
  const byTopic = new Map<string, Position[]>();
  const topicsOf = new Map<string, Set<string>>();
  const weightOf = new Map<string, number>();
  const cells = new Map<string, Map<string, number>>();
  for (const position of projection.positions) {
    if (position.polarity !== 'support' && position.polarity !== 'oppose') continue;
    append(byTopic, position.topicId, position);
    topicsOf.set(position.actorId, (topicsOf.get(position.actorId) ?? new Set()).add(position.topicId));
    weightOf.set(position.actorId, (weightOf.get(position.actorId) ?? 0) + position.weight);
    const own = cells.get(position.actorId) ?? new Map<string, number>();
    const cell = `${position.topicId}\u0000${position.polarity}`;
    cells.set(position.actorId, own.set(cell, (own.get(cell) ?? 0) + position.weight));
  }

  const pairs = new Map<string, PairTally>();
  for (const [topicId, positions] of byTopic) {
    for (let i = 0; i < positions.length; i++) {
      for (let j = i + 1; j < positions.length; j++) {
        const [p, q] =
          positions[i]!.actorId < positions[j]!.actorId
            ? [positions[i]!, positions[j]!]
            : [positions[j]!, positions[i]!];
        if (p.actorId === q.actorId) continue;
        const key = `${p.actorId}--${q.actorId}`;
        let tally = pairs.get(key);
        if (!tally) {
          if (pairs.size >= maxEdges) {
            throw new LimitExceededError(
              `stancegraph/analytics: the ${kind} network has more than ${maxEdges} edges (ANALYTICS_MAX_EDGES)`,
              'ANALYTICS_MAX_EDGES',
              pairs.size + 1,
              maxEdges,
            );
          }
          tally = {
            agree: new Set(),
            conflict: new Set(),
            agreeCount: 0,
            conflictCount: 0,
            statements: new Set(),
            since: new Map(),
          };
          pairs.set(key, tally);
        }
        (p.polarity === q.polarity ? tally.agree : tally.conflict).add(topicId);
        if (p.polarity === q.polarity) tally.agreeCount += p.weight * q.weight;
        else tally.conflictCount += p.weight * q.weight;
        const wanted = kind === 'subtract' || (kind === 'agreement') === (p.polarity === q.polarity);
        if (!wanted) continue;
        for (const s of [...p.statements, ...q.statements]) tally.statements.add(s.id);
        const since = [firstDate(p), firstDate(q)].sort()[1]!;
        const known = tally.since.get(topicId);
        if (!known || since < known) tally.since.set(topicId, since);
      }
    }
  }

  const activity = (id: string) =>
    projection.counting === 'current-stance' ? (topicsOf.get(id)?.size ?? 0) : (weightOf.get(id) ?? 0);
  const normalize = (count: number, a: string, b: string): number => {
    if (count === 0 || normalization === 'none') return count;
    if (normalization === 'average-activity') return count / ((activity(a) + activity(b)) / 2);
    if (normalization === 'jaccard-dna') return count / dnaJaccardDenominator(cells.get(a), cells.get(b));
    const union = new Set([...(topicsOf.get(a) ?? []), ...(topicsOf.get(b) ?? [])]);
    return count / union.size;
  };

  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  const edges: { key: string; a: string; b: string; attributes: Record<string, unknown> }[] = [];
  for (const [key, tally] of [...pairs].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const [a, b] = key.split('--') as [string, string];
    const agreement = normalize(tally.agreeCount, a, b);
    const conflict = normalize(tally.conflictCount, a, b);
    const weight = kind === 'agreement' ? agreement : kind === 'conflict' ? conflict : agreement - conflict;
    const count =
      kind === 'agreement'
        ? tally.agreeCount
        : kind === 'conflict'
          ? tally.conflictCount
          : tally.agreeCount - tally.conflictCount;
    if (weight === 0) continue;
    const topics =
      kind === 'agreement'
        ? tally.agree
        : kind === 'conflict'
          ? tally.conflict
          : new Set([...tally.agree, ...tally.conflict]);
    edges.push({
      key,
      a,
      b,
      attributes: {
        tone: weight > 0 && kind !== 'conflict' ? 'friendly' : 'hostile',
        derived: true,
        weight,
        count,
        topics: [...topics].sort(),
        statements: [...tally.statements].sort(),
        since: [...tally.since.values()].sort()[0],
      },
    });
  }
  // Actors who take a side but share no topic stay in as isolates, as in discourse network analysis.
  addActorNodes(graph, projection, new Set(topicsOf.keys()), activity);
  for (const e of edges) graph.addUndirectedEdgeWithKey(e.key, e.a, e.b, e.attributes);
  return graph;
}

/**
 * DNA's Jaccard denominator for a pair: over (topic, side) cells, what only the first uses, plus what only
 * the second uses, plus the product where both do. Opposite sides of one topic are two cells, so a pair
 * that agrees on one topic and clashes on another gets 1/3 here and 1/2 under jaccard-topics.
 */
function dnaJaccardDenominator(a = new Map<string, number>(), b = new Map<string, number>()): number {
  let total = 0;
  for (const [cell, n] of a) total += b.has(cell) ? n * b.get(cell)! : n;
  for (const [cell, n] of b) if (!a.has(cell)) total += n;
  return total;
}
