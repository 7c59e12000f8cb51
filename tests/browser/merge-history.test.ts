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
    expect(await page.locator('#records-outcome').textContent()).toBe(
      'Merged “C. Sheinbaum” into “Claudia Sheinbaum”: 1 statement, 0 relations and 0 affiliations moved.',
    );
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

  it('splits an alias off with the records the analyst ticks, and only those move', async () => {
    await api('actors', {
      method: 'POST',
      body: {
        id: 'clan-del-golfo',
        name: 'Clan del Golfo',
        aliases: ['Gulf Clan', `Los Urabeños ${XSS_IMG}`],
        kind: 'criminal_group',
      },
    });
    const statement = (body: object) => api<{ id: string }>('statements', { method: 'POST', body });
    // Names the alias: ticked to begin with, and moves.
    const answersOffensive = await statement({
      actorId: 'clan-del-golfo',
      topicId: 'military-approach-to-cartels',
      polarity: 'oppose',
      statedAt: '2025-09-03',
      quote:
        'The Gulf Clan said it would answer any military offensive with an armed strike along the Caribbean coast.',
    });
    // Does not name it: unticked to begin with; the analyst ticks it.
    const refusesDisarming = await statement({
      actorId: 'clan-del-golfo',
      topicId: 'us-strikes-on-cartels-in-mexico',
      polarity: 'oppose',
      statedAt: '2025-09-10',
      quote: "Its commanders rejected the government's demand to hand over their weapons before any talks.",
    });
    // Neither names it nor is ticked: stays, and its quote is shown as text.
    const staysHostile = await statement({
      actorId: 'clan-del-golfo',
      topicId: 'military-approach-to-cartels',
      polarity: 'neutral',
      statedAt: '2025-09-12',
      quote: `Our fighters will not talk while the bombs fall ${XSS_IMG}`,
    });
    // About the actor and naming the alias: ticked to begin with; the analyst unticks it from the keyboard.
    const vigilOnClan = await statement({
      actorId: 'mike-vigil',
      aboutId: 'clan-del-golfo',
      topicId: 'military-approach-to-cartels',
      polarity: 'oppose',
      statedAt: '2025-09-15',
      quote: 'Bombing the Gulf Clan only scatters it into smaller cells that are harder to follow.',
    });
    const strike = await api<{ id: string }>('relations', {
      method: 'POST',
      body: {
        sourceId: 'us-military',
        targetId: 'clan-del-golfo',
        type: 'targets',
        date: '2025-09-20',
        quote: 'US forces struck two boats linked to the Gulf Clan off the Caribbean coast.',
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
    const box = (id: string) => page.locator(`#split-records input[type=checkbox][value="${id}"]`);
    await box(strike.id).waitFor();
    // Every record naming the actor is listed; the first alias ticks those that mention it.
    const ticked = async () =>
      page
        .locator('#split-records input[type=checkbox]')
        .evaluateAll((boxes) => (boxes as HTMLInputElement[]).filter((b) => b.checked).map((b) => b.value));
    expect((await ticked()).sort()).toEqual([answersOffensive.id, vigilOnClan.id, strike.id].sort());
    expect(await page.locator('#split-records input[type=checkbox]').count()).toBe(5);
    // The other alias ticks afresh: no quote mentions it.
    await page.locator('#split-alias').selectOption(`Los Urabeños ${XSS_IMG}`);
    expect(await ticked()).toEqual([]);
    await page.locator('#split-alias').selectOption('Gulf Clan');
    expect(await page.locator('#split-hint').textContent()).toContain('mentions “Gulf Clan”');
    // Quotes from the data are text, and each box is named by its record.
    expect(await page.locator('#split-records').textContent()).toContain(
      `Our fighters will not talk while the bombs fall ${XSS_IMG}`,
    );
    const named = page.getByRole('checkbox', { name: /Bombing the Gulf Clan only scatters it/ });
    expect(await named.getAttribute('value')).toBe(vigilOnClan.id);
    expect(await page.locator('[data-group=statements] legend').textContent()).toBe('Statements 2 of 4 move');

    // The analyst's choice: by keyboard and by mouse, and "None" for the relations.
    await named.focus();
    await page.keyboard.press('Space');
    await box(refusesDisarming.id).click();
    await page.getByRole('button', { name: 'None of the relations' }).click();
    await page.getByRole('button', { name: 'All statements' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('[data-group=statements] legend').textContent()).toBe('Statements 4 of 4 move');
    await box(vigilOnClan.id).press('Space');
    await box(staysHostile.id).press('Space');
    expect((await ticked()).sort()).toEqual([answersOffensive.id, refusesDisarming.id].sort());
    expect(await page.locator('[data-group=statements] legend').textContent()).toBe('Statements 2 of 4 move');
    expect(await page.locator('[data-group=relations] legend').textContent()).toBe('Relations 0 of 1 move');
    expect(await page.locator('[data-group=affiliations]').textContent()).toBe(
      'Affiliations No affiliations name this actor.',
    );
    await page.locator('#split-new-id').fill('gulf-clan');
    await page.locator('#merge-reason').fill('a rival faction, not the same group');
    // Tall enough for the whole dialog to be read in the screenshot.
    await page.setViewportSize({ width: 1400, height: 1800 });
    await page.locator('.merge-area').screenshot({ path: path.join(RESULTS_DIR, 'split-picker.png') });
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.locator('#merge-confirm').click();

    await page.locator('.actor-panel[data-actor=gulf-clan]').waitFor();
    expect(await page.locator('#records-outcome').textContent()).toBe(
      'Split “Gulf Clan” off “Clan del Golfo”: 2 statements, 0 relations and 0 affiliations moved to it.',
    );
    await page.screenshot({ path: path.join(RESULTS_DIR, 'split-outcome.png') });
    expect((await api<{ name: string }>('actors/gulf-clan')).name).toBe('Gulf Clan');
    expect((await api<{ aliases: string[] }>('actors/clan-del-golfo')).aliases).toEqual([
      `Los Urabeños ${XSS_IMG}`,
    ]);
    // Exactly the ticked statements moved; the others, the one about it and the relation stayed.
    const idsOf = async (route: string) =>
      (await api<{ items: { id: string }[] }>(route)).items.map((r) => r.id).sort();
    expect(await idsOf('statements?actorId=gulf-clan')).toEqual(
      [answersOffensive.id, refusesDisarming.id].sort(),
    );
    expect(await idsOf('statements?actorId=clan-del-golfo')).toEqual([staysHostile.id]);
    expect(await idsOf('statements?aboutId=clan-del-golfo')).toEqual([vigilOnClan.id]);
    expect(await idsOf('relations?actorId=clan-del-golfo')).toEqual([strike.id]);
    expect(await idsOf('relations?actorId=gulf-clan')).toEqual([]);
  });

  it("ticks an actor's claims whose evidence sentence names the alias, with their sources, and cancels", async () => {
    await open('?kind=relations&actor=pete-hegseth');
    await page.locator('.actor-panel[data-actor=pete-hegseth]').waitFor();
    await page.locator('#split-alias-open').click();
    await page.locator('#split-alias').selectOption('Defense Secretary Pete Hegseth');
    const box = (id: string) => page.locator(`#split-records input[type=checkbox][value="${id}"]`);
    await box('aff-hegseth-us-government').waitFor();
    // The seed's claims carry no quote, only the sentence they were read from: it names him in full.
    expect(await box('st-hegseth-warns-of-military-operation').isChecked()).toBe(true);
    expect(await box('rel-hegseth-warns-mexico').isChecked()).toBe(true);
    expect(await box('rel-wsj-reports-on-hegseth').isChecked()).toBe(true);
    expect(await box('aff-hegseth-us-government').isChecked()).toBe(false);
    const relations = page.locator('[data-group=relations]');
    await relations.getByText('← The Wall Street Journal reports on this actor').waitFor();
    await relations.getByText('→ warns Mexico').waitFor();
    await page
      .locator('[data-group=statements] .split-document', {
        hasText: "The White House is considering a drone attack on Mexico's cartels",
      })
      .waitFor();
    expect(
      await page
        .getByRole('checkbox', { name: /Secretary of Defense of US government/ })
        .getAttribute('value'),
    ).toBe('aff-hegseth-us-government');
    await page.setViewportSize({ width: 1400, height: 1600 });
    await page.locator('.merge-area').screenshot({ path: path.join(RESULTS_DIR, 'split-picker-seed.png') });
    await page.locator('#merge-cancel').click();
    expect(await page.locator('#split-records').count()).toBe(0);
    expect((await api<{ aliases: string[] }>('actors/pete-hegseth')).aliases).toContain(
      'Defense Secretary Pete Hegseth',
    );
    expect(
      (await api<{ actorId: string }>('statements/st-hegseth-warns-of-military-operation')).actorId,
    ).toBe('pete-hegseth');
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
