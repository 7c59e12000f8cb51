import nlp from 'compromise';
import type { DraftStatement } from './extraction-schema';
import { PROPOSITION_CLASSES } from './lexicons';
import type { TopicMatcher } from './topic-matcher';

/**
 * The topics stage: what question a position is on. A position is on an existing topic when its words
 * match one; otherwise it belongs to the class of proposition its words name (a measure, an inquiry, a
 * designation, sovereignty, cooperation, surveillance, the approach, military action), and a proposed
 * topic is titled by the noun phrase of that question. A title is always a proposition: never a date, a
 * verb phrase or a fragment of a word, and never a second name for a question the graph already has.
 */

/** The title of a position whose words give no noun phrase: it takes the story's question or is dropped. */
export const UNTITLED = '';

/** Words that head a clause's time or place, not its question: "On Wednesday", "last week". */
const TIME_WORDS =
  /^(?:on|in|at|by|since|during|until|last|this|next|early|late|earlier|later|recently|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|week|weekend|month|year|morning|afternoon|evening|night|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?$/i;

/** Short lower-case words that are words; any other one- or two-letter piece is a broken word ("Stri ke"). */
const SHORT_WORDS = new Set(
  'a an as at be by do go he if in is it me my no of on or so to up us we am vs ai ok'.split(' '),
);

/** A title that is no proposition: a broken word, a date alone, or no letters to speak of. */
export function isFragment(title: string): boolean {
  const words = title.split(/\s+/).filter(Boolean);
  if (words.length === 0 || !/\p{L}{3}/u.test(title)) return true;
  if (words.every((w) => TIME_WORDS.test(w) || /^\d/.test(w))) return true;
  return words.some((w) => /^\p{Ll}{1,2}$/u.test(w) && !SHORT_WORDS.has(w));
}

interface TaggedTerm {
  text: string;
  post: string;
  tags: string[];
  offset: { start: number };
}

function tag(text: string): TaggedTerm[] {
  return (nlp(text).json({ offset: true, terms: { offset: true } }) as { terms: TaggedTerm[] }[]).flatMap(
    (sentence) => sentence.terms,
  );
}

/**
 * The title for a position that names no class of proposition: the noun phrase of what the actor takes a
 * side on, read from compromise's tags after the stance verb, skipping the verb itself, times and dates
 * ("said on Wednesday that ..."), pronouns and auxiliaries. Undefined when the clause has no such noun.
 */
export function proposeTopicTitle(clause: string): string | undefined {
  // The question lies within the first words after the verb: tagging costs by the word.
  const text = clause.slice(0, 160).replace(/["“”[\]]/g, ' ');
  const terms = tag(text);
  // The stance verb (the clause's first word) is not part of what it is about.
  for (let n = 1; n < terms.length; n++) {
    const term = terms[n]!;
    const t = term.tags;
    if (
      !t.includes('Noun') ||
      t.includes('Pronoun') ||
      t.includes('Date') ||
      t.includes('Value') ||
      t.includes('ProperNoun') ||
      TIME_WORDS.test(term.text)
    )
      continue;
    const phrase = propositionPhrase(text, term.offset.start);
    if (!phrase) continue;
    const cleaned = phrase
      .split(/\s+/)
      .filter((w, i, all) => !(i === 0 && TIME_WORDS.test(w) && all.length > 1))
      .join(' ')
      .replace(/(?:\s+(?:of|on|in|against|over|by|near|from|at|for|the|a|an))+$/i, '');
    if (!isFragment(cleaned)) return cleaned.charAt(0).toUpperCase() + cleaned.slice(1);
  }
  return undefined;
}

export interface Proposition {
  name: string;
  /** Read with compromise only for the position that titles its class's topic: tagging costs. */
  phrase: () => string;
}

/**
 * The class of proposition a position is about, the class whose word comes first in it, and the noun
 * phrase around that word, which titles a proposed topic: "is considering a drone attack on Mexico's
 * cartels - and ..." is about "Drone attack on Mexico's cartels".
 */
export function propositionClass(content: string): Proposition | undefined {
  let best: { name: string; at: number } | undefined;
  for (const { name, pattern } of PROPOSITION_CLASSES) {
    const at = pattern.exec(content)?.index;
    if (at !== undefined && (!best || at < best.at)) best = { name, at };
  }
  if (!best) return undefined;
  const { name, at } = best;
  const { title } = PROPOSITION_CLASSES.find((c) => c.name === name)!;
  let phrase: string | undefined;
  return { name, phrase: () => (phrase ??= propositionPhrase(content, at) ?? title) };
}

/**
 * The noun phrase around the head word at `at`, read from compromise's tags: the adjectives and nouns
 * before it, then nouns and prepositional complements after it ("drone attack on Mexico's cartels"),
 * stopping at the first verb, clause word or punctuation. Undefined when the head word is a verb in its
 * sentence ("Mexico coordinates", "will investigate"): a verb phrase is no proposition, a gerund's is.
 */
function propositionPhrase(content: string, at: number): string | undefined {
  // The phrase lies within a few words of its head: tag only that window, tagging costs by the word.
  const from = Math.max(0, content.lastIndexOf(' ', Math.max(0, at - 40)));
  const window = content.slice(from, at + 120).replace(/["“”[\]]/g, ' ');
  const terms = tag(window);
  const head = terms.findIndex((t) => t.offset.start >= at - from);
  if (head < 0) return content.slice(at, at + 60).trim();
  const headTags = terms[head]!.tags;
  if (headTags.includes('Verb') && !headTags.includes('Gerund')) return undefined;
  const nominal = (t: (typeof terms)[number]) =>
    !t.tags.includes('Pronoun') &&
    !t.tags.includes('Determiner') &&
    (t.tags.includes('Noun') || t.tags.includes('Adjective') || t.tags.includes('Possessive'));
  let first = head;
  while (
    first > 0 &&
    head - first < 2 &&
    nominal(terms[first - 1]!) &&
    !/[,;:.!?]/.test(terms[first - 1]!.post)
  )
    first -= 1;
  let last = head;
  for (let n = head + 1; n < terms.length && n - first < 8; n++) {
    if (/[,;:.!?—–-]/.test(terms[n - 1]!.post)) break;
    const term = terms[n]!;
    const joins =
      nominal(term) ||
      (/^(?:on|in|of|against|over|by|near|from|at|for|the|a|an)$/i.test(term.text) &&
        !term.tags.includes('Verb'));
    if (!joins || term.tags.includes('Verb')) break;
    if (nominal(term)) last = n;
  }
  const phrase = terms
    .slice(first, last + 1)
    .map((t, n, all) => t.text + (n < all.length - 1 ? ' ' : ''))
    .join('')
    .replace(/[,.;:!?]+$/, '')
    .trim();
  return phrase.charAt(0).toUpperCase() + phrase.slice(1);
}

/**
 * Positions that matched no topic already in the graph are grouped by the proposition they are about:
 * each class of proposition gets one proposed topic, titled after its first position, however later
 * sentences word it. One topic per sentence would scatter support and opposition on the same question
 * over look-alike topics; one topic per story would set against each other actors who argue about
 * different things (the strikes, the resolution that would limit them, the inquiry into them). A position
 * whose words name no class is on what its actor last spoke about if it takes the same side; an actor's
 * first position is on the story's main question, the class most positions are about; otherwise it keeps
 * a topic of its own.
 */
export function groupByProposition(
  statements: DraftStatement[],
  propositionOf: Map<DraftStatement, Proposition | undefined>,
  topics: TopicMatcher,
  untitled: Map<DraftStatement, () => string | undefined> = new Map(),
): DraftStatement[] {
  const titles = new Map<string, string>();
  const weight = new Map<string, number>();
  for (const s of statements) {
    const name = propositionOf.get(s)?.name;
    if (s.topic.id || !name) continue;
    if (!titles.has(name)) {
      const phrase = propositionOf.get(s)!.phrase();
      if (isFragment(phrase)) continue;
      titles.set(name, phrase);
    }
    if (s.polarity !== 'neutral') weight.set(name, (weight.get(name) ?? 0) + 1);
  }
  const main = [...titles.keys()].sort((a, b) => (weight.get(b) ?? 0) - (weight.get(a) ?? 0))[0];
  const mainTitle = main
    ? titles.get(main)
    : statements.find((s) => !s.topic.id && s.topic.title !== UNTITLED)?.topic.title;
  const lastOf = new Map<string, { name: string; polarity: DraftStatement['polarity'] }>();
  return statements
    .map((s) => {
      if (s.topic.id) return s;
      // Words that name no class carry on what their speaker was just talking about, if they take the
      // same side: one who turns from support to opposition in the next breath is on something else.
      const last = lastOf.get(s.actorKey);
      const turned =
        (last?.polarity === 'support' && s.polarity === 'oppose') ||
        (last?.polarity === 'oppose' && s.polarity === 'support');
      const name = propositionOf.get(s)?.name ?? (turned ? undefined : last?.name);
      if (name) lastOf.set(s.actorKey, { name, polarity: s.polarity });
      const title =
        (name ? titles.get(name) : last ? undefined : mainTitle) ??
        (s.topic.title === UNTITLED
          ? ((last ? titles.get(last.name) : undefined) ?? mainTitle ?? untitled.get(s)?.())
          : undefined);
      if (!title) return s;
      // A class's title that asks what a topic already in the graph asks is that topic.
      const existing = topics.sameQuestion(title);
      return { ...s, topic: existing?.id ? { id: existing.id, title: existing.title } : { title } };
    })
    .filter((s) => s.topic.title !== UNTITLED);
}
