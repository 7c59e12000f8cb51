import { api, type Counterpart, type Page, type Window } from './api-client';
import { el } from './dom';
import { evidenceBlock, polarityBadge } from './evidence-view';
import { humanize, KIND_LABELS } from './graph-style';
import { mergeControls } from './merge-controls';
import { fillHistory } from './review-history';

export interface PanelContext {
  window: Window;
  topic?: string;
  /** An actor's name, from the drawn graph or the API. */
  nameOf(id: string): Promise<string>;
  selectActor(id: string): void;
  /** Records were merged or split: redraw the map, showing `id`, and say what moved (`outcome`). */
  recordsChanged(kind: 'actors' | 'topics', id: string, outcome: string): void;
  /** The name the desk reviews under, for the history of a merge or split. */
  reviewer(): string;
}

/**
 * Everything known about one actor: what it belongs to, where it stands on each topic now, who opposes
 * it and who sides with it (and why), and every statement it made, with quotes and sources.
 */
export async function actorPanel(actorId: string, context: PanelContext): Promise<HTMLElement> {
  const [stances, opponents, allies, memberOf, members] = await Promise.all([
    api.stances(actorId, context.window),
    api.counterparts('opponents', actorId, { ...context.window, topic: context.topic }, 0),
    api.counterparts('allies', actorId, { ...context.window, topic: context.topic }, 0),
    api.affiliations({ memberId: actorId }),
    api.affiliations({ organizationId: actorId }),
  ]);
  const actor = stances.actor;
  const panel = el('section', { className: 'panel actor-panel', attrs: { 'data-actor': actor.id } }, [
    el('h2', { text: actor.name }),
    el('div', {
      className: 'subtitle',
      text: [KIND_LABELS[actor.kind] ?? actor.kind, actor.country].filter(Boolean).join(' · '),
    }),
    actor.description ? el('p', { text: actor.description }) : null,
    actor.aliases?.length
      ? el('div', { className: 'aliases', text: `Also: ${actor.aliases.join(', ')}` })
      : null,
    mergeControls('actors', actor, { changed: context.recordsChanged, reviewer: context.reviewer }),
    historySection('actors', actor.id),
  ]);

  const affiliations = el('ul', { className: 'plain' });
  for (const a of memberOf)
    affiliations.append(
      el('li', {}, [
        `${a.role ?? 'member'} of `,
        actorLink(a.organizationId, await context.nameOf(a.organizationId), context),
        period(a.from, a.to),
      ]),
    );
  for (const a of members)
    affiliations.append(
      el('li', {}, [
        actorLink(a.memberId, await context.nameOf(a.memberId), context),
        ` is ${a.role ?? 'a member'} here`,
        period(a.from, a.to),
      ]),
    );
  panel.append(section('Affiliations', affiliations, memberOf.length + members.length));

  const current = el('ul', { className: 'plain stances' });
  for (const { topic, current: statement } of stances.topics) {
    if (!statement) continue;
    current.append(
      el('li', {}, [
        polarityBadge(statement.polarity),
        ` ${topic.title}`,
        statement.quote ? el('q', { text: statement.quote }) : null,
      ]),
    );
  }
  panel.append(section('Current stance per topic', current, current.childElementCount));

  panel.append(
    section('Opponents', counterpartList('opponents', actorId, opponents, context), opponents.total),
  );
  panel.append(section('Allies', counterpartList('allies', actorId, allies, context), allies.total));

  const statements = el('div', { className: 'statements' });
  const all = stances.topics
    .flatMap(({ topic, statements: list }) => list.map((s) => ({ topic, statement: s })))
    .sort((a, b) => b.statement.statedAt.localeCompare(a.statement.statedAt));
  for (const { topic, statement } of all)
    statements.append(
      el('div', { className: 'statement' }, [
        el('div', {}, [polarityBadge(statement.polarity), ` ${topic.title}`]),
        evidenceBlock({
          quote: statement.quote,
          sentence: statement.evidence?.sentence,
          start: statement.evidence?.start,
          date: statement.statedAt,
          documentId: statement.documentId,
          aboutId: statement.aboutId,
          reportedById: statement.reportedById,
        }),
      ]),
    );
  panel.append(section('Statements', statements, all.length));
  return panel;
}

