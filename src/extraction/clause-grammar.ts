import winkNLP, { type PartOfSpeech } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Sentence } from './text-segments';

/**
 * The grammar of a clause from part-of-speech tags (wink-nlp's English model): the subject, the verb and
 * the object around a verb, so that attribution and relations follow the sentence's syntax rather than
 * which name happens to stand nearest. A shallow reading: noun phrases are runs of nominal tags, and a
 * verb's subject and object are the phrases that the tags allow to be them. Where the tags do not decide
 * (an apposition, a verb with no phrase of its own beside it), it says nothing and the stages keep their
 * surface patterns.
 */

/** One word of a sentence with its tag and document offsets. */
export interface TaggedWord {
  text: string;
  tag: PartOfSpeech;
  start: number;
  end: number;
}

/** A noun phrase, by document offsets. */
export interface Phrase {
  start: number;
  end: number;
}

export interface VerbClause {
  /**
   * The subject: its head phrase and, when a prepositional phrase hangs off it ("the head of the U.S.
   * Southern Command"), everything up to the verb. Absent when the tags do not show one.
   */
  subject?: { head: Phrase; whole: Phrase };
  /** The phrase the verb acts on: "accused <Petro> of", "rejected <Rubio's criticism>". */
  object?: Phrase;
  /** Where a clausal object ("said that ...", "said the strikes ...") begins. */
  clauseAt?: number;
}

/** The tagger, loaded on first use: a service that reads no document does not pay for the model. */
let tagger: ReturnType<typeof winkNLP> | undefined;
const loadTagger = () => (tagger ??= winkNLP(model, ['pos']));

/** Nominal tags: a run of these is one noun phrase ("the Colombian President Gustavo Petro's"). */
const NOMINAL: ReadonlySet<PartOfSpeech> = new Set(['DET', 'ADJ', 'PROPN', 'NOUN', 'NUM', 'PRON']);
/** What may stand between a subject and its verb: "has", "would not", "also", "reportedly". */
const AUXILIARY: ReadonlySet<PartOfSpeech> = new Set(['AUX', 'ADV', 'PART']);

/** Words the tagger may read as prepositions that open a clause of their own. */
const SUBORDINATORS =
  /^(?:after|before|while|when|since|because|as|until|although|though|if|unless|once|whereas)$/i;

const taggedSentences = new Map<string, TaggedWord[]>();
const CACHE_LIMIT = 4096;

/** The sentence's words with their tags, tagged once per distinct sentence. */
export function tagWords(sentence: Pick<Sentence, 'text' | 'start'>): TaggedWord[] {
  const key = `${sentence.start}\u0000${sentence.text}`;
  const cached = taggedSentences.get(key);
  if (cached) return cached;
  const nlp = loadTagger();
  const tokens = nlp.readDoc(sentence.text).tokens();
  const values = tokens.out(nlp.its.value);
  const tags = tokens.out(nlp.its.pos) as PartOfSpeech[];
  const words: TaggedWord[] = [];
  let cursor = 0;
  values.forEach((value, i) => {
    const at = sentence.text.indexOf(value, cursor);
    if (at < 0) return; // a token the tokenizer rewrote: it has no place of its own in the text
    cursor = at + value.length;
    words.push({ text: value, tag: tags[i]!, start: sentence.start + at, end: sentence.start + cursor });
  });
  if (taggedSentences.size >= CACHE_LIMIT) taggedSentences.clear();
  taggedSentences.set(key, words);
  return words;
}

