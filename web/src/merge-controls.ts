/**
 * Merging duplicates and splitting an alias off, from an actor's or a topic's panel:
 * `POST /api/{actors|topics}/{into}/merge {from, reason}` moves the record's claims onto the chosen one,
 * `POST /api/actors/{id}/split {alias, newId, statements, relations, affiliations, reason}` makes an alias
 * an actor of its own and moves the records ticked in the split picker to it. Each asks to confirm first,
 * then the caller redraws the map on the record that remains and says how many records moved.
 */
import { query, send, type MovedRecords } from './api-client';
import { el } from './dom';
import { splitRecordPicker } from './split-picker';

type Kind = 'actors' | 'topics';

interface Found {
  id: string;
  name?: string;
  title?: string;
  aliases?: string[];
}

export interface MergeContext {
  /** After a merge or a split: redraw, showing the record `id` of `kind` and the `outcome` in words. */
  changed(kind: Kind, id: string, outcome: string): void;
  /** Who is merging or splitting: the history records it, as it records a review. */
  reviewer(): string;
}

const labelOf = (record: Found) => record.name ?? record.title ?? record.id;

const NOUNS: Record<string, [one: string, many: string]> = {
  statements: ['statement', 'statements'],
  relations: ['relation', 'relations'],
  affiliations: ['affiliation', 'affiliations'],
  topics: ['sub-topic', 'sub-topics'],
};

/** "2 statements, 1 relation and 0 affiliations". */
function movedSummary(moved: MovedRecords<string>): string {
  const parts = Object.entries(moved).map(([kind, ids]) => {
    const [one, many] = NOUNS[kind] ?? [kind, kind];
    return `${ids.length} ${ids.length === 1 ? one : many}`;
  });
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? '');
}

function button(text: string, id: string, run: () => void): HTMLButtonElement {
  const b = el('button', { text, attrs: { type: 'button', id } });
  b.addEventListener('click', run);
  return b;
}

/** A search box over names and aliases (titles for topics) that lists the matches to choose from. */
function recordPicker(kind: Kind, exclude: string, choose: (record: Found) => void): HTMLElement {
  const box = el('input', {
    attrs: {
      type: 'search',
      id: `merge-search`,
      placeholder: kind === 'actors' ? 'a name or an alias' : 'words of the title',
      autocomplete: 'off',
    },
  });
  const results = el('ul', { className: 'plain merge-results', attrs: { id: 'merge-results' } });
  const run = async () => {
    const words = box.value.trim();
    if (!words) return results.replaceChildren();
    try {
      const page = await send<{ items: (Found & { reviewStatus?: string })[] }>(
        'GET',
        `/api/${kind}${query({ q: words, limit: '20' })}`,
      );
      const found = page.items.filter((r) => r.id !== exclude && r.reviewStatus !== 'rejected');
      results.replaceChildren(
        ...found.map((record) => {
          const pick = el('button', {
            className: 'link',
            text: labelOf(record),
            attrs: { type: 'button', 'data-id': record.id },
          });
          pick.addEventListener('click', () => choose(record));
          const aliases = record.aliases?.length ? ` (also ${record.aliases.join(', ')})` : '';
          return el('li', {}, [pick, el('span', { className: 'date', text: `${aliases} · ${record.id}` })]);
        }),
      );
      if (found.length === 0) results.replaceChildren(el('li', { className: 'empty', text: 'None found.' }));
    } catch (error) {
      results.replaceChildren(el('li', { className: 'error', text: (error as Error).message }));
    }
  };
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') void run();
  });
  box.addEventListener('input', () => void run());
  return el('div', { className: 'merge-picker' }, [
    el('label', {}, [
      kind === 'actors' ? 'Find the actor to merge into ' : 'Find the topic to merge into ',
      box,
    ]),
    results,
  ]);
}

