import type { Sentence } from './text-segments';

/**
 * One view of a sentence for every stage: its text, its quotations and the character offsets they share
 * with the document. Stages ask it for the words before or between two offsets instead of converting
 * offsets by hand.
 */
/** Where a reported clause stops: the proposition rarely runs past these. */
export const CLAUSE_END = /[.;:!?]|,\s|\b(?:amid|after|because|as|while|which|who|although|but)\b/;

export function insideQuote(sentence: Sentence, span: { start: number; end: number }): boolean {
  return sentence.quotes.some((q) => span.start >= q.start && span.end <= q.end);
}

/** The sentence's own words, its quotations left out. */
export function withoutQuotes(sentence: Sentence): string {
  let text = sentence.text;
  for (const q of [...sentence.quotes].reverse())
    text = text.slice(0, q.start - sentence.start) + text.slice(q.end - sentence.start);
  return `x ${text.replace(/["“”]/g, ' ')}`;
}

export function startsWithQuote(sentence: Sentence): boolean {
  return sentence.quotes.length > 0 && sentence.quotes[0]!.start - sentence.start <= 2;
}

/** The few characters before a mention: what they say decides whether it is a subject. */
export function textBefore(sentence: Sentence, span: { start: number }, width: number): string {
  return sentence.text.slice(Math.max(0, span.start - sentence.start - width), span.start - sentence.start);
}

export function clauseBreakBetween(sentence: Sentence, from: number, to: number): boolean {
  const between = sentence.text.slice(from - sentence.start, to - sentence.start);
  return /[;:]|["“”]|\b(?:that|which|who)\b/.test(between) && !/^\s*[,"”]/.test(between);
}

/** The words from the cue to the end of its clause: the proposition the actor takes a stance on. */
export function reportedClause(sentence: Sentence, from: number, stopAtClause = false): string {
  const rest = sentence.text.slice(Math.max(0, from - sentence.start));
  if (!stopAtClause) return rest;
  const words = rest.split(/\s+/);
  const kept: string[] = [];
  for (const word of words) {
    kept.push(word);
    if (kept.length > 2 && CLAUSE_END.test(` ${word} `)) break;
  }
  return kept.join(' ');
}

/** The sentence's words between two document offsets. */
export function textBetween(sentence: Sentence, from: number, to: number): string {
  return sentence.text.slice(from - sentence.start, to - sentence.start);
}

/** The sentence's words from its start up to a document offset. */
export function textUpTo(sentence: Sentence, at: number): string {
  return sentence.text.slice(0, at - sentence.start);
}

/** The sentence's words from a document offset to its end. */
export function textFrom(sentence: Sentence, at: number): string {
  return sentence.text.slice(at - sentence.start);
}
