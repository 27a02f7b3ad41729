/**
 * Hand-made flame graph data for the view tests: small trees with exact numbers, a tree of
 * hostile frame names, and a large generated tree for timing. Independent of the parsers, so
 * the page can be tested on its own.
 */
import type { FlameGraphData, FlameNode } from '../../../src/core/model/flameTree';
import type { ProfileMeta } from '../../../src/core/model/profile';
import { mulberry32 } from '../../../src/core/verify/stats/prng';

type Kind = FlameNode['kind'];

/** Builds trees with sequential ids; `total` is computed as self + the children's totals. */
export class TreeBuilder {
  private nextId = 0;

  node(name: string, kind: Kind, self: number, children: FlameNode[] = [], file?: string, line?: number): FlameNode {
    const total = self + children.reduce((sum, c) => sum + c.total, 0);
    return { id: this.nextId++, name, kind, self, total, children, ...(file !== undefined ? { file } : {}), ...(line !== undefined ? { line } : {}) };
  }

  py(name: string, file: string, line: number, self: number, children: FlameNode[] = []): FlameNode {
    return this.node(name, 'python', self, children, file, line);
  }
}

/** CPU metadata as py-spy raw with a known rate. */
export const CPU_META: ProfileMeta = { tool: 'py-spy', kind: 'cpu', unit: 'samples', sampleRate: 100 };

/** Wraps a root into FlameGraphData, counting nodes and files. */
export function flameData(title: string, root: FlameNode, meta: ProfileMeta = CPU_META, nodeCount?: number): FlameGraphData {
  const files = new Set<string>();
  let count = 0;
  const stack = [root];
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    count++;
    if (n.file !== undefined) files.add(n.file);
    stack.push(...n.children);
  }
  return { title, meta, total: root.total, root, nodeCount: nodeCount ?? count, shownNodeCount: count, foldedBelowPercent: 0, files: [...files] };
}

/** Frame names that would run script or mislead if a page treated them as HTML. */
export const HOSTILE_NAMES = {
  img: '<img src=x onerror=alert(1)>',
  script: '</script><script>alert(1)</script>',
  js: 'javascript:alert(1)',
  rtl: 'safe\u202Eexe.txt',
  comment: '<!-- <script>alert(1)</script>',
} as const;

/** A profile whose frames carry hostile names and paths, each wide enough to be labelled. */
export function hostileData(): FlameGraphData {
  const t = new TreeBuilder();
  const main = t.py('<module>', '/app/main.py', 1, 0, [
    t.py(HOSTILE_NAMES.img, '/app/<img src=x onerror=alert(2)>.py', 3, 300),
    t.py(HOSTILE_NAMES.script, '/app/x.py', 5, 200),
    t.py(HOSTILE_NAMES.js, 'javascript:alert(1)', 7, 150),
    t.py(HOSTILE_NAMES.rtl, '/app/rtl.py', 9, 120),
    t.py(HOSTILE_NAMES.comment, '/app/c.py', 11, 110),
    t.py('compute', '/app/work.py', 20, 40, [t.node('PyNumber_Add', 'native', 60)]),
    t.node('3 smaller frames', 'other', 20),
  ]);
  const thread = t.node('thread (0x7f01): MainThread', 'thread', 0, [main]);
  const process = t.node('process 4242:"python main.py --name=<b>x</b>"', 'process', 0, [thread]);
  const root = t.node('all', 'root', 0, [process]);
  return flameData('<b>evil</b> & "title" </title><script>alert(1)</script>', renumberDepthFirst(root), CPU_META, 40);
}

/** Ids depth-first from the root, as callTree.ts numbers them (the builder numbers leaves first). */
function renumberDepthFirst(root: FlameNode): FlameNode {
  let next = 0;
  const visit = (n: FlameNode): FlameNode => {
    const id = next++;
    return { ...n, id, children: n.children.map(visit) };
  };
  return visit(root);
}

/**
 * A deterministic tree of about `target` nodes shaped like a py-spy profile: deep call chains
 * with branch points and a few hot paths (weights drawn from a seeded generator).
 */
