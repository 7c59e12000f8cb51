import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// The layering rule lives in eslint.config.mjs (eslint-plugin-boundaries, layers in layers.config.mjs) and
// runs with `npm run lint`. These tests show that it refuses a wrong import, and check the outcome it is
// there for: no two top-level folders of src/ import each other.

const ROOT = path.resolve(__dirname, '../..');
const ESLINT = path.join(ROOT, 'node_modules/.bin/eslint');

interface LintMessage {
  ruleId: string | null;
  message: string;
}

/** Lints `code` as if it were the file at `filePath` (nothing is written to src/). */
function lintAs(filePath: string, code: string): LintMessage[] {
  const run = spawnSync(ESLINT, ['--stdin', '--stdin-filename', filePath, '--format', 'json'], {
    cwd: ROOT,
    input: code,
    encoding: 'utf8',
  });
  const [result] = JSON.parse(run.stdout) as { messages: LintMessage[] }[];
  return result!.messages.filter((m) => m.ruleId === 'boundaries/dependencies');
}

describe('the layering rule', () => {
  it('refuses a store that uses a feature, naming both layers', () => {
    const messages = lintAs(
      'src/store/wrong-way.ts',
      "import { buildNetwork } from '../networks/network-builder';\nexport const wrong = buildNetwork;\n",
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]!.message).toMatch(
      /layering: store .* may not import '..\/networks\/network-builder' \(feature:networks\)/,
    );
  });

  it('refuses a feature that uses the HTTP layer, and the model using the store', () => {
    expect(
      lintAs(
        'src/exports/wrong-way.ts',
        "import { RawResponse } from '../http/route-definition';\nexport const r = RawResponse;\n",
      ),
    ).toHaveLength(1);
    expect(
      lintAs(
        'src/model/wrong-way.ts',
        "import { MAX_PATH_DEPTH } from '../store/graph-store';\nexport const d = MAX_PATH_DEPTH;\n",
      ),
    ).toHaveLength(1);
  });

  it('refuses a feature using a feature it is not listed as using, so features cannot import each other', () => {
    expect(
      lintAs(
        'src/networks/wrong-way.ts',
        "import { findCoalitions } from '../measures/measure-service';\nexport const c = findCoalitions;\n",
      ),
    ).toHaveLength(1);
  });

  it('lets each layer use the layers below it', () => {
    expect(
      lintAs(
        'src/measures/right-way.ts',
        "import { buildNetwork } from '../networks/network-builder';\nimport { ENTITY_KINDS } from '../model/entity-kinds';\nexport const ok = [buildNetwork, ENTITY_KINDS];\n",
      ),
    ).toEqual([]);
  });
});

describe('src/ folders', () => {
  it('never import each other', () => {
    const files = execFileSync('git', ['ls-files', 'src'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((file) => file.endsWith('.ts'));
    const edges = new Set<string>();
    const folderOf = (file: string) => {
      const parts = path.relative(path.join(ROOT, 'src'), file).split(path.sep);
      return parts.length > 1 ? parts[0]! : '(root)';
    };
    for (const file of files) {
      const absolute = path.join(ROOT, file);
      const text = fs.readFileSync(absolute, 'utf8');
      for (const [, spec] of text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const from = folderOf(absolute);
        const to = folderOf(path.resolve(path.dirname(absolute), spec!));
        if (from !== to) edges.add(`${from} -> ${to}`);
      }
    }
    const mutual = [...edges].filter((edge) => {
      const [from, to] = edge.split(' -> ');
      return edges.has(`${to} -> ${from}`);
    });
    expect(mutual).toEqual([]);
    expect(edges.size).toBeGreaterThan(20);
  });
});
