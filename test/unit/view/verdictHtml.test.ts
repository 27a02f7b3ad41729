import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MetricComparison, SideStatistics } from '../../../src/core/verify/compare';
import type { VerifyResult } from '../../../src/core/verify/result';
import { buildVerdictHtml, verdictCsp } from '../../../src/core/view/verdictHtml';
import { decodeEntities, startTags } from './htmlCheck';

const CSP_SOURCE = 'https://*.vscode-cdn.net';
const STYLE_URI = 'https://x.vscode-cdn.net/ext/media/verification-panel.css';

function side(median: number, p95: number, p99: number, n: number): SideStatistics {
  return { median, p95, p99, values: Array.from({ length: n }, () => median), p95Reliable: n >= 20, p99Reliable: n >= 100 };
}

const wall: MetricComparison = {
  metric: 'wallSec',
  baseline: side(0.502, 0.669, 0.699, 6),
  candidate: side(0.275, 0.397, 0.423, 6),
  ratio: 0.5487,
  ci95: [0.4351, 0.7742],
  pValue: 0.0087,
  pValueUnadjusted: 0.0043,
  pMethod: 'exact',
  significant: true,
  direction: 'better',
};
const rss: MetricComparison = {
  metric: 'peakRssBytes',
  baseline: side(14 * 2 ** 20, 14.2 * 2 ** 20, 14.25 * 2 ** 20, 6),
  candidate: side(14 * 2 ** 20, 14 * 2 ** 20, 14.1 * 2 ** 20, 6),
  ratio: 1,
  ci95: [0.989, 1.004],
  pValue: 0.17,
  pValueUnadjusted: 0.17,
  pMethod: 'asymptotic',
  significant: false,
  direction: 'none',
};
const result: VerifyResult = {
  runs: 6,
  warmup: 0,
  metrics: [wall, rss],
  verdict: 'better',
  reasons: ['wallSec better: 0.549× baseline (95 % CI 0.435–0.774), p = 0.0087'],
  pAdjustment: 'holm',
  energyUnavailable: 'no RAPL counters in /sys/class/powercap',
};
const HOSTILE = `python3 "</code><script>alert(1)</script>" '<img src=x onerror=alert(2)>' & "x"`;
const html = buildVerdictHtml({ result, commands: { baseline: HOSTILE, candidate: 'python3 fast.py' }, cspSource: CSP_SOURCE, styleUri: STYLE_URI });

/** Text of each `data-col` cell in the row of `metric` in table `table`. */
function cells(table: 'metrics' | 'tails', metric: string): Record<string, string> {
  const body = html.slice(html.indexOf(`<table id="${table}">`), html.indexOf('</table>', html.indexOf(`<table id="${table}">`)));
  const row = new RegExp(`<tr data-metric="${metric}"[^>]*><th scope="row">([^<]*)</th>(.*?)</tr>`).exec(body);
  assert.ok(row, `no ${metric} row in #${table}`);
  const out: Record<string, string> = { label: decodeEntities(row[1]) };
  for (const m of row[2].matchAll(/<td data-col="(\w+)"(?: title="([^"]*)")?>([^<]*)<\/td>/g)) {
    out[m[1]] = decodeEntities(m[3]) + (m[2] === undefined ? '' : ` [${decodeEntities(m[2])}]`);
  }
  return out;
}

