/**
 * Full-text search shared by both stores: how a query becomes words, how each backend is asked for them
 * (SQLite FTS5, a Neo4j full-text index) and how a snippet with highlights is cut from the matched text,
 * so that both stores find the same records and show the same snippets.
 */

/** The fields full-text search reads. */
export type SearchField = 'quote' | 'evidence' | 'title' | 'text';
export type SearchKind = 'statements' | 'relations' | 'documents';

export interface Snippet {
  /** Plain text around the first match; never markup. */
  text: string;
  /** Where the words matched inside `text`. */
  highlights: { start: number; end: number }[];
  /** Where `text` starts in the whole field (for a document's text: the offset to open the reader at). */
  offset: number;
}

const MAX_TERMS = 12;

/** Lower case, accents removed: the form both indexes compare words in. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a query: letters and digits, folded; at most 12. */
export function searchTerms(q: string): string[] {
  return [...new Set(foldText(q).match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, MAX_TERMS);
}

/** FTS5: every word, each as the start of a word (`"word"*`), all required. Words are quoted, never syntax. */
export function fts5Query(terms: readonly string[]): string {
  return terms.map((term) => `"${term}"*`).join(' AND ');
}

/** Lucene (Neo4j full-text): every word required, as the start of a word. Words are letters and digits only. */
export function luceneQuery(terms: readonly string[]): string {
  return terms.map((term) => `+${term}*`).join(' ');
}

/** Whether `text` has every term at the start of a word (what both indexes match). */
export function matchesAll(text: string, terms: readonly string[]): boolean {
  const words = foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  return terms.every((term) => words.some((word) => word.startsWith(term)));
}

/**
 * A window of about `width` characters around the first word that matches, with every matching word
 * marked. Offsets are in the original text (folding keeps one character per character for the scripts
 * news uses; where it does not, the highlight is dropped rather than misplaced).
 */
export function searchSnippet(text: string, terms: readonly string[], width = 240): Snippet {
  const words: { start: number; end: number }[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const folded = foldText(match[0]);
    if (terms.some((term) => folded.startsWith(term))) {
      words.push({ start: match.index, end: match.index + match[0].length });
    }
  }
  const first = words[0]?.start ?? 0;
  let start = Math.max(0, first - Math.floor(width / 3));
  // Start at a word boundary, not in the middle of one.
  if (start > 0) {
    const space = text.lastIndexOf(' ', start);
    start = space >= 0 && first - space < width / 2 ? space + 1 : start;
  }
  let end = Math.min(text.length, start + width);
  if (end < text.length) {
    const space = text.indexOf(' ', end);
    end = space >= 0 && space - end < 30 ? space : end;
  }
  const highlights = words
    .filter((w) => w.start >= start && w.end <= end)
    .map((w) => ({ start: w.start - start, end: w.end - start }));
  return { text: text.slice(start, end), highlights, offset: start };
}
