import type { Topic } from './api-client';
import { el } from './dom';
import {
  ALL_RELATION_TYPES,
  humanize,
  KIND_COLORS,
  KIND_LABELS,
  RELATION_TYPE_GROUPS,
  TONE_COLORS,
} from './graph-style';
import { NETWORK_KINDS, type NetworkKind, type ViewState } from './url-state';

export const KIND_NAMES: Record<NetworkKind, string> = {
  relations: 'Relations: who does what to whom',
  conflict: 'Conflict: opposite stances on a topic',
  agreement: 'Agreement: same stance on a topic',
  affiliation: 'Affiliation: who belongs to whom',
  'actor-topic': 'Actors and topics: who stands where',
};

export interface ControlEvents {
  change(patch: Partial<ViewState>): void;
  search(name: string): void;
  exportAs(format: 'png' | 'gexf' | 'graphml'): void;
}

/** The filter form. Every control writes to the view state; the state is the URL. */
export class Controls {
  readonly root: HTMLElement;
  private readonly kind = el('select', { attrs: { id: 'kind', name: 'kind' } });
  private readonly topic = el('select', { attrs: { id: 'topic', name: 'topic' } });
  private readonly fromSlider = el('input', {
    attrs: { type: 'range', id: 'from', min: '0', max: '0', step: '1' },
  });
  private readonly toSlider = el('input', {
    attrs: { type: 'range', id: 'to', min: '0', max: '0', step: '1' },
  });
  private readonly windowLabel = el('div', { className: 'window-label', attrs: { id: 'window-label' } });
  private readonly types = el('div', { className: 'checks', attrs: { id: 'types' } });
  private readonly kinds = el('div', { className: 'checks', attrs: { id: 'kinds' } });
  private readonly minEvidence = el('input', {
    attrs: { type: 'number', id: 'min-evidence', min: '1', max: '99', step: '1' },
  });
  private readonly search = el('input', {
    attrs: {
      type: 'search',
      id: 'search',
      placeholder: 'Find an actor…',
      list: 'actor-names',
      autocomplete: 'off',
    },
  });
  private readonly names = el('datalist', { attrs: { id: 'actor-names' } });
  private dates: string[] = [];
  private state!: ViewState;

