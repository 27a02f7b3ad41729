/** The page header: title, what was measured and its total, and how much was folded. */
import type { FlameGraphData } from '../src/core/model/flameTree';
import type { ProfileMeta } from '../src/core/model/profile';
import { prunedBelowPercent } from '../src/core/view/flameSearch';
import { visibleText } from '../src/core/view/visibleText';
import { describeTotal, formatCount } from '../src/core/view/describeWeight';
import { describeAllocations, describeMemoryTotal } from '../src/core/view/memoryText';
import { elementById } from './dom';

function measuredText(meta: ProfileMeta): string {
  return `${meta.tool} · ${meta.kind === 'cpu' ? 'CPU' : 'memory'}`;
}

/** "N of M frames shown (narrower than X % folded)", or undefined when nothing was folded. */
export function prunedText(data: FlameGraphData): string | undefined {
  if (data.shownNodeCount >= data.nodeCount) return undefined;
  const percent = prunedBelowPercent(data);
  const why = percent !== undefined ? `narrower than ${percent} % folded` : 'narrower frames folded';
  return `${formatCount(data.shownNodeCount)} of ${formatCount(data.nodeCount)} frames shown (${why})`;
}

/** The line under the title: `py-spy · CPU · total …`, `memray · memory · 64.2 MiB held at the peak · 1,204 allocations`. */
export function summaryText(data: FlameGraphData): string {
  const total = data.memory !== undefined ? describeMemoryTotal(data.total, data.memory.mode) : `total ${describeTotal(data.total, data.meta)}`;
  const allocations = data.root.allocations !== undefined ? ` · ${describeAllocations(data.root.allocations)}` : '';
  return `${measuredText(data.meta)} · ${total}${allocations}`;
}

/** Fills the header for a profile (all profile strings as text). */
export function renderHeader(data: FlameGraphData): void {
  const title = visibleText(data.title);
  elementById('pf-title', HTMLHeadingElement).textContent = title;
  document.title = title;
  elementById('pf-summary', HTMLDivElement).textContent = summaryText(data);
  const pruned = elementById('pf-pruned', HTMLDivElement);
  const text = prunedText(data);
  pruned.textContent = text ?? '';
  pruned.hidden = text === undefined;
}
