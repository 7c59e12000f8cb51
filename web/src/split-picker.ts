/**
 * What a split moves: every statement, relation and affiliation naming the actor, each with a checkbox,
 * grouped by kind with "All" and "None" per group. Those whose quote or evidence sentence mentions the
 * alias start ticked: they are the likely ones said by, or about, whoever the alias really names. The
 * reader decides; choosing another alias ticks afresh for it.
 */
import {
  api,
  type ActorRecords,
  type Affiliation,
  type MovedRecords,
  type Relation,
  type Statement,
} from './api-client';
import { el } from './dom';
import { actorName, documentOf, polarityBadge, topicTitle } from './evidence-view';
import { humanize } from './graph-style';

type Group = keyof ActorRecords;

const SNIPPET_LENGTH = 160;

export interface SplitRecordPicker {
  element: HTMLElement;
  /** Ticks exactly the records whose quote or evidence mentions `alias`. */
  preselect(alias: string): void;
  /** The ticked ids per kind, once the records are loaded; rejects when they could not be. */
  chosen(): Promise<MovedRecords>;
}

/**
 * Whether `text` mentions `alias` as words of its own, ignoring case and how the words are spaced:
 * "US" is in "the US military" but not in "focus".
 */
function mentions(text: string | undefined, alias: string): boolean {
  const words = alias.trim().split(/\s+/).filter(Boolean);
  if (!text || words.length === 0) return false;
  const body = words.map((word) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}

/** A span showing `fallback` until `text` arrives: names and titles fill in as they are read. */
function later(text: Promise<string>, fallback: string, className?: string): HTMLElement {
  const span = el('span', { className, text: fallback });
  void text.then((value) => (span.textContent = value));
  return span;
}

function snippet(record: { quote?: string; evidence?: { sentence: string } }): string | undefined {
  const text = record.quote ?? record.evidence?.sentence;
  if (text === undefined) return undefined;
  return text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH - 1).trimEnd()}…` : text;
}

/** Where a claim comes from, when, and its review status when it is not accepted. */
function claimMeta(record: Statement | Relation, date: string | undefined, roles: HTMLElement[]) {
  const meta = el('span', { className: 'split-meta' });
  const parts: (HTMLElement | string)[] = [...roles];
  if (record.documentId)
    parts.push(
      later(
        documentOf(record.documentId).then((d) => d?.title ?? record.documentId!),
        record.documentId,
        'split-document',
      ),
    );
  if (date) parts.push(date);
  if (record.reviewStatus && record.reviewStatus !== 'accepted') parts.push(record.reviewStatus);
  parts.forEach((part, index) => meta.append(index > 0 ? ' · ' : '', part));
  return meta;
}

function quoteOf(record: Statement | Relation): HTMLElement | null {
  const text = snippet(record);
  return text === undefined ? null : el('q', { className: 'split-quote', text });
}

function statementLabel(statement: Statement, actorId: string): HTMLElement[] {
  const roles: HTMLElement[] = [];
  if (statement.actorId !== actorId)
    roles.push(el('span', {}, ['said by ', later(actorName(statement.actorId), statement.actorId)]));
  if (statement.aboutId === actorId) roles.push(el('span', { text: 'about this actor' }));
  if (statement.reportedById === actorId) roles.push(el('span', { text: 'relayed by this actor' }));
  return [
    el('span', { className: 'split-headline' }, [
      polarityBadge(statement.polarity),
      ' ',
      later(topicTitle(statement.topicId), statement.topicId, 'split-topic'),
    ]),
    quoteOf(statement) ?? el('span', { className: 'empty', text: 'no quote' }),
    claimMeta(statement, statement.statedAt, roles),
  ].filter((node) => node !== null);
}

function relationLabel(relation: Relation, actorId: string): HTMLElement[] {
  const type = humanize(relation.type);
  const headline = el('span', { className: 'split-headline' });
  if (relation.sourceId === actorId)
    headline.append(`→ ${type} `, later(actorName(relation.targetId), relation.targetId));
  else if (relation.targetId === actorId)
    headline.append('← ', later(actorName(relation.sourceId), relation.sourceId), ` ${type} this actor`);
  else
    headline.append(
      later(actorName(relation.sourceId), relation.sourceId),
      ` ${type} `,
      later(actorName(relation.targetId), relation.targetId),
    );
  if (relation.topicId)
    headline.append(' on ', later(topicTitle(relation.topicId), relation.topicId, 'split-topic'));
  const roles = relation.reportedById === actorId ? [el('span', { text: 'relayed by this actor' })] : [];
  return [headline, quoteOf(relation), claimMeta(relation, relation.date, roles)].filter(
    (node) => node !== null,
  );
}

function affiliationLabel(affiliation: Affiliation, actorId: string): HTMLElement[] {
  const headline =
    affiliation.memberId === actorId
      ? el('span', { className: 'split-headline' }, [
          `${affiliation.role ?? 'member'} of `,
          later(actorName(affiliation.organizationId), affiliation.organizationId),
        ])
      : el('span', { className: 'split-headline' }, [
          later(actorName(affiliation.memberId), affiliation.memberId),
          ` is ${affiliation.role ?? 'a member'} here`,
        ]);
  const when =
    affiliation.from || affiliation.to
      ? `${affiliation.from ?? '…'} – ${affiliation.to ?? 'now'}`
      : undefined;
  const meta = [
    when,
    affiliation.reviewStatus && affiliation.reviewStatus !== 'accepted'
      ? affiliation.reviewStatus
      : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(' · ');
  return [headline, meta ? el('span', { className: 'split-meta', text: meta }) : null].filter(
    (node) => node !== null,
  );
}

interface Row {
  id: string;
  box: HTMLInputElement;
  /** The words the alias is looked for in. */
  texts: (string | undefined)[];
}

interface GroupList {
  element: HTMLElement;
  rows: Row[];
  recount(): void;
}

/** One group's checkboxes, its count of what moves, and its "All" and "None". */
function groupList(
  group: Group,
  items: { id: string; texts: (string | undefined)[]; label: HTMLElement[] }[],
): GroupList {
  const plural = group;
  const title = `${group[0]!.toUpperCase()}${group.slice(1)}`;
  const count = el('span', { className: 'split-count' });
  const rows: Row[] = [];
  const list = el('ul', { className: 'plain split-list' });
  items.forEach((item, index) => {
    const boxId = `split-${group}-${index}`;
    const box = el('input', {
      attrs: { type: 'checkbox', id: boxId, value: item.id },
    });
    rows.push({ id: item.id, box, texts: item.texts });
    list.append(
      el('li', { className: 'split-record' }, [
        box,
        el('label', { className: 'split-label', attrs: { for: boxId } }, item.label),
      ]),
    );
  });
  const recount = () => {
    const ticked = rows.filter((row) => row.box.checked).length;
    count.textContent = rows.length > 0 ? `${ticked} of ${rows.length} move` : '';
  };
  const setAll = (checked: boolean) => {
    for (const row of rows) row.box.checked = checked;
    recount();
  };
  const all = el('button', {
    className: 'link',
    text: 'All',
    attrs: { type: 'button', 'aria-label': `All ${plural}`, 'data-select': 'all' },
  });
  all.addEventListener('click', () => setAll(true));
  const none = el('button', {
    className: 'link',
    text: 'None',
    attrs: { type: 'button', 'aria-label': `None of the ${plural}`, 'data-select': 'none' },
  });
  none.addEventListener('click', () => setAll(false));
  list.addEventListener('change', recount);
  const element = el('fieldset', { className: 'split-group', attrs: { 'data-group': group } }, [
    el('legend', {}, [`${title} `, count]),
    rows.length > 0
      ? el('div', { className: 'split-select' }, [all, ' · ', none])
      : el('p', { className: 'empty', text: `No ${plural} name this actor.` }),
    rows.length > 0 ? list : null,
  ]);
  recount();
  return { element, rows, recount };
}

/** The picker for actor `actor`, loading its records at once. */
export function splitRecordPicker(actor: { id: string; name: string }): SplitRecordPicker {
  const hint = el('p', { className: 'split-hint', attrs: { id: 'split-hint' } });
  const body = el('div', { className: 'split-groups' }, [
    el('p', { className: 'empty', text: 'Reading the records that name this actor…' }),
  ]);
  const element = el(
    'section',
    { className: 'split-records', attrs: { id: 'split-records', 'aria-labelledby': 'split-records-title' } },
    [el('h4', { text: 'What moves to the new actor', attrs: { id: 'split-records-title' } }), hint, body],
  );
  let groups: Record<Group, GroupList> | undefined;
  let alias = '';

  const applyPreselection = () => {
    hint.textContent = `Ticked to begin with: the statements and relations whose quote or evidence mentions “${alias}”. Change any of them; what is left unticked stays with “${actor.name}”.`;
    for (const group of Object.values(groups ?? {})) {
      for (const row of group.rows) row.box.checked = row.texts.some((text) => mentions(text, alias));
      group.recount();
    }
  };

  const loaded = api.actorRecords(actor.id).then(
    (records) => {
      const claims = <T extends Statement | Relation>(
        list: T[],
        label: (record: T, actorId: string) => HTMLElement[],
      ) =>
        list.map((record) => ({
          id: record.id,
          texts: [record.quote, record.evidence?.sentence],
          label: label(record, actor.id),
        }));
      groups = {
        statements: groupList('statements', claims(records.statements, statementLabel)),
        relations: groupList('relations', claims(records.relations, relationLabel)),
        // Affiliations carry no quote to find the alias in: they start unticked.
        affiliations: groupList(
          'affiliations',
          records.affiliations.map((a) => ({ id: a.id, texts: [], label: affiliationLabel(a, actor.id) })),
        ),
      };
      body.replaceChildren(...Object.values(groups).map((group) => group.element));
      applyPreselection();
    },
    (error: unknown) => {
      body.replaceChildren(
        el('p', {
          className: 'error',
          text: `Could not read the records that name this actor: ${(error as Error).message}`,
        }),
      );
      throw error;
    },
  );
  // The failure is shown in the list; `chosen` reports it again when the split is confirmed.
  loaded.catch(() => undefined);

  return {
    element,
    preselect(next) {
      alias = next;
      applyPreselection();
    },
    async chosen() {
      await loaded;
      const ticked = (group: GroupList) => group.rows.filter((row) => row.box.checked).map((row) => row.id);
      const { statements, relations, affiliations } = groups!;
      return {
        statements: ticked(statements),
        relations: ticked(relations),
        affiliations: ticked(affiliations),
      };
    },
  };
}
