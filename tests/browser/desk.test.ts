import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  describeWithChromium,
  launchChromium,
  RESULTS_DIR,
  startSeededApp,
  type RunningApp,
} from './browser-harness';

jest.setTimeout(120_000);

/** A tuning-set article (never the blind or held-out ones): Sheinbaum answers the talk of drone strikes. */
const fixture = (name: string) =>
  fs.readFileSync(path.join(__dirname, '../fixtures/extraction', `${name}.txt`), 'utf8');
const GLOBALNEWS = fixture('globalnews-2025-04-sheinbaum-drone-strikes');
/** Another: Sheinbaum on the strikes in the Pacific, for the inbox. */
const TAG24 = fixture('tag24-2025-10-sheinbaum-pacific-strikes');

const XSS_IMG = '<img src=x onerror=window.__xss=1>';
const XSS_SCRIPT = '<script>window.__xss=1</script>';

interface Handle {
  nodes(): { key: string; label: string }[];
}

declare global {
  interface Window {
    __stancegraph: unknown;
    __xss?: unknown;
    __statusTexts?: string[];
  }
}

interface Claim {
  id: string;
  reviewStatus: string;
  reviewedBy?: string;
  reviewReason?: string;
  reviewOutcome?: string;
  polarity?: string;
}

/** Issue 15, item 7: the desk's flows in a browser, as an analyst goes through them. */
describeWithChromium('the analyst desk in a browser', () => {
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

  async function settled(): Promise<void> {
    await page.waitForFunction(
      () => document.body.dataset.status === 'ready' && document.body.dataset.layout === 'done',
    );
  }

  const api = async <T>(route: string, init?: { method: string; body: unknown }): Promise<T> => {
    const response = await fetch(`${app.baseUrl}/api/${route}`, {
      method: init?.method ?? 'GET',
      headers: { 'content-type': 'application/json' },
      body: init ? JSON.stringify(init.body) : undefined,
    });
    if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const claim = (kind: string, id: string) => api<Claim>(`${kind}/${id}`);
  const nodeKeys = async () =>
    (await page.evaluate(() => (window.__stancegraph as Handle).nodes())).map((n) => n.key);
  const selectedClaim = () => page.locator('#claim-card').getAttribute('data-claim');
  /** Clicks the words of a claim; where claims overlap, each click selects the next one over them. */
  async function pick(id: string): Promise<void> {
    const mark = page.locator(`mark[data-claims~="${id}"]`).first();
    for (let clicks = 0; clicks < 5 && (await selectedClaim()) !== id; clicks++) await mark.click();
    expect(await selectedClaim()).toBe(id);
  }
  const reviewed = (id: string, action: string) =>
    page.locator(`#reader[data-reviewed="${id} ${action}"]`).waitFor();

  /** Pastes the article into the desk's form and waits for the reader to open on it. */
  async function addArticle(title: string): Promise<string> {
    await page.locator('#desk-add').click();
    await page.locator('#doc-title').fill(title);
    await page.locator('#doc-outlet').fill('Global News');
    await page.locator('#doc-publishedAt').fill('2025-04-10');
    await page.locator('#doc-text').fill(GLOBALNEWS);
    // Every text the job's status line shows, to see the progress followed, not only its end.
    await page.evaluate(() => {
      window.__statusTexts = [];
      const status = document.querySelector('#job-status')!;
      new MutationObserver(() => window.__statusTexts!.push(status.textContent ?? '')).observe(status, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    await page.locator('#doc-submit').click();
    await page.locator('#reader[data-document]').waitFor();
    return (await page.locator('#reader').getAttribute('data-document'))!;
  }

  it('adds a pasted article, follows its job, and reviews its proposals with clicks and keys; the map follows', async () => {
    await page.goto(`${app.baseUrl}/?kind=relations`);
    await settled();
    expect(await nodeKeys()).not.toContain('trump-administration');

    const documentId = await addArticle('Sheinbaum rejects drone strikes');
    const texts = await page.evaluate(() => window.__statusTexts!);
    expect(texts.some((text) => text.startsWith('Reading:'))).toBe(true);
    expect(texts.at(-1)).toMatch(/^Done: \d+ statements, \d+ relations/);
    await expect(page.locator('#reader h2').textContent()).resolves.toBe('Sheinbaum rejects drone strikes');
    await expect(page.locator('#reader .meta').textContent()).resolves.toMatch(
      /Global News · 2025-04-10 · \d+ to review/,
    );
    const extractions = await api<{
      statements: Claim[];
      relations: (Claim & { sourceId: string; type: string; targetId: string })[];
    }>(`documents/${documentId}/extractions`);
    expect(await page.locator('#reader mark.claim').count()).toBeGreaterThan(5);

    // Clicks: accept the administration's threat to the cartels, with a reason.
    const threat = extractions.relations.find(
      (r) => r.sourceId === 'trump-administration' && r.type === 'threatens',
    )!;
    await pick(threat.id);
    await expect(page.locator('#claim-card .claim-who').textContent()).resolves.toBe(
      'trump-administration threatens mexican-drug-cartels',
    );
    await page.locator('#claim-reason').fill('the article reports the threat');
    await page.locator('#claim-accept').click();
    await reviewed(threat.id, 'accept');
    expect(await claim('relations', threat.id)).toMatchObject({
      reviewStatus: 'accepted',
      reviewedBy: 'analyst',
      reviewReason: 'the article reports the threat',
    });
    // The accepted relation and its newly accepted actor are on the map.
    await page.waitForFunction(() =>
      (window.__stancegraph as Handle).nodes().some((n) => n.key === 'trump-administration'),
    );
    await settled();

    // Clicks: reject one with a reason; it leaves the reader.
    const proposed = () =>
      page
        .locator('#reader mark.claim.proposed')
        .evaluateAll((marks) => marks.map((m) => m.getAttribute('data-claim')!));
    const [toReject] = await proposed();
    await pick(toReject!);
    await page.locator('#claim-reason').fill('not a stance: a summary by the reporter');
    await page.locator('#claim-reject').click();
    await reviewed(toReject!, 'reject');
    expect(await page.locator(`mark[data-claims~="${toReject}"]`).count()).toBe(0);
    const kindOf = (id: string) => (id.startsWith('st-') ? 'statements' : 'relations');
    expect(await claim(kindOf(toReject!), toReject!)).toMatchObject({
      reviewStatus: 'rejected',
      reviewReason: 'not a stance: a summary by the reporter',
    });

    // Clicks: correct a statement's polarity.
    const statementIds = new Set(extractions.statements.map((s) => s.id));
    const toEdit = (await proposed()).find((id) => statementIds.has(id))!;
    await pick(toEdit);
    await page.locator('#claim-edit').click();
    await page.locator('#claim-polarity').selectOption('mixed');
    await page.locator('#claim-edit-save').click();
    await reviewed(toEdit, 'edit');
    expect(await claim('statements', toEdit)).toMatchObject({
      reviewStatus: 'accepted',
      reviewOutcome: 'edited',
      polarity: 'mixed',
    });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'desk-reader.png') });

    // Keys: after a review the next claim waiting is selected; j and k move, a accepts.
    await page.locator('#reader h2').click();
    await page.keyboard.press('k');
    await page.keyboard.press('j');
    const toAccept = (await selectedClaim())!;
    expect((await claim(kindOf(toAccept), toAccept)).reviewStatus).toBe('proposed');
    await page.keyboard.press('a');
    await reviewed(toAccept, 'accept');
    expect((await claim(kindOf(toAccept), toAccept)).reviewStatus).toBe('accepted');

    // Keys: the reason box, Escape back to the reader, r rejects with the reason.
    const toRejectByKey = (await selectedClaim())!;
    expect((await claim(kindOf(toRejectByKey), toRejectByKey)).reviewStatus).toBe('proposed');
    await page.locator('#claim-reason').focus();
    await page.keyboard.type('the quote says something else');
    await page.keyboard.press('Escape');
    await page.keyboard.press('r');
    await reviewed(toRejectByKey, 'reject');
    expect(await claim(kindOf(toRejectByKey), toRejectByKey)).toMatchObject({
      reviewStatus: 'rejected',
      reviewReason: 'the quote says something else',
    });

    // Keys: e opens the correction with the polarity focused; Tab and Enter save it.
    let toEditByKey = (await selectedClaim())!;
    while (!statementIds.has(toEditByKey)) {
      await page.keyboard.press('j');
      toEditByKey = (await selectedClaim())!;
    }
    await page.keyboard.press('e');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('claim-polarity');
    const current = (await claim('statements', toEditByKey)).polarity;
    await page.locator('#claim-polarity').selectOption(current === 'support' ? 'oppose' : 'support');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await reviewed(toEditByKey, 'edit');
    expect(await claim('statements', toEditByKey)).toMatchObject({
      reviewOutcome: 'edited',
      polarity: current === 'support' ? 'oppose' : 'support',
    });
  });

  it('keeps the map usable with the reader open, and the splitter resizes the desk by keyboard', async () => {
    await page.goto(`${app.baseUrl}/?kind=relations`);
    await settled();
    await page.locator('#desk-search').click();
    await page.locator('#source-search').fill('interference');
    await page.locator('#source-search').press('Enter');
    await page.locator('#search-results li.hit').first().click();
    await page.locator('#reader').waitFor();
    const mapHeight = async () => (await page.locator('#graph').boundingBox())!.height;
    expect(await mapHeight()).toBeGreaterThan(900 * 0.3);
    const deskBefore = (await page.locator('#desk').boundingBox())!.height;
    await page.locator('#desk-splitter').focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(page.locator('#desk-splitter').getAttribute('aria-valuenow')).resolves.toBe('55');
    expect((await page.locator('#desk').boundingBox())!.height).toBeGreaterThan(deskBefore + 50);
    expect(await mapHeight()).toBeGreaterThan(900 * 0.2);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'desk-reader-split.png') });
  });

  it('reviews many proposals at once from the inbox, filtered by document and confidence', async () => {
    const ingested = await api<{ id: string }>('documents?wait=true', {
      method: 'POST',
      body: { title: 'Sheinbaum on the Pacific strikes', text: TAG24 },
    });
    const pending = await api<{ items: { record: Claim; kind: string }[]; total: number }>(
      `review/inbox?documentId=${ingested.id}&minConfidence=0.6&limit=500`,
    );
    expect(pending.total).toBeGreaterThan(2);
    await page.goto(`${app.baseUrl}/?kind=relations`);
    await settled();
    await page.locator('#desk-inbox').click();
    await page.locator('#inbox-table').waitFor();
    await page.locator('#inbox-document').selectOption(ingested.id);
    await page.locator('#inbox-min-confidence').fill('0.6');
    await page.locator('#inbox-apply').click();
    await page.waitForFunction(
      (total) => document.querySelector('#inbox-count')?.textContent?.endsWith(`of ${total}`),
      pending.total,
    );
    const rows = page.locator('#inbox-table tbody tr');
    expect(await rows.count()).toBe(pending.total);
    const shownIds = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')));
    expect(shownIds).toEqual(pending.items.map((i) => i.record.id));
    await page.screenshot({ path: path.join(RESULTS_DIR, 'desk-inbox.png') });

    // Tick two, reject them with a reason.
    await rows.nth(0).locator('input[type=checkbox]').check();
    await rows.nth(1).locator('input[type=checkbox]').check();
    await page.locator('#inbox-reason').fill('duplicates of the earlier quote');
    await page.locator('#inbox-reject').click();
    await page.waitForFunction(() =>
      document.querySelector('#inbox-outcome')?.textContent?.startsWith('2 rejected, 0 refused.'),
    );
    for (const { record, kind } of pending.items.slice(0, 2))
      expect(await claim(kind, record.id)).toMatchObject({
        reviewStatus: 'rejected',
        reviewReason: 'duplicates of the earlier quote',
      });

    // Select all that remain on the page, accept them.
    await page.waitForFunction(
      (total) => document.querySelectorAll('#inbox-table tbody tr').length < total,
      pending.total,
    );
    const remaining = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')!));
    await page.locator('#inbox-select-all').check();
    await page.locator('#inbox-accept').click();
    await page.waitForFunction(() =>
      document.querySelector('#inbox-outcome')?.textContent?.includes('accepted,'),
    );
    const outcome = (await page.locator('#inbox-outcome').textContent())!;
    const [accepted, refused] = outcome.match(/\d+/g)!.map(Number);
    expect(accepted! + refused!).toBe(remaining.length);
    expect(accepted).toBeGreaterThan(0);
    await page.locator('#inbox-status').selectOption('accepted');
    await page.waitForFunction(() => document.querySelector('#inbox-count')?.textContent?.includes('of'));
    const acceptedIds = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')!));
    expect(acceptedIds.filter((id) => remaining.includes(id)).length).toBe(accepted);
  });

  it('renders markup in document titles, outlets, text, quotes, names, reasons and snippets as text', async () => {
    const text = `A memo leaked. Strike now ${XSS_IMG} ${XSS_SCRIPT}, said the author. She is wrong ${XSS_SCRIPT}.`;
    /** The evidence span of the sentence that holds `words`, as the reader marks it. */
    const span = (sentence: string) => ({
      sentence,
      start: text.indexOf(sentence),
      end: text.indexOf(sentence) + sentence.length,
    });
    const doc = await api<{ id: string }>('documents?wait=true', {
      method: 'POST',
      body: {
        id: 'xss-desk-document',
        title: `Leaked memo ${XSS_IMG}`,
        outlet: `Outlet ${XSS_SCRIPT}`,
        text,
        format: 'text',
      },
    });
    await api('actors', {
      method: 'POST',
      body: { id: 'xss-desk-actor', name: `Mallory ${XSS_IMG} ${XSS_SCRIPT}`, kind: 'person' },
    });
    await api('statements', {
      method: 'POST',
      body: {
        id: 'xss-desk-statement',
        actorId: 'xss-desk-actor',
        topicId: 'unilateral-us-strikes-in-mexico',
        polarity: 'support',
        statedAt: '2025-05-01',
        quote: `Strike now ${XSS_IMG} ${XSS_SCRIPT}`,
        evidence: span(`Strike now ${XSS_IMG} ${XSS_SCRIPT}, said the author.`),
        documentId: doc.id,
        method: 'rules',
        confidence: 0.9,
        reviewStatus: 'proposed',
      },
    });
    await api('relations', {
      method: 'POST',
      body: {
        id: 'xss-desk-relation',
        sourceId: 'xss-desk-actor',
        targetId: 'claudia-sheinbaum',
        type: 'attacks',
        date: '2025-05-01',
        quote: `She is wrong ${XSS_SCRIPT}`,
        evidence: span(`She is wrong ${XSS_SCRIPT}.`),
        documentId: doc.id,
        method: 'rules',
        confidence: 0.8,
        reviewStatus: 'proposed',
      },
    });
    try {
      await page.goto(`${app.baseUrl}/?kind=relations`);
      await settled();
      // Search snippets.
      await page.locator('#desk-search').click();
      await page.locator('#source-search').fill('strike now');
      await page.locator('#source-search').press('Enter');
      const hit = page.locator('#search-results li.hit', { hasText: 'Leaked memo' }).first();
      await hit.waitFor();
      expect(await page.locator('#search-results').textContent()).toContain(XSS_IMG);
      // The reader: title, outlet, text, quotes; reject with a reason that is markup too.
      await hit.click();
      await page.locator('#reader[data-document=xss-desk-document]').waitFor();
      expect(await page.locator('#reader h2').textContent()).toBe(`Leaked memo ${XSS_IMG}`);
      expect(await page.locator('#reader .meta').textContent()).toContain(`Outlet ${XSS_SCRIPT}`);
      expect(await page.locator('#reader-text').textContent()).toContain(`She is wrong ${XSS_SCRIPT}`);
      await pick('xss-desk-relation');
      expect(await page.locator('#claim-card').textContent()).toContain(`She is wrong ${XSS_SCRIPT}`);
      await page.locator('#claim-reason').fill(`because ${XSS_IMG}`);
      await page.locator('#claim-reject').click();
      await reviewed('xss-desk-relation', 'reject');
      // The inbox: proposal names, quotes, document titles, and the rejection's reason.
      await page.locator('#desk-inbox').click();
      await page.locator('#inbox-document').selectOption('xss-desk-document');
      await page.locator('#inbox-table tbody tr[data-id=xss-desk-statement]').waitFor();
      const row = await page.locator('#inbox-table tbody tr[data-id=xss-desk-statement]').textContent();
      expect(row).toContain(`Mallory ${XSS_IMG} ${XSS_SCRIPT} support`);
      expect(row).toContain(`Strike now ${XSS_IMG}`);
      expect(row).toContain(`Leaked memo ${XSS_IMG}`);
      await page.locator('#inbox-status').selectOption('rejected');
      await page.locator('#inbox-table tbody tr[data-id=xss-desk-relation]').waitFor();
      expect(await page.locator('#inbox-table tbody tr[data-id=xss-desk-relation]').textContent()).toContain(
        `rejected: because ${XSS_IMG}`,
      );
      // Nothing ran, and no element was made from the data.
      expect(await page.evaluate(() => window.__xss)).toBeUndefined();
      expect(await page.locator('img[src=x]').count()).toBe(0);
      expect(await page.locator('#desk script').count()).toBe(0);
    } finally {
      await fetch(`${app.baseUrl}/api/actors/xss-desk-actor?cascade=true`, { method: 'DELETE' });
      await fetch(`${app.baseUrl}/api/documents/xss-desk-document?cascade=true`, { method: 'DELETE' });
    }
  });
});
