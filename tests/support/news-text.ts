import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The tuning articles of the extraction fixtures: real news text, as the service is sent it. */
const FIXTURES = path.join(__dirname, '../fixtures/extraction');

/**
 * The tuning articles one after another, separated by a blank line and repeated, until the text is at
 * least `bytes` long in UTF-8: a long document of real news text for tests and benchmarks of big inputs.
 */
export function newsTextOfSize(bytes: number): string {
  const articles = readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => readFileSync(path.join(FIXTURES, name), 'utf8'));
  const parts: string[] = [];
  for (let i = 0, size = 0; size < bytes; i++) {
    parts.push(articles[i % articles.length]!);
    size += Buffer.byteLength(parts.at(-1)!) + 2;
  }
  return parts.join('\n\n');
}
