import { createRequire } from 'node:module';
import type { DbSchema, Neo4jFunction, Neo4jProcedure } from '@neo4j-cypher/language-support' with {
  'resolution-mode': 'import',
};
import {
  ALL_QUERIES,
  SCHEMA_STATEMENTS,
  SHORTEST_PATHS_BY_DEPTH,
  MAX_PATH_DEPTH,
} from '../../src/store/neo4j/neo4j-queries';

/**
 * Every Cypher statement the Neo4j store can send goes through Neo4j's own parser and semantic analyser
 * (`@neo4j-cypher/language-support`), with exactly the parameters the adapter sends declared: no errors,
 * no warnings of any kind (deprecations, unknown labels, relationship types, properties or functions).
 *
 * The package is an ES module with a CommonJS build; jest runs this file as CommonJS, so it is loaded with
 * `require` (its `exports` map sends that to `dist/cjs/index.cjs`) and typed from its ES declarations.
 */
type LanguageSupport = typeof import('@neo4j-cypher/language-support', {
  with: { 'resolution-mode': 'import' },
});
const { lintCypherQuery, testData } = createRequire(__filename)(
  '@neo4j-cypher/language-support',
) as LanguageSupport;

const CYPHER_5 = 'CYPHER 5';

/**
 * Functions and procedures as a Neo4j 5 server lists them. The package ships such a listing (taken from a
 * server with plugins); only the built-in functions and the `db.*` procedures are kept, which is what a
 * Neo4j 5 community server without plugins offers, so a call to a plugin (APOC, GDS) would be an error.
 */
function neo4j5Registry(): Pick<DbSchema, 'functions' | 'procedures'> {
  const functions = testData.mockSchema.functions?.[CYPHER_5] ?? {};
  const procedures = testData.mockSchema.procedures?.[CYPHER_5] ?? {};
  const builtIn: Record<string, Neo4jFunction> = Object.fromEntries(
    Object.entries(functions).filter(([, fn]) => fn.isBuiltIn),
  );
  const dbProcedures: Record<string, Neo4jProcedure> = Object.fromEntries(
    Object.entries(procedures).filter(([name]) => name.startsWith('db.')),
  );
  return { functions: { [CYPHER_5]: builtIn }, procedures: { [CYPHER_5]: dbProcedures } };
}

/** The graph model: every label, relationship type and property key the adapter reads. */
const GRAPH_SCHEMA: DbSchema = {
  defaultLanguage: CYPHER_5,
  labels: ['Actor', 'Topic', 'Document', 'Statement', 'SchemaVersion'],
  relationshipTypes: ['RELATION', 'MEMBER_OF', 'STATED', 'ON', 'SOURCED_FROM', 'SUBTOPIC_OF'],
  propertyKeys: [
    // shared
    'id',
    'search',
    // Actor
    'name',
    'aliases',
    'kind',
    'country',
    'description',
    'nameKeys',
    // Topic
    'title',
    'parentId',
    // Document
    'url',
    'outlet',
    'publishedAt',
    'language',
    'text',
    'contentHash',
    // Statement and RELATION
    'actorId',
    'topicId',
    'documentId',
    'polarity',
    'intensity',
    'statedAt',
    'datePrecision',
    'quote',
    'evidenceSentence',
    'evidenceStart',
    'evidenceEnd',
    'confidence',
    'method',
    'reviewStatus',
    'note',
    'type',
    'date',
    // MEMBER_OF
    'role',
    'from',
    'to',
    // SchemaVersion
    'version',
  ],
  ...neo4j5Registry(),
};

function lint(text: string, parameters: Record<string, unknown>) {
  return lintCypherQuery(text, { ...GRAPH_SCHEMA, parameters }).diagnostics.map((d) => ({
    severity: d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : `severity ${d.severity}`,
    message: d.message,
    at: text.slice(d.offsets.start, d.offsets.end),
  }));
}

/** `$name` references in a statement (strings in our statements never contain a `$`). */
function parameterNames(text: string): string[] {
  return [...new Set([...text.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!))].sort();
}

describe('every Cypher statement of the Neo4j store', () => {
  it('is enumerated, each with a unique name and text', () => {
    expect(ALL_QUERIES.length).toBeGreaterThan(80);
    expect(new Set(ALL_QUERIES.map((q) => q.name)).size).toBe(ALL_QUERIES.length);
    expect(new Set(ALL_QUERIES.map((q) => q.text)).size).toBe(ALL_QUERIES.length);
    for (const statement of [...SCHEMA_STATEMENTS, ...SHORTEST_PATHS_BY_DEPTH]) {
      expect(ALL_QUERIES).toContain(statement);
    }
    expect(SHORTEST_PATHS_BY_DEPTH).toHaveLength(MAX_PATH_DEPTH);
  });

  it.each(ALL_QUERIES.map((q) => [q.name, q] as const))(
    '%s passes Neo4j 5 parsing and semantic analysis with zero findings',
    (_name, query) => {
      expect(lint(query.text, query.example)).toEqual([]);
    },
  );

  it.each(ALL_QUERIES.map((q) => [q.name, q] as const))(
    '%s declares exactly the parameters it uses',
    (_name, query) => {
      expect(Object.keys(query.example).sort()).toEqual(parameterNames(query.text));
    },
  );

  it('the linter does catch what it is trusted to catch', () => {
    const findings = (text: string, parameters: Record<string, unknown> = {}) =>
      lint(text, parameters).map((f) => f.severity);
    expect(findings('MATCH (a:Actor {id: $id}) RETURN a')).toContain('error'); // undeclared parameter
    expect(findings('MATCH (a:Actor) WHERE id(a) = 1 RETURN a')).toContain('warning'); // deprecated
    expect(findings('MATCH (a:Actor) WHERE exists(a.name) RETURN a')).toContain('error'); // removed syntax
    expect(findings('MATCH (a:Actr) RETURN a.id')).toContain('warning'); // unknown label
    expect(findings('MATCH (a:Actor) RETURN a.nmae')).toContain('warning'); // unknown property
    expect(findings('MATCH ()-[r:OPPOSES]->() RETURN r.id')).toContain('warning'); // unknown type
    expect(findings('RETURN apoc.text.join(["a"], "/") AS x')).toContain('error'); // plugin function
    expect(findings('MATCH (a:Actor RETURN a')).toContain('error'); // syntax
    expect(findings('MATCH (a:Actor) RETURN count(a) AS n ORDER BY a.id')).toContain('error'); // scope
    expect(findings('MATCH p = (a:Actor)-[:RELATION*1..$depth]-(:Actor) RETURN p', { depth: 3 })).toContain(
      'error',
    ); // a variable-length bound cannot be a parameter: hence one statement per depth
    expect(
      findings('UNWIND $rows AS row CALL { WITH row CREATE (:Actor {id: row.id}) }', { rows: [] }),
    ).toContain('warning'); // importing WITH, deprecated in Neo4j 5
  });
});
