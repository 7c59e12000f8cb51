import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { SerializedGraph } from 'graphology-types';
import Sigma from 'sigma';

/**
 * What the bare libraries do with the same network: sigma draws it as fetched (positions from a simple
 * hash, no filters, panels or reducers), then ForceAtlas2 runs on the main thread for a few iterations.
 * The app's numbers are reported as a ratio to these.
 */
const FA2_ITERATIONS = 10;

async function run(): Promise<void> {
  const started = performance.now();
  const data = (await (await fetch(`/api/network${window.location.search}`)).json()) as SerializedGraph;
  const fetchMs = performance.now() - started;
  const graph = new Graph({ multi: true });
  graph.import(data);
  // The API's `type` is the relation type; sigma reads `type` as its edge program.
  graph.updateEachEdgeAttributes((_edge, attributes) => ({ ...attributes, type: 'arrow' }));
  let i = 0;
  graph.forEachNode((node) => {
    i += 1;
    graph.mergeNodeAttributes(node, {
      x: Math.cos(i * 2.399) * Math.sqrt(i),
      y: Math.sin(i * 2.399) * Math.sqrt(i),
      size: 3,
    });
  });
  const renderer = new Sigma(graph, document.getElementById('graph')!);
  // Sigma renders synchronously when built; the next animation frame is when that frame is on screen.
  await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  const firstFrameMs = performance.now();
  renderer.kill();
  const layoutStarted = performance.now();
  forceAtlas2.assign(graph, {
    iterations: FA2_ITERATIONS,
    settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: true },
  });
  const layoutMs = performance.now() - layoutStarted;
  (window as unknown as { __baseline: unknown }).__baseline = {
    fetchMs,
    firstFrameMs,
    iterationsPerSecond: (FA2_ITERATIONS * 1000) / layoutMs,
    nodes: graph.order,
    edges: graph.size,
  };
}

void run();
