import { actorLink, historySection, type PanelContext } from './actor-panel';
import { mergeControls } from './merge-controls';
import { api, type Polarity } from './api-client';
import { el } from './dom';
import { POLARITY_COLORS } from './graph-style';
import { timelinePlot } from './timeline-plot';

const GROUPS: { polarity: Polarity; label: string }[] = [
  { polarity: 'support', label: 'Support' },
  { polarity: 'oppose', label: 'Oppose' },
  { polarity: 'mixed', label: 'Mixed' },
  { polarity: 'neutral', label: 'Neutral' },
];

/** One proposition: who is for it and who against it now, and how statements on it fell over time. */
export async function topicPanel(topicId: string, context: PanelContext): Promise<HTMLElement> {
  const [positions, statements] = await Promise.all([
    api.positions(topicId, context.window),
    api.statements({ topicId }),
  ]);
  const panel = el('section', { className: 'panel topic-panel', attrs: { 'data-topic': topicId } }, [
    el('div', { className: 'kicker', text: 'Topic' }),
    el('h2', { text: positions.topic.title }),
    positions.topic.description ? el('p', { text: positions.topic.description }) : null,
    mergeControls('topics', positions.topic, { changed: context.recordsChanged, reviewer: context.reviewer }),
    historySection('topics', positions.topic.id),
  ]);
  const columns = el('div', { className: 'stance-groups' });
  for (const { polarity, label } of GROUPS) {
    const group = positions.positions[polarity] ?? [];
    if (group.length === 0 && (polarity === 'mixed' || polarity === 'neutral')) continue;
    const heading = el('h3', { text: `${label} (${group.length})` });
    heading.style.borderColor = POLARITY_COLORS[polarity] ?? '#999';
    const list = el('ul', { className: 'plain' });
    for (const { actor, statement } of group)
      list.append(
        el('li', {}, [
          actorLink(actor.id, actor.name, context),
          statement.quote ? el('q', { text: statement.quote }) : null,
          el('span', { className: 'date', text: ` ${statement.statedAt}` }),
        ]),
      );
    columns.append(el('div', { className: `stance-group group-${polarity}` }, [heading, list]));
  }
  panel.append(el('h3', { text: 'Current positions' }), columns);
  const names = new Map<string, string>();
  for (const group of Object.values(positions.positions))
    for (const p of group) names.set(p.actor.id, p.actor.name);
  await Promise.all(
    statements
      .filter((s) => !names.has(s.actorId))
      .map(async (s) => names.set(s.actorId, await context.nameOf(s.actorId))),
  );
  panel.append(
    el('h3', { text: `Statements over time (${statements.length})` }),
    timelinePlot(statements, (id) => names.get(id) ?? id),
  );
  return panel;
}
