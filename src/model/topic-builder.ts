import { slugFromName } from '../shared/ids';
import type { CreateTopic, Topic } from './topic-schema';

export function buildTopic(input: CreateTopic): Topic {
  return { ...input, id: input.id ?? slugFromName(input.title) };
}
