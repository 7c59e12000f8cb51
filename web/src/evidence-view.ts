import { api, type SourceDocument } from './api-client';
import { el, safeLink } from './dom';
import { POLARITY_COLORS } from './graph-style';

/** `read` once per id for the life of the page, its answer shared by every caller. */
function onceEach<T>(read: (id: string) => Promise<T>): (id: string) => Promise<T> {
  const answers = new Map<string, Promise<T>>();
  return (id) => {
    if (!answers.has(id)) answers.set(id, read(id));
    return answers.get(id)!;
  };
}

/** A document's title, outlet and link. */
export const documentOf = onceEach((id): Promise<SourceDocument | undefined> =>
  api.document(id).catch(() => undefined),
);

/** An actor's name; its id when the actor cannot be read. */
export const actorName = onceEach((id) =>
  api.actor(id).then(
    (actor) => actor.name,
    () => id,
  ),
);

/** A topic's title; its id when the topic cannot be read. */
export const topicTitle = onceEach((id) =>
  api.topic(id).then(
    (topic) => topic.title,
    () => id,
  ),
);

export interface EvidenceLike {
  quote?: string;
  sentence?: string;
  date?: string;
  documentId?: string;
  /** Where the evidence sentence starts in the document, to open the reader there. */
  start?: number;
  /** The outlet that relayed the claim ("reported by Reuters") and the actor it is about. */
  reportedById?: string;
  aboutId?: string;
}

/** "reported by Reuters · about Gustavo Petro": who relayed a claim and whom it targets, when known. */
function relayLine(item: EvidenceLike): HTMLElement | null {
  const parts = [
    item.reportedById ? { label: 'reported by', id: item.reportedById, className: 'reported-by' } : undefined,
    item.aboutId ? { label: 'about', id: item.aboutId, className: 'about' } : undefined,
  ].filter((part) => part !== undefined);
  if (parts.length === 0) return null;
  const line = el('div', { className: 'relay' });
  for (const part of parts) {
    const name = el('span', { className: 'name', text: part.id });
    void actorName(part.id).then((text) => (name.textContent = text));
    line.append(el('span', { className: part.className }, [`${part.label} `, name]));
  }
  return line;
}

/** A link that opens the document in the desk's reader at the evidence, not the raw JSON. */
function readerLink(documentId: string, start: number | undefined, text: string): HTMLElement {
  const link = el('a', {
    text,
    className: 'reader-link',
    attrs: { href: '#desk', 'data-document': documentId },
  });
  link.addEventListener('click', (event) => {
    event.preventDefault();
    window.dispatchEvent(new CustomEvent('open-reader', { detail: { documentId, start } }));
  });
  return link;
}

/**
 * A quote as a block: the quote itself, the sentence around it when it adds something, the date and a
 * link to its source. The source link goes to the article, or to the stored document when it has no URL.
 */
export function evidenceBlock(item: EvidenceLike, lead?: string): HTMLElement {
  const source = el('span', { className: 'source' });
  const block = el('div', { className: 'evidence' }, [
    lead ? el('div', { className: 'lead', text: lead }) : null,
    item.quote ? el('blockquote', { className: 'quote', text: `“${item.quote}”` }) : null,
    item.sentence && item.sentence !== item.quote
      ? el('div', { className: 'sentence', text: item.sentence })
      : null,
    relayLine(item),
    el('div', { className: 'meta' }, [
      item.date ? el('span', { className: 'date', text: item.date }) : null,
      source,
    ]),
  ]);
  if (item.documentId) {
    const documentId = item.documentId;
    source.append(readerLink(documentId, item.start, 'source'));
    void documentOf(documentId).then((document) => {
      if (!document) return;
      const label = document.outlet ? `${document.title} (${document.outlet})` : document.title;
      source.replaceChildren(
        readerLink(documentId, item.start, label),
        document.url ? ' ' : '',
        document.url ? safeLink(document.url, '(original)') : '',
      );
    });
  }
  return block;
}

export function polarityBadge(polarity: string): HTMLElement {
  const badge = el('span', { className: `badge polarity-${polarity}`, text: polarity });
  badge.style.backgroundColor = POLARITY_COLORS[polarity] ?? '#999';
  return badge;
}
