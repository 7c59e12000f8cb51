import { slugFromName } from '../shared/ids';
import type { Actor, CreateActor } from './actor-schema';

/** A new actor from its input: the id defaults to a slug of the name; aliases are kept once each. */
export function buildActor(input: CreateActor): Actor {
  return {
    ...input,
    id: input.id ?? slugFromName(input.name),
    aliases: distinctAliases(input.name, input.aliases),
  };
}

function distinctAliases(name: string, aliases: readonly string[]): string[] {
  const seen = new Set([name.toLowerCase()]);
  return aliases.filter((alias) => {
    const key = alias.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
