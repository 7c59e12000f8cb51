import type { ActorEntry, Mention } from './actor-mentions';
import { SPEECH_VERB, scorePolarity } from './lexicons';
import type { Sentence, Span } from './text-segments';
import { insideQuote, textBefore, clauseBreakBetween, textBetween, textUpTo } from './sentence-view';
import { clauseOfVerb, subjectOfOwnVerb, tagWords, within, type VerbClause } from './clause-grammar';

/**
 * The attribution stage: who a sentence gives its words to (quotation shapes, speech verbs, "according
 * to", appositions), which quotation is theirs, and the grammatical subject of a verb.
 */
export interface Speaker {
  key: string;
  verbAt: number;
  /** Where the verb of saying ends: what follows is what was said, the verb itself takes no side. */
  verbEnd: number;
  via: Mention['via'];
}

/** Who the sentence attributes its words to, in the usual shapes of news attribution. */
export function findSpeaker(
  sentence: Sentence,
  named: Mention[],
  entries: Map<string, ActorEntry>,
): Speaker | undefined {
  for (const match of sentence.text.matchAll(SPEECH_VERB)) {
    const at = sentence.start + match.index;
    if (insideQuote(sentence, { start: at, end: at + match[0].length })) continue;
    const verbEnd = at + match[0].length;
    if (saidAsNoun(sentence, at)) continue;
    const accordingTo = /^according to$/i.test(match[0]);
    const clause = accordingTo ? undefined : clauseOfVerb(sentence, at);
    // Inverted attribution puts the speaker right after the verb: "warns Gustavo Flores-Macias".
    const after = named.find(
      (m) =>
        m.start >= verbEnd &&
        /^\s+(?:(?:the|a|an|[A-Z][\w.-]*)\s+){0,4}$/.test(textBetween(sentence, verbEnd, m.start)),
    );
    if (accordingTo) {
      // "..., according to X, ...": the claim surrounds the attribution, so all of the sentence counts.
      if (after && entries.get(after.key)?.kind !== 'media')
        return { key: after.key, verbAt: at, verbEnd: sentence.start, via: after.via };
      continue;
    }
    // After an apposition ("Sen. Mark Kelly, D-Ariz., a member of ..., told") the speaker is its head.
    const apposition = /,\s*$/.test(textUpTo(sentence, at));
    const before =
      grammaticalSubject(clause, named) ??
      (apposition ? subjectBefore(sentence, named, at) : undefined) ??
      [...named]
        .reverse()
        .find(
          (m) =>
            m.end <= at &&
            !m.possessive &&
            !clauseBreakBetween(sentence, m.end, at) &&
            !objectOfVerb(sentence, m),
        ) ??
      ownSubjectBefore(sentence, named, at);
    const textBefore = textUpTo(sentence, at);
    // "The Venezuelan leader, Nicolás Maduro, said the United States ...": the comma closes an apposition
    // around the speaker, not a quotation the speaker follows.
    const lastBefore = [...named].reverse().find((m) => m.end <= at);
    const closesApposition =
      !!before &&
      lastBefore?.key === before.key &&
      /^\s*,\s*$/.test(textBetween(sentence, lastBefore.end, at));
    const inverted =
      (/["”’,]\s*$/.test(textBefore) && !closesApposition) || (/^\s*["“]/.test(sentence.text) && !before);
    if (after && (inverted || !before) && !/^(?:told|tells|tell|asked)$/.test(match[0])) {
      return { key: after.key, verbAt: at, verbEnd, via: after.via };
    }
    if (before) return { key: before.key, verbAt: at, verbEnd, via: before.via };
  }
  return undefined;
}

/**
 * Whether a word of saying stands as a noun: after a determiner ("the claims that ..."), or read as a
 * noun right after a verb whose object it is ("rejected claims that ..."). The claim is then someone
 * else's, and the sentence's subject is not its speaker.
 */
function saidAsNoun(sentence: Sentence, at: number): boolean {
  if (/\b(?:the|a|an|these|those|such|his|her|its|their|our|any|all)\s+$/i.test(textUpTo(sentence, at)))
    return true;
  const words = tagWords(sentence);
  const i = words.findIndex((w) => w.start === at);
  return i > 0 && words[i]!.tag === 'NOUN' && words[i - 1]!.tag === 'VERB';
}

