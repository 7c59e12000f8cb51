import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ingestFiles } from '../../src/cli/ingest-command';
import { testConfig } from '../support/test-config';
import type { GraphStore } from '../../src/store/graph-store';
import { openTestStore } from '../support/test-app';

let store: GraphStore;
afterEach(async () => {
  await store?.close();
});

it('ingests a folder of .txt, .html and .json documents, reports bad files and duplicates nothing', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'stancegraph-ingest-'));
  copyFileSync(
    path.join(__dirname, '../fixtures/extraction/tag24-2025-10-sheinbaum-pacific-strikes.txt'),
    path.join(folder, 'tag24.txt'),
  );
  writeFileSync(
    path.join(folder, 'petro.html'),
    '<html><head><title>Petro</title><script>steal()</script></head><body><p>Colombian President Gustavo Petro has accused the United States of “murder” after a strike on a fishing boat.</p></body></html>',
  );
  writeFileSync(
    path.join(folder, 'batch.json'),
    JSON.stringify([
      {
        title: 'Sheinbaum',
        text: 'Mexican President Claudia Sheinbaum said Mexico will not accept any intervention from abroad.',
      },
    ]),
  );
  writeFileSync(path.join(folder, 'broken.json'), '[{"title": "no text"}]');
  writeFileSync(path.join(folder, 'notes.csv'), 'ignored,because,of,extension');

  store = await openTestStore();
  const first = await ingestFiles([folder], store, testConfig());
  expect(first).toMatchObject({ files: 4, documents: 3, duplicates: 0, failed: 1 });
  expect(first.failures[0]).toMatch(/broken\.json: document 0: text/);
  expect(first.statements).toBeGreaterThan(0);
  const html = (await store.list('documents', { q: 'petro', limit: 5, offset: 0 })).items[0]!;
  expect(html.text).not.toContain('steal');

  const before = await store.counts();
  const second = await ingestFiles([folder], store, testConfig());
  expect(second).toMatchObject({ documents: 0, duplicates: 3, statements: 0, relations: 0 });
  expect(await store.counts()).toEqual(before);
});
