import { slugFromName } from '../shared/ids';
import type { Affiliation, CreateAffiliation } from './affiliation-schema';

export function buildAffiliation(input: CreateAffiliation): Affiliation {
  const id =
    input.id ?? slugFromName(`${input.memberId} member of ${input.organizationId} ${input.role ?? ''}`);
  return { ...input, id };
}