/**
 * The named actor the tags show as the verb's subject: the one in the subject's head phrase ("Colombian
 * President Gustavo Petro said"), else one its prepositions lead to ("a spokesperson for the Pentagon
 * said", only with `reach` 'whole'); never a possessor ("Petro's adviser said" is not Petro speaking).
 */
export function grammaticalSubject(
  clause: VerbClause | undefined,
  named: Mention[],
  reach: 'head' | 'whole' = 'whole',
): Mention | undefined {
  const subject = clause?.subject;
  if (!subject) return undefined;
  const inside = (phrase: { start: number; end: number }) =>
    named.filter((m) => within(phrase, m) && !m.possessive);
  // Titles come before names: in "Former U.S. ambassador to Colombia Kevin Whitaker said", the person
  // who closes the subject is its head, whatever country the title names.
  const closing = inside(subject.whole).at(-1);
  if (closing?.person && closing.end >= subject.whole.end) return closing;
  return inside(subject.head).at(-1) ?? (reach === 'whole' ? inside(subject.whole)[0] : undefined);
}

/** `subjectBefore`, unless a clause of its own stands between that actor and the verb. */
export function ownSubjectBefore(sentence: Sentence, named: Mention[], at: number): Mention | undefined {
  const subject = subjectBefore(sentence, named, at);
  return subject && ownsVerb(sentence, subject, at) ? subject : undefined;
}

/**
 * The actor a verb at `at` belongs to: the nearest actor before it that is not a possessive, skipping an
 * apposition ("Ronald Johnson, US ambassador to Mexico, refuses ...").
 */
