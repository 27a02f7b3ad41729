/**
 * Comparing two real py-spy recordings of one script before and after an optimisation, through
 * the same core the panel uses: the differential tree and the table. The script is edited in
 * place, as a user does, so its functions keep their identity (name, file). Shares are asserted,
 * not times: on a loaded machine wall-clock samples vary run to run, shares much less.
 * Needs `npm run build` (the CLI records) and `npm run setup` (.venv with py-spy).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readProfileFile } from '../../src/core/formats/readProfileFile';
import { buildComparisonData } from '../../src/core/model/diff/comparisonData';
import { diffProfiles } from '../../src/core/model/diff/diffTree';
import type { FlameNode } from '../../src/core/model/flameTree';
import type { Profile } from '../../src/core/model/profile';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const python = join(root, '.venv', 'bin', 'python');
const dir = mkdtempSync(join(tmpdir(), 'pf-compare-'));
/** The script as the user edits it: one path, two versions. */
const script = join(dir, 'count.py');

/**
 * Before: checksum(), scan() and digest() do the same work. After: scan() does a tenth of it.
 * Three functions, not two: what scan() loses the other two share, so each gains about half of
 * it and scan() leads the table by a wide margin (with two, the other's gain would tie).
 */
function program(scanRounds: number): string {
  return `import sys

def checksum(n):
    total = 0
    for i in range(n):
        total = (total * 31 + i) % 1000003
    return total

def scan(n):
    total = 0
    for i in range(n):
        total = (total * 31 + i) % 1000003
    return total

def digest(n):
    total = 0
    for i in range(n):
        total = (total * 31 + i) % 1000003
    return total

def main():
    for _ in range(14):
        checksum(200000)
        scan(${scanRounds})
        digest(200000)

main()
`;
}

/** Puts this version of the program at the script's path and records it. */
function record(source: string, out: string): Promise<Profile> {
  writeFileSync(script, source);
  assert.ok(existsSync(cli), `${cli} is missing: run \`npm run build\` first.`);
  assert.ok(existsSync(python), `${python} is missing: run \`npm run setup\` (creates .venv with py-spy and memray).`);
  const r = spawnSync(process.execPath, [cli, 'record', '--rate', '250', '-o', out, '--', python, script], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  return readProfileFile(out);
}

function findAll(node: FlameNode, test: (n: FlameNode) => boolean): FlameNode[] {
  const found: FlameNode[] = [];
  const todo = [node];
  for (let n = todo.pop(); n !== undefined; n = todo.pop()) {
    if (test(n)) found.push(n);
    todo.push(...n.children);
  }
  return found;
}

describe('comparing two real py-spy recordings', () => {
  let slow: Profile;
  let fast: Profile;

  before(async () => {
    slow = await record(program(200000), join(dir, 'before.speedscope.json'));
    fast = await record(program(20000), join(dir, 'after.speedscope.json'));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('before → after: scan() loses its share, significantly, and leads the table', () => {
    const data = buildComparisonData(slow, fast, { baselineTitle: 'before', candidateTitle: 'after', minFramePercent: 0 });
    const c = data.comparison;
    assert.ok(c !== undefined);
    assert.equal(c.testApplies, true);
    const scan = c.rows.find((r) => r.kind === 'function' && r.label === 'scan' && r.file === script);
    // Of the program's own samples scan() has 33 % → 5 %; interpreter start-up (a varying share
    // on a busy machine) takes the rest, so the bounds are loose.
    assert.equal(scan?.presence, 'both');
    assert.ok((scan?.before ?? 0) > 20 && (scan?.after ?? 100) < 12, `scan(): ${scan?.before} % → ${scan?.after} %`);
    assert.ok((scan?.changePoints ?? 0) < -15, `scan() changed by ${scan?.changePoints} points`);
    assert.equal(scan?.significant, true);
    assert.equal(typeof scan?.changeSeconds, 'number');
    assert.equal(c.rows[0].label, 'scan');
    // The graph: widths are the candidate's, and scan()'s frames in the whole differential tree
    // (one per line py-spy saw it on, some only in the baseline: pruning folds those) carry
    // between them exactly the function's change in points.
    assert.equal(data.root.total, c.candidate.total);
    const scanFrames = findAll(diffProfiles(slow, fast), (n) => n.name === 'scan' && n.file === script);
    assert.ok(scanFrames.length >= 1);
    const summed = scanFrames.reduce((sum, n) => sum + (n.delta ?? 0), 0);
    assert.ok(Math.abs(summed - (scan?.changePoints ?? 0)) < 1e-9, `frames ${summed}, row ${scan?.changePoints}`);
    for (const n of findAll(data.root, () => true)) assert.ok(Number.isFinite(n.delta), `${n.name} has delta ${n.delta}`);
  });

  it('a recording compared with itself changes nothing and flags nothing', () => {
    const data = buildComparisonData(slow, slow, { baselineTitle: 'slow', candidateTitle: 'slow', minFramePercent: 0 });
    const c = data.comparison;
    assert.ok(c !== undefined);
    assert.ok(c.rows.length > 3);
    assert.deepEqual(c.rows.filter((r) => r.changePoints !== 0 || r.significant || r.changeSeconds !== 0), []);
    assert.equal(c.removedPercent, 0);
    assert.ok(findAll(data.root, (n) => n.name === 'scan').every((n) => n.delta === 0));
  });
});
