/** A stretch of the document with its character offsets: `text === document.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface Sentence extends Span {
  index: number;
  paragraph: number;
  /** Quoted passages inside the sentence, without their quotation marks. */
  quotes: Span[];
}

/**
 * Abbreviations after which a full stop does not end a sentence. News English is full of them
 * ("Sen. Tim Kaine", "U.S. forces", "Sept. 2"), and splitting there would cut a claim from its speaker.
 */
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof sen sens rep reps gov govs gen lt col maj capt sgt adm cmdr st jr sr rev hon pres sec amb atty ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec no vs etc inc corp co ltd dept est approx fig ' +
    'u.s u.n u.k e.u d.c l.a n.y a.m p.m i.e e.g'
  ).split(' '),
);

/** Splits a document into sentences, never across a line break, keeping exact offsets. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const lineRe = /[^\n]+/g;
  let paragraph = 0;
  let previousLineEnd = 0;
  for (let line = lineRe.exec(text); line; line = lineRe.exec(text)) {
    if (/\n\s*\n/.test(text.slice(previousLineEnd, line.index))) paragraph += 1;
    previousLineEnd = line.index + line[0].length;
    const quotes = findQuotes(line[0], line.index);
    for (const piece of splitLine(line[0], line.index)) {
      const trimmed = trimSpan(text, piece.start, piece.end);
      if (!trimmed || !/\p{L}/u.test(trimmed.text)) continue;
      sentences.push({
        ...trimmed,
        index: sentences.length,
        paragraph,
        quotes: clipQuotes(quotes, trimmed),
      });
    }
  }
  return sentences;
}

function splitLine(line: string, offset: number): { start: number; end: number }[] {
  const pieces: { start: number; end: number }[] = [];
  let start = 0;
  const boundary = /[.!?]+["”’)\]]*(?=\s+["“‘([]?[\p{Lu}\d]|["“][\p{Lu}])/gu;
  for (let match = boundary.exec(line); match; match = boundary.exec(line)) {
    const before = line.slice(start, match.index);
    const lastWord = /([\p{L}.]+)$/u.exec(before)?.[1]?.toLowerCase() ?? '';
    const isInitial = /(^|[\s.])\p{Lu}$/u.test(before) && match[0] === '.';
    if (match[0].startsWith('.') && (ABBREVIATIONS.has(lastWord.replace(/\.$/, '')) || isInitial)) continue;
    const end = match.index + match[0].length;
    pieces.push({ start: offset + start, end: offset + end });
    start = end;
  }
  pieces.push({ start: offset + start, end: offset + line.length });
  return pieces;
}

function trimSpan(text: string, start: number, end: number): Span | undefined {
  while (start < end && /\s/.test(text[start]!)) start += 1;
  while (end > start && /\s/.test(text[end - 1]!)) end -= 1;
  return end > start ? { start, end, text: text.slice(start, end) } : undefined;
}

/**
 * Quoted passages on one line. Curly quotes pair up by direction; straight double quotes by parity,
 * since typing them carries no direction.
 */
function findQuotes(line: string, offset: number): Span[] {
  const quotes: Span[] = [];
  let openAt = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '“' || (c === '"' && openAt < 0)) {
      openAt = i + 1;
    } else if ((c === '”' || c === '"') && openAt >= 0) {
      // '"nothing more than a bathtub, explains Mike Vigil, who ...: "It's not ...': a closing mark left
      // out before an attribution. The quotation ends where the attribution starts, and this mark opens
      // the next one.
      const attribution = c === '"' ? LEFT_OPEN_BEFORE_ATTRIBUTION.exec(line.slice(openAt, i)) : null;
      const inner = trimQuote(line, openAt, attribution ? openAt + attribution.index : i);
      if (inner && !isQuotedName(inner.text))
        quotes.push({ start: offset + inner.start, end: offset + inner.end, text: inner.text });
      openAt = attribution ? i + 1 : -1;
    }
  }
  // A quotation left open at the end of a line runs on into the next paragraph, as news style does.
  if (openAt >= 0) {
    const inner = trimQuote(line, openAt, line.length);
    if (inner) quotes.push({ start: offset + inner.start, end: offset + inner.end, text: inner.text });
  }
  return quotes;
}

/** A speech verb after a comma and before a capitalised name: an attribution, never part of a quotation. */
const LEFT_OPEN_BEFORE_ATTRIBUTION =
  /,\s+(?:said|says|explains|explained|added|adds|told|tells|warned|warns|noted|notes|argued|argues|insisted|insists|stressed)\s+(?:\p{Lu}[\p{L}.'’-]*\s?){1,4}[,:]/u;

/** "NBC News" in quotation marks names an outlet; it is not something anyone said. */
function isQuotedName(text: string): boolean {
  return /^(?:[\p{Lu}\d][\p{L}\d.'’&-]*\s?){1,5}[.,]?$/u.test(text);
}

function trimQuote(line: string, start: number, end: number): Span | undefined {
  while (start < end && /\s/.test(line[start]!)) start += 1;
  while (end > start && /[\s,]/.test(line[end - 1]!)) end -= 1;
  if (end - start < 2) return undefined;
  return { start, end, text: line.slice(start, end) };
}

function clipQuotes(quotes: Span[], sentence: Span): Span[] {
  const clipped: Span[] = [];
  for (const quote of quotes) {
    const start = Math.max(quote.start, sentence.start);
    const end = Math.min(quote.end, sentence.end);
    if (end - start < 2) continue;
    const text = sentence.text.slice(start - sentence.start, end - sentence.start);
    const trimmed = text.replace(/^[\s"“]+/, '');
    const lead = text.length - trimmed.length;
    const inner = trimmed.replace(/[\s,"”]+$/, '');
    if (inner.length >= 2)
      clipped.push({ start: start + lead, end: start + lead + inner.length, text: inner });
  }
  return clipped;
}