const isPossessive = (word: TaggedWord | undefined) => word?.tag === 'PART' && /^['’]s?$/.test(word.text);
const isNominal = (word: TaggedWord | undefined) => !!word && (NOMINAL.has(word.tag) || isPossessive(word));

/** The noun phrase that ends at word `last` (inclusive), walking left. */
function phraseEndingAt(words: TaggedWord[], last: number): { first: number; last: number } {
  let first = last;
  while (first > 0 && isNominal(words[first - 1]) && !(words[first - 1]!.tag === 'PRON' && first - 1 < last))
    first -= 1;
  return { first, last };
}

/** The noun phrase that starts at word `first`, walking right. */
function phraseStartingAt(words: TaggedWord[], first: number): { first: number; last: number } {
  let last = first;
  while (last + 1 < words.length && isNominal(words[last + 1]) && words[last + 1]!.tag !== 'PRON') last += 1;
  return { first, last };
}

const span = (words: TaggedWord[], first: number, last: number): Phrase => ({
  start: words[first]!.start,
  end: words[last]!.end,
});

/** The clause around the verb that starts at document offset `verbAt`, or undefined for no word there. */
export function clauseOfVerb(
  sentence: Pick<Sentence, 'text' | 'start'>,
  verbAt: number,
): VerbClause | undefined {
  const words = tagWords(sentence);
  const v = words.findIndex((w) => w.start === verbAt);
  if (v < 0) return undefined;
  const clause: VerbClause = { subject: subjectBefore(words, v) };
  let o = v + 1;
  while (o < words.length && words[o]!.tag === 'ADV') o += 1;
  const next = words[o];
  if (next?.tag === 'SCONJ') clause.clauseAt = next.start;
  else if (isNominal(next)) {
    const phrase = phraseStartingAt(words, o);
    clause.object = span(words, phrase.first, phrase.last);
    // "said the strikes were illegal": a phrase followed by its own verb opens a clause, it is no object.
    const after = words[phrase.last + 1];
    if (after && (after.tag === 'AUX' || after.tag === 'VERB')) {
      clause.clauseAt = clause.object.start;
      clause.object = undefined;
    }
  }
  return clause;
}

/**
 * The verb's subject: the noun phrase right before it (past auxiliaries and adverbs), with the phrases it
 * heads through prepositions ("a spokesperson for the Pentagon said"). None when a comma, a quotation or
 * a conjunction stands between (an apposition or an inverted attribution: the stages read those).
 */
function subjectBefore(words: TaggedWord[], v: number): VerbClause['subject'] {
  let s = v - 1;
  // "to pressure": an infinitive's subject is not the phrase before it.
  if (words[s]?.tag === 'PART' && /^to$/i.test(words[s]!.text)) return undefined;
  while (s >= 0 && AUXILIARY.has(words[s]!.tag) && !isPossessive(words[s])) s -= 1;
  if (s < 0 || !isNominal(words[s]) || isPossessive(words[s])) return undefined;
  let phrase = phraseEndingAt(words, s);
  const last = phrase.last;
  // "the head of the U.S. Southern Command": walk back over prepositional phrases to their head.
  // A subordinator opens a clause of its own: in "recalled its ambassador after Trump called", Trump is
  // the subject, not a complement of "ambassador".
  while (
    phrase.first >= 2 &&
    words[phrase.first - 1]!.tag === 'ADP' &&
    !SUBORDINATORS.test(words[phrase.first - 1]!.text) &&
    isNominal(words[phrase.first - 2])
  ) {
    phrase = phraseEndingAt(words, phrase.first - 2);
  }
  const headLast = phraseStartingAt(words, phrase.first).last;
  return {
    head: span(words, phrase.first, Math.min(headLast, last)),
    whole: span(words, phrase.first, last),
  };
}

/** Whether the words right after a span are a verb's: the span is the subject of a clause of its own. */
export function subjectOfOwnVerb(sentence: Pick<Sentence, 'text' | 'start'>, span: Phrase): boolean {
  const next = tagWords(sentence).find((w) => w.start >= span.end && !isPossessive(w));
  return next?.tag === 'VERB' || next?.tag === 'AUX';
}

/**
 * Whether a name belongs to a phrase: it lies inside it, or ends where the phrase does (the tagger may
 * read a word of a name as a verb: "the Associated/VERB Press").
 */
export function within(phrase: Phrase | undefined, span: { start: number; end: number }): boolean {
  if (!phrase) return false;
  return (
    (span.start >= phrase.start && span.end <= phrase.end) ||
    (span.start < phrase.start && span.end === phrase.end)
  );
}