/**
 * The first page of opponents or allies, the strongest first, and a button that fetches the next page
 * for as long as some are not shown: a hub's hundreds are there to read, never silently cut off.
 */
function counterpartList(
  side: 'opponents' | 'allies',
  actorId: string,
  firstPage: Page<Counterpart>,
  context: PanelContext,
): HTMLElement {
  const list = el('ul', { className: 'plain counterparts' });
  const more = el('button', { className: 'more', attrs: { type: 'button' } });
  const show = (page: Page<Counterpart>) => {
    for (const counterpart of page.items) list.append(counterpartItem(counterpart, context));
    const shown = list.childElementCount;
    more.textContent = `Show more (${shown} of ${page.total} shown)`;
    more.hidden = shown >= page.total || page.items.length === 0;
  };
  more.addEventListener('click', () => {
    more.disabled = true;
    api
      .counterparts(side, actorId, { ...context.window, topic: context.topic }, list.childElementCount)
      .then(show, (error: unknown) => {
        more.textContent = `Could not load more: ${(error as Error).message}`;
      })
      .finally(() => {
        more.disabled = false;
      });
  });
  show(firstPage);
  return el('div', {}, [list, more]);
}

function counterpartItem(counterpart: Counterpart, context: PanelContext): HTMLElement {
  const reasons = el('ul', { className: 'reasons' });
  for (const reason of counterpart.reasons) {
    const what =
      reason.kind === 'relation'
        ? `${reason.direction === 'incoming' ? '← ' : '→ '}${humanize(reason.type ?? 'relation')}`
        : reason.side === 'agreement'
          ? 'same side'
          : 'opposite sides';
    const label = reason.kind === 'stance' ? (reason.topic?.title ?? 'a topic') : reason.topic?.title;
    const how =
      reason.match.kind === 'direct'
        ? ''
        : ` (${reason.match.kind} via ${reason.match.via?.title ?? 'a topic'})`;
    const item = el('li', { className: reason.side }, [
      el('span', { className: 'reason', text: what }),
      label ? ` on ${label}${how}` : null,
    ]);
    const quoted = reason.evidence.find((e) => e.quote);
    if (quoted) item.append(el('q', { text: quoted.quote! }));
    reasons.append(item);
  }
  return el('li', {}, [actorLink(counterpart.actor.id, counterpart.actor.name, context), reasons]);
}

export function actorLink(id: string, name: string, context: { selectActor(id: string): void }): HTMLElement {
  const link = el('a', { text: name, className: 'actor-link', attrs: { href: '#', 'data-actor-id': id } });
  link.addEventListener('click', (event) => {
    event.preventDefault();
    context.selectActor(id);
  });
  return link;
}

/** The record's history (reviews, merges, splits), read when the reader opens it. */
export function historySection(kind: 'actors' | 'topics', id: string): HTMLElement {
  const slot = el('div', { className: 'record-history' });
  const details = el('details', { className: 'history', attrs: { id: 'record-history' } }, [
    el('summary', { text: 'History' }),
    slot,
  ]);
  details.addEventListener('toggle', () => {
    if (details.open && slot.childElementCount === 0) void fillHistory(slot, kind, id);
  });
  return details;
}

function period(from?: string, to?: string): string {
  if (!from && !to) return '';
  return ` (${from ?? '…'} – ${to ?? 'now'})`;
}

function section(title: string, body: HTMLElement, count: number): HTMLElement {
  return el('div', { className: 'section' }, [
    el('h3', { text: `${title} (${count})` }),
    count > 0 ? body : el('p', { className: 'empty', text: 'None in this view.' }),
  ]);
}
