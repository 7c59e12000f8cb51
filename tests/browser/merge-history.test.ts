import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { API_ROUTES } from '../../src/api/api-routes';
import {
  describeWithChromium,
  launchChromium,
  RESULTS_DIR,
  startSeededApp,
  type RunningApp,
} from './browser-harness';

jest.setTimeout(120_000);

const TAG24 = fs.readFileSync(
  path.join(__dirname, '../fixtures/extraction/tag24-2025-10-sheinbaum-pacific-strikes.txt'),
  'utf8',
);
const XSS_IMG = '<img src=x onerror=window.__xss=1>';

interface Handle {
  nodes(): { key: string }[];
}

declare global {
  interface Window {
    __stancegraph: unknown;
    __xss?: unknown;
  }
}

/**
 * The review history and merging (issue 14's routes, built on the history branch). The page is written
 * against their contract; until the service has the routes this suite says so in one line and is skipped.
 */
const NEEDED = [
  'get /statements/{id}/history',
  'post /actors/{id}/merge',
  'post /topics/{id}/merge',
  'post /actors/{id}/split',
];
const routes = new Set(API_ROUTES.map((r) => `${r.method} ${r.path.replace('{kind}', 'statements')}`));
const missing = NEEDED.filter((route) => !routes.has(route));

function describeWithRoutes(name: string, body: () => void): void {
  if (missing.length === 0) return describeWithChromium(name, body);
  process.stderr.write(
    `stancegraph/browser-tests: skipped "${name}": the service has no ${missing.join(', ')}\n`,
  );
  describe.skip(name, body);
}

