/**
 * The analyst's desk: add a document and follow its job, read it with every proposal and accepted claim
 * marked at its span, review claims there (mouse or keys), and search quotes, evidence and documents.
 * Everything from documents is set as text (dom.ts); nothing is parsed as HTML.
 */
import { send } from './api-client';
import { el } from './dom';
import { fillHistory } from './review-history';
import { reviewInbox } from './review-inbox';

interface Span {
  sentence: string;
  start: number;
  end: number;
}

interface Claim {
  id: string;
  kind: 'statements' | 'relations';
  polarity?: string;
  type?: string;
  actorId?: string;
  topicId?: string;
  sourceId?: string;
  targetId?: string;
  quote?: string;
  evidence?: Span;
  reviewStatus: string;
  confidence?: number;
}

interface Job {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: { phase: string; fraction: number };
  result?: {
    id: string;
    duplicate: boolean;
    extraction: { written: Record<string, number>; error?: string };
  };
  error?: { message: string; errors?: { field: string; message: string }[] };
}

interface SearchHit {
  kind: 'statements' | 'relations' | 'documents';
  id: string;
  field: string;
  documentId?: string;
  reviewStatus?: string;
  snippet: { text: string; highlights: { start: number; end: number }[]; offset: number };
  record?: { title?: string; quote?: string; evidence?: Span };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Text with marks: `marks` are [start, end) ranges in `text`, each rendered by `mark`. */
function markedText<T extends { start: number; end: number }>(
  text: string,
  marks: T[],
  mark: (content: string, item: T) => HTMLElement,
): Node[] {
  const nodes: Node[] = [];
  let at = 0;
  for (const item of [...marks].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (item.start < at || item.end > text.length) continue; // overlapping: the first one is shown
    if (item.start > at) nodes.push(document.createTextNode(text.slice(at, item.start)));
    nodes.push(mark(text.slice(item.start, item.end), item));
    at = item.end;
  }
  if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
  return nodes;
}

export class DeskPanel {
  readonly element: HTMLElement;
  private readonly body = el('div', { className: 'desk-body' });
  /** The name reviews, merges and splits are recorded under. */
  readonly reviewerName = (): string => this.reviewer.value.trim() || 'analyst';
  private readonly reviewer = el('input', {
    attrs: { id: 'desk-reviewer', placeholder: 'your name', 'aria-label': 'Reviewer', value: 'analyst' },
  });
  private claims: Claim[] = [];
  private selected = -1;
  private documentId: string | undefined;

  constructor(private readonly onGraphChanged: () => void) {
    const tab = (label: string, id: string, open: () => void) => {
      const button = el('button', { text: label, attrs: { type: 'button', id } });
      button.addEventListener('click', open);
      return button;
    };
    this.element = el('section', { className: 'desk', attrs: { id: 'desk', 'aria-label': 'Desk' } }, [
      el('div', { className: 'desk-tabs' }, [
        tab('Add a document', 'desk-add', () => this.showAddForm()),
        tab('Search the sources', 'desk-search', () => this.showSearch()),
        tab('Review inbox', 'desk-inbox', () => void this.showInbox()),
        el('label', { className: 'desk-reviewer' }, ['Reviewer ', this.reviewer]),
      ]),
      this.body,
    ]);
    document.addEventListener('keydown', (event) => this.onKey(event));
  }

  /** One view at a time in the desk; with one open the desk takes its share of the window. */
  private show(view: HTMLElement): void {
    this.body.replaceChildren(view);
    this.element.classList.add('has-view');
  }

  async showInbox(): Promise<void> {
    this.show(
      await reviewInbox({
        reviewer: this.reviewerName,
        openReader: (documentId, at) => void this.openReader(documentId, at),
        onGraphChanged: this.onGraphChanged,
      }),
    );
  }

