import { el } from './dom';
import { KIND_COLORS, KIND_LABELS, TONE_COLORS } from './graph-style';

/** The key to the map: what a colour, a line, an arrow and a size mean. Kinds shown are those drawn. */
export function legend(kinds: string[]): HTMLElement {
  const line = (color: string, label: string, style: 'arrow' | 'faint') => {
    const sample = el('span', { className: `legend-line ${style}` });
    sample.style.backgroundColor = color;
    if (style === 'arrow') sample.style.color = color;
    return el('li', {}, [sample, ` ${label}`]);
  };
  const kindItems = kinds.map((kind) => {
    const dot = el('span', { className: 'legend-dot' });
    dot.style.backgroundColor = KIND_COLORS[kind] ?? KIND_COLORS.other!;
    return el('li', {}, [dot, ` ${KIND_LABELS[kind] ?? kind}`]);
  });
  return el('aside', { className: 'legend', attrs: { id: 'legend', 'aria-label': 'Legend' } }, [
    el('h3', { text: 'Legend' }),
    el('ul', { className: 'plain' }, [
      line(TONE_COLORS.hostile, 'opposes, attacks, rejects, pressures…', 'arrow'),
      line(TONE_COLORS.friendly, 'supports, cooperates with…', 'arrow'),
      line(TONE_COLORS.neutral, 'neutral: reports on, authorizes, member of', 'arrow'),
      line(TONE_COLORS.hostile, 'derived: opposite stances on a topic', 'faint'),
      line(TONE_COLORS.friendly, 'derived: same stance on a topic', 'faint'),
    ]),
    el('p', {
      className: 'hint',
      text: 'Arrow: an explicit act, from who to whom. Faint line: inferred from stances. Thicker: more evidence. Bigger dot: more evidence ties the actor in.',
    }),
    el('ul', { className: 'plain kinds' }, kindItems),
  ]);
}
