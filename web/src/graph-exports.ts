import { downloadAsPNG } from '@sigma/export-image';
import Graph from 'graphology';
import { write as writeGexf } from 'graphology-gexf/browser';
import type Sigma from 'sigma';
import type { DisplayGraph, EdgeAttributes, NodeAttributes } from './display-graph';

/** The current view as an image, labels included, on white so that it prints. */
export function exportPng(renderer: Sigma<NodeAttributes, EdgeAttributes>, name: string): Promise<void> {
  return downloadAsPNG(renderer as unknown as Sigma, { fileName: name, backgroundColor: '#ffffff' });
}

/**
 * The drawn graph with flat, typed attributes only (GEXF and GraphML have no lists): the filter is what
 * the user sees, with positions and colours so that Gephi opens the same picture.
 */
export function exportableGraph(graph: DisplayGraph): Graph {
  const out = new Graph({ type: 'directed', multi: false });
  graph.forEachNode((node, a) => {
    out.addNode(node, { label: a.label, kind: a.kind, x: a.x, y: a.y, size: a.size, color: rgbOf(a.color) });
  });
  graph.forEachEdge((edge, a, source, target) => {
    const types = [...new Set(a.evidence.map((e) => e.type).filter((t): t is string => Boolean(t)))];
    const quotes = a.evidence.map((e) => e.quote).filter((q): q is string => Boolean(q));
    const dates = a.evidence
      .map((e) => e.date)
      .filter((d): d is string => Boolean(d))
      .sort();
    out.addEdgeWithKey(edge, source, target, {
      tone: a.tone,
      derived: a.derived,
      weight: a.evidenceCount,
      types: types.join(' '),
      quote: quotes[0] ?? '',
      firstDate: dates[0] ?? '',
      color: rgbOf(a.color),
    });
  });
  return out;
}

/**
 * '#rrggbb' (or '#rrggbbaa') as 'rgb(r,g,b)': graphology-gexf then writes `<viz:color r= g= b=>`, which
 * every GEXF reader takes; the `hex=` form it writes otherwise is GEXF 1.3 that networkx cannot read.
 */
function rgbOf(hex: string): string {
  const channel = (at: number) => parseInt(hex.slice(at, at + 2), 16);
  return `rgb(${channel(1)},${channel(3)},${channel(5)})`;
}

export function toGexf(graph: DisplayGraph): string {
  return writeGexf(exportableGraph(graph), { version: '1.3' });
}

/** graphology-graphml only parses, so GraphML is written here, through the DOM's XML serializer. */
export function toGraphml(graph: DisplayGraph): string {
  const flat = exportableGraph(graph);
  const NS = 'http://graphml.graphdrawing.org/xmlns';
  const xml = document.implementation.createDocument(NS, 'graphml', null);
  const root = xml.documentElement;
  const keys = new Map<string, string>();
  const declare = (domain: 'node' | 'edge', name: string, value: unknown) => {
    const id = `${domain[0]}_${name}`;
    if (keys.has(id)) return id;
    const type = typeof value === 'number' ? 'double' : typeof value === 'boolean' ? 'boolean' : 'string';
    const key = xml.createElementNS(NS, 'key');
    key.setAttribute('id', id);
    key.setAttribute('for', domain);
    key.setAttribute('attr.name', name);
    key.setAttribute('attr.type', type);
    root.append(key);
    keys.set(id, type);
    return id;
  };
  const data = (parent: Element, domain: 'node' | 'edge', attributes: Record<string, unknown>) => {
    for (const [name, value] of Object.entries(attributes)) {
      const element = xml.createElementNS(NS, 'data');
      element.setAttribute('key', declare(domain, name, value));
      element.textContent = String(value);
      parent.append(element);
    }
  };
  const graphElement = xml.createElementNS(NS, 'graph');
  graphElement.setAttribute('edgedefault', 'directed');
  flat.forEachNode((node, attributes) => {
    const element = xml.createElementNS(NS, 'node');
    element.setAttribute('id', node);
    data(element, 'node', attributes);
    graphElement.append(element);
  });
  flat.forEachEdge((edge, attributes, source, target) => {
    const element = xml.createElementNS(NS, 'edge');
    element.setAttribute('id', edge);
    element.setAttribute('source', source);
    element.setAttribute('target', target);
    data(element, 'edge', attributes);
    graphElement.append(element);
  });
  // Keys must come before the graph element.
  root.append(graphElement);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(xml)}`;
}

export function download(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
