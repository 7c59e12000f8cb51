import type { SerializedGraph } from 'graphology-types';
import { actorPanel, type PanelContext } from './actor-panel';
import { api } from './api-client';
import { Controls } from './controls';
import { buildDisplayGraph, type DisplayGraph } from './display-graph';
import { clear, el } from './dom';
import { edgePanel } from './edge-panel';
import { download, exportPng, toGexf, toGraphml } from './graph-exports';
import { LayoutRunner, type LayoutStats } from './layout-runner';
import { legend } from './legend';
import { NetworkView } from './network-view';
import { overviewPanel } from './overview-panel';
import { topicPanel } from './topic-panel';
import { networkQuery, readState, writeState, type ViewState } from './url-state';
import './styles.css';
import { DeskPanel } from './desk-panel';
import { deskSplitter } from './desk-splitter';

/** Timings for `npm run bench:ui`, and the handle the browser tests read the drawn graph through. */
interface Metrics {
  networkFetchMs?: number;
  firstFrameMs?: number;
  layout?: LayoutStats;
}

const body = document.body;
const canvas = document.getElementById('graph')!;
const panel = document.getElementById('panel')!;
const status = document.getElementById('status')!;
const legendSlot = document.getElementById('legend-slot')!;

let state = readState(window.location.search);
let data: SerializedGraph | undefined;
let loadedQuery: string | undefined;
let graph: DisplayGraph | undefined;
let panelToken = 0;
/** What the last merge or split moved, said at the top of the panel it redraws, once. */
let pendingOutcome: string | undefined;
let networkToken = 0;
const metrics: Metrics = {};
const layout = new LayoutRunner();
const names = new Map<string, string>();

const view = new NetworkView(canvas, {
  onNodeClick: (node) => {
    const attributes = graph?.getNodeAttributes(node);
    if (attributes?.nodeType === 'topic')
      setState({ topicView: attributes.topicId, actor: undefined, edge: undefined });
    else setState({ actor: node, edge: undefined });
  },
  onEdgeClick: (edge) => setState({ edge }),
  onStageClick: () => setState({ actor: undefined, edge: undefined }),
  onFirstFrame: () => {
    metrics.firstFrameMs ??= performance.now();
  },
});

const desk = new DeskPanel(() => {
  // A review changed the graph: fetch the network again.
  loadedQuery = undefined;
  void render();
});
document.querySelector('main.layout')!.after(deskSplitter(document.documentElement), desk.element);
window.addEventListener('open-reader', (event) => {
  const { documentId, start } = (event as CustomEvent<{ documentId: string; start?: number }>).detail;
  void desk.openReader(documentId, start).then(() => desk.element.scrollIntoView());
});

const controls = new Controls({
  change: (patch) => setState(patch),
  search: (name) => {
    void findActor(name).then((found) => {
      if (!found) {
        status.textContent = `No actor named or also known as “${name}”.`;
        return;
      }
      if (!graph?.hasNode(found.id)) {
        status.textContent = `${found.name} is not in this view (try other filters).`;
        return;
      }
      setState({ actor: found.id, edge: undefined });
      view.focus(found.id);
    });
  },
  exportAs: (format) => {
    if (!graph || !view.sigma) return;
    const name = `stancegraph-${state.kind}${state.topic ? `-${state.topic}` : ''}`;
    if (format === 'png') void exportPng(view.sigma, name);
    else if (format === 'gexf') download(toGexf(graph), `${name}.gexf`, 'application/gexf+xml');
    else download(toGraphml(graph), `${name}.graphml`, 'application/graphml+xml');
  },
});
document.getElementById('controls-slot')!.append(controls.root);

function setState(patch: Partial<ViewState>): void {
  state = { ...state, ...patch };
  window.history.replaceState(null, '', writeState(state));
  void render();
}

function findNode(name: string): string | undefined {
  if (!graph) return undefined;
  const wanted = name.toLowerCase();
  const nodes = graph.filterNodes((_node, a) => a.nodeType === 'actor');
  return (
    nodes.find((node) => graph!.getNodeAttribute(node, 'label').toLowerCase() === wanted) ??
    nodes.find((node) => graph!.getNodeAttribute(node, 'label').toLowerCase().includes(wanted))
  );
}

async function nameOf(id: string): Promise<string> {
  if (graph?.hasNode(id)) return graph.getNodeAttribute(id, 'label');
  if (!names.has(id))
    names.set(
      id,
      await api.actor(id).then(
        (a) => a.name,
        () => id,
      ),
    );
  return names.get(id)!;
}

/** An actor in this view by label, else any accepted actor whose name or alias has the words (via the API). */
async function findActor(name: string): Promise<{ id: string; name: string } | undefined> {
  const inView = findNode(name);
  if (inView) return { id: inView, name };
  const page = await api.findActors(name);
  return (
    page.items.find((actor) => actor.reviewStatus !== 'rejected' && graph?.hasNode(actor.id)) ?? page.items[0]
  );
}

/** Fetches when the server-side part of the state changed, then redraws and re-lays out the graph. */
async function render(): Promise<void> {
  controls.update(state);
  const query = networkQuery(state);
  const token = ++networkToken;
  if (query !== loadedQuery) {
    body.dataset.status = 'loading';
    status.textContent = 'Loading the network…';
    const started = performance.now();
    try {
      data = await api.network(query);
    } catch (error) {
      if (token !== networkToken) return;
      body.dataset.status = 'error';
      status.textContent = `Could not load the network: ${(error as Error).message}`;
      return;
    }
    if (token !== networkToken) return;
    metrics.networkFetchMs = performance.now() - started;
    loadedQuery = query;
    graph = undefined;
  }
  const filterKey = JSON.stringify([state.hiddenKinds, state.minEvidence]);
  if (!graph || body.dataset.filter !== filterKey) {
    graph = buildDisplayGraph(data!, state.kind, state);
    body.dataset.filter = filterKey;
    showGraph(graph, token);
  }
  view.select(state.actor && graph.hasNode(state.actor) ? state.actor : undefined, state.edge);
  await renderPanel();
}

