import Sigma from 'sigma';
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import type { DisplayGraph, EdgeAttributes, NodeAttributes } from './display-graph';

export interface NetworkViewEvents {
  onNodeClick(node: string): void;
  onEdgeClick(edge: string): void;
  onStageClick(): void;
  onFirstFrame(): void;
}

/**
 * Sigma over the display graph. Hovering an actor fades everything but its neighbours; the selected
 * actor stays highlighted the same way, so the eye finds whom it is tied to.
 */
export class NetworkView {
  private renderer?: Sigma<NodeAttributes, EdgeAttributes>;
  private graph?: DisplayGraph;
  private hovered?: string;
  private selected?: string;
  private selectedEdge?: string;
  private firstFrameSeen = false;

  constructor(
    private readonly container: HTMLElement,
    private readonly events: NetworkViewEvents,
  ) {}

  get sigma(): Sigma<NodeAttributes, EdgeAttributes> | undefined {
    return this.renderer;
  }

  show(graph: DisplayGraph): void {
    this.graph = graph;
    if (this.renderer) {
      this.renderer.setGraph(graph);
      this.applySettings(graph);
      this.reportFirstFrame();
      return;
    }
    const renderer = new Sigma<NodeAttributes, EdgeAttributes>(graph, this.container, {
      enableEdgeEvents: true,
      defaultEdgeType: 'arrow',
      labelFont: 'system-ui, sans-serif',
      labelSize: 13,
      labelWeight: '600',
      zIndex: true,
      nodeReducer: (node, data) => this.reduceNode(node, data),
      edgeReducer: (edge, data) => this.reduceEdge(edge, data),
    });
    this.renderer = renderer;
    // Sigma follows window resizes only; the desk's splitter resizes the map without one.
    new ResizeObserver(() => {
      renderer.setSetting('stagePadding', this.stagePadding());
      renderer.refresh();
    }).observe(this.container);
    this.applySettings(graph);
    renderer.on('enterNode', ({ node }) => this.setHovered(node));
    renderer.on('leaveNode', () => this.setHovered(undefined));
    renderer.on('clickNode', ({ node }) => this.events.onNodeClick(node));
    renderer.on('clickEdge', ({ edge }) => this.events.onEdgeClick(edge));
    renderer.on('clickStage', () => this.events.onStageClick());
    this.reportFirstFrame();
  }

  /** Sigma renders synchronously when built; the next animation frame is when that frame is on screen. */
  private reportFirstFrame(): void {
    if (this.firstFrameSeen || !this.graph || this.graph.order === 0) return;
    this.firstFrameSeen = true;
    requestAnimationFrame(() => this.events.onFirstFrame());
  }

  /** Small maps show every name; large ones only the names of the bigger actors, or they turn to ink. */
  private applySettings(graph: DisplayGraph): void {
    this.renderer?.setSetting('labelRenderedSizeThreshold', graph.order <= 200 ? 0 : 8);
    // Room for the labels, which are drawn to the right of the nodes: the view is shifted a little right.
    const small = graph.order <= 200;
    this.renderer?.setSetting('stagePadding', this.stagePadding());
    this.renderer?.getCamera().setState({ x: small ? 0.56 : 0.5, y: 0.5, ratio: small ? 1.1 : 1, angle: 0 });
    this.renderer?.setSetting('renderEdgeLabels', false);
  }

  /** Room around the drawing, less when the desk leaves the map short, or the padding would fill it. */
  private stagePadding(): number {
    const small = (this.graph?.order ?? 0) <= 200;
    return Math.min(small ? 90 : 30, Math.round(this.container.clientHeight * 0.12));
  }

  select(node: string | undefined, edge: string | undefined): void {
    this.selected = node;
    this.selectedEdge = edge;
    this.renderer?.refresh({ skipIndexation: true });
  }

  /** Moves the camera onto an actor, close enough to read its neighbours' names. */
  focus(node: string): void {
    if (!this.renderer || !this.graph?.hasNode(node)) return;
    const position = this.renderer.getNodeDisplayData(node);
    if (!position) return;
    void this.renderer.getCamera().animate({ x: position.x, y: position.y, ratio: 0.5 }, { duration: 400 });
  }

  /** Where a node is drawn, in CSS pixels of the container: what a pointer would click. */
  viewportPosition(node: string): { x: number; y: number } | undefined {
    if (!this.renderer || !this.graph?.hasNode(node)) return undefined;
    const { x, y } = this.graph.getNodeAttributes(node);
    return this.renderer.graphToViewport({ x, y });
  }

  /** The actor in focus (hovered, else selected) and its neighbours: what stays in colour. */
  highlighted(): string[] {
    const focus = this.focusNode();
    if (!focus || !this.graph?.hasNode(focus)) return [];
    return [focus, ...this.graph.neighbors(focus)];
  }

  private setHovered(node: string | undefined): void {
    this.hovered = node;
    this.renderer?.refresh({ skipIndexation: true });
  }

  private focusNode(): string | undefined {
    return this.hovered ?? this.selected;
  }

  private reduceNode(node: string, data: NodeAttributes): Partial<NodeDisplayData> {
    const focus = this.focusNode();
    if (!focus || !this.graph?.hasNode(focus)) return data;
    if (node === focus) return { ...data, highlighted: true, zIndex: 2 };
    if (this.graph.areNeighbors(node, focus)) return { ...data, zIndex: 1, forceLabel: true };
    return { ...data, color: '#d9dde3', label: '', zIndex: 0 };
  }

  private reduceEdge(edge: string, data: EdgeAttributes): Partial<EdgeDisplayData> {
    if (edge === this.selectedEdge) return { ...data, size: data.size + 2, zIndex: 2 };
    const focus = this.focusNode();
    if (!focus || !this.graph?.hasNode(focus)) return data;
    if (this.graph.hasExtremity(edge, focus)) return { ...data, zIndex: 1 };
    return { ...data, hidden: true };
  }
}
