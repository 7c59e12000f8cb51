import { contentHash, slugFromName } from '../shared/ids';
import type { CreateDocument, StoredDocument } from './document-schema';

/**
 * A new document: its hash is taken over the text when there is one (the same article pasted twice is
 * one document), otherwise over its url and title.
 */
export function buildDocument(input: CreateDocument): StoredDocument {
  const hash = contentHash(input.text ?? `${input.url ?? ''}\n${input.title}`);
  const id = input.id ?? slugFromName([input.title, input.publishedAt].filter(Boolean).join(' '));
  return { ...input, id, contentHash: hash };
}
