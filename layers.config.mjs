/**
 * The layers of src/ and the one direction their dependencies point in:
 *
 *   shared <- model <- config <- store <- features (use cases) <- api, http, cli, web <- app
 *
 * Each feature folder is its own element, and the features may use only the features listed beside them,
 * so no two folders ever import each other. eslint-plugin-boundaries enforces this inside `npm test`.
 */

/** Features, each with the features it may use. Keep this acyclic: add a feature below those it uses. */
export const FEATURES = {
  entities: [],
  extraction: [],
  seed: [],
  hierarchy: [],
  actors: ['entities', 'hierarchy'],
  topics: ['entities', 'hierarchy'],
  counterparts: ['entities', 'hierarchy'],
  networks: ['entities', 'hierarchy'],
  measures: ['entities', 'networks'],
  exports: ['entities', 'networks'],
  documents: ['entities', 'extraction'],
  imports: ['entities', 'networks', 'exports', 'documents'],
  search: [],
  merging: [],
};

export const LAYER_ELEMENTS = [
  { type: 'shared', pattern: 'src/shared' },
  { type: 'model', pattern: 'src/model' },
  { type: 'config', pattern: 'src/config' },
  { type: 'store', pattern: 'src/store' },
  ...Object.keys(FEATURES).map((name) => ({ type: `feature:${name}`, pattern: `src/${name}` })),
  { type: 'http', pattern: 'src/http' },
  { type: 'api', pattern: 'src/api' },
  { type: 'cli', pattern: 'src/cli' },
  { type: 'web', pattern: 'src/web' },
];

const BELOW_FEATURES = ['shared', 'model', 'config', 'store'];
const ALL_FEATURES = Object.keys(FEATURES).map((name) => `feature:${name}`);

/** Which layers each layer may use (besides itself). */
const ALLOWED = {
  shared: [],
  model: ['shared'],
  config: ['shared', 'model'],
  store: ['shared', 'model', 'config'],
  ...Object.fromEntries(
    Object.entries(FEATURES).map(([name, uses]) => [
      `feature:${name}`,
      [...BELOW_FEATURES, ...uses.map((used) => `feature:${used}`)],
    ]),
  ),
  http: [...BELOW_FEATURES],
  api: [...BELOW_FEATURES, ...ALL_FEATURES, 'http'],
  cli: [...BELOW_FEATURES, ...ALL_FEATURES],
  web: ['shared', 'config'],
};

/** src/app.ts and src/main.ts assemble and start the service, so they sit above every layer. */
export const ENTRY_FILES = [{ category: 'entry', pattern: 'src/*.ts' }];

export const LAYER_POLICIES = [
  ...Object.entries(ALLOWED).map(([type, uses]) => ({
    from: { element: { type } },
    allow: { to: { element: { types: { anyOf: [type, ...uses] } } } },
  })),
  { from: { file: { categories: 'entry' } }, allow: { to: { element: { type: '*' } } } },
  { from: { file: { categories: 'entry' } }, allow: { to: { file: { categories: 'entry' } } } },
];
