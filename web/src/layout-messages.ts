/** What the page and the layout worker say to each other. */
export interface LayoutRequest {
  runId: number;
  /** x0, y0, x1, y1, ... in node index order. */
  positions: Float32Array;
  /** source index, target index, weight; repeated. */
  edges: Float32Array;
  iterations: number;
  chunk: number;
}

export interface LayoutProgress {
  runId: number;
  positions: Float32Array;
  done: number;
  iterations: number;
  elapsedMs: number;
}