/** Confirmation with a reason; `run` does the request and answers the id to show afterwards. */
function confirmation(
  question: string,
  run: (reason: string | undefined) => Promise<void>,
  cancel: () => void,
): HTMLElement {
  const reason = el('input', {
    attrs: { type: 'text', id: 'merge-reason', placeholder: 'why (kept in the history)' },
  });
  const status = el('div', { attrs: { role: 'status', id: 'merge-status' } });
  const confirm = button('Confirm', 'merge-confirm', () => {
    confirm.disabled = true;
    run(reason.value.trim() || undefined).catch((error: unknown) => {
      status.replaceChildren(el('span', { className: 'error', text: (error as Error).message }));
      confirm.disabled = false;
    });
  });
  return el('div', { className: 'merge-confirm', attrs: { role: 'group', 'aria-label': 'Confirm' } }, [
    el('p', { text: question }),
    el('label', {}, ['Reason ', reason]),
    el('div', { className: 'buttons' }, [confirm, button('Cancel', 'merge-cancel', cancel)]),
    status,
  ]);
}

/** "Merge into…" for an actor or a topic, and for an actor with aliases "Split an alias off…". */
export function mergeControls(kind: Kind, record: Found, context: MergeContext): HTMLElement {
  const area = el('div', { className: 'merge-area' });
  const close = () => area.replaceChildren();
  const name = labelOf(record);

  const startMerge = () => {
    area.replaceChildren(
      recordPicker(kind, record.id, (into) => {
        area.replaceChildren(
          confirmation(
            `Merge “${name}” into “${labelOf(into)}”? Its statements${kind === 'actors' ? ', relations and affiliations' : ''} move to “${labelOf(into)}”, and “${name}” is gone.`,
            async (reason) => {
              const merged = await send<{ moved: MovedRecords<string> }>(
                'POST',
                `/api/${kind}/${encodeURIComponent(into.id)}/merge`,
                {
                  from: record.id,
                  reviewer: context.reviewer(),
                  ...(reason ? { reason } : {}),
                },
              );
              context.changed(
                kind,
                into.id,
                `Merged “${name}” into “${labelOf(into)}”: ${movedSummary(merged.moved)} moved.`,
              );
            },
            close,
          ),
        );
        area.querySelector<HTMLElement>('#merge-reason')?.focus();
      }),
    );
    area.querySelector<HTMLElement>('#merge-search')?.focus();
  };

  const startSplit = () => {
    const alias = el(
      'select',
      { attrs: { id: 'split-alias' } },
      (record.aliases ?? []).map((a) => el('option', { text: a, attrs: { value: a } })),
    );
    const newId = el('input', {
      attrs: { type: 'text', id: 'split-new-id', placeholder: 'derived from the alias' },
    });
    const form = el('div', { className: 'split-form' }, [
      el('label', {}, ['Alias to make an actor of its own ', alias]),
      el('label', {}, ['Its id (optional) ', newId]),
    ]);
    const picker = splitRecordPicker({ id: record.id, name });
    picker.preselect(alias.value);
    alias.addEventListener('change', () => picker.preselect(alias.value));
    area.replaceChildren(
      form,
      picker.element,
      confirmation(
        `Split the alias off “${name}” into an actor of its own, with the ticked records?`,
        async (reason) => {
          const moving = await picker.chosen();
          const split = await send<{ moved: MovedRecords; actor: { id: string; name: string } }>(
            'POST',
            `/api/actors/${encodeURIComponent(record.id)}/split`,
            {
              alias: alias.value,
              reviewer: context.reviewer(),
              ...(newId.value.trim() ? { newId: newId.value.trim() } : {}),
              ...moving,
              ...(reason ? { reason } : {}),
            },
          );
          context.changed(
            'actors',
            split.actor.id,
            `Split “${split.actor.name}” off “${name}”: ${movedSummary(split.moved)} moved to it.`,
          );
        },
        close,
      ),
    );
    alias.focus();
  };

  const noun = kind === 'actors' ? 'actor' : 'topic';
  return el('div', { className: 'merge-controls', attrs: { 'aria-label': `Merge or split this ${noun}` } }, [
    el(
      'div',
      { className: 'buttons' },
      [
        button('Merge into…', 'merge-into', startMerge),
        kind === 'actors' && (record.aliases?.length ?? 0) > 0
          ? button('Split an alias off…', 'split-alias-open', startSplit)
          : null,
      ].filter((b) => b !== null),
    ),
    area,
  ]);
}
