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
  statements: Set<string>;
  /** Per topic, the date from which both sides were on record. */
  since: Map<string, string>;
}

/**
 * The one-mode actor network of discourse network analysis. Two actors agree on a topic when both take
 * the same side (support or oppose) and clash when they take opposite sides; the raw weight is the number
 * of such topics. Normalized weights divide it by the mean activity of the two actors (topics each takes
 * a side on) or by the size of the union of their topics (Jaccard). `subtract` is agreement minus
 * conflict, both normalized the same way, keeping non-zero pairs.
 */
export function congruenceNetwork(
  projection: Projection,
  kind: CongruenceKind,
  normalization: Normalization,
  maxEdges: number,
): Graph {
  const byTopic = new Map<string, Position[]>();
  const topicsOf = new Map<string, Set<string>>();
  for (const position of projection.positions) {
    if (position.polarity !== 'support' && position.polarity !== 'oppose') continue;
    append(byTopic, position.topicId, position);
    topicsOf.set(position.actorId, (topicsOf.get(position.actorId) ?? new Set()).add(position.topicId));
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
          tally = { agree: new Set(), conflict: new Set(), statements: new Set(), since: new Map() };
          pairs.set(key, tally);
        }
        (p.polarity === q.polarity ? tally.agree : tally.conflict).add(topicId);
        const wanted = kind === 'subtract' || (kind === 'agreement') === (p.polarity === q.polarity);
        if (!wanted) continue;
        for (const s of [...p.statements, ...q.statements]) tally.statements.add(s.id);
        const since = [firstDate(p), firstDate(q)].sort()[1]!;
        const known = tally.since.get(topicId);
        if (!known || since < known) tally.since.set(topicId, since);
      }
    }
  }

  const activity = (id: string) => topicsOf.get(id)?.size ?? 0;
  const normalize = (count: number, a: string, b: string): number => {
    if (count === 0 || normalization === 'none') return count;
    if (normalization === 'average-activity') return count / ((activity(a) + activity(b)) / 2);
    const union = new Set([...(topicsOf.get(a) ?? []), ...(topicsOf.get(b) ?? [])]);
    return count / union.size;
  };

  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  const edges: { key: string; a: string; b: string; attributes: Record<string, unknown> }[] = [];
  for (const [key, tally] of [...pairs].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const [a, b] = key.split('--') as [string, string];
    const agreement = normalize(tally.agree.size, a, b);
    const conflict = normalize(tally.conflict.size, a, b);
    const weight = kind === 'agreement' ? agreement : kind === 'conflict' ? conflict : agreement - conflict;
    const count =
      kind === 'agreement'
        ? tally.agree.size
        : kind === 'conflict'
          ? tally.conflict.size
          : tally.agree.size - tally.conflict.size;
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