  /** The form to add a document: pasted text or a .txt, .md or .html file, with its particulars. */
  showAddForm(): void {
    const input = (name: string, label: string, type = 'text') =>
      el('label', {}, [label, el('input', { attrs: { name, type, id: `doc-${name}` } })]);
    const text = el('textarea', { attrs: { name: 'text', id: 'doc-text', rows: '10' } });
    const file = el('input', { attrs: { type: 'file', accept: '.txt,.md,.html,.htm', id: 'doc-file' } });
    const status = el('div', { className: 'job-status', attrs: { role: 'status', id: 'job-status' } });
    const progress = el('progress', { attrs: { max: '1', value: '0', id: 'job-progress' } });
    let format: 'text' | 'markdown' | 'html' | undefined;
    file.addEventListener('change', () => {
      const chosen = file.files?.[0];
      if (!chosen) return;
      format = /\.md$/i.test(chosen.name) ? 'markdown' : /\.html?$/i.test(chosen.name) ? 'html' : 'text';
      void chosen.text().then((content) => {
        text.value = content;
        const title = form.querySelector<HTMLInputElement>('#doc-title')!;
        if (!title.value) title.value = chosen.name.replace(/\.[^.]+$/, '');
      });
    });
    const submit = el('button', { text: 'Add and read', attrs: { type: 'submit', id: 'doc-submit' } });
    const form = el('form', { className: 'desk-form', attrs: { id: 'add-document' } }, [
      input('title', 'Title'),
      input('outlet', 'Outlet'),
      input('url', 'URL', 'url'),
      input('publishedAt', 'Published', 'date'),
      el('label', {}, ['Text (paste it, or choose a file) ', file]),
      text,
      submit,
      progress,
      status,
    ]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const value = (name: string) => form.querySelector<HTMLInputElement>(`#doc-${name}`)!.value.trim();
      const payload: Record<string, string> = { title: value('title'), text: text.value };
      for (const name of ['outlet', 'url', 'publishedAt']) if (value(name)) payload[name] = value(name);
      if (format) payload.format = format;
      submit.disabled = true;
      void this.ingest(payload, status, progress).finally(() => (submit.disabled = false));
    });
    this.show(form);
  }