describeWithRoutes('review history, merging and splitting in a browser', () => {
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
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
    expect(await page.locator('img[src=x]').count()).toBe(0);
    await page.close();
  });

  const api = async <T>(route: string, init?: { method: string; body: unknown }): Promise<T> => {
    const response = await fetch(`${app.baseUrl}/api/${route}`, {
      method: init?.method ?? 'GET',
      headers: { 'content-type': 'application/json' },
      body: init ? JSON.stringify(init.body) : undefined,
    });
    if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };

  async function open(search: string): Promise<void> {
    await page.goto(`${app.baseUrl}/${search}`);
    await page.waitForFunction(
      () => document.body.dataset.status === 'ready' && document.body.dataset.layout === 'done',
    );
  }
  const nodeKeys = async () =>
    (await page.evaluate(() => (window.__stancegraph as Handle).nodes())).map((n) => n.key);

  it("shows a claim's review history in the reader: who, when, what, why, and the changed fields", async () => {
    const doc = await api<{ id: string }>('documents?wait=true', {
      method: 'POST',
      body: { title: 'Sheinbaum on the Pacific strikes', text: TAG24, publishedAt: '2025-10-22' },
    });
    const { statements } = await api<{
      statements: { id: string; polarity: string; evidence: { start: number } }[];
    }>(`documents/${doc.id}/extractions`);
    const target = statements.find((s) => s.polarity !== 'mixed')!;
    await open('?kind=relations');
    await page.evaluate(
      ({ documentId, start }) =>
        window.dispatchEvent(new CustomEvent('open-reader', { detail: { documentId, start } })),
      { documentId: doc.id, start: target.evidence.start },
    );
    await page.locator(`#claim-card[data-claim="${target.id}"]`).waitFor();
    await page.locator('#claim-reason').fill(`the speaker hedges ${XSS_IMG}`);
    await page.locator('#claim-edit').click();
    await page.locator('#claim-polarity').selectOption('mixed');
    await page.locator('#claim-edit-save').click();
    await page.locator(`#reader[data-reviewed="${target.id} edit"]`).waitFor();
    // Back to the reviewed claim: its history is in the card.
    const mark = page.locator(`mark[data-claims~="${target.id}"]`).first();
    for (let clicks = 0; clicks < 5; clicks++) {
      if ((await page.locator('#claim-card').getAttribute('data-claim')) === target.id) break;
      await mark.click();
    }
    const event = page.locator('#claim-history li.history-event.edited');
    await event.waitFor();
    const text = (await event.textContent())!;
    expect(text).toContain('edited by analyst');
    expect(text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(text).toContain(`“the speaker hedges ${XSS_IMG}”`);
    expect(await event.locator('.history-diff').textContent()).toContain(
      `polarity: ${target.polarity} → mixed`,
    );
    await page.screenshot({ path: path.join(RESULTS_DIR, 'desk-history.png') });
  });

  it('merges a duplicate actor into another picked by name, and the map follows', async () => {
    await api('actors', {
      method: 'POST',
      body: { id: 'c-sheinbaum', name: 'C. Sheinbaum', aliases: ['Presidenta Sheinbaum'], kind: 'official' },
    });
    await api('actors', {
      method: 'POST',
      body: { id: 'xss-sheinbaum', name: `Sheinbaum ${XSS_IMG}`, kind: 'person' },
    });
    const statement = await api<{ id: string }>('statements', {
      method: 'POST',
      body: {
        actorId: 'c-sheinbaum',
        topicId: 'unilateral-us-strikes-in-mexico',
        polarity: 'oppose',
        statedAt: '2025-05-02',
      },
    });
    await open('?kind=agreement&actor=c-sheinbaum');
    expect(await nodeKeys()).toContain('c-sheinbaum');
    await page.locator('.actor-panel[data-actor=c-sheinbaum]').waitFor();
    await page.locator('#merge-into').click();
    await page.locator('#merge-search').fill('Sheinbaum');
    await page.locator('#merge-results button[data-id=claudia-sheinbaum]').waitFor();
    // Names from the data are text in the picker.
    expect(await page.locator('#merge-results').textContent()).toContain(`Sheinbaum ${XSS_IMG}`);
    await page.locator('#merge-results button[data-id=claudia-sheinbaum]').click();
    expect(await page.locator('.merge-confirm').textContent()).toContain(
      'Merge “C. Sheinbaum” into “Claudia Sheinbaum”?',
    );
    await page.locator('#merge-reason').fill('the same person, initial only');
    await page.locator('#merge-confirm').click();
    await page.locator('.actor-panel[data-actor=claudia-sheinbaum]').waitFor();
    expect(page.url()).toContain('actor=claudia-sheinbaum');
    await page.waitForFunction(
      () => !(window.__stancegraph as Handle).nodes().some((n) => n.key === 'c-sheinbaum'),
    );
    expect((await api<{ actorId: string }>(`statements/${statement.id}`)).actorId).toBe('claudia-sheinbaum');
    // The survivor's history names the merge and its reason.
    await page.locator('#record-history summary').click();
    const merged = page.locator('#record-history li.history-event.merged');
    await merged.first().waitFor();
    expect(await merged.first().textContent()).toContain('the same person, initial only');
  });

  it('splits an alias off an actor into an actor of its own', async () => {
    await api('actors', {
      method: 'POST',
      body: {
        id: 'clan-del-golfo',
        name: 'Clan del Golfo',
        aliases: ['Gulf Clan', `Los Urabeños ${XSS_IMG}`],
        kind: 'criminal_group',
      },
    });
    await open('?kind=relations&actor=clan-del-golfo');
    await page.locator('.actor-panel[data-actor=clan-del-golfo]').waitFor();
    expect(await page.locator('.actor-panel .aliases').textContent()).toContain(`Los Urabeños ${XSS_IMG}`);
    await page.locator('#split-alias-open').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('split-alias');
    expect(await page.locator('#split-alias option').allTextContents()).toEqual([
      'Gulf Clan',
      `Los Urabeños ${XSS_IMG}`,
    ]);
    await page.locator('#split-alias').selectOption('Gulf Clan');
    await page.locator('#split-new-id').fill('gulf-clan');
    await page.locator('#merge-reason').fill('a rival faction, not the same group');
    await page.locator('#merge-confirm').click();
    await page.locator('.actor-panel[data-actor=gulf-clan]').waitFor();
    expect((await api<{ name: string }>('actors/gulf-clan')).name).toBe('Gulf Clan');
    expect((await api<{ aliases: string[] }>('actors/clan-del-golfo')).aliases).toEqual([
      `Los Urabeños ${XSS_IMG}`,
    ]);
  });

  it('merges a duplicate topic into another picked by title', async () => {
    await api('topics', {
      method: 'POST',
      body: { id: 'unilateral-strikes-dup', title: 'Unilateral strikes by the US on Mexican soil' },
    });
    const statement = await api<{ id: string }>('statements', {
      method: 'POST',
      body: {
        actorId: 'mike-vigil',
        topicId: 'unilateral-strikes-dup',
        polarity: 'oppose',
        statedAt: '2025-05-03',
      },
    });
    await open('?kind=actor-topic&topicView=unilateral-strikes-dup');
    await page.locator('.topic-panel[data-topic=unilateral-strikes-dup]').waitFor();
    await page.locator('#merge-into').click();
    await page.locator('#merge-search').fill('unilateral');
    await page.locator('#merge-results button[data-id=unilateral-us-strikes-in-mexico]').click();
    await page.locator('#merge-reason').fill('the same proposition');
    await page.locator('#merge-confirm').click();
    await page.locator('.topic-panel[data-topic=unilateral-us-strikes-in-mexico]').waitFor();
    expect((await api<{ topicId: string }>(`statements/${statement.id}`)).topicId).toBe(
      'unilateral-us-strikes-in-mexico',
    );
  });
});
