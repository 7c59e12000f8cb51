import { actorLink, type PanelContext } from './actor-panel';
import { api } from './api-client';
import { el } from './dom';
import { humanize } from './graph-style';

/** With nothing selected: the strongest oppositions in view, each with its first quote. */
export async function overviewPanel(context: PanelContext): Promise<HTMLElement> {
  const oppositions = await api.oppositions({ ...context.window, topic: context.topic });
  const list = el('ol', { className: 'oppositions' });
  for (const { actors, reasons } of oppositions.items) {
    const first = reasons[0];
    const why = first
      ? first.kind === 'relation'
        ? humanize(first.type ?? 'opposes')
        : `opposite stances on ${first.topic?.title ?? 'a topic'}`
      : '';
    const quoted = reasons.flatMap((r) => r.evidence).find((e) => e.quote);
    list.append(
      el('li', {}, [
        actorLink(actors[0].id, actors[0].name, context),
        ' vs ',
        actorLink(actors[1].id, actors[1].name, context),
        el('div', {
          className: 'why',
          text: `${why}${reasons.length > 1 ? ` (+${reasons.length - 1} more)` : ''}`,
        }),
        quoted ? el('q', { text: quoted.quote! }) : null,
      ]),
    );
  }
  return el('section', { className: 'panel overview-panel' }, [
    el('h2', { text: 'Who opposes whom' }),
    el('p', {
      className: 'hint',
      text: 'The strongest oppositions in this view. Click a name, an actor on the map or a line for the quotes behind it.',
    }),
    oppositions.items.length > 0
      ? list
      : el('p', { className: 'empty', text: 'No oppositions in this view.' }),
    oppositions.total > oppositions.items.length
      ? el('p', {
          className: 'hint',
          text: `${oppositions.total - oppositions.items.length} more pairs not listed.`,
        })
      : null,
  ]);
}
