import { createHash } from 'node:crypto';
import slugify from 'slugify';

/** "Mexico's President Claudia Sheinbaum" -> "mexicos-president-claudia-sheinbaum". */
export function slugFromName(name: string): string {
  const slug = slugify(name, { lower: true, strict: true, trim: true }).replace(/-+/g, '-').slice(0, 100);
  return slug.replace(/^-|-$/g, '') || shortHash(name);
}

/**
 * A deterministic id for records that have no name (statements, relations): the same facts always get
 * the same id, so loading a seed or ingesting a document twice cannot create duplicates.
 */
export function idFromParts(prefix: string, parts: ReadonlyArray<string | number | undefined>): string {
  return `${prefix}-${shortHash(parts.map((p) => p ?? '').join('\u241f'))}`;
}

export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

export function contentHash(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}
