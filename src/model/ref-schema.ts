import { z } from 'zod';
import { actorKindSchema } from './actor-schema';

export const actorRefSchema = z
  .object({ id: z.string(), name: z.string(), kind: actorKindSchema })
  .meta({ id: 'ActorRef' });

export const topicRefSchema = z.object({ id: z.string(), title: z.string() }).meta({ id: 'TopicRef' });

export type ActorRef = z.infer<typeof actorRefSchema>;
