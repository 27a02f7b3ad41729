import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MemrayCapture } from '../../../src/core/formats/memrayModel';
import { flameGraphDataProblem } from '../../../src/core/view/flameDataGuard';
import { describeAllocations, describeMemoryTotal, emptyProfileText, memoryModeLabel } from '../../../src/core/view/memoryText';
import { buildMemoryView } from '../../../src/core/view/memoryView';
import { flameGraphBodyHtml } from '../../../src/core/view/pageBody';
import { CPU_META, flameData, hostileData, memoryData, MEMORY_META, TreeBuilder } from './flameData';
import { startTags } from './htmlCheck';

describe('memory wording', () => {
  it('counts allocations with separators and the right number', () => {
    assert.equal(describeAllocations(1), '1 allocation');
    assert.equal(describeAllocations(1204), '1,204 allocations');
    assert.equal(describeAllocations(0), '0 allocations');
  });

  it('says what a memory total is in each mode', () => {
    assert.equal(describeMemoryTotal(1.5 * 1024 * 1024, 'peak'), '1.5 MiB held at the peak');
    assert.equal(describeMemoryTotal(2048, 'leaks'), '2.0 KiB leaked (not freed when tracking ended)');
    assert.deepEqual([memoryModeLabel('peak'), memoryModeLabel('leaks')], ['Peak', 'Leaks']);
  });

  it('explains an empty profile in its own terms', () => {
    const empty = new TreeBuilder().node('all', 'root', 0);
    assert.equal(emptyProfileText(flameData('cpu', empty, CPU_META)), 'This profile has no samples.');
    assert.equal(emptyProfileText(flameData('mem', empty, MEMORY_META)), 'This profile has no allocations.');
    assert.equal(emptyProfileText({ ...memoryData('leaks'), total: 0 }), 'No leaked memory: everything allocated was freed before tracking ended.');
    assert.equal(emptyProfileText({ ...memoryData('peak'), total: 0 }), 'No memory was held at the peak of this capture.');
  });
});

describe('buildMemoryView', () => {
  const capture = (overrides: Partial<MemrayCapture> = {}): MemrayCapture => ({
    file: '/tmp/x.bin',
    info: { memrayVersion: '1.20.0', commandLine: 'python x.py', pid: 1, peakMemory: 4096, totalAllocations: 3, pythonAllocator: 'pymalloc', nativeTraces: false, tracePythonAllocators: false, fileFormat: 'all' },
    peak: { meta: MEMORY_META, frames: [], stacks: [], weights: [], allocations: [] },
    leaks: { meta: MEMORY_META, frames: [], stacks: [], weights: [], allocations: [] },
    leaksExact: false,
    snapshots: [
      { timeMs: 0, rss: 100, heap: 10 },
      { timeMs: 10, rss: 200, heap: 40 },
      { timeMs: 20, rss: 300, heap: 20 },
    ],
    warnings: [],
    ...overrides,
  });

  it('offers the modes the capture has, marks the heap peak and carries the high-water mark and exactness', () => {
    assert.deepEqual(buildMemoryView(capture(), 'leaks'), {
      mode: 'leaks',
      availableModes: ['peak', 'leaks'],
      snapshots: capture().snapshots,
      peakIndex: 1,
      peakBytes: 4096,
      leaksExact: false,
    });
  });

  it('leaves out what the capture does not know', () => {
    const view = buildMemoryView(capture({ leaks: undefined, leaksExact: undefined, snapshots: [], info: { ...capture().info, peakMemory: 0 } }), 'peak');
    assert.deepEqual(view, { mode: 'peak', availableModes: ['peak'], snapshots: [] });
    assert.equal(flameGraphDataProblem({ ...hostileData(), memory: view }), undefined);
  });
});

describe('flameGraphDataProblem: memory', () => {
  it('accepts memory data with allocation counts, also after a JSON round trip', () => {
    assert.equal(flameGraphDataProblem(memoryData()), undefined);
    assert.equal(flameGraphDataProblem(JSON.parse(JSON.stringify(memoryData('leaks')))), undefined);
  });

  it('names what is wrong with a malformed memory view or allocation count', () => {
    const good = memoryData();
    const memory = good.memory;
    assert.ok(memory !== undefined);
    const cases: [unknown, string][] = [
      [[], 'memory is not an object'],
      [{ ...memory, mode: 'allocations' }, 'memory.mode is not peak or leaks'],
      [{ ...memory, availableModes: ['peak', '<img>'] }, 'memory.availableModes is not a list of peak and leaks'],
      [{ ...memory, snapshots: {} }, 'memory.snapshots is not a list'],
      [{ ...memory, snapshots: [{ timeMs: 0, rss: -1, heap: 0 }] }, 'a memory snapshot is malformed'],
      [{ ...memory, snapshots: [{ timeMs: '0', rss: 1, heap: 0 }] }, 'a memory snapshot is malformed'],
      [{ ...memory, peakIndex: 1.5 }, 'memory.peakIndex is not an index'],
      [{ ...memory, peakBytes: 'a lot' }, 'memory.peakBytes is not a number'],
      [{ ...memory, leaksExact: 'no' }, 'memory.leaksExact is not a boolean'],
    ];
    for (const [bad, problem] of cases) assert.equal(flameGraphDataProblem({ ...good, memory: bad }), problem);
    assert.equal(flameGraphDataProblem({ ...good, root: { ...good.root, allocations: -3 } }), `frame ${good.root.id} has a bad allocation count`);
  });
});

describe('memory section markup', () => {
  const tags = startTags(flameGraphBodyHtml('t'));
  const byId = new Map(tags.map((t) => [t.attributes.get('id'), t]));

  it('carries the element ids the webview looks up, hidden until a memory profile arrives', () => {
    for (const id of ['pf-memory', 'pf-memory-chart', 'pf-memory-empty', 'pf-memory-modes', 'pf-mode-peak', 'pf-mode-leaks', 'pf-leaks-note', 'pf-rerun-malloc']) assert.ok(byId.has(id), `#${id} missing`);
    for (const id of ['pf-memory', 'pf-memory-modes', 'pf-leaks-note', 'pf-memory-empty']) assert.ok(byId.get(id)?.attributes.has('hidden'), `#${id} is not hidden`);
  });

  it('has no inline style or event handler attribute', () => {
    for (const tag of tags) {
      assert.ok(!tag.attributes.has('style'), `<${tag.name}> has a style attribute`);
      for (const name of tag.attributes.keys()) assert.ok(!name.startsWith('on'), `<${tag.name}> has ${name}`);
    }
  });
});
