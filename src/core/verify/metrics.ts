/**
 * The dimensions a verification measures. Lower is better for every one of them, so a ratio
 * candidate/baseline below 1 is an improvement.
 */
import { formatBytes, formatSeconds } from '../model/units';

/** Keys of the measured metrics, as they appear in `verify --json`. */
export type MetricName = 'wallSec' | 'cpuSec' | 'peakRssBytes' | 'energyJ';

/** Every metric in display order; energy last because it is often absent. */
export const METRIC_NAMES: readonly MetricName[] = ['wallSec', 'cpuSec', 'peakRssBytes', 'energyJ'];

/** How a metric is named and formatted for people. */
export interface MetricInfo {
  readonly label: string;
  readonly format: (value: number) => string;
}

/** Labels and formatters, in one place for the CLI table and the VS Code panel. */
export const METRIC_INFO: Readonly<Record<MetricName, MetricInfo>> = {
  wallSec: { label: 'wall time', format: formatSeconds },
  cpuSec: { label: 'CPU time', format: formatSeconds },
  peakRssBytes: { label: 'peak RSS', format: formatBytes },
  energyJ: { label: 'energy', format: formatJoules },
};

/** "12.3 J", "850 mJ". */
export function formatJoules(joules: number): string {
  const abs = Math.abs(joules);
  if (abs >= 100) return `${joules.toFixed(0)} J`;
  if (abs >= 1) return `${joules.toFixed(2)} J`;
  if (abs === 0) return '0 J';
  return `${(joules * 1000).toFixed(abs >= 0.1 ? 0 : 1)} mJ`;
}
