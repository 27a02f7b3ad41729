/**
 * The frame tooltip, built with textContent only. (d3-flame-graph's own tooltip, used before the
 * canvas chart, could render HTML: with `.html()` a frame named `<img onerror=…>` ran script,
 * shared/reference/flamegraph-and-security.md §2.3.)
 */
import type { FlameGraphData, FlameNode } from '../src/core/model/flameTree';
import { describeWeight } from '../src/core/view/describeWeight';
import { describeAllocations } from '../src/core/view/memoryText';
import { visibleText } from '../src/core/view/visibleText';
import { elementById, openModifierName } from './dom';

/** Where a frame's code is, as one line of text (bidi controls made visible). */
export function frameLocationText(node: FlameNode): string {
  if (node.file !== undefined) return visibleText(node.line !== undefined ? `${node.file}:${node.line}` : node.file);
  switch (node.kind) {
    case 'process':
      return 'process (pseudo-frame)';
    case 'thread':
      return 'thread (pseudo-frame)';
    case 'root':
      return 'all samples';
    case 'other':
      return 'frames too narrow to draw, folded together';
    default:
      return 'no source location recorded';
  }
}

/** The tooltip element, shown by the chart on hover. */
export class FrameTooltip {
  private readonly root = elementById('pf-tooltip', HTMLDivElement);
  private readonly name = elementById('pf-tip-name', HTMLDivElement);
  private readonly location = elementById('pf-tip-location', HTMLDivElement);
  private readonly self = elementById('pf-tip-self', HTMLSpanElement);
  private readonly total = elementById('pf-tip-total', HTMLSpanElement);
  private readonly hint = elementById('pf-tip-hint', HTMLDivElement);
  private data: FlameGraphData | undefined;

  constructor(private readonly openHint: string) {}

  /** The profile whose totals the percentages refer to. */
  setData(data: FlameGraphData): void {
    this.data = data;
  }

  /** Fills the tooltip for a frame and shows it beside the pointer. */
  show(event: MouseEvent, node: FlameNode): void {
    const data = this.data;
    if (data === undefined) return;
    this.name.textContent = visibleText(node.name);
    this.location.textContent = frameLocationText(node);
    this.self.textContent = describeWeight(node.self, data.total, data.meta);
    const allocations = node.allocations !== undefined ? ` · ${describeAllocations(node.allocations)}` : '';
    this.total.textContent = `${describeWeight(node.total, data.total, data.meta)}${allocations}`;
    this.hint.textContent = node.file !== undefined ? `Click to zoom · ${openModifierName}+click ${this.openHint}` : 'Click to zoom';
    this.root.hidden = false;
    this.move(event);
  }

  /** Keeps the tooltip beside the pointer, inside the viewport (position set through CSSOM, which the CSP allows). */
  move(event: MouseEvent): void {
    if (this.root.hidden) return;
    const gap = 14;
    const { offsetWidth: width, offsetHeight: height } = this.root;
    let left = event.clientX + gap;
    let top = event.clientY + gap;
    if (left + width > window.innerWidth) left = Math.max(0, event.clientX - width - gap);
    if (top + height > window.innerHeight) top = Math.max(0, event.clientY - height - gap);
    this.root.style.left = `${left}px`;
    this.root.style.top = `${top}px`;
  }

  hide(): void {
    this.root.hidden = true;
  }
}
