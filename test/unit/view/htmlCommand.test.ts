import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { UsageError, type CliIo } from '../../../src/cli/cliIo';
import { findPackageRoot, html } from '../../../src/cli/commands/html';
import { ProfileFirstError, ProfileParseError } from '../../../src/core/errors';
import { flameGraphDataProblem } from '../../../src/core/view/flameDataGuard';
import { startTags } from './htmlCheck';
import { REPO_ROOT } from './pageHarness';

/** Needs dist/ (npm test builds first): the page inlines dist/webview.js and the CSS. */
describe('profile-first html', () => {
  let dir: string;
  let out: string[];
  let io: CliIo;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pf-html-'));
    // py-spy raw (collapsed) lines: two stacks, 30 + 10 samples.
    writeFileSync(path.join(dir, 'run.txt'), 'main (/app/main.py:3);work (/app/lib.py:7) 30\nmain (/app/main.py:3);<b>x</b> (/app/lib.py:9) 10\n');
    writeFileSync(path.join(dir, 'garbage.txt'), '\u0000\u0001\u0002 not a profile');
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  function freshIo(): CliIo {
    out = [];
    io = { stdout: (t) => out.push(t), stderr: (t) => out.push(`ERR ${t}`), cwd: dir, env: {} };
    return io;
  }

  it('writes one self-contained page, prints its path, and leaves no temporary file', async () => {
    const status = await html(['run.txt', '-o', 'page.html'], freshIo());
    assert.equal(status, 0);
    assert.deepEqual(out, [`${path.join(dir, 'page.html')}\n`]);
    assert.deepEqual(readdirSync(dir).sort(), ['garbage.txt', 'page.html', 'run.txt']);
    const tags = startTags(readFileSync(path.join(dir, 'page.html'), 'utf8'));
    assert.ok(!tags.some((t) => t.attributes.has('src') || t.name === 'link'), 'the page loads something from outside');
    const data = JSON.parse(tags.find((t) => t.attributes.get('id') === 'profile-data')?.text ?? 'null');
    assert.equal(data.title, 'run.txt');
    assert.equal(data.total, 40);
    assert.equal(data.foldedBelowPercent, 0.1);
    assert.equal(data.root.children[0].name, 'main');
    assert.deepEqual(data.root.children[0].children.map((c: { name: string }) => c.name).sort(), ['<b>x</b>', 'work']);
  });

  it('takes a title and a pruning share', async () => {
    assert.equal(await html(['run.txt', '--output=titled.html', '--title', 'Nightly <run>', '--min-frame-percent', '0'], freshIo()), 0);
    const data = JSON.parse(startTags(readFileSync(path.join(dir, 'titled.html'), 'utf8')).find((t) => t.attributes.get('id') === 'profile-data')?.text ?? 'null');
    assert.equal(data.title, 'Nightly <run>');
    assert.equal(data.foldedBelowPercent, 0);
  });

  it('is a usage error without -o, with two files, or with a bad pruning share', async () => {
    await assert.rejects(html(['run.txt'], freshIo()), UsageError);
    await assert.rejects(html(['run.txt', 'other.txt', '-o', 'x.html'], freshIo()), UsageError);
    await assert.rejects(html(['run.txt', '-o', 'x.html', '--min-frame-percent', 'lots'], freshIo()), UsageError);
    await assert.rejects(html(['run.txt', '-o', 'x.html', '--bogus'], freshIo()), UsageError);
  });

  it('is a usage error when the output folder does not exist', async () => {
    await assert.rejects(html(['run.txt', '-o', path.join('missing', 'x.html')], freshIo()), /does not exist/);
  });

  it('lets a parse error of the input through for the CLI to report (exit 2)', async () => {
    await assert.rejects(html(['garbage.txt', '-o', 'g.html'], freshIo()), ProfileParseError);
    assert.ok(!readdirSync(dir).includes('g.html'));
  });

  it('prints its help', async () => {
    assert.equal(await html(['--help'], freshIo()), 0);
    assert.match(out.join(''), /^Usage: profile-first html FILE -o OUT\.html \[--baseline BEFORE\]/);
  });

  it('with --baseline writes the comparison: differential tree, table of changes, both sides named', async () => {
    writeFileSync(path.join(dir, 'before.txt'), 'main (/app/main.py:3);work (/app/lib.py:7) 30\nmain (/app/main.py:3);<b>x</b> (/app/lib.py:9) 30\n');
    assert.equal(await html(['run.txt', '--baseline', 'before.txt', '-o', 'diff.html', '--min-frame-percent', '0'], freshIo()), 0);
    const data = JSON.parse(startTags(readFileSync(path.join(dir, 'diff.html'), 'utf8')).find((t) => t.attributes.get('id') === 'profile-data')?.text ?? 'null');
    assert.equal(flameGraphDataProblem(data), undefined);
    assert.equal(data.title, 'before.txt → run.txt');
    assert.equal(data.comparison.baseline.title, 'before.txt');
    assert.equal(data.comparison.candidate.title, 'run.txt');
    assert.equal(data.comparison.baseline.total, 60);
    assert.equal(data.total, 40);
    // work: 50 % → 75 %; <b>x</b>: 50 % → 25 %.
    const work = data.comparison.rows.find((r: { kind: string; label: string }) => r.kind === 'function' && r.label === 'work');
    assert.equal(work.before, 50);
    assert.equal(work.after, 75);
    assert.equal(work.changePoints, 25);
    const x = data.root.children[0].children.find((c: { name: string }) => c.name === '<b>x</b>');
    assert.equal(x.delta, -25);
    assert.equal(await html(['run.txt', '--baseline', 'before.txt', '-o', 'named.html', '--title', 'Before and after'], freshIo()), 0);
    assert.match(readFileSync(path.join(dir, 'named.html'), 'utf8'), /<title>Before and after<\/title>/);
    await assert.rejects(html(['run.txt', '--baseline', '', '-o', 'x.html'], freshIo()), UsageError);
    await assert.rejects(html(['run.txt', '--baseline', 'garbage.txt', '-o', 'x.html'], freshIo()), ProfileParseError);
  });
});

describe('findPackageRoot', () => {
  it('finds the package from the bundled CLI folder and from the TypeScript sources', () => {
    assert.equal(findPackageRoot(path.join(REPO_ROOT, 'dist')), REPO_ROOT);
    assert.equal(findPackageRoot(path.join(REPO_ROOT, 'src', 'cli', 'commands')), REPO_ROOT);
  });

  it('says what to do when there is no profile-first package above', () => {
    assert.throws(() => findPackageRoot(tmpdir()), ProfileFirstError);
  });
});
