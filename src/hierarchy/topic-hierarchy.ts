/**
 * hierarchy/: the topic tree and what a stance on one topic says about another (entailment), so that
 * positions, counterparts, stance histories and networks read the tree the same way, on every store.
 * Uses model and store.
 *
 * A topic under a parent is a narrower case of the parent's proposition. Opposing a proposition opposes
 * each narrower case of it; supporting a narrower case supports the broader one. The other two directions
 * (supporting the broader, opposing a narrower case) say nothing certain about the other topic: they are a
 * partial match, and two actors who meet that way (A supports the broader proposition, B opposes a
 * narrower case) are in partial conflict.
 */
import { z } from 'zod';
import { topicRefSchema } from '../model/ref-schema';
import type { TimeWindow } from '../model/common-schema';
import type { Polarity, Statement } from '../model/statement-schema';
import type { GraphStore } from '../store/graph-store';

export const MATCH_KINDS = ['direct', 'entailed', 'partial'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export const matchSchema = z
  .object({
    kind: z.enum(MATCH_KINDS).meta({
      description:
        'direct: both on this very topic; entailed: a stance on `via` entails this one (opposing a proposition opposes its narrower cases, supporting a narrower case supports the broader one); partial: a stance on `via` bears on this topic without entailing it (supporting the broader proposition, opposing a narrower case)',
    }),
    via: topicRefSchema.optional().meta({ description: 'the topic whose stance was carried over' }),
  })
  .meta({ id: 'Match' });
export type Match = z.infer<typeof matchSchema>;

/** The `match` query parameter: how far from a direct answer an answer may be. */
export const matchFilterSchema = z.enum(['all', 'entailed', 'direct']).default('all').meta({
  description:
    'all (default): direct, entailed and partial answers; entailed: partial ones left out; direct: direct answers only',
});
export type MatchFilter = z.infer<typeof matchFilterSchema>;

/** How much a reason weighs in a net score, by how it was matched. */
export const MATCH_WEIGHT: Record<MatchKind, number> = { direct: 1, entailed: 0.75, partial: 0.5 };

const RANK: Record<MatchKind, number> = { direct: 0, entailed: 1, partial: 2 };

export function allowedBy(filter: MatchFilter, kind: MatchKind): boolean {
  return filter === 'all' || (filter === 'entailed' ? kind !== 'partial' : kind === 'direct');
}

/** The weaker of two match kinds (partial is weaker than entailed, entailed than direct). */
export function weaker(a: MatchKind, b: MatchKind): MatchKind {
  return RANK[a] >= RANK[b] ? a : b;
}

export function compareMatch(a: MatchKind, b: MatchKind): number {
  return RANK[a] - RANK[b];
}

/** The parent links of every topic, read once per answer. */
export class TopicTree {
  private readonly children = new Map<string, string[]>();

  constructor(private readonly parents: ReadonlyMap<string, string | undefined>) {
    for (const [id, parent] of parents) {
      if (parent === undefined) continue;
      this.children.set(parent, [...(this.children.get(parent) ?? []), id]);
    }
  }

  /** Broader topics, the nearest first. The seen-set guards against a cycle written before cycles were refused. */
  ancestors(id: string): string[] {
    const found: string[] = [];
    const seen = new Set([id]);
    for (
      let current = this.parents.get(id);
      current && !seen.has(current);
      current = this.parents.get(current)
    ) {
      seen.add(current);
      found.push(current);
    }
    return found;
  }

  /** Narrower topics, the nearest first. */
  descendants(id: string): string[] {
    const found: string[] = [];
    const seen = new Set([id]);
    const queue = [...(this.children.get(id) ?? [])].sort();
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (seen.has(next)) continue;
      seen.add(next);
      found.push(next);
      queue.push(...[...(this.children.get(next) ?? [])].sort());
    }
    return found;
  }

  /** The topic itself, then its broader and narrower topics. */
  around(id: string): string[] {
    return [id, ...this.ancestors(id), ...this.descendants(id)];
  }

  isBroader(broader: string, narrower: string): boolean {
    return this.ancestors(narrower).includes(broader);
  }

  /** Steps between two topics on one line of the tree; Infinity when neither is under the other. */
  distance(a: string, b: string): number {
    if (a === b) return 0;
    const up = this.ancestors(a).indexOf(b);
    if (up >= 0) return up + 1;
    const down = this.ancestors(b).indexOf(a);
    return down >= 0 ? down + 1 : Infinity;
  }
}

export async function loadTopicTree(store: GraphStore): Promise<TopicTree> {
  const parents = new Map<string, string | undefined>();
  for await (const batch of store.readAll('topics', 1000)) {
    for (const topic of batch) parents.set(topic.id, topic.parentId);
  }
  return new TopicTree(parents);
}

interface Stance {
  topicId: string;
  polarity: Polarity;
}

const SIDED = new Set<Polarity>(['support', 'oppose']);

/** What a stance says about `topicId`: the side and how it follows; undefined when it says nothing. */
export function bearingOn(
  tree: TopicTree,
  stance: Stance,
  topicId: string,
): { polarity: Polarity; kind: MatchKind; via?: string } | undefined {
  if (stance.topicId === topicId) return { polarity: stance.polarity, kind: 'direct' };
  if (!SIDED.has(stance.polarity)) return undefined;
  const via = stance.topicId;
  if (tree.isBroader(via, topicId))
    return { polarity: stance.polarity, kind: stance.polarity === 'oppose' ? 'entailed' : 'partial', via };
  if (tree.isBroader(topicId, via))
    return { polarity: stance.polarity, kind: stance.polarity === 'support' ? 'entailed' : 'partial', via };
  return undefined;
}

/**
 * How two sided stances meet: whether they agree or conflict, on which topic, and how that follows.
 * `topic` is where they meet and `via` the topic whose stance was carried over to it: an opposition
 * carried down to the narrower case, a support carried up to the broader proposition; a partial conflict
 * meets on the broader proposition, via the narrower case. Undefined when the two say nothing about each
 * other (unrelated topics, or a neutral or mixed stance).
 */
export function meeting(
  tree: TopicTree,
  a: Stance,
  b: Stance,
): { side: 'agreement' | 'conflict'; topicId: string; kind: MatchKind; via?: string } | undefined {
  if (!SIDED.has(a.polarity) || !SIDED.has(b.polarity)) return undefined;
  const side = a.polarity === b.polarity ? 'agreement' : 'conflict';
  if (a.topicId === b.topicId) return { side, topicId: a.topicId, kind: 'direct' };
  const [broad, narrow] = tree.isBroader(a.topicId, b.topicId)
    ? [a, b]
    : tree.isBroader(b.topicId, a.topicId)
      ? [b, a]
      : [undefined, undefined];
  if (!broad || !narrow) return undefined;
  if (broad.polarity === 'oppose')
    return { side, topicId: narrow.topicId, kind: 'entailed', via: broad.topicId };
  if (narrow.polarity === 'support')
    return { side, topicId: broad.topicId, kind: 'entailed', via: narrow.topicId };
  return { side: 'conflict', topicId: broad.topicId, kind: 'partial', via: narrow.topicId };
}

/** Every actor's current stance on each of the topics given and on the topics above and below them. */
export async function stancesAround(
  store: GraphStore,
  tree: TopicTree,
  topicIds: readonly string[],
  window: TimeWindow,
): Promise<Statement[]> {
  const topics = [...new Set(topicIds.flatMap((id) => tree.around(id)))].sort();
  const stances: Statement[] = [];
  for (const topicId of topics) stances.push(...(await store.currentStances({ topicId, window })));
  return stances;
}
