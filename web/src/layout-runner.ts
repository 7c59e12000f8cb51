import type { DisplayGraph } from './display-graph';
import type { LayoutProgress, LayoutRequest } from './layout-messages';

/** The worker bundle's hashed URL, set by web/build-web.mjs. */
declare const __LAYOUT_WORKER_URL__: string;

export interface LayoutStats {
  iterations: number;
  elapsedMs: number;
  iterationsPerSecond: number;
}

/** Fewer iterations for big graphs: each one costs O(n log n) with Barnes-Hut. */
export function iterationsFor(order: number): { iterations: number; chunk: number } {
  if (order > 5000) return { iterations: 100, chunk: 10 };
  if (order > 500) return { iterations: 300, chunk: 20 };
  return { iterations: 500, chunk: 100 };
}

/** Runs ForceAtlas2 on the graph in the worker, applying positions as they arrive. */
export class LayoutRunner {
  private readonly worker = new Worker(__LAYOUT_WORKER_URL__, { type: 'module' });
  private runId = 0;
  private listener?: (event: MessageEvent<LayoutProgress>) => void;

  run(graph: DisplayGraph, onProgress: (done: number, total: number) => void): Promise<LayoutStats> {
    const runId = ++this.runId;
    const nodes = graph.nodes();
    const index = new Map(nodes.map((node, i) => [node, i]));
    const positions = new Float32Array(nodes.length * 2);
    nodes.forEach((node, i) => {
      positions[2 * i] = graph.getNodeAttribute(node, 'x');
      positions[2 * i + 1] = graph.getNodeAttribute(node, 'y');
    });
    const edges = new Float32Array(graph.size * 3);
    let offset = 0;
    graph.forEachEdge((_edge, attributes, source, target) => {
      edges[offset++] = index.get(source)!;
      edges[offset++] = index.get(target)!;
      edges[offset++] = attributes.evidenceCount;
    });
    const { iterations, chunk } = iterationsFor(nodes.length);
    const request: LayoutRequest = { runId, positions, edges, iterations, chunk };
    // A newer layout supersedes this one: its graph is no longer drawn, and its promise never settles.
    if (this.listener) this.worker.removeEventListener('message', this.listener);
    return new Promise((resolve) => {
      const listener = (event: MessageEvent<LayoutProgress>) => {
        const progress = event.data;
        if (progress.runId !== runId) return;
        graph.updateEachNodeAttributes(
          (node, attributes) => {
            const i = index.get(node)!;
            return { ...attributes, x: progress.positions[2 * i]!, y: progress.positions[2 * i + 1]! };
          },
          { attributes: ['x', 'y'] },
        );
        onProgress(progress.done, progress.iterations);
        if (progress.done === progress.iterations) {
          this.worker.removeEventListener('message', listener);
          this.listener = undefined;
          resolve({
            iterations: progress.iterations,
            elapsedMs: progress.elapsedMs,
            iterationsPerSecond: (progress.iterations * 1000) / Math.max(1, progress.elapsedMs),
          });
        }
      };
      this.listener = listener;
      this.worker.addEventListener('message', listener);
      this.worker.postMessage(request, [positions.buffer, edges.buffer]);
    });
  }
}
