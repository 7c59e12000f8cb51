import { convert } from 'html-to-text';
import { ValidationError } from '../shared/errors';

/** The forms a document's text can arrive in. */
type TextFormat = 'text' | 'markdown' | 'html';

const HTML_HINT = /<(?:!doctype|html|head|body|article|p|div|script|span|br)\b[^>]*>/i;

/**
 * The plain text that is stored and that evidence offsets point into. HTML is rendered to text with
 * scripts, styles and images dropped; binary data and empty text are refused naming the field.
 */
export function plainText(raw: string, format?: TextFormat): string {
  if (raw.includes('\u0000') || controlCharacterShare(raw) > 0.01 || replacementShare(raw) > 0.01) {
    throw new ValidationError('the document text looks like binary data', [
      { path: ['text'], location: 'body', message: 'must be readable text, not binary data' },
    ]);
  }
  const html = format === 'html' || (format === undefined && HTML_HINT.test(raw));
  // Plain text is kept exactly as sent, so offsets a client computed on it stay right.
  const text = html ? htmlToText(raw).trim() : raw;
  if (!/\p{L}/u.test(text)) {
    throw new ValidationError('the document has no text', [
      { path: ['text'], location: 'body', message: 'must contain words once markup is removed' },
    ]);
  }
  return text;
}

function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'script', format: 'skip' },
      { selector: 'style', format: 'skip' },
      { selector: 'noscript', format: 'skip' },
      { selector: 'iframe', format: 'skip' },
      { selector: 'img', format: 'skip' },
      { selector: 'nav', format: 'skip' },
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
    ],
  });
}

function controlCharacterShare(text: string): number {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Tab, line feed and carriage return are text; the other C0 controls and DEL are not.
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127) controls += 1;
  }
  return text.length === 0 ? 0 : controls / text.length;
}

function replacementShare(text: string): number {
  const replaced = text.match(/\uFFFD/g)?.length ?? 0;
  return text.length === 0 ? 0 : replaced / text.length;
}

const ENGLISH_FUNCTION_WORDS = new Set(
  'the of and to in a is that for on with as was by it at from be are this have has an not or his her their said which were but will would its they he she been who'.split(
    ' ',
  ),
);

/**
 * Whether the text reads as English: function words make up a large share of any English prose and
 * almost none of other languages. The rules extractor only knows English, so other text gets no proposals.
 */
export function looksEnglish(text: string): boolean {
  const words =
    languageSample(text)
      .toLowerCase()
      .match(/\p{L}+/gu) ?? [];
  if (words.length < 8) return words.some((w) => ENGLISH_FUNCTION_WORDS.has(w)) || words.length < 3;
  const hits = words.filter((w) => ENGLISH_FUNCTION_WORDS.has(w)).length;
  return hits / words.length >= 0.12;
}

/** Characters read to judge the language; a longer text is judged on stretches spread over all of it. */
const LANGUAGE_SAMPLE_CHARS = 100_000;
const LANGUAGE_SAMPLE_STRETCHES = 20;

/**
 * Reading all of a 5 MB text held the service's thread for most of a second (a word list of a million
 * strings); stretches from its start to its end tell its language as well.
 */
function languageSample(text: string): string {
  if (text.length <= LANGUAGE_SAMPLE_CHARS) return text;
  const size = LANGUAGE_SAMPLE_CHARS / LANGUAGE_SAMPLE_STRETCHES;
  const step = (text.length - size) / (LANGUAGE_SAMPLE_STRETCHES - 1);
  return Array.from({ length: LANGUAGE_SAMPLE_STRETCHES }, (_, i) =>
    text.slice(Math.round(i * step), Math.round(i * step) + size),
  ).join('\n');
}
