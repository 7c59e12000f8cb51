import { isPersonKind, normalizeName, type ActorEntry, type Mention } from './actor-mentions';
import { COUNTRY_CODES, NATIONALITIES } from './lexicons';
import type { DraftAffiliation } from './extraction-schema';

/**
 * Affiliations: the office a title names ("Defense Secretary Pete Hegseth" belongs to the United States)
 * and membership given in apposition or by a preposition.
 */
export function proposeAffiliations(entries: Map<string, ActorEntry>, used: Set<string>): DraftAffiliation[] {
  const affiliations: DraftAffiliation[] = [];
  for (const entry of [...entries.values()]) {
    if (!entry.role?.organization || !used.has(entry.key)) continue;
    const organization = [...entries.values()].find(
      (e) => normalizeName(e.name) === normalizeName(entry.role!.organization!),
    );
    const key = organization?.key ?? `name:${normalizeName(entry.role.organization)}`;
    if (!organization) {
      entries.set(key, {
        key,
        name: entry.role.organization,
        aliases: new Set(),
        kind: 'state',
        country: COUNTRY_CODES[entry.role.organization],
      });
    }
    used.add(key);
    affiliations.push({ memberKey: entry.key, organizationKey: key, role: entry.role.title || undefined });
  }
  return affiliations;
}

export const ROLE_NOUN =
  /^,\s+(?:the\s+)?(?:(U\.S\.|US|American|Mexican|Mexico['’]s|Venezuelan|Colombian)\s+)?((?:[a-z][\w-]* ){0,3}(?:ambassador|secretary|minister|president|senator|spokesperson|spokesman|spokeswoman|director|chief|leader|analyst|expert|researcher|professor|official|adviser|advisor|commander)\b[^,.;]{0,60})/;

/** "Gustavo Flores-Macias from Cornell University", "Mike Vigil, who used to work for the DEA". */
export const MEMBER_OF =
  /^(?:\s+(?:from|of|at|with)|,?\s+who\s+(?:used to |once |now |still )?(?:work(?:s|ed)?|serve[sd]?|(?:is|was) (?:a |an )?(?:member|official|agent|officer)) (?:for|at|in|with|of))\s+(?:the\s+)?$/;

/**
 * Roles given in apposition ("Ronald Johnson, US ambassador to Mexico") and membership given by a
 * preposition ("Gustavo Flores-Macias from Cornell University").
 */
export function appositiveAffiliations(
  text: string,
  mentions: Mention[],
  entries: Map<string, ActorEntry>,
  used: Set<string>,
): DraftAffiliation[] {
  const found: DraftAffiliation[] = [];
  const named = mentions.filter((m) => m.via === 'name');
  named.forEach((mention, i) => {
    const member = entries.get(mention.key);
    if (!member || !isPersonKind(member.kind)) return;
    const next = named[i + 1];
    if (next && MEMBER_OF.test(text.slice(mention.end, next.start))) {
      const organization = entries.get(next.key);
      if (organization && !isPersonKind(organization.kind)) {
        if (organization.kind === 'academic_institution' && member.kind === 'person') member.kind = 'expert';
        found.push({ memberKey: member.key, organizationKey: organization.key });
        used.add(organization.key);
        return;
      }
    }
    const role = ROLE_NOUN.exec(text.slice(mention.end, mention.end + 120));
    if (!role) return;
    const title = role[2]!.trim();
    if (/\b(?:analyst|expert|researcher|professor)\b/.test(title) && member.kind === 'person')
      member.kind = 'expert';
    else if (member.kind === 'person') member.kind = 'official';
    const nation = role[1] ? NATIONALITIES[role[1].replace(/['’]s$/, '')] : undefined;
    if (!nation) return;
    const key = `name:${normalizeName(nation)}`;
    const organization = [...entries.values()].find(
      (e) => normalizeName(e.name) === normalizeName(nation),
    ) ?? {
      key,
      name: nation,
      aliases: new Set<string>(),
      kind: 'state' as const,
      country: COUNTRY_CODES[nation],
    };
    entries.set(organization.key, organization);
    found.push({ memberKey: member.key, organizationKey: organization.key, role: title });
    used.add(organization.key);
  });
  return found;
}
