import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const READ_GEXF = `
import sys, networkx
graph = networkx.read_gexf(sys.argv[1])
print(graph.number_of_nodes(), graph.number_of_edges())
`;

/** The first Python that has networkx: the one on PATH, or Debian's, where python3-networkx installs it. */
const python = ['python3', '/usr/bin/python3'].find(
  (candidate) => spawnSync(candidate, ['-c', 'import networkx'], { stdio: 'ignore' }).status === 0,
);

/**
 * Asserts that networkx's `read_gexf` loads this GEXF unedited, the way a researcher opens an export.
 * Without python3 and networkx (Debian's python3-networkx) it says so and checks nothing, except in CI,
 * whose run installs them, where their absence is a failure.
 */
export function expectNetworkxReads(gexf: string): void {
  if (!python) {
    if (process.env.CI) throw new Error('networkx is missing: .ci/run installs python3-networkx');
    console.log(
      'skipped the networkx check: python3 with networkx is not installed (apt-get install python3-networkx)',
    );
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stancegraph-networkx-'));
  try {
    const file = path.join(dir, 'export.gexf');
    fs.writeFileSync(file, gexf);
    const run = spawnSync(python, ['-c', READ_GEXF, file], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^[1-9]\d* \d+\n$/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