describe('buildVerdictHtml', () => {
  const tags = startTags(html);

  it('allows nothing but stylesheets from the webview: no script can run in the page', () => {
    const meta = tags.filter((t) => t.name === 'meta' && t.attributes.get('http-equiv') === 'Content-Security-Policy');
    assert.equal(meta.length, 1);
    assert.equal(decodeEntities(meta[0].attributes.get('content') ?? ''), `default-src 'none'; style-src ${CSP_SOURCE}`);
    assert.equal(verdictCsp(CSP_SOURCE), `default-src 'none'; style-src ${CSP_SOURCE}`);
    assert.deepEqual(
      tags.filter((t) => t.name === 'link').map((t) => t.attributes.get('href')),
      [STYLE_URI],
    );
  });

  it('shows the verdict, its summary and its reasons', () => {
    assert.match(html, /<section id="verdict" class="pf-verdict pf-verdict-better" data-verdict="better">/);
    assert.match(html, /<h1>Verdict: <span id="verdict-value">better<\/span><\/h1>/);
    assert.match(html, /<li>wallSec better: 0\.549× baseline \(95 % CI 0\.435–0\.774\), p = 0\.0087<\/li>/);
    assert.match(html, /<p id="plan">6 runs each, no warm-up, alternating baseline and candidate\.<\/p>/);
  });

  it('has one row per metric with medians in their units, ratio, interval, p, significance and direction', () => {
    assert.deepEqual(cells('metrics', 'wallSec'), {
      label: 'wall time',
      baselineMedian: '502 ms',
      candidateMedian: '275 ms',
      ratio: '0.549×',
      ci95: '0.435–0.774',
      p: '0.0087',
      significant: 'yes',
      direction: 'better',
    });
    assert.deepEqual(cells('metrics', 'peakRssBytes'), {
      label: 'peak RSS',
      baselineMedian: '14.0 MiB',
      candidateMedian: '14.0 MiB',
      ratio: '1.00×',
      ci95: '0.989–1.00',
      p: '0.17',
      significant: 'no',
      direction: '—',
    });
    assert.equal(html.match(/<tr data-metric=/g)?.length, 4, 'two metrics, each in both tables');
  });

  it('shows p95 and p99 as — with the run count they need when there are too few runs, and says why', () => {
    assert.deepEqual(cells('tails', 'wallSec'), {
      label: 'wall time',
      baselineP95: '— [needs 20 runs per side]',
      candidateP95: '— [needs 20 runs per side]',
      baselineP99: '— [needs 100 runs per side]',
      candidateP99: '— [needs 100 runs per side]',
    });
    assert.match(html, /p95 needs 20 runs per side and p99 needs 100; with 6 runs they would lie between the slowest runs, so they are shown as —\./);
  });

  it('shows p95 and p99 values once there are enough runs', () => {
    const many: VerifyResult = {
      ...result,
      runs: 100,
      metrics: [{ ...wall, baseline: side(0.5, 0.61, 0.702, 100), candidate: side(0.25, 0.3, 0.35, 100) }],
    };
    const page = buildVerdictHtml({ result: many, commands: { baseline: 'a', candidate: 'b' }, cspSource: CSP_SOURCE, styleUri: STYLE_URI });
    assert.match(page, /<td data-col="baselineP95">610 ms<\/td><td data-col="candidateP95">300 ms<\/td><td data-col="baselineP99">702 ms<\/td><td data-col="candidateP99">350 ms<\/td>/);
    assert.doesNotMatch(page, /they would lie between the slowest runs/);
  });

  it('says how the p-values were computed and why energy is missing', () => {
    assert.match(html, /p: Mann–Whitney U, two-sided, exact, or normal approximation where runs tie, Holm-adjusted across 2 metrics\./);
    assert.match(html, /<p class="pf-note">Energy not measured: no RAPL counters in \/sys\/class\/powercap\.<\/p>/);
  });

  it('shows a hostile command line as text: escaped, no element or attribute from it', () => {
    assert.match(
      html,
      /<code id="baseline-command">python3 &quot;&lt;\/code&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot; &#39;&lt;img src=x onerror=alert\(2\)&gt;&#39; &amp; &quot;x&quot;<\/code>/,
    );
    assert.equal(tags.filter((t) => t.name === 'script' || t.name === 'img').length, 0);
    for (const tag of tags) {
      assert.ok(!tag.attributes.has('style'), `<${tag.name}> has a style attribute`);
      for (const name of tag.attributes.keys()) assert.ok(!name.startsWith('on'), `<${tag.name}> has ${name}`);
    }
  });
});