export function subjectBefore(sentence: Sentence, named: Mention[], at: number): Mention | undefined {
  const before = named.filter((m) => m.end <= at && !m.possessive);
  const gapOf = (m: Mention) => textBetween(sentence, m.end, at);
  const objectOfPreposition = (m: Mention) =>
    /\b(?:with|to|for|from|against|of|in|into|on|at|toward|towards|over|near|off|across|through|via|about|under|between|among|within|around|outside|inside|beyond|along)\s+(?:the\s+)?$/i.test(
      textBefore(sentence, m, 12),
    );
  if (/,\s*$/.test(textUpTo(sentence, at))) {
    // The head of the apposition: preferably a person ("Sen. Mark Kelly, D-Ariz., a member of the
    // Senate Armed Services Committee, told ..."), otherwise the nearest name set off by two commas.
    const heads = [...before].reverse().filter(
      (m) =>
        /^\s*,/.test(gapOf(m)) &&
        gapOf(m).split(',').length <= 6 &&
        !/[;:"“”]/.test(gapOf(m)) &&
        // "the top Democrat on the House Intelligence Committee, Rep. Jim Himes, saying": not the head.
        !objectOfPreposition(m),
    );
    const head =
      heads.find((m) => m.person && gapOf(m).split(',').length >= 3) ??
      heads.find((m) => gapOf(m).split(',').length === 3);
    // "Two Republicans, Sens. Rand Paul of Kentucky and Lisa Murkowski of Alaska, joined": a group set in
    // apposition to named people stands for them; the people are the subject.
    const named = head?.person
      ? undefined
      : [...before]
          .reverse()
          .find(
            (m) =>
              m.person &&
              (!head || m.start > head.end) &&
              /^(?:\s+of(?: \p{Lu}[\p{L}.]*){1,2})?\s*,\s*$/u.test(gapOf(m)),
          );
    if (named && head) return named;
    if (head) return head;
  }
  // The object of a preposition ("in collaboration with the United States, but will not tolerate ...") is
  // no subject; the actor before it may be.
  const candidates = [...before]
    .reverse()
    .filter((m) => !/[;:]/.test(gapOf(m)) && gapOf(m).split(/\s+/).length <= 14);
  return candidates.find((m) => !objectOfPreposition(m));
}

/** The actors after `mention` joined to it by "and": "the US military and intelligence services". */
export function conjuncts(sentence: Sentence, named: Mention[], mention: Mention): Mention[] {
  const all = [mention];
  for (let i = named.indexOf(mention) + 1; i < named.length; i++) {
    const between = textBetween(sentence, all.at(-1)!.end, named[i]!.start);
    // "Nicolas Maduro and his wife, Cilia Flores": a relation noun in apposition still joins them.
    if (!/^\s*(?:,|,? and|&)\s*(?:the\s+|(?:his|her|its|their)\s+\p{L}+,\s*)?$/u.test(between)) break;
    // "threatened the cartels, the Associated Press reported": a name after a bare comma with a verb of
    // its own starts another clause.
    if (/^\s*,\s*(?:the\s+)?$/.test(between) && subjectOfOwnVerb(sentence, named[i]!)) break;
    all.push(named[i]!);
  }
  return all;
}

/** "denounced the Trump administration and urged ...": the object of one verb is not the next one's subject. */
export function objectOfVerb(sentence: Sentence, mention: Mention): boolean {
  return /\b\p{Ll}{3,}ed\s+(?:the\s+)?$/u.test(textBefore(sentence, mention, 20));
}

/**
 * Whether the verb at `at` is the actor's own: not when a clause of its own comes between them ("sent an
 * amendment that says the Mexican people reject ..."), unless that clause's subject is a pronoun for the
 * actor ("announced that it had designated").
 */
export function ownsVerb(sentence: Sentence, actor: Mention, at: number): boolean {
  return (
    !clauseBreakBetween(sentence, actor.end, at) ||
    /\b(?:that|who|which)\s+(?:it|he|she|they)\s+(?:\S+\s+){0,3}$/i.test(textBetween(sentence, actor.end, at))
  );
}

export function pickQuote(sentence: Sentence, verbAt: number): Span | undefined {
  // "“It's not going to happen,” she said ..., responding to Trump's warning that he would do “whatever we
  // have to do”": a sentence that opens with a quotation attributed right after it quotes that speaker;
  // later quotations belong to whoever the rest of the sentence talks about.
  const opening = sentence.quotes[0];
  if (
    opening &&
    opening.start - sentence.start <= 2 &&
    opening.end <= verbAt &&
    /^[\s,"”’]*(?:\S+\s+){0,5}$/.test(textBetween(sentence, opening.end, verbAt))
  )
    return opening;
  // Of several quoted phrases after the verb, the one with stance words in it carries the position:
  // described strikes "minutes apart," but said he did not see "anything disturbing about it."
  const after = sentence.quotes.filter((q) => q.start >= verbAt);
  const weighs = (q: Span) => {
    const score = scorePolarity(q.text);
    return score.support + score.oppose > 0;
  };
  return (
    (after.length > 1 ? after.find(weighs) : undefined) ??
    after[0] ??
    [...sentence.quotes].reverse().find((q) => q.end <= verbAt)
  );
}

/** Verbs by which an outlet relays what others said or did. */
const RELAYING =
  /\b(?:reported|reports|reporting|said|says|wrote|writes|cited|cites|told|tells|according to)\b/gi;

/**
 * The outlet that relays the sentence's claims: the subject of "reported" or "said" ("Reuters reported
 * that ...", "..., the Associated Press reported"), the one "according to" names, or the one a speaker
 * "told". Only media relay: "Graham said" is Graham's own claim.
 */
export function findReporter(
  sentence: Sentence,
  named: Mention[],
  entries: Map<string, ActorEntry>,
): string | undefined {
  const isMedia = (m: Mention | undefined) => !!m && entries.get(m.key)?.kind === 'media';
  for (const match of sentence.text.matchAll(RELAYING)) {
    const at = sentence.start + match.index;
    const end = at + match[0].length;
    if (insideQuote(sentence, { start: at, end })) continue;
    if (/^(?:according to|told|tells)$/i.test(match[0])) {
      const next = named.find(
        (m) => m.start >= end && /^\s*(?:the\s+)?$/.test(textBetween(sentence, end, m.start)),
      );
      if (isMedia(next)) return next!.key;
      continue;
    }
    const subject = grammaticalSubject(clauseOfVerb(sentence, at), named, 'head');
    if (isMedia(subject)) return subject!.key;
  }
  return undefined;
}

export const WHILE_ANOTHER_SAYS = /,?\s+(?:while|whereas)\s+(?=(?:the\s+)?\p{Lu})/u;

/** Verbs of saying that say which side the speaker takes: "urged ... to", "called for", "denounced". */
export const DIRECTIVE_SPEECH =
  /^(?:urged|urges|urge|urging|called|calls|calling|denounced|condemned|lamented|protested)$/i;
