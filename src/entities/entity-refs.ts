import type { Actor } from '../model/actor-schema';
import type { ActorRef } from '../model/ref-schema';
import type { GraphStore } from '../store/graph-store';

export async function actorRefs(store: GraphStore, ids: string[]): Promise<Map<string, ActorRef>> {
  const actors = await store.getMany('actors', [...new Set(ids)]);
  return new Map(actors.map((actor) => [actor.id, toRef(actor)]));
}

export function toRef(actor: Actor): ActorRef {
  return { id: actor.id, name: actor.name, kind: actor.kind };
}

export async function titlesOf(store: GraphStore, ids: (string | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== undefined))];
  const topics = await store.getMany('topics', wanted);
  return new Map(topics.map((topic) => [topic.id, topic.title]));
}
