/**
 * The text form of a verification, for the terminal: a comparison table, the tails of each
 * side, and the verdict line. Numbers come formatted from METRIC_INFO (units in one place).
 */
import { METRIC_INFO } from './metrics';
import { minSampleSizeForQuantile } from './stats/quantiles';
import type { VerifyResult } from './result';
import { formatP, formatRatio } from './verdict';

/** The two command lines as the user typed them. */
export interface VerifyCommands {
  readonly baseline: string;
  readonly candidate: string;
}

/** Renders the result as plain text lines (no colours: it may go to a CI log). */
export function formatVerifyText(result: VerifyResult, commands: VerifyCommands): string {
  const out: string[] = [];
  out.push(`baseline:  ${commands.baseline}`);
  out.push(`candidate: ${commands.candidate}`);
  const warm = result.warmup === 0 ? 'no warm-up' : `after ${result.warmup} warm-up run${result.warmup === 1 ? '' : 's'} each`;
  out.push(`${result.runs} run${result.runs === 1 ? '' : 's'} each, ${warm}, alternating baseline and candidate.`, '');
  out.push(
    ...table(
      ['metric', 'baseline', 'candidate', 'ratio', '95 % CI', 'p', 'change'],
      result.metrics.map((m) => [
        METRIC_INFO[m.metric].label,
        METRIC_INFO[m.metric].format(m.baseline.median),
        METRIC_INFO[m.metric].format(m.candidate.median),
        `${formatRatio(m.ratio)}×`,
        `${formatRatio(m.ci95[0])}–${formatRatio(m.ci95[1])}`,
        formatP(m.pValue),
        m.direction === 'none' ? '—' : m.direction,
      ]),
    ),
  );
  out.push(`baseline and candidate are medians; ratio = candidate/baseline (lower is better); p: ${describePMethod(result)}.`, '');
  const tailsReliable = result.metrics.every((m) => m.baseline.p99Reliable && m.candidate.p99Reliable);
  out.push(
    ...table(
      ['tails', 'baseline p95', 'p99', 'candidate p95', 'p99'],
      result.metrics.map((m) => {
        const f = METRIC_INFO[m.metric].format;
        return [METRIC_INFO[m.metric].label, f(m.baseline.p95), f(m.baseline.p99), f(m.candidate.p95), f(m.candidate.p99)];
      }),
    ),
  );
  if (!tailsReliable) {
    out.push(
      `p95 needs ${minSampleSizeForQuantile(0.95)} runs per side and p99 needs ${minSampleSizeForQuantile(0.99)}; ` +
        `with ${result.runs} they lie between the slowest runs.`,
    );
  }
  if (result.energyUnavailable !== undefined) out.push(`energy not measured: ${result.energyUnavailable}.`);
  out.push('', `verdict: ${result.verdict}`, ...result.reasons.map((r) => `  ${r}`));
  return `${out.join('\n')}\n`;
}

/** How the p-values were computed and adjusted, e.g. "Mann–Whitney U, two-sided, exact, Holm-adjusted across 3 metrics" (text report and panel). */
export function describePMethod(result: VerifyResult): string {
  const metrics = result.metrics;
  const adjusted = result.pAdjustment === 'holm' && metrics.length > 1;
  const methods = new Set(metrics.map((m) => m.pMethod));
  const how = methods.size === 1 && methods.has('exact') ? 'exact' : methods.has('exact') ? 'exact, or normal approximation where runs tie' : 'normal approximation (tied runs or many runs)';
  return `Mann–Whitney U, two-sided, ${how}${adjusted ? `, Holm-adjusted across ${metrics.length} metrics` : ''}`;
}

/** Left-aligned first column, right-aligned numbers, two spaces between columns. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
