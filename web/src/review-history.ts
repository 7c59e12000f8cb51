/**
 * A record's review history (`GET /api/{kind}/{id}/history`): who did what when and why, with the
 * fields the change touched as before → after. Every value is set as text.
 */
import { query, send } from './api-client';
import { el } from './dom';

export interface HistoryEvent {
  id: string;
  at: string;
  by: string;
  action: 'accepted' | 'rejected' | 'edited' | 'merged' | 'split';
  kind: string;
  recordId: string;
  documentId?: string;
  reason?: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  causedBy?: string;
}

/** Review bookkeeping changes with every event; the diff shows what the record says, not who stamped it. */
const BOOKKEEPING = new Set(['reviewedBy', 'reviewedAt', 'reviewReason', 'reviewOutcome', 'evidenceStatus']);
const PAGE = 20;

const show = (value: unknown): string =>
  value === undefined ? '–' : typeof value === 'string' ? value : JSON.stringify(value);

/** The fields whose value differs between before and after, each as `field: before → after`. */
export function changedFields(event: HistoryEvent): string[] {
  const before = event.before ?? {};
  const after = event.after ?? {};
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((field) => !BOOKKEEPING.has(field))
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .sort()
    .map((field) => `${field}: ${show(before[field])} → ${show(after[field])}`);
}

function eventItem(event: HistoryEvent): HTMLElement {
  const when = event.at.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
  const changes = changedFields(event);
  return el('li', { className: `history-event ${event.action}`, attrs: { 'data-event': event.id } }, [
    el('div', { className: 'history-head' }, [
      el('strong', { className: 'history-action', text: event.action }),
      ' by ',
      el('span', { className: 'history-by', text: event.by }),
      el('time', { className: 'date', text: ` ${when}`, attrs: { datetime: event.at } }),
    ]),
    event.causedBy ? el('div', { className: 'history-cause', text: `caused by ${event.causedBy}` }) : null,
    event.reason ? el('div', { className: 'history-reason', text: `“${event.reason}”` }) : null,
    changes.length > 0
      ? el(
          'ul',
          { className: 'history-diff' },
          changes.map((change) => el('li', { text: change })),
        )
      : null,
  ]);
}

/** Fills `slot` with the history of one record, oldest first, a page at a time. */
export async function fillHistory(slot: HTMLElement, kind: string, id: string): Promise<void> {
  const list = el('ol', { className: 'history-list' });
  const more = el('button', { className: 'more', attrs: { type: 'button' } });
  const load = async (offset: number) => {
    const page = await send<{ items: HistoryEvent[]; total: number }>(
      'GET',
      `/api/${kind}/${encodeURIComponent(id)}/history${query({ limit: String(PAGE), offset: String(offset) })}`,
    );
    list.append(...page.items.map(eventItem));
    const shown = list.childElementCount;
    more.textContent = `Show more (${shown} of ${page.total})`;
    more.hidden = shown >= page.total || page.items.length === 0;
    if (page.total === 0) list.replaceChildren(el('li', { className: 'empty', text: 'Not reviewed yet.' }));
  };
  more.addEventListener('click', () => void load(list.childElementCount));
  slot.replaceChildren(el('h4', { text: 'Review history' }), list, more);
  try {
    await load(0);
  } catch (error) {
    slot.replaceChildren(
      el('h4', { text: 'Review history' }),
      el('p', { className: 'empty', text: `Not available: ${(error as Error).message}` }),
    );
  }
}
