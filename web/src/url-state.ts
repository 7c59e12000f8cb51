/** Everything that defines a view. It lives in the URL so that a view can be shared by copying the link. */
export const NETWORK_KINDS = ['relations', 'agreement', 'conflict', 'affiliation', 'actor-topic'] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];

export interface ViewState {
  kind: NetworkKind;
  topic?: string;
  from?: string;
  to?: string;
  /** Relation types shown; undefined means all. */
  types?: string[];
  /** Actor kinds hidden; empty means all shown. */
  hiddenKinds: string[];
  /** Pairs linked by fewer pieces of evidence are not drawn. */
  minEvidence: number;
  /** The selected actor, edge or topic whose details fill the side panel. */
  actor?: string;
  edge?: string;
  topicView?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function readState(search: string): ViewState {
  const params = new URLSearchParams(search);
  const kind = params.get('kind');
  const list = (name: string) =>
    params
      .get(name)
      ?.split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
  const slug = (name: string) => {
    const value = params.get(name);
    return value !== null && SLUG.test(value) ? value : undefined;
  };
  const date = (name: string) => {
    const value = params.get(name);
    return value !== null && DATE.test(value) ? value : undefined;
  };
  const minEvidence = Number.parseInt(params.get('minEvidence') ?? '1', 10);
  return {
    kind: NETWORK_KINDS.includes(kind as NetworkKind) ? (kind as NetworkKind) : 'relations',
    topic: slug('topic'),
    from: date('from'),
    to: date('to'),
    types: list('types'),
    hiddenKinds: list('hideKinds') ?? [],
    minEvidence: Number.isFinite(minEvidence) && minEvidence > 1 ? minEvidence : 1,
    actor: slug('actor'),
    edge: params.get('edge') ?? undefined,
    topicView: slug('topicView'),
  };
}

export function writeState(state: ViewState): string {
  const params = new URLSearchParams();
  params.set('kind', state.kind);
  if (state.topic) params.set('topic', state.topic);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.types) params.set('types', state.types.join(','));
  if (state.hiddenKinds.length > 0) params.set('hideKinds', state.hiddenKinds.join(','));
  if (state.minEvidence > 1) params.set('minEvidence', String(state.minEvidence));
  if (state.actor) params.set('actor', state.actor);
  if (state.edge) params.set('edge', state.edge);
  if (state.topicView) params.set('topicView', state.topicView);
  return `?${params.toString()}`;
}

/** The part of the state that changes what the server returns: a change means a new fetch and layout. */
export function networkQuery(state: ViewState): string {
  const params = new URLSearchParams({ kind: state.kind });
  if (state.topic) params.set('topic', state.topic);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.kind === 'relations' && state.types) params.set('types', state.types.join(','));
  return params.toString();
}
