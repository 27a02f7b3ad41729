/**
 * The HTML of the "Profile First: Verification" panel: the verdict with its reasons, the two
 * command lines, and one table row per metric. A static page: no script runs in it, so its CSP
 * allows nothing but the stylesheet, and every value (command lines are typed by the user or
 * come from another command's argument) is escaped.
 */
import { MIN_MEANINGFUL_CHANGE, type MetricComparison, type SideStatistics } from '../verify/compare';
import { METRIC_INFO } from '../verify/metrics';
import type { VerifyResult } from '../verify/result';
import { minSampleSizeForQuantile } from '../verify/stats/quantiles';
import { describePMethod, type VerifyCommands } from '../verify/textReport';
import { formatP, formatRatio, type Verdict } from '../verify/verdict';
import { escapeHtml } from './escapeHtml';

/** What the verification page needs; the URI comes from `webview.asWebviewUri`. */
export interface VerdictHtmlOptions {
  readonly result: VerifyResult;
  readonly commands: VerifyCommands;
  /** `webview.cspSource`: the only origin the page may load its stylesheet from. */
  readonly cspSource: string;
  readonly styleUri: string;
}

/** Title of the panel and the page. */
export const VERIFICATION_TITLE = 'Profile First: Verification';

/** The CSP of the verification page: nothing at all but stylesheets from the webview (no script needed). */
export function verdictCsp(cspSource: string): string {
  return `default-src 'none'; style-src ${cspSource}`;
}

/** One sentence per verdict, above the reasons (which name the metrics). */
const VERDICT_SUMMARY: Readonly<Record<Verdict, string>> = {
  better: 'The candidate is better: at least one metric improved significantly and none got significantly worse.',
  worse: 'The candidate is worse: at least one metric got significantly worse and none improved significantly.',
  'trade-off': 'A trade-off: some metrics improved significantly and others got significantly worse.',
  'no-difference': 'No metric changed significantly.',
};

/** The whole page. */
export function buildVerdictHtml(options: VerdictHtmlOptions): string {
  const { result, commands } = options;
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(verdictCsp(options.cspSource))}">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="${escapeHtml(options.styleUri)}">
  <title>${escapeHtml(VERIFICATION_TITLE)}</title>
</head>
<body class="pf-verify">
<section id="verdict" class="pf-verdict pf-verdict-${escapeHtml(result.verdict)}" data-verdict="${escapeHtml(result.verdict)}">
  <h1>Verdict: <span id="verdict-value">${escapeHtml(result.verdict)}</span></h1>
  <p>${escapeHtml(VERDICT_SUMMARY[result.verdict])}</p>
  <ul id="reasons">
${result.reasons.map((r) => `    <li>${escapeHtml(r)}</li>`).join('\n')}
  </ul>
</section>
<dl class="pf-commands">
  <dt>Baseline</dt><dd><code id="baseline-command">${escapeHtml(commands.baseline)}</code></dd>
  <dt>Candidate</dt><dd><code id="candidate-command">${escapeHtml(commands.candidate)}</code></dd>
</dl>
<p id="plan">${escapeHtml(describePlan(result))}</p>
<div class="pf-scroll">
<table id="metrics">
  <thead><tr>${headerCells(['Metric', 'Baseline median', 'Candidate median', 'Ratio', '95 % CI', 'p', 'Significant', 'Direction'])}</tr></thead>
  <tbody>
${result.metrics.map(metricRow).join('\n')}
  </tbody>
</table>
</div>
<p class="pf-note">${escapeHtml(`Medians of each side; ratio = candidate / baseline (lower is better for every metric). p: ${describePMethod(result)}. A change is significant when p < 0.05 and the 95 % CI of the ratio excludes 1; it counts as better or worse when the medians are also at least ${MIN_MEANINGFUL_CHANGE * 100} % apart.`)}</p>
<div class="pf-scroll">
<table id="tails">
  <thead><tr>${headerCells(['Metric', 'Baseline p95', 'Candidate p95', 'Baseline p99', 'Candidate p99'])}</tr></thead>
  <tbody>
