import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expectNetworkxReads } from '../support/networkx';
import {
  describeWithChromium,
  launchChromium,
  RESULTS_DIR,
  startSeededApp,
  type RunningApp,
} from './browser-harness';

jest.setTimeout(90_000);

interface DrawnNode {
  key: string;
  label: string;
  kind: string;
  x: number;
  y: number;
}

interface Handle {
  nodes(): DrawnNode[];
  edges(): { key: string; source: string; target: string; tone: string; evidence: number }[];
  viewportPosition(node: string): { x: number; y: number } | undefined;
  highlighted(): string[];
  exports(): { gexf: string; graphml: string } | undefined;
  state(): Record<string, unknown>;
}

declare global {
  interface Window {
    __stancegraph: unknown;
    __xss?: unknown;
  }
}

const XSS_IMG = '<img src=x onerror=window.__xss=1>';
const XSS_SCRIPT = '<script>window.__xss=1</script>';

describeWithChromium('the stance map in a browser', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    app = await startSeededApp();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  });

  afterEach(async () => {
    await page.close();
  });

  /** Opens the page and waits until the network is drawn and its layout has settled. */
  async function open(search = ''): Promise<void> {
    await page.goto(`${app.baseUrl}/${search}`);
    await settled();
  }

  async function settled(): Promise<void> {
    await page.waitForFunction(
      () => document.body.dataset.status === 'ready' && document.body.dataset.layout === 'done',
    );
  }

  const nodes = () => page.evaluate(() => (window.__stancegraph as Handle).nodes());
  const labels = async () => (await nodes()).map((n) => n.label).sort();

  /** Changes a control as a user would, then waits for the redrawn, settled map. */
  async function change(selector: string, value: string): Promise<void> {
    const before = await page.evaluate(() => window.location.search);
    await page.evaluate(
      ({ selector, value }) => {
        const input = document.querySelector<HTMLInputElement | HTMLSelectElement>(selector)!;
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
      },
      { selector, value },
    );
    await page.waitForFunction((previous) => window.location.search !== previous, before);
    await settled();
  }

  it('draws the seed network with the actors of the article, a legend and an explanation', async () => {
    await open();
    const drawn = await labels();
    expect(drawn).toEqual(
      expect.arrayContaining([
        'Claudia Sheinbaum',
        'Pete Hegseth',
        'Donald Trump',
        'US government',
        'Mexico',
      ]),
    );
    await expect(page.locator('h1').textContent()).resolves.toContain('who opposes whom');
    await expect(page.locator('#legend').textContent()).resolves.toContain('opposes');
    await expect(page.locator('#status').textContent()).resolves.toMatch(/\d+ nodes, \d+ links/);
    // The overview answers the newcomer's question before any click.
    await page.locator('.overview-panel li').first().waitFor();
    await expect(page.locator('.overview-panel').textContent()).resolves.toContain(
      'We reject any form of interference',
    );
    // Sigma drew into its WebGL canvases.
    expect(await page.locator('#graph canvas').count()).toBeGreaterThan(1);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'stance-map.png') });
  });

  it('keeps every node in the same place across reloads', async () => {
    await open('?kind=relations');
    const first = await nodes();
    await page.reload();
    await settled();
    const second = await nodes();
    expect(second).toEqual(first);
  });

  it('filters by topic and by time window, and keeps the filters in the URL', async () => {
    await open();
    const all = await labels();

    await change('#topic', 'us-surveillance-flights-over-mexico');
    const onTopic = await labels();
    expect(onTopic).toEqual(['Mexican government', 'NBC News', 'US intelligence services', 'US military']);
    expect(page.url()).toContain('topic=us-surveillance-flights-over-mexico');
    await expect(page.locator('#status').textContent()).resolves.toContain('4 nodes');

    await change('#topic', '');
    expect(await labels()).toEqual(all);

    // The slider steps through statement dates (2020-01-01, 2025-04-10): up to 2020 leaves Trump's 2020 plan.
    await change('#to', '0');
    expect(page.url()).toContain('to=2020-01-01');
    expect(await labels()).toEqual(['Donald Trump', 'Mexican drug cartels']);
    await expect(page.locator('#window-label').textContent()).resolves.toContain('2020-01-01');

    // A shared link restores the same view.
    const shared = page.url();
    await page.goto('about:blank');
    await page.goto(shared);
    await settled();
    expect(await labels()).toEqual(['Donald Trump', 'Mexican drug cartels']);
  });

  it('filters by relation type, actor kind and minimum evidence', async () => {
    await open();
    const before = await labels();
    await page.locator('#types input[value=reports_on]').uncheck();
    await page.waitForFunction(() => window.location.search.includes('types='));
    await settled();
    const withoutMedia = await nodes();
    expect(withoutMedia.some((n) => n.kind === 'media')).toBe(false);
    expect(withoutMedia.length).toBeLessThan(before.length);

    await page.locator('#kinds input[data-kind=official]').uncheck();
    await page.waitForFunction(() => window.location.search.includes('hideKinds=official'));
    await settled();
    expect((await nodes()).some((n) => n.kind === 'official')).toBe(false);

    await open('?kind=relations&minEvidence=2');
    const edges = await page.evaluate(() => (window.__stancegraph as Handle).edges());
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.every((e) => e.evidence >= 2)).toBe(true);
  });

  it("shows Claudia Sheinbaum's quote, stances, opponents and affiliations when her node is clicked", async () => {
    await open();
    // Let the camera come to rest, then click where sigma draws her.
    await page.waitForTimeout(300);
    const position = await page.evaluate(() =>
      (window.__stancegraph as Handle).viewportPosition('claudia-sheinbaum'),
    );
    const box = (await page.locator('#graph').boundingBox())!;
    await page.mouse.click(box.x + position!.x, box.y + position!.y);
    const panel = page.locator('.actor-panel[data-actor=claudia-sheinbaum]');
    await panel.waitFor();
    const text = await panel.textContent();
    expect(text).toContain('We reject any form of interference');
    expect(text).toContain('President of Mexico');
    expect(text).toContain('Opponents');
    expect(text).toContain('US government');
    expect(page.url()).toContain('actor=claudia-sheinbaum');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'stance-map-sheinbaum.png') });
  });

  it('highlights the neighbours of the actor under the pointer', async () => {
    await open();
    await page.waitForTimeout(300);
    const position = await page.evaluate(() =>
      (window.__stancegraph as Handle).viewportPosition('claudia-sheinbaum'),
    );
    const box = (await page.locator('#graph').boundingBox())!;
    await page.mouse.move(box.x + position!.x, box.y + position!.y);
    await page.waitForFunction(() => (window.__stancegraph as Handle).highlighted().length > 0);
    const highlighted = await page.evaluate(() => (window.__stancegraph as Handle).highlighted());
    expect(highlighted.sort()).toEqual(['claudia-sheinbaum', 'los-angeles-times', 'us-government']);
    await page.mouse.move(box.x + 5, box.y + 5);
    await page.waitForFunction(() => (window.__stancegraph as Handle).highlighted().length === 0);
  });

  it('finds an actor by name from the search box', async () => {
    await open();
    await page.locator('#search').fill('hegseth');
    await page.locator('#search').press('Enter');
    const panel = page.locator('.actor-panel[data-actor=pete-hegseth]');
    await panel.waitFor();
    expect(await panel.textContent()).toContain('Secretary of Defense');
  });

  it('shows the evidence behind a line when it is clicked', async () => {
    await open();
    await page.waitForTimeout(300);
    const [from, to] = await page.evaluate(() =>
      ['donald-trump', 'mexican-drug-cartels'].map((node) =>
        (window.__stancegraph as Handle).viewportPosition(node),
      ),
    );
    const box = (await page.locator('#graph').boundingBox())!;
    await page.mouse.click(box.x + (from!.x + to!.x) / 2, box.y + (from!.y + to!.y) / 2);
    const panel = page.locator('.edge-panel');
    await panel.waitFor();
    expect(await panel.textContent()).toContain('to destroy the drug labs');
    expect(page.url()).toContain('edge=donald-trump-%3Emexican-drug-cartels');
  });

  it("shows an edge's evidence when it is chosen", async () => {
    await open('?kind=relations&edge=claudia-sheinbaum-%3Eus-government');
    const panel = page.locator('.edge-panel');
    await panel.waitFor();
    expect(await panel.textContent()).toContain('We reject any form of interference');
  });

  it('shows a topic view: actors grouped by stance and a timeline of statements', async () => {
    await open('?kind=actor-topic&topic=unilateral-us-strikes-in-mexico');
    const panel = page.locator('.topic-panel');
    await panel.waitFor();
    const support = await panel.locator('.group-support').textContent();
    const oppose = await panel.locator('.group-oppose').textContent();
    expect(support).toContain('Ronald Johnson');
    expect(oppose).toContain('Claudia Sheinbaum');
    expect(oppose).toContain('Gustavo Flores-Macias');
    expect(await panel.locator('svg.timeline circle').count()).toBe(4);
  });

  it('exports the current filter as GEXF and GraphML, and the view as PNG', async () => {
    await open('?kind=conflict');
    const files = await page.evaluate(() => (window.__stancegraph as Handle).exports());
    expect(files!.gexf).toContain('<gexf');
    expect(files!.gexf).toContain('Claudia Sheinbaum');
    expectNetworkxReads(files!.gexf);
    expect(files!.graphml).toContain('<graphml');
    expect(files!.graphml).toContain('id="claudia-sheinbaum"');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#export-png').click(),
    ]);
    expect(download.suggestedFilename()).toBe('stancegraph-conflict.png');
  });

  it('renders markup in names, titles and quotes as text and runs none of it', async () => {
    const post = async (kind: string, body: unknown) => {
      // Documents are read as jobs; waiting makes the post a plain create.
      const url = `${app.baseUrl}/api/${kind}${kind === 'documents' ? '?wait=true' : ''}`;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(201);
    };
    await post('documents', {
      id: 'xss-document',
      title: `Leaked memo ${XSS_IMG}`,
      outlet: `Outlet ${XSS_SCRIPT}`,
      // The quotes below must occur in the text: every claim's quote is checked against its document.
      text: `A text. Strike now ${XSS_IMG} ${XSS_SCRIPT}. She is wrong ${XSS_SCRIPT}.`,
      format: 'text',
    });
    await post('actors', { id: 'xss-actor', name: `Mallory ${XSS_IMG} ${XSS_SCRIPT}`, kind: 'person' });
    await post('statements', {
      id: 'xss-statement',
      actorId: 'xss-actor',
      topicId: 'unilateral-us-strikes-in-mexico',
      polarity: 'support',
      statedAt: '2025-05-01',
      quote: `Strike now ${XSS_IMG} ${XSS_SCRIPT}`,
      documentId: 'xss-document',
    });
    await post('relations', {
      id: 'xss-relation',
      sourceId: 'xss-actor',
      targetId: 'claudia-sheinbaum',
      type: 'attacks',
      date: '2025-05-01',
      quote: `She is wrong ${XSS_SCRIPT}`,
      documentId: 'xss-document',
    });
    try {
      await open('?kind=relations&actor=xss-actor');
      const panel = page.locator('.actor-panel[data-actor=xss-actor]');
      await panel.waitFor();
      await page.locator('.actor-panel .source a', { hasText: 'Leaked memo' }).first().waitFor();
      const text = await panel.textContent();
      expect(text).toContain(XSS_IMG);
      expect(text).toContain(XSS_SCRIPT);
      expect(text).toContain(`Leaked memo ${XSS_IMG} (Outlet ${XSS_SCRIPT})`);
      await page.goto(`${app.baseUrl}/?kind=relations&edge=xss-actor-%3Eclaudia-sheinbaum`);
      await page.locator('.edge-panel').waitFor();
      expect(await page.locator('.edge-panel').textContent()).toContain(`She is wrong ${XSS_SCRIPT}`);
      await page.goto(`${app.baseUrl}/?kind=actor-topic&topic=unilateral-us-strikes-in-mexico`);
      await page.locator('.topic-panel').waitFor();
      expect(await page.locator('.topic-panel').textContent()).toContain(`Strike now ${XSS_IMG}`);
      await page.locator('.overview-panel, .topic-panel').first().waitFor();
      // Nothing ran, and no element was made from the data.
      expect(await page.evaluate(() => window.__xss)).toBeUndefined();
      expect(await page.locator('img[src=x]').count()).toBe(0);
      expect(await page.locator('#panel script').count()).toBe(0);
    } finally {
      await fetch(`${app.baseUrl}/api/actors/xss-actor?cascade=true`, { method: 'DELETE' });
      await fetch(`${app.baseUrl}/api/documents/xss-document?cascade=true`, { method: 'DELETE' });
    }
  });
});
