import type Graph from 'graphology';
import type { Actor } from '../model/actor-schema';
import { withoutUndefined } from '../shared/objects';
import type { Position, Projection } from './stance-projection';

/** Adds the actors of a projection as nodes, each with its activity and the date it first took a side. */
export function addActorNodes(
  graph: Graph,
  projection: Projection,
  ids: Set<string>,
  activity: (id: string) => number,
): void {
  const first = new Map<string, string>();
  for (const p of projection.positions) {
    const date = firstDate(p);
    const known = first.get(p.actorId);
    if (!known || date < known) first.set(p.actorId, date);
  }
  for (const id of [...ids].sort()) {
    const actor: Actor | undefined = projection.actors.get(id);
    graph.addNode(
      id,
      withoutUndefined({
        label: actor?.name ?? id,
        nodeType: 'actor',
        kind: actor?.kind,
        country: actor?.country,
        activity: activity(id),
        since: first.get(id),
      }),
    );
  }
}

/** The earliest statement behind a position. */
export function firstDate(position: Position): string {
  return position.statements.map((s) => s.statedAt).sort()[0]!;
}
