import { isPersonKind, type ActorEntry, type Mention } from './actor-mentions';
import type { Sentence } from './text-segments';
import { insideQuote, textBefore, textBetween } from './sentence-view';

/**
 * The coreference stage: pronouns and descriptors ("she", "the 62-year-old", "the president") get the
 * actor they stand for, from the mentions before them (or, in a lead, just after).
 */
export interface SentenceMentions {
  sentence: Sentence;
  mentions: Mention[];
}

export function assignMentions(sentences: Sentence[], mentions: Mention[]): SentenceMentions[] {
  const result = sentences.map((sentence) => ({ sentence, mentions: [] as Mention[] }));
  let s = 0;
  for (const mention of mentions) {
    while (s < sentences.length && sentences[s]!.end <= mention.start) s += 1;
    if (s < sentences.length && sentences[s]!.start <= mention.start) result[s]!.mentions.push(mention);
  }
  return result;
}

/**
 * Gives pronouns and descriptors their referent: the nearest person named before them, outside
 * quotations and not as a possessive ("asked about Trump's mind games ... she said" is not Trump).
 */
export function resolveReferences(sentences: SentenceMentions[], entries: Map<string, ActorEntry>): void {
  const recent: string[] = [];
  // News leads introduce a person by role and name them after ("The UN human rights chief on Friday said
  // ... Turk stressed"): a descriptor with nobody before it means the next person named nearby.
  const namedLater = (index: number) =>
    sentences
      .slice(index + 1, index + 4)
      .flatMap((s) => s.mentions)
      .find((m) => m.via === 'name' && isPersonKind(entries.get(m.key)?.kind ?? 'other'))?.key;
  for (const [index, { sentence, mentions }] of sentences.entries()) {
    const resolved: Mention[] = [];
    for (const mention of mentions) {
      if (mention.via === 'name') {
        resolved.push(mention);
        const entry = entries.get(mention.key);
        if (entry && isPersonKind(entry.kind) && !mention.possessive && !insideQuote(sentence, mention)) {
          recent.splice(recent.indexOf(mention.key) >>> 0, recent.includes(mention.key) ? 1 : 0);
          recent.push(mention.key);
        }
        continue;
      }
      if (!mention.person || insideQuote(sentence, mention)) continue;
      // A descriptor that names an office or a body ("the top Democrat on the House Intelligence
      // Committee", "Mexico's president") introduces someone more often than it recalls them.
      const introduces = /^[Tt]he (?:top|senior|ranking|leading) |^[Tt]he \p{Lu}|^\p{Lu}\p{L}+['’]s /u.test(
        mention.surface,
      );
      // "the leftist president, Nicolás Maduro,": a descriptor with a name in apposition is that person.
      const following = mentions[mentions.indexOf(mention) + 1];
      const apposed =
        mention.via === 'descriptor' &&
        following?.via === 'name' &&
        isPersonKind(entries.get(following.key)?.kind ?? 'other') &&
        /^\s*,?\s*$/.test(textBetween(sentence, mention.end, following.start))
          ? following.key
          : undefined;
      const ahead =
        apposed ??
        (mention.via === 'descriptor' && (recent.length === 0 || introduces) ? namedLater(index) : undefined);
      if (recent.length === 0 && !ahead) continue;
      resolved.push({ ...mention, key: ahead ?? referent(mention, recent, entries) });
    }
    // The person a sentence is about is its first one, usually its subject ("Trump responded by calling
    // Petro ..."): the next "he" most likely means that person, not the last one named.
    // A person after a preposition ("Asked about Petro, Rubio defended ...") is no subject.
    const people = resolved.filter(
      (m) => !m.possessive && !insideQuote(sentence, m) && isPersonKind(entries.get(m.key)?.kind ?? 'other'),
    );
    const subject = people.find((m) => !GOVERNED.test(textBefore(sentence, m, 60))) ?? people[0];
    if (subject) {
      recent.splice(recent.indexOf(subject.key) >>> 0, recent.includes(subject.key) ? 1 : 0);
      recent.push(subject.key);
    }
    mentions.splice(0, mentions.length, ...resolved);
  }
}

/** A preposition, possibly with a title or nationality after it, right before a name: it is an object. */
export const GOVERNED =
  /\b(?:about|with|to|for|from|against|of|at|by|on|toward|towards|over|after|than|like|including|between|among)\s+(?:the\s+)?(?:\p{Lu}[\p{L}.'’-]*\s+){0,4}$/u;

/** "the president" is the last person introduced as a president; "she" or "the 62-year-old" the last person. */
export function referent(mention: Mention, recent: string[], entries: Map<string, ActorEntry>): string {
  const noun =
    /^the (?:former )?(president|senator|secretary|minister|ambassador|governor|general|admiral|mayor)$/i.exec(
      mention.surface,
    )?.[1];
  if (noun) {
    const titled = [...recent]
      .reverse()
      .find((key) => entries.get(key)?.role?.title.toLowerCase().includes(noun));
    if (titled) return titled;
  }
  const gender = /^she$/i.test(mention.surface)
    ? 'female'
    : /^(?:he|him)$/i.test(mention.surface)
      ? 'male'
      : undefined;
  if (gender) {
    // The most recent person the pronoun can mean: gender rules people out, it does not outrank recency
    // ("Marco Rubio indicated ... He warned" is Rubio, even when only Donald Trump's first name is known).
    const match = [...recent].reverse().find((key) => (entries.get(key)?.gender ?? gender) === gender);
    if (match) return match;
  }
  return recent.at(-1)!;
}