function showGraph(shown: DisplayGraph, token: number): void {
  const kindCounts = new Map<string, number>();
  for (const node of data!.nodes) {
    const kind = node.attributes?.nodeType === 'topic' ? 'topic' : String(node.attributes?.kind ?? 'other');
    kindCounts.set(kind, (kindCounts.get(kind) ?? 0) + 1);
  }
  controls.setGraphFacts(
    shown
      .filterNodes((_n, a) => a.nodeType === 'actor')
      .map((n) => shown.getNodeAttribute(n, 'label'))
      .sort(),
    kindCounts,
  );
  legendSlot.replaceChildren(legend([...new Set(shown.mapNodes((_n, a) => a.kind))].sort()));
  view.show(shown);
  body.dataset.status = 'ready';
  body.dataset.nodes = String(shown.order);
  body.dataset.edges = String(shown.size);
  body.dataset.layout = 'running';
  const summary = `${shown.order} nodes, ${shown.size} links`;
  status.textContent = `${summary} · laying out…`;
  void layout
    .run(shown, (done, total) => {
      if (token === networkToken)
        status.textContent = `${summary} · layout ${Math.round((100 * done) / total)}%`;
    })
    .then((stats) => {
      if (graph !== shown) return;
      metrics.layout = stats;
      body.dataset.layout = 'done';
      status.textContent = shown.order === 0 ? 'Nothing to draw: no links match these filters.' : summary;
      if (state.actor && shown.hasNode(state.actor)) view.focus(state.actor);
    });
}

function panelContext(): PanelContext {
  return {
    window: { from: state.from, to: state.to },
    topic: state.topic,
    nameOf,
    selectActor: (id) => {
      setState({ actor: id, edge: undefined });
      view.focus(id);
    },
    reviewer: () => desk.reviewerName(),
    recordsChanged: (kind, id, outcome) => {
      // A merge or split changed who is who: fetch the network and the names again.
      pendingOutcome = outcome;
      loadedQuery = undefined;
      names.clear();
      if (kind === 'topics') {
        void api.topics().then((topics) => controls.setTopics(topics));
        setState({ topicView: id, actor: undefined, edge: undefined });
      } else setState({ actor: id, edge: undefined });
    },
  };
}

/** The side panel shows the most specific thing chosen: an edge, an actor, a topic, or the overview. */
async function renderPanel(): Promise<void> {
  const token = ++panelToken;
  const context = panelContext();
  let content: HTMLElement;
  try {
    if (state.edge && graph?.hasEdge(state.edge)) {
      const edge = state.edge;
      content = await edgePanel(
        graph.getEdgeAttributes(edge),
        {
          source: graph.source(edge),
          target: graph.target(edge),
          sourceLabel: graph.getNodeAttribute(graph.source(edge), 'label'),
          targetLabel: graph.getNodeAttribute(graph.target(edge), 'label'),
        },
        context,
      );
    } else if (state.actor) {
      content = await actorPanel(state.actor, context);
    } else if (state.topicView ?? state.topic) {
      content = await topicPanel((state.topicView ?? state.topic)!, context);
    } else {
      content = await overviewPanel(context);
    }
  } catch (error) {
    content = el('p', {
      className: 'error',
      text: `Could not load the details: ${(error as Error).message}`,
    });
  }
  if (token !== panelToken) return;
  const chosen = state.edge || state.actor || state.topicView;
  const back = el('button', { className: 'back', text: '← Overview', attrs: { type: 'button' } });
  back.addEventListener('click', () => setState({ actor: undefined, edge: undefined, topicView: undefined }));
  clear(panel);
  if (chosen) panel.append(back);
  if (pendingOutcome !== undefined) {
    panel.append(el('p', { className: 'outcome', text: pendingOutcome, attrs: { id: 'records-outcome' } }));
    pendingOutcome = undefined;
  }
  panel.append(content);
  panel.scrollTop = 0;
}

async function start(): Promise<void> {
  controls.update(state);
  const [topics, statements] = await Promise.all([api.topics(), api.statements({})]);
  controls.setTopics(topics);
  controls.setDates([...new Set(statements.map((s) => s.statedAt))].sort());
  controls.update(state);
}

declare global {
  interface Window {
    __stancegraph: unknown;
  }
}

window.__stancegraph = {
  state: () => ({ ...state }),
  metrics,
  nodes: () => graph?.mapNodes((key, a) => ({ key, label: a.label, kind: a.kind, x: a.x, y: a.y })) ?? [],
  edges: () =>
    graph?.mapEdges((key, a, source, target) => ({
      key,
      source,
      target,
      tone: a.tone,
      evidence: a.evidenceCount,
    })) ?? [],
  viewportPosition: (node: string) => view.viewportPosition(node),
  highlighted: () => view.highlighted(),
  exports: () => (graph ? { gexf: toGexf(graph), graphml: toGraphml(graph) } : undefined),
};

void render();
void start().catch((error: unknown) => {
  status.textContent = `Could not load topics and dates: ${(error as Error).message}`;
});
