import { DOMImplementation, XMLSerializer } from '@xmldom/xmldom';
import type Graph from 'graphology';

const GRAPHML_NS = 'http://graphml.graphdrawing.org/xmlns';

type GraphmlType = 'boolean' | 'int' | 'long' | 'double' | 'string';
type Domain = 'graph' | 'node' | 'edge';

/**
 * GraphML with every key declared and typed (boolean, int, long, double, string), as networkx, Gephi and
 * yEd expect: networkx refuses a data element whose key is undeclared, Gephi guesses types otherwise.
 * Lists become one string joined by "; "; keys get short ids (n0, e0, g0) and keep the attribute's name.
 */
export function toGraphml(graph: Graph): string {
  const doc = new DOMImplementation().createDocument(GRAPHML_NS, 'graphml', null);
  const root = doc.documentElement;
  root.setAttribute('xmlns:xsi', 'http://www.w3.org/2001/XMLSchema-instance');
  root.setAttribute(
    'xsi:schemaLocation',
    `${GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd`,
  );
  const graphKeys = declareKeys(doc, root, 'graph', [graph.getAttributes()]);
  const nodeKeys = declareKeys(
    doc,
    root,
    'node',
    graph.mapNodes((_n, a) => a),
  );
  const edgeKeys = declareKeys(
    doc,
    root,
    'edge',
    graph.mapEdges((_e, a) => a),
  );

  const graphElement = doc.createElementNS(GRAPHML_NS, 'graph');
  graphElement.setAttribute('id', 'G');
  graphElement.setAttribute('edgedefault', graph.type === 'undirected' ? 'undirected' : 'directed');
  root.appendChild(graphElement);
  writeData(doc, graphElement, graphKeys, graph.getAttributes());
  graph.forEachNode((node, attributes) => {
    const element = doc.createElementNS(GRAPHML_NS, 'node');
    element.setAttribute('id', node);
    writeData(doc, element, nodeKeys, attributes);
    graphElement.appendChild(element);
  });
  graph.forEachEdge((edge, attributes, source, target, _s, _t, undirected) => {
    const element = doc.createElementNS(GRAPHML_NS, 'edge');
    element.setAttribute('id', edge);
    element.setAttribute('source', source);
    element.setAttribute('target', target);
    if (undirected !== (graph.type === 'undirected')) element.setAttribute('directed', String(!undirected));
    writeData(doc, element, edgeKeys, attributes);
    graphElement.appendChild(element);
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(doc)}`;
}

interface Key {
  id: string;
  type: GraphmlType;
}

function declareKeys(
  doc: Document,
  root: Element,
  domain: Domain,
  records: Record<string, unknown>[],
): Map<string, Key> {
  const types = new Map<string, GraphmlType>();
  for (const record of records) {
    for (const [name, value] of Object.entries(record)) {
      if (value === undefined || value === null) continue;
      types.set(name, widen(types.get(name), typeOf(value)));
    }
  }
  const keys = new Map<string, Key>();
  [...types].forEach(([name, type], index) => {
    const key = { id: `${domain[0]}${index}`, type };
    keys.set(name, key);
    const element = doc.createElementNS(GRAPHML_NS, 'key');
    element.setAttribute('id', key.id);
    element.setAttribute('for', domain);
    element.setAttribute('attr.name', name);
    element.setAttribute('attr.type', type);
    root.appendChild(element);
  });
  return keys;
}

function typeOf(value: unknown): GraphmlType {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return 'double';
    return Math.abs(value) <= 0x7fffffff ? 'int' : 'long';
  }
  return 'string';
}

/** The narrowest type every value of the attribute fits: int and double make double, anything else string. */
function widen(current: GraphmlType | undefined, next: GraphmlType): GraphmlType {
  if (!current || current === next) return next;
  const numeric = ['int', 'long', 'double'];
  if (numeric.includes(current) && numeric.includes(next)) {
    return current === 'double' || next === 'double' ? 'double' : 'long';
  }
  return 'string';
}

function writeData(
  doc: Document,
  element: Element,
  keys: Map<string, Key>,
  attributes: Record<string, unknown>,
) {
  for (const [name, value] of Object.entries(attributes)) {
    const key = keys.get(name);
    if (!key || value === undefined || value === null) continue;
    const data = doc.createElementNS(GRAPHML_NS, 'data');
    data.setAttribute('key', key.id);
    data.appendChild(doc.createTextNode(Array.isArray(value) ? value.join('; ') : String(value)));
    element.appendChild(data);
  }
}
