import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { parse as parseCsv } from 'csv-parse/sync';
import request from 'supertest';
import { PROJECT_ROOT } from '../../src/config/config';
import { startTestApp, type TestApp } from '../support/test-app';

const GEXF_XSD = path.join(path.resolve(PROJECT_ROOT, '../shared'), 'schemas/gexf-1.3/gexf.xsd');
const KINDS = ['agreement', 'conflict', 'subtract', 'actor-topic', 'relations', 'affiliation'] as const;

const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
const hasNetworkx = spawnSync('python3', ['-c', 'import networkx']).status === 0;

describe('exports of the seed network', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-exports-'));
  });
  afterAll(async () => {
    await t.store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const exported = async (kind: string, format: string, query: Record<string, string> = {}) => {
    const res = await request(t.app)
      .get('/api/network')
      .query({ kind, format, ...query })
      .expect(200);
    return res;
  };
  const json = async (kind: string) =>
    Graph.from((await request(t.app).get('/api/network').query({ kind }).expect(200)).body);

  it('writes GEXF 1.3 that parses back into the same graph, as a download', async () => {
    for (const kind of KINDS) {
      const res = await exported(kind, 'gexf');
      expect(res.headers['content-type']).toMatch(/^application\/gexf\+xml/);
      expect(res.headers['content-disposition']).toContain(`stancegraph-${kind}.gexf`);
      const original = await json(kind);
      // graphology's parser knows no dynamic attributes: it reads the dynamic weight as an undeclared
      // attribute and keeps its last value, which is the weight at the end of the window.
      const parsed = parseGexf(Graph, res.text, { allowUndeclaredAttributes: true });
      expect(parsed.nodes().sort()).toEqual(original.nodes().sort());
      expect(parsed.edges().sort()).toEqual(original.edges().sort());
      original.forEachNode((node, attributes) => {
        expect(parsed.getNodeAttribute(node, 'label')).toBe(attributes.label);
        if ('activity' in attributes)
          expect(parsed.getNodeAttribute(node, 'activity')).toBe(attributes.activity);
      });
      original.forEachEdge((edge, attributes) => {
        if (typeof attributes.weight === 'number')
          expect(Number(parsed.getEdgeAttribute(edge, 'weight'))).toBe(attributes.weight);
        for (const name of ['tone', 'derived', 'confidence', 'date', 'topics']) {
          if (name in attributes) expect(parsed.getEdgeAttribute(edge, name)).toEqual(attributes[name]);
        }
      });
    }
  });

  it('gives GEXF a timeline from the statement dates, so Gephi plays the network as it grew', async () => {
    const gexf = (await exported('actor-topic', 'gexf')).text;
    expect(gexf).toMatch(/<graph [^>]*mode="dynamic"/);
    expect(gexf).toMatch(/<graph [^>]*timeformat="date"/);
    // Trump's 2020 question to Esper puts him on record from 2020; his current stance dates from 2025,
    // and everyone else appears on 2025-04-10.
    expect(gexf).toMatch(/<node id="donald-trump"[^>]*start="2020-01-01"/);
    expect(gexf).toMatch(/<edge id="st-trump-mind-games-on-strikes"[^>]*start="2025-04-10"/);
    expect(gexf).toMatch(/<node id="claudia-sheinbaum"[^>]*start="2025-04-10"/);
    const agreement = (await exported('agreement', 'gexf')).text;
    expect(agreement).toContain(
      '<attributes class="edge" mode="dynamic"><attribute id="weight" title="Weight" type="double"/></attributes>',
    );
    expect(agreement).toMatch(/<attvalue for="weight" value="1" start="2025-04-10"\/>/);
  });

  (hasXmllint && fs.existsSync(GEXF_XSD) ? it : it.skip)(
    'validates every GEXF export against the GEXF 1.3 schema',
    async () => {
      for (const kind of KINDS) {
        const file = path.join(dir, `${kind}.gexf`);
        fs.writeFileSync(file, (await exported(kind, 'gexf')).text);
        execFileSync('xmllint', ['--noout', '--schema', GEXF_XSD, file], { stdio: 'pipe' });
      }
    },
  );
  if (!hasXmllint || !fs.existsSync(GEXF_XSD)) {
    console.log(
      `skipped GEXF schema validation: ${hasXmllint ? `no schema at ${GEXF_XSD}` : 'xmllint is not installed'}`,
    );
  }

  it('writes GraphML with typed keys that parses back into the same graph', async () => {
    for (const kind of KINDS) {
      const res = await exported(kind, 'graphml');
      expect(res.headers['content-type']).toMatch(/^application\/graphml\+xml/);
      const original = await json(kind);
      const parsed = parseGraphml(Graph, res.text);
      expect(parsed.nodes().sort()).toEqual(original.nodes().sort());
      expect(parsed.edges().sort()).toEqual(original.edges().sort());
      original.forEachEdge((edge, attributes) => {
        for (const name of ['weight', 'confidence', 'derived', 'date']) {
          if (name in attributes) expect(parsed.getEdgeAttribute(edge, name)).toEqual(attributes[name]);
        }
      });
      expect(res.text).not.toMatch(/attr\.type="(?!boolean|int|long|double|string)/);
    }
  });

  (hasNetworkx ? it : it.skip)(
    'writes GraphML (and GEXF) that networkx loads with its weights and types',
    async () => {
      const file = path.join(dir, 'agreement.graphml');
      fs.writeFileSync(file, (await exported('agreement', 'graphml')).text);
      const gexf = path.join(dir, 'agreement-for-networkx.gexf');
      fs.writeFileSync(gexf, (await exported('agreement', 'gexf')).text);
      const script = [
        'import json, sys, networkx as nx',
        'g = nx.read_graphml(sys.argv[1])',
        'e = g.edges["claudia-sheinbaum", "gustavo-flores-macias"]',
        'x = nx.read_gexf(sys.argv[2])',
        'print(json.dumps({"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "weight": e["weight"], "derived": e["derived"], "label": g.nodes["claudia-sheinbaum"]["label"], "gexf": [x.number_of_nodes(), x.number_of_edges()]}))',
      ].join('\n');
      const out = JSON.parse(execFileSync('python3', ['-c', script, file, gexf], { encoding: 'utf8' }));
      const original = await json('agreement');
      expect(out).toEqual({
        nodes: original.order,
        edges: original.size,
        weight: 1,
        derived: true,
        label: 'Claudia Sheinbaum',
        gexf: [original.order, original.size],
      });
    },
  );
  if (!hasNetworkx) console.log('skipped the networkx check: python3 has no networkx');

  it('writes the statements table one row per statement, in the coder shape', async () => {
    const res = await exported('agreement', 'csv');
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parseCsv(res.text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(15);
    const sheinbaum = rows.find((r) => r.statement_id === 'st-sheinbaum-rejects-interference')!;
    expect(sheinbaum).toMatchObject({
      actor: 'claudia-sheinbaum',
      organization: 'mexican-government',
      topic: 'unilateral-us-strikes-in-mexico',
      agreement: '0',
      polarity: 'oppose',
      date: '2025-04-10',
      quote: 'We reject any form of interference',
    });
    expect(sheinbaum.source).toContain("The White House is considering a drone attack on Mexico's cartels");
    const window = parseCsv((await exported('agreement', 'csv', { to: '2020-12-31' })).text, {
      columns: true,
    }) as Record<string, string>[];
    expect(window.map((r) => r.statement_id)).toEqual(['st-trump-2020-asked-esper-about-missile-strikes']);
  });

  it('writes Cytoscape.js elements and graphology JSON', async () => {
    const cy = JSON.parse((await exported('conflict', 'cytoscape')).text);
    const original = await json('conflict');
    expect(cy.elements.nodes).toHaveLength(original.order);
    expect(cy.elements.edges).toHaveLength(original.size);
    expect(cy.elements.nodes[0].data).toMatchObject({ id: expect.any(String), name: expect.any(String) });
    for (const e of cy.elements.edges) expect(original.hasEdge(e.data.source, e.data.target)).toBe(true);
    const graphology = await exported('conflict', 'graphology');
    expect(Graph.from(JSON.parse(graphology.text)).size).toBe(original.size);
  });

  it('refuses an unknown format naming the field', async () => {
    const res = await request(t.app).get('/api/network').query({ format: 'pajek' }).expect(422);
    expect(res.body.errors[0].field).toBe('format');
  });
});
