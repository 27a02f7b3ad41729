/**
 * One line of the benchmark table (issue 8). Every value travels with a baseline measured in the
 * same run, because absolute numbers drift on shared machines: `ratio` is value / baseline.
 * For a count or size with nothing to measure against (DOM elements, bundle bytes) the baseline
 * is the target itself, so ratio ≤ 1 means met; `baselineWhat` says which kind it is.
 */
export interface BenchRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: number;
  /** What the baseline is ("wc -l on the same file", "target"), for the printed table. */
  readonly baselineWhat: string;
  readonly ratio: number;
  /** The target, when it has one. */
  readonly target?: Target;
  /** A short remark (sizes, why a value is missing). */
  readonly note?: string;
}

/** A limit on the value or on the ratio. */
export interface Target {
  readonly on: 'value' | 'ratio';
  readonly max?: number;
  readonly min?: number;
}

/** Builds a row, computing the ratio. */
export function row(fields: Omit<BenchRow, 'ratio'>): BenchRow {
  return { ...fields, ratio: fields.baseline === 0 ? (fields.value === 0 ? 1 : Infinity) : fields.value / fields.baseline };
}

/** A row for something that could not be measured here; value and ratio are NaN (printed as null in JSON). */
export function missingRow(name: string, unit: string, note: string, target?: Target): BenchRow {
  return { name, value: NaN, unit, baseline: NaN, baselineWhat: '—', ratio: NaN, target, note };
}

/** met / MISSED / n/a against the row's target. */
export function verdict(r: BenchRow): 'met' | 'MISSED' | 'n/a' {
  if (r.target === undefined || Number.isNaN(r.value)) return 'n/a';
  const x = r.target.on === 'value' ? r.value : r.ratio;
  if (r.target.max !== undefined && !(x <= r.target.max)) return 'MISSED';
  if (r.target.min !== undefined && !(x >= r.target.min)) return 'MISSED';
  return 'met';
}

/** The `--json` line: exactly the five keys (NaN becomes null). */
export function jsonLine(r: BenchRow): string {
  const num = (x: number): number | null => (Number.isFinite(x) ? round(x) : null);
  return JSON.stringify({ name: r.name, value: num(r.value), unit: r.unit, baseline: num(r.baseline), ratio: num(r.ratio) });
}

function round(x: number): number {
  return Math.abs(x) >= 100 ? Math.round(x * 10) / 10 : Number(x.toPrecision(4));
}

function describeTarget(t: Target | undefined, unit: string): string {
  if (t === undefined) return '—';
  const what = t.on === 'ratio' ? 'ratio' : unit;
  if (t.max !== undefined && t.min !== undefined) return `${t.min}–${t.max} ${what}`;
  return t.max !== undefined ? `≤ ${t.max} ${what}` : `≥ ${t.min} ${what}`;
}

function show(x: number): string {
  if (Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return '∞';
  return Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : Number(x.toPrecision(3)).toString();
}

/** The human-readable table. */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['benchmark', 'value', 'baseline (same run)', 'ratio', 'target', 'verdict'];
  const cells = rows.map((r) => [
    r.name,
    `${show(r.value)} ${r.unit}`,
    Number.isNaN(r.baseline) ? '—' : `${show(r.baseline)} ${r.unit} (${r.baselineWhat})`,
    Number.isNaN(r.ratio) ? '—' : `${show(r.ratio)}×`,
    describeTarget(r.target, r.unit),
    verdict(r),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i])).join('  ').trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  rows.forEach((r, i) => {
    out.push(line(cells[i]));
    if (r.note !== undefined) out.push(`    ${r.note}`);
  });
  return out.join('\n');
}