  private async ingest(
    payload: Record<string, string>,
    status: HTMLElement,
    progress: HTMLProgressElement,
  ): Promise<void> {
    try {
      let job = await send<Job>('POST', '/api/documents', payload);
      while (job.status === 'queued' || job.status === 'running') {
        status.textContent = `Reading: ${job.progress.phase} (${Math.round(job.progress.fraction * 100)}%)`;
        progress.value = job.progress.fraction;
        await sleep(300);
        job = await send<Job>('GET', `/api/jobs/${encodeURIComponent(job.id)}`);
      }
      progress.value = 1;
      if (job.status === 'failed' || !job.result) {
        const fields = (job.error?.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ');
        status.textContent = `Could not add it: ${job.error?.message ?? 'unknown error'}${fields ? ` (${fields})` : ''}`;
        return;
      }
      const w = job.result.extraction.written;
      status.textContent = job.result.duplicate
        ? 'This text is already stored: opening it.'
        : `Done: ${w.statements ?? 0} statements, ${w.relations ?? 0} relations, ${w.actors ?? 0} new actors proposed.`;
      document.body.dataset.job = 'done';
      await this.openReader(job.result.id);
    } catch (error) {
      status.textContent = `Could not add it: ${(error as Error).message}`;
    }
  }

  /** The reader: the document's text with each claim marked at its span, at `at` when given. */
  async openReader(documentId: string, at?: number): Promise<void> {
    this.documentId = documentId;
    const doc = await send<{
      id: string;
      title: string;
      outlet?: string;
      publishedAt?: string;
      text?: string;
    }>('GET', `/api/documents/${encodeURIComponent(documentId)}`);
    const claims: Claim[] = [];
    for (const kind of ['statements', 'relations'] as const) {
      for (let offset = 0; ; offset += 500) {
        const page = await send<{ items: Omit<Claim, 'kind'>[]; total: number }>(
          'GET',
          `/api/${kind}?documentId=${encodeURIComponent(documentId)}&limit=500&offset=${offset}`,
        );
        claims.push(...page.items.map((item) => ({ ...item, kind })));
        if (offset + 500 >= page.total) break;
      }
    }
    this.claims = claims
      .filter((c) => c.evidence && c.reviewStatus !== 'rejected')
      .sort((a, b) => a.evidence!.start - b.evidence!.start);
    this.selected = -1;
    const card = el('div', { className: 'claim-card', attrs: { id: 'claim-card', 'aria-live': 'polite' } });
    const text = doc.text ?? '';
    const article = el(
      'article',
      { className: 'reader-text', attrs: { id: 'reader-text' } },
      this.claimMarks(text),
    );
    const counts = `${this.claims.filter((c) => c.reviewStatus === 'proposed').length} to review, ${
      this.claims.filter((c) => c.reviewStatus === 'accepted').length
    } accepted`;
    this.show(
      el('div', { className: 'reader', attrs: { id: 'reader', 'data-document': doc.id } }, [
        el('h2', { text: doc.title }),
        el('div', {
          className: 'meta',
          text: [doc.outlet, doc.publishedAt, counts].filter(Boolean).join(' · '),
        }),
        el('p', {
          className: 'hint',
          text: 'Keys: j / k next and previous claim, a accept, r reject, e edit the polarity; Escape leaves the reason box.',
        }),
        el('div', { className: 'reader-columns' }, [article, card]),
      ]),
    );
    if (at !== undefined) {
      const index = this.claims.findIndex((c) => c.evidence!.start <= at && at < c.evidence!.end);
      if (index >= 0) this.select(index);
      else article.scrollTop = Math.max(0, (at / Math.max(1, text.length)) * article.scrollHeight - 40);
    }
  }

  /**
   * The text cut where any claim's span starts or ends, each piece marked with the claims that cover it:
   * claims may overlap (two readings of one quotation), and each stays reachable. A piece takes the look
   * of the narrowest claim over it; clicking it again selects the next claim that covers it.
   */
  private claimMarks(text: string): Node[] {
    const cuts = [
      ...new Set([0, text.length, ...this.claims.flatMap((c) => [c.evidence!.start, c.evidence!.end])]),
    ]
      .filter((at) => at >= 0 && at <= text.length)
      .sort((a, b) => a - b);
    const nodes: Node[] = [];
    for (const [i, start] of cuts.slice(0, -1).entries()) {
      const end = cuts[i + 1]!;
      const piece = text.slice(start, end);
      const covering = this.claims
        .map((claim, index) => ({ claim, index }))
        .filter(({ claim }) => claim.evidence!.start <= start && end <= claim.evidence!.end)
        .sort(
          (a, b) =>
            a.claim.evidence!.end -
              a.claim.evidence!.start -
              (b.claim.evidence!.end - b.claim.evidence!.start) || a.index - b.index,
        );
      const top = covering[0];
      if (!top) {
        nodes.push(document.createTextNode(piece));
        continue;
      }
      const mark = el('mark', {
        text: piece,
        className: `claim ${top.claim.polarity ?? 'relation'} ${top.claim.reviewStatus}`,
        attrs: {
          'data-claim': top.claim.id,
          'data-claims': covering.map(({ claim }) => claim.id).join(' '),
          tabindex: '0',
          title: covering.map(({ claim }) => `${claim.reviewStatus} ${claim.kind.slice(0, -1)}`).join(', '),
        },
      });
      mark.addEventListener('click', () => {
        const at = covering.findIndex(({ index }) => index === this.selected);
        this.select(covering[(at + 1) % covering.length]!.index);
      });
      nodes.push(mark);
    }
    return nodes;
  }

  private select(index: number): void {
    const claim = this.claims[index];
    if (!claim) return;
    this.selected = index;
    for (const mark of this.body.querySelectorAll('mark.claim')) mark.classList.remove('selected');
    const marks = this.body.querySelectorAll<HTMLElement>(`mark[data-claims~="${CSS.escape(claim.id)}"]`);
    for (const mark of marks) mark.classList.add('selected');
    const mark = marks[0];
    mark?.scrollIntoView({ block: 'nearest' });
    const card = this.body.querySelector('#claim-card');
    if (!card) return;
    card.setAttribute('data-claim', claim.id);
    const action = (label: string, id: string, run: () => void) => {
      const button = el('button', { text: label, attrs: { type: 'button', id } });
      button.addEventListener('click', run);
      return button;
    };
    const who =
      claim.kind === 'statements'
        ? `${claim.actorId} ${claim.polarity} on ${claim.topicId}`
        : `${claim.sourceId} ${claim.type} ${claim.targetId}`;
    const reason = el('input', {
      attrs: { id: 'claim-reason', type: 'text', placeholder: 'why (kept with the review)' },
    });
    // Escape leaves the box for the reader, where the review keys work again.
    reason.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') mark?.focus();
    });
    card.replaceChildren(
      ...[
        el('div', {
          className: `claim-kind ${claim.reviewStatus}`,
          text: `${claim.kind.slice(0, -1)} · ${claim.reviewStatus}`,
        }),
        el('div', { className: 'claim-who', text: who }),
        claim.quote ? el('blockquote', { text: `“${claim.quote}”` }) : null,
        el('div', { className: 'claim-confidence', text: `confidence ${claim.confidence ?? '–'}` }),
        claim.reviewStatus === 'proposed'
          ? el('div', { className: 'claim-review' }, [
              el('label', { className: 'claim-reason' }, ['Reason ', reason]),
              el('div', { className: 'claim-actions' }, [
                action('Accept (a)', 'claim-accept', () => void this.review('accept')),
                action('Reject (r)', 'claim-reject', () => void this.review('reject')),
                claim.kind === 'statements'
                  ? action('Edit polarity (e)', 'claim-edit', () => this.startEdit())
                  : null,
              ]),
              el('div', { className: 'claim-edit-slot' }),
            ])
          : null,
        el('div', { className: 'claim-history', attrs: { id: 'claim-history' } }),
      ].filter((node) => node !== null),
    );
    void fillHistory(card.querySelector<HTMLElement>('#claim-history')!, claim.kind, claim.id);
  }

  /** The correction form: the polarity to set, focused so that the keyboard carries on from `e`. */
  private startEdit(): void {
    const claim = this.claims[this.selected];
    const slot = this.body.querySelector('#claim-card .claim-edit-slot');
    if (!claim || claim.kind !== 'statements' || !slot) return;
    const polarity = el(
      'select',
      { attrs: { id: 'claim-polarity' } },
      ['support', 'oppose', 'neutral', 'mixed'].map((value) =>
        el('option', { text: value, attrs: value === claim.polarity ? { value, selected: '' } : { value } }),
      ),
    );
    const form = el('form', { className: 'claim-edit-form' }, [
      el('label', {}, ['Polarity ', polarity]),
      el('button', { text: 'Save the correction', attrs: { type: 'submit', id: 'claim-edit-save' } }),
    ]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.review('edit', { polarity: polarity.value });
    });
    slot.replaceChildren(form);
    polarity.focus();
  }

  private async review(
    action: 'accept' | 'reject' | 'edit',
    changes?: Record<string, unknown>,
  ): Promise<void> {
    const claim = this.claims[this.selected];
    if (!claim || !this.documentId || claim.reviewStatus !== 'proposed') return;
    const card = this.body.querySelector('#claim-card');
    const reason = card?.querySelector<HTMLInputElement>('#claim-reason')?.value.trim();
    const body: Record<string, unknown> = { action, reviewer: this.reviewerName() };
    if (reason) body.reason = reason;
    if (changes) body.changes = changes;
    try {
      await send('POST', this.reviewPath(claim), body);
      const at = claim.evidence!.start;
      await this.openReader(this.documentId);
      // On to the next claim waiting for review, as in a mail client; else stay where the review was.
      const next = this.claims.findIndex((c) => c.reviewStatus === 'proposed' && c.evidence!.start >= at);
      const here = this.claims.findIndex((c) => c.evidence!.start <= at && at < c.evidence!.end);
      this.select(next >= 0 ? next : here);
      this.body.querySelector('#reader')?.setAttribute('data-reviewed', `${claim.id} ${action}`);
      this.onGraphChanged();
    } catch (error) {
      card?.append(
        el('div', { className: 'error', attrs: { role: 'alert' }, text: (error as Error).message }),
      );
    }
  }

  private reviewPath(claim: Claim): string {
    return `/api/documents/${encodeURIComponent(this.documentId!)}/extractions/${claim.kind}/${encodeURIComponent(claim.id)}/review`;
  }

  private onKey(event: KeyboardEvent): void {
    if (!this.body.querySelector('#reader')) return;
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select')) return;
    const moves: Record<string, () => void> = {
      j: () => this.select(Math.min(this.claims.length - 1, this.selected + 1)),
      k: () => this.select(Math.max(0, this.selected - 1)),
      a: () => void this.review('accept'),
      r: () => void this.review('reject'),
      e: () => this.startEdit(),
    };
    const move = moves[event.key];
    if (move && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      move();
    }
  }

  /** Full-text search over quotes, evidence sentences and documents; a hit opens the reader at its span. */
  showSearch(initial = ''): void {
    const box = el('input', {
      attrs: {
        type: 'search',
        id: 'source-search',
        placeholder: 'words in a quote or an article',
        value: initial,
      },
    });
    const results = el('ol', { className: 'search-results', attrs: { id: 'search-results' } });
    const run = async () => {
      const q = box.value.trim();
      if (!q) return results.replaceChildren();
      try {
        const page = await send<{ items: SearchHit[]; total: number }>(
          'GET',
          `/api/search?q=${encodeURIComponent(q)}&limit=30`,
        );
        results.replaceChildren(
          ...page.items.map((hit) => {
            const snippet = el(
              'span',
              { className: 'snippet' },
              markedText(hit.snippet.text, hit.snippet.highlights, (content) =>
                el('mark', { text: content }),
              ),
            );
            const item = el('li', { className: `hit ${hit.kind} ${hit.reviewStatus ?? ''}` }, [
              el('span', { className: 'hit-kind', text: `${hit.kind.slice(0, -1)} ${hit.field}` }),
              hit.record?.title ? el('strong', { text: ` ${hit.record.title} ` }) : ' ',
              snippet,
            ]);
            if (hit.documentId) {
              const at =
                hit.kind === 'documents'
                  ? hit.field === 'text'
                    ? hit.snippet.offset + (hit.snippet.highlights[0]?.start ?? 0)
                    : undefined
                  : hit.record?.evidence?.start;
              item.addEventListener('click', () => void this.openReader(hit.documentId!, at));
              item.tabIndex = 0;
            }
            return item;
          }),
        );
        if (page.items.length === 0) results.replaceChildren(el('li', { text: 'Nothing found.' }));
      } catch (error) {
        results.replaceChildren(el('li', { className: 'error', text: (error as Error).message }));
      }
    };
    box.addEventListener('change', () => void run());
    box.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') void run();
    });
    this.show(el('div', { className: 'desk-search' }, [box, results]));
    if (initial) void run();
  }
}
