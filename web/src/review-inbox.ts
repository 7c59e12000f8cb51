/**
 * The review inbox: proposals of every document in one table, filtered by status, kind, extractor,
 * confidence, document and actor; tick many and accept or reject them at once (`POST /api/review/bulk`,
 * which reviews each one as the reader would and reports each one's outcome).
 */
import { query, send } from './api-client';
import { el } from './dom';

interface InboxItem {
  kind: 'statements' | 'relations';
  /** Absent on a claim entered by hand: there is no proposal to review. */
  documentId?: string;
  document?: { id: string; title: string };
  record: {
    id: string;
    polarity?: string;
    type?: string;
    quote?: string;
    confidence: number;
    method: string;
    reviewStatus: string;
    reviewReason?: string;
    evidence?: { start: number; sentence: string };
  };
  actors: { id: string; name: string }[];
  topic?: { id: string; name: string };
}

interface BulkResult {
  reviewed: number;
  refused: number;
  items: { id: string; ok: boolean; problem?: { detail: string } }[];
}

export interface InboxContext {
  reviewer(): string;
  openReader(documentId: string, at?: number): void;
  onGraphChanged(): void;
}

const PAGE = 50;

function labelled(label: string, control: HTMLElement): HTMLElement {
  return el('label', {}, [label, control]);
}

function choice(id: string, options: [string, string][]): HTMLSelectElement {
  return el(
    'select',
    { attrs: { id } },
    options.map(([value, text]) => el('option', { text, attrs: { value } })),
  );
}

/** What a claim says, in words: "Claudia Sheinbaum oppose on US strikes", "US government pressures Mexico". */
function summary(item: InboxItem): string {
  const [first, second] = item.actors.map((a) => a.name);
  return item.kind === 'statements'
    ? `${first} ${item.record.polarity} on ${item.topic?.name ?? '?'}`
    : `${first} ${item.record.type?.replace(/_/g, ' ')} ${second}`;
}

