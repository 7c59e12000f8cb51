import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import ts from 'typescript';
import type { DbSchema, Neo4jFunction, Neo4jProcedure } from '@neo4j-cypher/language-support' with {
  'resolution-mode': 'import',
};
import { ConflictError } from '../../src/shared/errors';
import { ENTITY_KINDS, type EntityKind, type EntityMap } from '../../src/model/entity-kinds';
import {
  ALL_QUERIES,
  CASCADE_QUERIES,
  KIND_QUERIES,
  KIND_WRITES,
  SCHEMA_STATEMENTS,
  SHORTEST_PATHS_BY_DEPTH,
} from '../../src/store/neo4j/neo4j-queries';
import { REFERRERS } from '../../src/store/store-integrity';
import { MAX_PATH_DEPTH } from '../../src/store/graph-store';
import { createNeo4jStore } from '../../src/store/neo4j/neo4j-store';
import { toWriteRow } from '../../src/store/neo4j/neo4j-values';
import { historyEvents } from '../../src/model/history-schema';
import {
  actors,
  affiliations,
  articleSnapshot,
  document,
  relations,
  statements,
  topics,
} from '../support/article-fixtures';
import { FakeDriver, type Responder } from '../support/fake-neo4j-driver';

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
  labels: ['Actor', 'Topic', 'Document', 'Statement', 'SchemaVersion', 'HistoryEvent'],
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
    'aboutId',
    'reportedById',
    // MEMBER_OF
    'role',
    'from',
    'to',
    // SchemaVersion
    'version',
    // HistoryEvent (also id, kind, documentId)
    'at',
    'recordId',
    'doc',
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

  it('includes every statement built from the per-kind tables', () => {
    const names = new Set(ALL_QUERIES.map((q) => q.name));
    const built = ENTITY_KINDS.flatMap((kind) => {
      const { node: _node, ...writes } = KIND_WRITES[kind];
      return [
        ...Object.values(KIND_QUERIES[kind]),
        ...Object.values(writes),
        ...REFERRERS[kind].map((referrer) => CASCADE_QUERIES.get(referrer)),
      ];
    });
    expect(built).not.toContain(undefined);
    for (const query of built)
      expect({ statement: query!.name, enumerated: names.has(query!.name) }).toEqual({
        statement: query!.name,
        enumerated: true,
      });
    // Which are: get, exists, lock, keyset page, count, list and delete for each of the six kinds, the
    // referrer counts of the three kinds others refer to, one cascade step per referrer, insert and upsert
    // for the four node kinds, update in place, delete by id and create for the two relationship kinds.
    const referrers = ENTITY_KINDS.reduce((n, kind) => n + REFERRERS[kind].length, 0);
    expect(built).toHaveLength(6 * 7 + 3 + referrers + 4 * 2 + 2 * 3);
    expect(referrers).toBe(13);
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

// -----------------------------------------------------------------------------------------------------------
// No value is ever interpolated into Cypher text: checked in the source, then at run time.
// -----------------------------------------------------------------------------------------------------------

const NEO4J_DIR = path.join(__dirname, '../../src/store/neo4j');

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

function calls(source: ts.SourceFile, callee: (expression: ts.LeftHandSideExpression) => boolean) {
  const found: ts.CallExpression[] = [];
  walk(source, (node) => {
    if (ts.isCallExpression(node) && callee(node.expression)) found.push(node);
  });
  return found;
}

const isNamed = (name: string) => (e: ts.LeftHandSideExpression) => ts.isIdentifier(e) && e.text === name;
const isMethod = (name: string) => (e: ts.LeftHandSideExpression) =>
  ts.isPropertyAccessExpression(e) && e.name.text === name;

describe('Cypher text is fixed in the source', () => {
  const files = fs.readdirSync(NEO4J_DIR).filter((f) => f.endsWith('.ts'));
  const sources = Object.fromEntries(files.map((f) => [f, parse(path.join(NEO4J_DIR, f))]));

  it('statement text is a plain literal or put together by cql from the constant tables, never from a value', () => {
    const source = sources['neo4j-queries.ts']!;
    // cypher() takes a literal (a `string` typed value does not compile) or a fragment, which only cql
    // makes; cql substitutes only the literal name types of the tables and other fragments.
    const text = source.getFullText();
    expect(text).toMatch(
      /function cypher<P extends QueryParams, T extends string>\(\s*name: string,\s*text: string extends T \? never : T,/,
    );
    expect(text).toMatch(
      /type CypherPiece = NodeLabel \| EdgeType \| Variable \| Property \| PathDepth \| Fragment;/,
    );
    expect(text).toMatch(
      /function cql\(strings: TemplateStringsArray, \.\.\.pieces: CypherPiece\[\]\): Fragment/,
    );
    for (const name of ['NodeLabel', 'EdgeType', 'Variable', 'Property', 'PathDepth']) {
      const alias = source.statements.find(
        (s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === name,
      );
      expect({ name, declared: alias !== undefined }).toEqual({ name, declared: true });
      // A union of string or number literals (or the element type of a constant tuple of them).
      expect(alias!.type.getText()).toMatch(
        /^(\(typeof [A-Z_]+\)\[number\]|\s*\|?\s*('[\w]+'|\d+)(\s*\|\s*('[\w]+'|\d+))*)$/,
      );
    }
    // The only templates with substitutions are cql's, the statement names (the first argument of
    // cypher()) and error messages; a value spliced into text anywhere else would be one of these.
    const cypherNames = new Set(calls(source, isNamed('cypher')).map((call) => call.arguments[0]));
    const offenders: string[] = [];
    walk(source, (node) => {
      if (!ts.isTemplateExpression(node)) return;
      const tagged = ts.isTaggedTemplateExpression(node.parent) && node.parent.tag.getText() === 'cql';
      const errorMessage = ts.isNewExpression(node.parent) && node.parent.expression.getText() === 'Error';
      if (!tagged && !cypherNames.has(node) && !errorMessage) offenders.push(node.getText());
    });
    expect(offenders).toEqual([]);
    // Nor is text concatenated with `+` outside Cypher itself.
    const concatenations: string[] = [];
    walk(source, (node) => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
        concatenations.push(node.getText());
    });
    expect(concatenations).toEqual([]);
  });

  it('statements are defined in neo4j-queries.ts only', () => {
    for (const [file, source] of Object.entries(sources)) {
      if (file !== 'neo4j-queries.ts')
        expect({ file, definitions: calls(source, isNamed('cypher')).length }).toEqual({
          file,
          definitions: 0,
        });
    }
  });

  it('the only call that sends a statement passes the text of a CypherQuery, and nothing else calls run', () => {
    const runs = Object.entries(sources).flatMap(([file, source]) =>
      calls(source, isMethod('run')).map((call) => ({ file, firstArgument: call.arguments[0]?.getText() })),
    );
    expect(runs).toEqual([{ file: 'neo4j-session.ts', firstArgument: 'query.text' }]);
    // ... and that function only accepts a CypherQuery, whose brand only neo4j-queries.ts can produce.
    const session = fs.readFileSync(path.join(NEO4J_DIR, 'neo4j-session.ts'), 'utf8');
    expect(session).toMatch(
      /export async function runQuery<P extends QueryParams>\(\s*tx: QueryRunner,\s*query: CypherQuery<P>,/,
    );
  });

  it('neo4j-driver is used inside src/store/neo4j only, so its values never travel further up', () => {
    const offenders: string[] = [];
    const scan = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) scan(file);
        else if (entry.name.endsWith('.ts') && !file.startsWith(NEO4J_DIR + path.sep)) {
          if (/from 'neo4j-driver'|require\('neo4j-driver'\)/.test(fs.readFileSync(file, 'utf8')))
            offenders.push(file);
        }
      }
    };
    scan(path.join(__dirname, '../../src'));
    expect(offenders).toEqual([]);
  });
});

describe('at run time, every value travels as a parameter', () => {
  const HOSTILE = {
    id: "zz-x'}) DETACH DELETE n //",
    ref: 'zz-ref" OR true RETURN 1 //',
    name: '`) MATCH (n) DETACH DELETE n //',
    q: '$q } CALL db.labels() YIELD label RETURN label //',
    hash: "sha256:'; DROP CONSTRAINT actor_id //",
    text: 'UNWIND range(1, 1000000) AS i CREATE (:Actor)',
  };
  const textByQuery = new Map(ALL_QUERIES.map((q) => [q.text, q] as const));

  const sampleProps = (kind: EntityKind, id: string): Record<string, unknown> => {
    const samples: { [K in EntityKind]: EntityMap[K] } = {
      actors: actors.sheinbaum,
      topics: topics.unilateral,
      documents: document,
      statements: statements.sheinbaumOpposes,
      relations: relations.hegsethWarnsMexico,
      affiliations: affiliations.sheinbaumLeadsMexico,
    };
    const row = toWriteRow(kind, { ...samples[kind], id });
    const ends =
      kind === 'relations'
        ? { sourceId: row.startId, targetId: row.endId }
        : kind === 'affiliations'
          ? { memberId: row.startId, organizationId: row.endId }
          : {};
    return { ...row.props, ...ends };
  };

  const kindOf = (name: string): EntityKind => {
    const match = /(Actor|Topic|Document|Statement|Relation|Affiliation)s?(?:Ids)?$/.exec(name)?.[1];
    return `${match!.toLowerCase()}s` as EntityKind;
  };

  /** Ids the fake database does not have (the records about to be created). */
  const absent = new Set<string>([HOSTILE.id]);

  const respond: Responder = ({ text, params }) => {
    const query = textByQuery.get(text);
    if (!query) return [];
    const name = query.name;
    const ids = (params.ids as string[] | undefined) ?? [];
    if (name === 'schemaVersion') return [{ version: neo4j.int(0) }]; // a database from before versioning
    if (name.startsWith('existing')) return ids.filter((id) => !absent.has(id)).map((id) => ({ id }));
    if (name.startsWith('get')) {
      return ids.filter((id) => !absent.has(id)).map((id) => ({ props: sampleProps(kindOf(name), id) }));
    }
    if (name.startsWith('lock')) return [{ props: sampleProps(kindOf(name), params.id as string) }];
    if (name.startsWith('readAll')) {
      return params.after === '' ? [{ props: sampleProps(kindOf(name), 'only-record') }] : [];
    }
    if (name.startsWith('count') && name !== 'counts') return [{ total: neo4j.int(1) }];
    if (name === 'listHistory') return [{ doc: JSON.stringify(hostileEvent) }];
    if (name.startsWith('list')) return [{ props: sampleProps(kindOf(name), 'listed') }];
    if (name === 'counts') return [Object.fromEntries(ENTITY_KINDS.map((k) => [k, neo4j.int(1)]))];
    if (name.endsWith('Referrers')) {
      return [{ counts: [...query.text.matchAll(/COUNT \{/g)].map(() => neo4j.int(1)) }];
    }
    if (name === 'findActorsByName') return [{ props: sampleProps('actors', 'found') }];
    if (name === 'findDocumentByHash') return [{ props: sampleProps('documents', 'found') }];
    if (name === 'acceptedRelations') return [{ props: sampleProps('relations', 'related') }];
    if (name.startsWith('currentStances')) return [{ props: sampleProps('statements', 'current') }];
    if (name === 'stancePairs') {
      return [
        {
          topicId: topics.strikes.id,
          first: sampleProps('statements', 'first'),
          second: sampleProps('statements', 'second'),
        },
      ];
    }
    if (name === 'rankedCounterparts') return [{ total: neo4j.int(1), page: ['related'] }];
    if (name === 'relationsWithCounterparts') {
      const ends = { sourceId: params.actorId, targetId: 'related' };
      return [{ props: { ...sampleProps('relations', 'between'), ...ends } }];
    }
    if (name === 'stancePairsWithCounterparts') {
      return [
        {
          topicId: topics.strikes.id,
          first: sampleProps('statements', 'mine'),
          second: { ...sampleProps('statements', 'theirs'), actorId: 'related' },
        },
      ];
    }
    if (name.startsWith('shortestPaths')) {
      const props = sampleProps('relations', 'hop');
      const { sourceId, targetId, ...relationProps } = props;
      return [
        {
          hops: [
            {
              from: targetId,
              to: sourceId,
              type: 'RELATION',
              startId: sourceId,
              endId: targetId,
              props: relationProps,
            },
          ],
        },
      ];
    }
    if (name === 'deleteSomeRecords') return [{ deleted: neo4j.int(0) }];
    if (name === 'ping') return [{ ok: neo4j.int(1) }];
    return [];
  };

  const [hostileEvent] = historyEvents(
    [{ kind: 'actors', action: 'edited', before: null, after: { ...actors.vigil, id: HOSTILE.ref } }],
    { by: HOSTILE.name, at: '2025-04-11T09:30:00.000Z', reason: HOSTILE.text, documentId: HOSTILE.ref },
  );

  it('sends only the enumerated statements, with exactly their declared parameters, and every one of them', async () => {
    const driver = new FakeDriver(respond);
    const store = createNeo4jStore(
      { uri: 'neo4j://localhost:7687', username: 'neo4j', password: 'not-used', database: 'stancegraph' },
      { driver },
    );

    // Records, with hostile ids, names and text.
    const actor = { ...actors.vigil, id: HOSTILE.id, name: HOSTILE.name, aliases: [HOSTILE.text] };
    await store.create('actors', actor);
    await store.create('topics', { ...topics.unilateral, id: HOSTILE.id, parentId: HOSTILE.ref });
    await store.create('documents', {
      ...document,
      id: HOSTILE.id,
      contentHash: HOSTILE.hash,
      text: HOSTILE.text,
    });
    await store.create('statements', {
      ...statements.sheinbaumOpposes,
      id: HOSTILE.id,
      actorId: HOSTILE.ref,
    });
    await store.create('relations', {
      ...relations.hegsethWarnsMexico,
      id: HOSTILE.id,
      targetId: HOSTILE.ref,
    });
    await store.create('affiliations', {
      ...affiliations.hegsethInGovernment,
      id: HOSTILE.id,
      memberId: HOSTILE.ref,
    });
    for (const kind of ENTITY_KINDS) {
      await store.get(kind, HOSTILE.ref);
      await store.getMany(kind, [HOSTILE.ref, 'other']);
      await store.update(kind, HOSTILE.ref, (current) => ({ ...current }));
      if (kind === 'actors' || kind === 'topics' || kind === 'documents') {
        await expect(store.delete(kind, HOSTILE.ref)).rejects.toBeInstanceOf(ConflictError);
      }
      await store.delete(kind, HOSTILE.ref, { cascade: true });
      for await (const batch of store.readAll(kind, 1)) expect(batch).toHaveLength(1);
    }
    await store.update('actors', HOSTILE.ref, (current) => ({ ...current, name: HOSTILE.name }));

    // Lists with every filter set.
    const page = { limit: 10, offset: 5 };
    const window = { from: '2025-01-01', to: '2025-12-31' };
    await store.list('actors', {
      ...page,
      q: HOSTILE.q,
      kind: 'official',
      country: 'MX',
      reviewStatus: 'proposed',
    });
    await store.list('topics', { ...page, q: HOSTILE.q, parentId: HOSTILE.ref, reviewStatus: 'proposed' });
    await store.list('documents', { ...page, q: HOSTILE.q, outlet: HOSTILE.name, ...window });
    await store.list('statements', {
      ...page,
      actorId: HOSTILE.ref,
      topicId: HOSTILE.ref,
      documentId: HOSTILE.ref,
      polarity: 'oppose',
      reviewStatus: 'accepted',
      method: 'manual',
      ...window,
    });
    await store.list('relations', {
      ...page,
      actorId: HOSTILE.ref,
      sourceId: HOSTILE.ref,
      targetId: HOSTILE.ref,
      type: ['warns'],
      topicId: HOSTILE.ref,
      documentId: HOSTILE.ref,
      reviewStatus: 'accepted',
      ...window,
    });
    await store.list('affiliations', {
      ...page,
      memberId: HOSTILE.ref,
      organizationId: HOSTILE.ref,
      reviewStatus: 'rejected',
    });
    await store.findActorsByName(HOSTILE.name);
    await store.findDocumentByHash(HOSTILE.hash);
    await store.searchText({
      terms: [HOSTILE.q],
      kinds: ['statements', 'relations', 'documents'],
      reviewStatuses: ['accepted'],
      limit: 10,
      offset: 0,
    });

    // Relationship queries, every path depth.
    await store.relations({ actorId: HOSTILE.ref, types: ['warns'], topicId: HOSTILE.ref, window });
    await store.currentStances({ actorId: HOSTILE.ref, topicId: HOSTILE.ref, window });
    await store.currentStances({ topicId: HOSTILE.ref, window });
    await store.currentStances({ window });
    await store.stancePairs({ actorId: HOSTILE.ref, topicId: HOSTILE.ref, window, agreement: 'opposite' });
    const counterparts = await store.counterparts({
      actorId: HOSTILE.ref,
      types: ['warns'],
      agreement: 'opposite',
      topicId: HOSTILE.ref,
      window,
      limit: 10,
      offset: 5,
    });
    expect(counterparts.items.map((c) => [c.actorId, c.relations.length, c.stancePairs.length])).toEqual([
      ['related', 1, 1],
    ]);
    for (let maxDepth = 1; maxDepth <= MAX_PATH_DEPTH; maxDepth++) {
      const paths = await store.shortestPaths({
        fromId: HOSTILE.ref,
        toId: 'pete-hegseth',
        maxDepth,
        limit: 3,
      });
      expect(paths[0]![0]!.edge.kind).toBe('relation');
    }

    // A change with its history, and the history read back with every filter set.
    await store.commit({
      upsert: { actors: [{ ...actor, id: HOSTILE.ref }] },
      remove: { statements: [HOSTILE.ref] },
      history: [hostileEvent!],
    });
    const history = await store.history({
      kind: 'actors',
      recordId: HOSTILE.ref,
      documentId: HOSTILE.ref,
      limit: 10,
      offset: 5,
    });
    expect(history).toEqual({ items: [hostileEvent], total: 1 });

    // Bulk and upkeep.
    await store.upsertSnapshot({
      ...articleSnapshot(),
      actors: [...Object.values(actors), { ...actor, id: HOSTILE.ref }],
    });
    expect(await store.counts()).toEqual(Object.fromEntries(ENTITY_KINDS.map((k) => [k, 1])));
    expect(await store.health()).toEqual({ ok: true, backend: 'neo4j' });
    await store.deleteEverything();
    await store.close();

    // Only known statements, each with exactly the parameters the lint test declared for it.
    for (const sent of driver.sent) {
      const query = textByQuery.get(sent.text);
      expect(query ? 'a known statement' : sent.text).toBe('a known statement');
      expect({ statement: query!.name, parameters: Object.keys(sent.params).sort() }).toEqual({
        statement: query!.name,
        parameters: Object.keys(query!.example).sort(),
      });
      expect(sent.database).toBe('stancegraph');
    }
    // Every enumerated statement is one the adapter really sends: the list is exactly the adapter's.
    const sentNames = new Set(driver.sent.map((s) => textByQuery.get(s.text)!.name));
    expect(ALL_QUERIES.map((q) => q.name).filter((name) => !sentNames.has(name))).toEqual([]);

    // Every hostile value reached Neo4j, and only ever as a parameter.
    const allParams = JSON.stringify(driver.sent.map((s) => s.params));
    for (const [what, value] of Object.entries(HOSTILE)) {
      const asSent = what === 'q' ? value.toLowerCase() : value; // `?q=` is matched lower-cased
      expect({ what, inParameters: allParams.includes(JSON.stringify(asSent).slice(1, -1)) }).toEqual({
        what,
        inParameters: true,
      });
      for (const sent of driver.sent) expect(sent.text).not.toContain(value);
    }
    expect(driver.openSessions).toBe(0);
    expect(driver.closed).toBe(true);
  });
});