  constructor(private readonly events: ControlEvents) {
    for (const kind of NETWORK_KINDS)
      this.kind.append(el('option', { text: KIND_NAMES[kind], attrs: { value: kind } }));
    this.kind.addEventListener('change', () =>
      events.change({ kind: this.kind.value as NetworkKind, edge: undefined }),
    );
    this.topic.addEventListener('change', () =>
      events.change({ topic: this.topic.value || undefined, topicView: undefined, edge: undefined }),
    );
    for (const slider of [this.fromSlider, this.toSlider]) {
      slider.addEventListener('input', () => this.showWindow());
      slider.addEventListener('change', () => events.change({ ...this.window(), edge: undefined }));
    }
    this.minEvidence.addEventListener('change', () => {
      const value = Number.parseInt(this.minEvidence.value, 10);
      events.change({ minEvidence: Number.isFinite(value) && value > 1 ? value : 1, edge: undefined });
    });
    const find = () => {
      if (this.search.value.trim()) events.search(this.search.value.trim());
    };
    this.search.addEventListener('change', find);
    this.search.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') find();
    });
    this.buildTypes();
    const exportButton = (format: 'png' | 'gexf' | 'graphml', label: string) => {
      const button = el('button', { text: label, attrs: { type: 'button', id: `export-${format}` } });
      button.addEventListener('click', () => events.exportAs(format));
      return button;
    };
    this.root = el('form', { className: 'controls', attrs: { id: 'controls' } }, [
      field('Find an actor', this.search, this.names),
      field('Network', this.kind),
      field('Topic', this.topic),
      el('fieldset', {}, [
        el('legend', { text: 'Time window (dates of statements)' }),
        el('label', { text: 'From', attrs: { for: 'from' } }),
        this.fromSlider,
        el('label', { text: 'To', attrs: { for: 'to' } }),
        this.toSlider,
        this.windowLabel,
      ]),
      el('fieldset', { attrs: { id: 'types-fieldset' } }, [
        el('legend', { text: 'Relation types' }),
        this.types,
      ]),
      el('fieldset', {}, [el('legend', { text: 'Actor kinds (node colour)' }), this.kinds]),
      field('Minimum evidence per link', this.minEvidence),
      el('fieldset', {}, [
        el('legend', { text: 'Export this view' }),
        el('div', { className: 'buttons' }, [
          exportButton('png', 'PNG image'),
          exportButton('gexf', 'GEXF'),
          exportButton('graphml', 'GraphML'),
        ]),
      ]),
    ]);
    this.root.addEventListener('submit', (event) => event.preventDefault());
  }

  setTopics(topics: Topic[]): void {
    this.topic.replaceChildren(el('option', { text: 'All topics', attrs: { value: '' } }));
    for (const topic of [...topics].sort((a, b) => a.title.localeCompare(b.title)))
      this.topic.append(el('option', { text: topic.title, attrs: { value: topic.id } }));
    if (this.state) this.topic.value = this.state.topic ?? '';
  }

  /** The slider steps through the distinct dates on which statements were made. */
  setDates(dates: string[]): void {
    this.dates = dates;
    const max = String(Math.max(0, dates.length - 1));
    this.fromSlider.max = max;
    this.toSlider.max = max;
    this.fromSlider.disabled = dates.length < 2;
    this.toSlider.disabled = dates.length < 2;
    if (this.state) this.update(this.state);
  }

  /** Actor names for the search box's suggestions; kinds present, with their colours, for the filter. */
  setGraphFacts(labels: string[], kindCounts: Map<string, number>): void {
    this.names.replaceChildren(...labels.map((label) => el('option', { attrs: { value: label } })));
    this.kinds.replaceChildren();
    const kinds = new Set([...kindCounts.keys(), ...this.state.hiddenKinds]);
    for (const kind of [...kinds].sort()) {
      const box = el('input', { attrs: { type: 'checkbox', value: kind, 'data-kind': kind } });
      box.checked = !this.state.hiddenKinds.includes(kind);
      box.addEventListener('change', () => {
        const hidden = new Set(this.state.hiddenKinds);
        if (box.checked) hidden.delete(kind);
        else hidden.add(kind);
        this.events.change({ hiddenKinds: [...hidden].sort() });
      });
      const swatch = el('span', { className: 'swatch' });
      swatch.style.backgroundColor = KIND_COLORS[kind] ?? KIND_COLORS.other!;
      const count = kindCounts.get(kind);
      this.kinds.append(
        el('label', {}, [
          box,
          swatch,
          ` ${KIND_LABELS[kind] ?? kind}${count !== undefined ? ` (${count})` : ''}`,
        ]),
      );
    }
  }

  update(state: ViewState): void {
    this.state = state;
    this.kind.value = state.kind;
    this.topic.value = state.topic ?? '';
    this.fromSlider.value = String(state.from ? this.indexOf(state.from, 'from') : 0);
    this.toSlider.value = String(
      state.to ? this.indexOf(state.to, 'to') : Math.max(0, this.dates.length - 1),
    );
    this.showWindow();
    this.minEvidence.value = String(state.minEvidence);
    const shown = new Set(state.types ?? ALL_RELATION_TYPES);
    for (const box of this.types.querySelectorAll<HTMLInputElement>('input[type=checkbox]'))
      box.checked = shown.has(box.value);
    this.types.closest('fieldset')!.toggleAttribute('disabled', state.kind !== 'relations');
  }

  private buildTypes(): void {
    for (const group of RELATION_TYPE_GROUPS) {
      const swatch = el('span', { className: 'swatch line' });
      swatch.style.backgroundColor = TONE_COLORS[group.tone];
      const boxes = el('div', { className: 'type-group' }, [
        el('div', { className: 'group-label' }, [swatch, ` ${group.label}`]),
      ]);
      for (const type of group.types) {
        const box = el('input', { attrs: { type: 'checkbox', value: type } });
        box.addEventListener('change', () => {
          const checked = [...this.types.querySelectorAll<HTMLInputElement>('input:checked')].map(
            (b) => b.value,
          );
          this.events.change({
            types: checked.length === ALL_RELATION_TYPES.length ? undefined : checked,
            edge: undefined,
          });
        });
        boxes.append(el('label', {}, [box, ` ${humanize(type)}`]));
      }
      this.types.append(boxes);
    }
  }

  private indexOf(date: string, end: 'from' | 'to'): number {
    if (this.dates.length === 0) return 0;
    const index =
      end === 'from' ? this.dates.findIndex((d) => d >= date) : this.dates.findLastIndex((d) => d <= date);
    return index < 0 ? (end === 'from' ? this.dates.length - 1 : 0) : index;
  }

  /** The slider ends mean "no bound": a bound would also drop relations that carry no date. */
  private window(): { from?: string; to?: string } {
    let from = Number(this.fromSlider.value);
    let to = Number(this.toSlider.value);
    if (from > to) [from, to] = [to, from];
    return {
      from: from > 0 ? this.dates[from] : undefined,
      to: to < this.dates.length - 1 ? this.dates[to] : undefined,
    };
  }

  private showWindow(): void {
    const { from, to } = this.window();
    this.windowLabel.textContent =
      this.dates.length === 0 ? 'No dated statements' : `${from ?? 'earliest'} → ${to ?? 'latest'}`;
  }
}

function field(label: string, ...controls: HTMLElement[]): HTMLElement {
  const id = controls[0]?.id ?? '';
  return el('div', { className: 'field' }, [el('label', { text: label, attrs: { for: id } }), ...controls]);
}
