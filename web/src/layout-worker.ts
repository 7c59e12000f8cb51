/// <reference lib="webworker" />
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { LayoutProgress, LayoutRequest } from './layout-messages';

/**
 * ForceAtlas2 off the main thread, so the page stays responsive while a large graph settles. It runs a
 * fixed number of iterations in fixed chunks from the given positions: the same input always gives the
 * same output, which keeps the map stable across reloads. Positions are sent after every chunk so the
 * map moves while it settles.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
let latestRunId = 0;

scope.onmessage = (event: MessageEvent<LayoutRequest>) => {
  latestRunId = event.data.runId;
  void layout(event.data);
};

async function layout({ runId, positions, edges, iterations, chunk }: LayoutRequest): Promise<void> {
  const graph = new Graph({ type: 'undirected', multi: false });
  const order = positions.length / 2;
  for (let i = 0; i < order; i += 1) graph.addNode(i, { x: positions[2 * i], y: positions[2 * i + 1] });
  for (let i = 0; i < edges.length; i += 3) {
    const source = edges[i]!;
    const target = edges[i + 1]!;
    if (source !== target && !graph.hasEdge(source, target))
      graph.addEdge(source, target, { weight: edges[i + 2] });
  }
  const settings = {
    ...forceAtlas2.inferSettings(graph),
    edgeWeightInfluence: 0.5,
    barnesHutOptimize: order > 500,
    // Keep small graphs readable: spread nodes and pull the components together.
    scalingRatio: order > 500 ? 2 : 20,
    gravity: 1,
    strongGravityMode: order <= 500,
  };
  const started = performance.now();
  for (let done = 0; done < iterations;) {
    // Yield between chunks so that a newer request (the filters changed) can cancel this one.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (runId !== latestRunId) return;
    const step = Math.min(chunk, iterations - done);
    forceAtlas2.assign(graph, { iterations: step, settings, getEdgeWeight: 'weight' });
    done += step;
    const out = new Float32Array(order * 2);
    graph.forEachNode((node, attributes) => {
      const index = Number(node);
      out[2 * index] = attributes.x as number;
      out[2 * index + 1] = attributes.y as number;
    });
    const message: LayoutProgress = {
      runId,
      positions: out,
      done,
      iterations,
      elapsedMs: performance.now() - started,
    };
    scope.postMessage(message, [out.buffer]);
  }
}