export async function reviewInbox(context: InboxContext): Promise<HTMLElement> {
  const status = choice('inbox-status', [
    ['proposed', 'proposed'],
    ['accepted', 'accepted'],
    ['rejected', 'rejected'],
  ]);
  const kind = choice('inbox-kind', [
    ['', 'statements and relations'],
    ['statements', 'statements'],
    ['relations', 'relations'],
  ]);
  const extractor = choice('inbox-extractor', [
    ['', 'any'],
    ['rules', 'rules'],
    ['llm', 'llm'],
    ['manual', 'manual'],
  ]);
  const minConfidence = el('input', {
    attrs: { id: 'inbox-min-confidence', type: 'number', min: '0', max: '1', step: '0.05', placeholder: '0' },
  });
  const documents = await send<{ items: { id: string; title: string }[] }>('GET', '/api/documents?limit=500');
  const documentChoice = choice('inbox-document', [
    ['', 'every document'],
    ...documents.items.map((d): [string, string] => [d.id, d.title]),
  ]);
  const actor = el('input', {
    attrs: { id: 'inbox-actor', type: 'search', placeholder: 'a name or an alias' },
  });
  const filters = el('form', { className: 'inbox-filters', attrs: { id: 'inbox-filters' } }, [
    labelled('Status ', status),
    labelled('Kind ', kind),
    labelled('Extractor ', extractor),
    labelled('Confidence at least ', minConfidence),
    labelled('Document ', documentChoice),
    labelled('Actor ', actor),
    el('button', { text: 'Show', attrs: { type: 'submit', id: 'inbox-apply' } }),
  ]);

  const selectAll = el('input', { attrs: { type: 'checkbox', id: 'inbox-select-all' } });
  selectAll.setAttribute('aria-label', 'Select every claim on this page');
  const rows = el('tbody');
  const table = el('table', { className: 'inbox-table', attrs: { id: 'inbox-table' } }, [
    el('caption', { className: 'inbox-count', attrs: { id: 'inbox-count', 'aria-live': 'polite' } }),
    el('thead', {}, [
      el('tr', {}, [
        el('th', {}, [selectAll]),
        ...['Claim', 'Quote', 'Confidence', 'Extractor', 'Status', 'Document'].map((h) =>
          el('th', { text: h, attrs: { scope: 'col' } }),
        ),
      ]),
    ]),
    rows,
  ]);
  const reason = el('input', {
    attrs: { id: 'inbox-reason', type: 'text', placeholder: 'why (kept with each review)' },
  });
  const accept = el('button', { text: 'Accept selected', attrs: { type: 'button', id: 'inbox-accept' } });
  const reject = el('button', { text: 'Reject selected', attrs: { type: 'button', id: 'inbox-reject' } });
  const outcome = el('div', { className: 'inbox-outcome', attrs: { id: 'inbox-outcome', role: 'status' } });
  const previous = el('button', { text: '← Previous', attrs: { type: 'button', id: 'inbox-previous' } });
  const next = el('button', { text: 'Next →', attrs: { type: 'button', id: 'inbox-next' } });
  let offset = 0;
  let shown: InboxItem[] = [];

  const boxes = () => [...rows.querySelectorAll<HTMLInputElement>('input[type=checkbox]:enabled')];
  const updateButtons = () => {
    const ticked = boxes().filter((b) => b.checked).length;
    accept.disabled = reject.disabled = ticked === 0;
    selectAll.checked = ticked > 0 && ticked === boxes().length;
    selectAll.indeterminate = ticked > 0 && ticked < boxes().length;
  };

  /** An actor typed by name is looked up (any review status), so a proposed actor can be chosen too. */
  const actorId = async (): Promise<string | undefined> => {
    const words = actor.value.trim();
    if (!words) return undefined;
    const found = await send<{ items: { id: string; name: string }[] }>(
      'GET',
      `/api/actors${query({ q: words, limit: '1' })}`,
    );
    return found.items[0]?.id ?? words;
  };

  const load = async () => {
    const count = table.querySelector('caption')!;
    try {
      const page = await send<{ items: InboxItem[]; total: number }>(
        'GET',
        `/api/review/inbox${query({
          status: status.value,
          kind: kind.value || undefined,
          extractor: extractor.value || undefined,
          minConfidence: minConfidence.value || undefined,
          documentId: documentChoice.value || undefined,
          actorId: await actorId(),
          limit: String(PAGE),
          offset: String(offset),
        })}`,
      );
      shown = page.items;
      rows.replaceChildren(...page.items.map((item) => row(item)));
      count.textContent =
        page.total === 0
          ? 'Nothing to show with these filters.'
          : `${offset + 1}–${offset + page.items.length} of ${page.total}`;
      previous.disabled = offset === 0;
      next.disabled = offset + PAGE >= page.total;
    } catch (error) {
      count.textContent = `Could not load the inbox: ${(error as Error).message}`;
    }
    updateButtons();
  };

  const row = (item: InboxItem): HTMLElement => {
    const what = summary(item);
    const box = el('input', { attrs: { type: 'checkbox', 'aria-label': `Select: ${what}` } });
    box.disabled = item.documentId === undefined;
    box.addEventListener('change', updateButtons);
    let source: HTMLElement = el('span', { className: 'empty', text: 'entered by hand' });
    if (item.documentId && item.document) {
      const documentId = item.documentId;
      source = el('button', {
        className: 'link',
        text: item.document.title,
        attrs: { type: 'button', title: 'Open in the reader' },
      });
      source.addEventListener('click', () => context.openReader(documentId, item.record.evidence?.start));
    }
    return el(
      'tr',
      { className: item.record.reviewStatus, attrs: { 'data-id': item.record.id, 'data-kind': item.kind } },
      [
        el('td', {}, [box]),
        el('td', { className: 'inbox-claim', text: what }),
        el('td', {
          className: 'inbox-quote',
          text: item.record.quote ?? item.record.evidence?.sentence ?? '',
        }),
        el('td', { text: item.record.confidence.toFixed(2) }),
        el('td', { text: item.record.method }),
        el('td', {
          text: [item.record.reviewStatus, item.record.reviewReason].filter(Boolean).join(': '),
        }),
        el('td', {}, [source]),
      ],
    );
  };

  const review = async (action: 'accept' | 'reject') => {
    const all = [...rows.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    const chosen = all
      .map((box, index) => (box.checked && !box.disabled ? shown[index] : undefined))
      .filter((item): item is InboxItem => item !== undefined);
    if (chosen.length === 0) return;
    accept.disabled = reject.disabled = true;
    try {
      const result = await send<BulkResult>('POST', '/api/review/bulk', {
        items: chosen.map((item) => ({ documentId: item.documentId, kind: item.kind, id: item.record.id })),
        action,
        reviewer: context.reviewer(),
        ...(reason.value.trim() ? { reason: reason.value.trim() } : {}),
      });
      const refusals = result.items.filter((i) => !i.ok);
      outcome.replaceChildren(
        el('div', {
          text: `${result.reviewed} ${action === 'accept' ? 'accepted' : 'rejected'}, ${result.refused} refused.`,
        }),
        ...refusals.map((i) =>
          el('div', { className: 'error', text: `${i.id}: ${i.problem?.detail ?? ''}` }),
        ),
      );
      reason.value = '';
      if (result.reviewed > 0) context.onGraphChanged();
    } catch (error) {
      outcome.replaceChildren(el('div', { className: 'error', text: (error as Error).message }));
    }
    await load();
  };

  selectAll.addEventListener('change', () => {
    for (const box of boxes()) box.checked = selectAll.checked;
    updateButtons();
  });
  accept.addEventListener('click', () => void review('accept'));
  reject.addEventListener('click', () => void review('reject'));
  previous.addEventListener('click', () => {
    offset = Math.max(0, offset - PAGE);
    void load();
  });
  next.addEventListener('click', () => {
    offset += PAGE;
    void load();
  });
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    offset = 0;
    void load();
  });
  for (const control of [status, kind, extractor, documentChoice])
    control.addEventListener('change', () => filters.requestSubmit());

  await load();
  return el('div', { className: 'inbox', attrs: { id: 'inbox' } }, [
    el('h2', { text: 'Review inbox' }),
    filters,
    el('div', { className: 'inbox-actions' }, [
      labelled('Reason ', reason),
      accept,
      reject,
      el('span', { className: 'pager' }, [previous, next]),
    ]),
    outcome,
    table,
  ]);
}