${result.metrics.map(tailRow).join('\n')}
  </tbody>
</table>
</div>
${notes(result)
  .map((n) => `<p class="pf-note">${escapeHtml(n)}</p>`)
  .join('\n')}
</body>
</html>
`;
}

/** "6 runs each, no warm-up, alternating baseline and candidate." */
function describePlan(result: VerifyResult): string {
  const warm = result.warmup === 0 ? 'no warm-up' : `after ${result.warmup} warm-up run${result.warmup === 1 ? '' : 's'} each`;
  return `${result.runs} run${result.runs === 1 ? '' : 's'} each, ${warm}, alternating baseline and candidate.`;
}

function headerCells(labels: readonly string[]): string {
  return labels.map((l) => `<th scope="col">${escapeHtml(l)}</th>`).join('');
}

/** A cell's text, or text with a tooltip (a `title`, which needs no script). */
type Cell = string | { readonly text: string; readonly title: string };

/** A row; `data-col` names each cell for tests and for people reading the HTML. */
function row(metric: MetricComparison, cells: readonly (readonly [string, Cell])[]): string {
  const label = METRIC_INFO[metric.metric].label;
  const td = (col: string, cell: Cell) =>
    typeof cell === 'string'
      ? `<td data-col="${escapeHtml(col)}">${escapeHtml(cell)}</td>`
      : `<td data-col="${escapeHtml(col)}" title="${escapeHtml(cell.title)}">${escapeHtml(cell.text)}</td>`;
  const tds = cells.map(([col, cell]) => td(col, cell)).join('');
  const cls = metric.direction === 'none' ? '' : ` class="pf-${metric.direction}"`;
  return `    <tr data-metric="${escapeHtml(metric.metric)}"${cls}><th scope="row">${escapeHtml(label)}</th>${tds}</tr>`;
}

function metricRow(m: MetricComparison): string {
  const f = METRIC_INFO[m.metric].format;
  return row(m, [
    ['baselineMedian', f(m.baseline.median)],
    ['candidateMedian', f(m.candidate.median)],
    ['ratio', `${formatRatio(m.ratio)}×`],
    ['ci95', `${formatRatio(m.ci95[0])}–${formatRatio(m.ci95[1])}`],
    ['p', formatP(m.pValue)],
    ['significant', m.significant ? 'yes' : 'no'],
    ['direction', m.direction === 'none' ? '—' : m.direction],
  ]);
}

function tailRow(m: MetricComparison): string {
  const tail = (side: SideStatistics, q: 0.95 | 0.99): Cell => {
    const reliable = q === 0.95 ? side.p95Reliable : side.p99Reliable;
    // Below this many runs the quantile is an interpolation between the slowest runs: a number
    // there would look like a measured tail and is not one.
    if (!reliable) return { text: '—', title: `needs ${minSampleSizeForQuantile(q)} runs per side` };
    return METRIC_INFO[m.metric].format(q === 0.95 ? side.p95 : side.p99);
  };
  return row(m, [
    ['baselineP95', tail(m.baseline, 0.95)],
    ['candidateP95', tail(m.candidate, 0.95)],
    ['baselineP99', tail(m.baseline, 0.99)],
    ['candidateP99', tail(m.candidate, 0.99)],
  ]);
}

/** Notes under the tails table: why tails are missing, why energy is missing. */
function notes(result: VerifyResult): string[] {
  const out: string[] = [];
  const sides = result.metrics.flatMap((m) => [m.baseline, m.candidate]);
  if (sides.some((s) => !s.p95Reliable || !s.p99Reliable)) {
    out.push(
      `p95 needs ${minSampleSizeForQuantile(0.95)} runs per side and p99 needs ${minSampleSizeForQuantile(0.99)}; ` +
        `with ${result.runs} run${result.runs === 1 ? '' : 's'} they would lie between the slowest runs, so they are shown as —. ` +
        'Raise profileFirst.verify.runs to see them.',
    );
  }
  if (result.energyUnavailable !== undefined) out.push(`Energy not measured: ${result.energyUnavailable}.`);
  return out;
}
