import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import type Graph from 'graphology';
import { write } from 'graphology-gexf';
import type { Spell, Timeline } from './network-timeline';

const GEXF_NS = 'http://gexf.net/1.3';

/**
 * GEXF 1.3 for Gephi. graphology-gexf writes the static graph with typed attribute declarations; what it
 * does not know of GEXF 1.3's dynamics (graph mode and time format, spells, a dynamic weight) is added
 * to its output here, so Gephi's timeline plays the network as it grew.
 */
export function toGexf(graph: Graph, timeline?: Timeline): string {
  const attributes = graph.getAttributes();
  const described = graph.copy();
  described.replaceAttributes({
    creator: 'Stancegraph',
    description: Object.entries(attributes)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' '),
  });
  const xml = write(described, {
    version: '1.3',
    pedantic: true,
    formatNode: (_key, a) => ({ label: String(a.label ?? _key), attributes: gexfValues(a, ['label']) }),
    formatEdge: (_key, a) => ({
      weight: typeof a.weight === 'number' ? a.weight : undefined,
      attributes: gexfValues(a, ['weight']),
    }),
  });
  if (!timeline) return xml;

  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const graphElement = doc.getElementsByTagNameNS(GEXF_NS, 'graph')[0]!;
  graphElement.setAttribute('mode', 'dynamic');
  graphElement.setAttribute('timeformat', 'date');
  if (timeline.weights.size > 0) {
    const declaration = doc.createElementNS(GEXF_NS, 'attributes');
    declaration.setAttribute('class', 'edge');
    declaration.setAttribute('mode', 'dynamic');
    const weight = doc.createElementNS(GEXF_NS, 'attribute');
    weight.setAttribute('id', 'weight');
    weight.setAttribute('title', 'Weight');
    weight.setAttribute('type', 'double');
    declaration.appendChild(weight);
    // First, before the static declarations: Gephi reads every block by its mode, while graphology's own
    // parser keeps only the last block of a class, which must then be the static one.
    graphElement.insertBefore(declaration, graphElement.firstChild);
  }
  const elements = (tag: 'node' | 'edge') => Array.from(doc.getElementsByTagNameNS(GEXF_NS, tag));
  for (const node of elements('node')) addSpells(doc, node, timeline.nodes.get(node.getAttribute('id')!));
  for (const edge of elements('edge')) {
    const id = edge.getAttribute('id')!;
    addSpells(doc, edge, timeline.edges.get(id));
    const weights = timeline.weights.get(id);
    if (!weights) continue;
    let values = Array.from(edge.getElementsByTagNameNS(GEXF_NS, 'attvalues'))[0];
    if (!values) values = edge.appendChild(doc.createElementNS(GEXF_NS, 'attvalues'));
    for (const w of weights) {
      const value = doc.createElementNS(GEXF_NS, 'attvalue');
      value.setAttribute('for', 'weight');
      value.setAttribute('value', String(w.value));
      setPeriod(value, w);
      values.appendChild(value);
    }
  }
  return new XMLSerializer().serializeToString(doc);
}

/** Scalars and lists GEXF can type; nested objects have no GEXF type and are left out. */
function gexfValues(attributes: Record<string, unknown>, skip: string[]): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(attributes).filter(
      ([key, value]) =>
        !skip.includes(key) &&
        value !== undefined &&
        (typeof value !== 'object' || (Array.isArray(value) && value.every((v) => typeof v !== 'object'))),
    ),
  );
}

function addSpells(doc: Document, element: Element, spells: Spell[] | undefined): void {
  if (!spells || spells.length === 0) return;
  if (spells.length === 1) {
    setPeriod(element, spells[0]!);
    return;
  }
  const container = doc.createElementNS(GEXF_NS, 'spells');
  for (const spell of spells) {
    const child = doc.createElementNS(GEXF_NS, 'spell');
    setPeriod(child, spell);
    container.appendChild(child);
  }
  element.insertBefore(container, element.firstChild);
}

function setPeriod(element: Element, spell: Spell): void {
  if (spell.start) element.setAttribute('start', spell.start);
  if (spell.end) element.setAttribute('end', spell.end);
}
