import { ProfileFirstError } from '../../errors';
import { DEFAULT_MAX_NODES, profileFiles } from '../callTree';
import type { ComparisonView } from '../comparison';
import type { FlameGraphData } from '../flameTree';
import { profileTotal, type Profile } from '../profile';
import { diffRows } from './diffRows';
import { buildDiffTree } from './diffTree';

/**
 * Everything the panel needs to show a comparison: the differential tree (pruned like a single
 * profile's, so the message stays small) and the table. The data's `meta` and `total` are the
 * candidate's, because the widths are.
 */

/** How a comparison is built. */
export interface ComparisonOptions {
  readonly baselineTitle: string;
  readonly candidateTitle: string;
  /** As FlameGraphOptions.minFramePercent. */
  readonly minFramePercent: number;
  /** As FlameGraphOptions.maxNodes. */
  readonly maxNodes?: number;
  /** Rows sent to the panel; the rest (the smallest changes) are counted in `omittedRows`. */
  readonly maxRows?: number;
}

/** The default cap on table rows: more than anyone reads, few enough to draw at once. */
export const DEFAULT_MAX_ROWS = 200;

/** Shown with every comparison (issue #7): one run's samples are not independent draws. */
export const CORRELATION_NOTE =
  'Samples within one run are correlated (consecutive samples often see the same call), so the p-values of one comparison are optimistic: treat it as indicative, and use repeated runs (Verify Change) as the real test.';

/** The differential flame graph data of two profiles; throws ProfileFirstError when they measure different things. */
export function buildComparisonData(baseline: Profile, candidate: Profile, options: ComparisonOptions): FlameGraphData {
  const b = baseline.meta;
  const c = candidate.meta;
  if (b.kind !== c.kind) {
    throw new ProfileFirstError(
      `Cannot compare a ${b.kind === 'cpu' ? 'CPU' : 'memory'} profile (${options.baselineTitle}) with a ${c.kind === 'cpu' ? 'CPU' : 'memory'} profile (${options.candidateTitle}): pick two profiles of the same kind.`,
    );
  }
  if (b.unit !== c.unit) {
    throw new ProfileFirstError(
      `Cannot compare ${options.baselineTitle} (weights in ${b.unit}) with ${options.candidateTitle} (weights in ${c.unit}): pick two profiles recorded the same way.`,
    );
  }
  const tree = buildDiffTree(baseline, candidate, options.minFramePercent, options.maxNodes ?? DEFAULT_MAX_NODES);
  const table = diffRows(baseline, candidate);
  const maxRows = Math.max(0, options.maxRows ?? DEFAULT_MAX_ROWS);
  const comparison: ComparisonView = {
    baseline: { title: options.baselineTitle, total: profileTotal(baseline), meta: b },
    candidate: { title: options.candidateTitle, total: tree.root.total, meta: c },
    unit: c.unit,
    rows: table.rows.slice(0, maxRows),
    omittedRows: Math.max(0, table.rows.length - maxRows),
    testApplies: table.testApplies,
    testNote: table.testNote,
    correlationNote: CORRELATION_NOTE,
    removedPercent: tree.removedPercent,
  };
  const files = new Set([...profileFiles(baseline), ...profileFiles(candidate)]);
  return {
    title: `${options.baselineTitle} → ${options.candidateTitle}`,
    meta: c,
    total: tree.root.total,
    root: tree.root,
    nodeCount: tree.nodeCount,
    shownNodeCount: tree.shownNodeCount,
    foldedBelowPercent: tree.foldedBelowPercent,
    files: [...files],
    comparison,
  };
}
