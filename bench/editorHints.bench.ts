// Micro benchmark: building the inline hints of a 10,000-line file (issue 4 asks for a whole
// decoration update under 5 ms). Prints the time per update next to a baseline measured in the
// same run (copying 10,000 small objects, the least any update must do), as a ratio, so the
// number means something on any machine. Printed, never asserted. `npm run bench` reads the
// same numbers through measureEditorHints (bench/suites/decorations.ts).
//
//   node --import tsx bench/editorHints.bench.ts
import { buildFileLineHints, type LineCost, type LineHintOptions } from '../src/core/editor/lineHints';
import type { ProfileMeta } from '../src/core/model/profile';

const LINES = 10_000;
const meta: ProfileMeta = { tool: 'py-spy', kind: 'cpu', unit: 'samples', sampleRate: 100 };

/** A long-tailed file: line i costs about 1/i of the hottest one (Zipf), like real profiles. */
function generatedFile(): { stats: LineCost[]; total: number } {
  const stats: LineCost[] = [];
  let total = 0;
  for (let i = 1; i <= LINES; i++) {
    const self = Math.max(1, Math.round(100_000 / i));
    stats.push({ file: '/work/app/generated.py', line: ((i * 7919) % LINES) + 1, self, total: self * 2 });
    total += self;
  }
  return { stats, total };
}

/** Median milliseconds per call of `fn` over `runs` runs, after a warm-up. */
function median(fn: () => unknown, runs = 200): number {
  for (let i = 0; i < Math.min(50, runs); i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** One measured configuration of the hints. */
export interface EditorHintsCase {
  readonly label: string;
  readonly ms: number;
  readonly hints: number;
}

/** The baseline and each case, in milliseconds per update of a 10,000-line file. */
export function measureEditorHints(runs = 200): { lines: number; baselineMs: number; cases: EditorHintsCase[] } {
  const { stats, total } = generatedFile();
  const baselineMs = median(() => stats.map((s) => ({ ...s })), runs);
  const configurations: [string, Partial<LineHintOptions>][] = [
    ['every line hinted (minLineShare 0), self', { minLineShare: 0, mode: 'self' }],
    ['every line hinted (minLineShare 0), both', { minLineShare: 0, mode: 'both' }],
    ['default floor (0.5 %), self', { minLineShare: 0.005, mode: 'self' }],
    ['default floor (0.5 %), both', { minLineShare: 0.005, mode: 'both' }],
  ];
  const cases = configurations.map(([label, overrides]) => {
    const options: LineHintOptions = { total, meta, mode: 'self', minLineShare: 0, ...overrides };
    const hints = buildFileLineHints(stats, options).get('/work/app/generated.py')?.length ?? 0;
    return { label, ms: median(() => buildFileLineHints(stats, options), runs), hints };
  });
  return { lines: LINES, baselineMs, cases };
}

if (require.main === module) {
  const { baselineMs, cases } = measureEditorHints();
  console.log(`baseline: copy ${LINES.toLocaleString('en-US')} objects        ${baselineMs.toFixed(3)} ms`);
  for (const c of cases) {
    console.log(`${c.label.padEnd(42)} ${c.ms.toFixed(3)} ms  (${c.hints} hints, ${(c.ms / baselineMs).toFixed(1)}× baseline)`);
  }
  // With the default floor at most 200 lines can reach 0.5 % self, so the first two cases are the
  // worst case (a user who set minLineShare to 0), not the usual update.
}