export function generatedData(target: number, seed = 7): FlameGraphData {
  const random = mulberry32(seed);
  let nextId = 0;
  let count = 0;
  interface Mutable { id: number; name: string; file: string; line: number; self: number; children: Mutable[] }
  const make = (): Mutable => {
    count++;
    const fn = Math.floor(random() * 3000);
    return { id: nextId++, name: `fn_${fn}`, file: `pkg/mod_${fn % 40}/file_${fn % 7}.py`, line: 1 + (fn % 400), self: 0, children: [] };
  };
  const root: Mutable = { id: nextId++, name: 'all', file: '', line: 0, self: 0, children: [] };
  count++;
  const frontier: { node: Mutable; depth: number }[] = [{ node: root, depth: 0 }];
  while (count < target && frontier.length > 0) {
    const index = Math.floor(random() * frontier.length);
    const { node, depth } = frontier[index];
    const fanOut = depth < 3 ? 3 : random() < 0.3 ? 1 + Math.floor(random() * 4) : 1;
    for (let i = 0; i < fanOut && count < target; i++) {
      const child = make();
      node.children.push(child);
      if (depth < 40) frontier.push({ node: child, depth: depth + 1 });
    }
    if (random() < 0.5 || depth >= 40) frontier.splice(index, 1);
  }
  const freeze = (n: Mutable, isRoot: boolean): FlameNode => {
    const children = n.children.map((c) => freeze(c, false));
    // Leaves get Pareto-like weights so a few paths are hot; inner frames get a little self.
    const self = children.length === 0 ? Math.max(1, Math.round(1 / Math.pow(1 - random(), 1 / 1.5))) : random() < 0.2 ? 1 : 0;
    const total = self + children.reduce((s, c) => s + c.total, 0);
    return isRoot
      ? { id: n.id, name: n.name, kind: 'root', self, total, children }
      : { id: n.id, name: n.name, file: n.file, line: n.line, kind: 'python', self, total, children };
  };
  return flameData(`generated ${target} nodes`, freeze(root, true), CPU_META);
}

/** memray metadata: bytes, no sampling rate. */
export const MEMORY_META: ProfileMeta = { tool: 'memray', kind: 'memory', unit: 'bytes' };

const MiB = 1024 * 1024;

/** The memory fixture's peak: 64.2 MiB of heap at 1.3 s (snapshot 13 of 21, one every 100 ms). */
export const MEMORY_PEAK = { bytes: Math.round(64.2 * MiB), timeMs: 1300, index: 13, label: 'peak 64.2 MiB at 1.3 s' } as const;

/** 21 snapshots over 2 s: heap climbs to the peak at 1.3 s and falls back; RSS follows and stays higher. */
export function memorySnapshots(): { timeMs: number; rss: number; heap: number }[] {
  return Array.from({ length: 21 }, (_, i) => {
    const heap = i <= MEMORY_PEAK.index ? Math.round((4 + (60.2 * i) / MEMORY_PEAK.index) * MiB) : Math.round((64.2 - 7 * (i - MEMORY_PEAK.index)) * MiB);
    const heapAt = i === MEMORY_PEAK.index ? MEMORY_PEAK.bytes : heap;
    return { timeMs: i * 100, rss: Math.round(heapAt + 22 * MiB + i * 0.5 * MiB), heap: heapAt };
  });
}

/**
 * A memray peak profile with allocation counts, hostile names and a memory view offering both
 * modes (leaks inexact: pymalloc), as the host would send it.
 */
export function memoryData(mode: 'peak' | 'leaks' = 'peak', overrides: Partial<NonNullable<FlameGraphData['memory']>> = {}): FlameGraphData {
  const t = new TreeBuilder();
  const alloc = (n: FlameNode, allocations: number): FlameNode => ({ ...n, allocations });
  const hot = alloc(t.py('make_buffers', '/app/mem_hot.py', 12, 48 * MiB), 1204);
  const evil = alloc(t.py(HOSTILE_NAMES.img, '/app/<img src=x onerror=alert(2)>.py', 3, 12 * MiB), 40);
  const module = alloc(t.py('<module>', '/app/mem_hot.py', 30, Math.round(4.2 * MiB), [hot, evil]), 1300);
  const root = alloc(t.node('all', 'root', 0, [module]), 1300);
  const data = flameData(`mem_hot.py ${mode} <script>alert(1)</script>`, renumberDepthFirst(root), MEMORY_META);
  return {
    ...data,
    memory: {
      mode,
      availableModes: ['peak', 'leaks'],
      snapshots: memorySnapshots(),
      peakIndex: MEMORY_PEAK.index,
      peakBytes: MEMORY_PEAK.bytes,
      leaksExact: false,
      ...overrides,
    },
  };
}
