import type { ProfileMeta } from './profile';

/**
 * Formatting of weights, in one place so every surface says the same thing. A sample count is
 * shown as seconds only when the sampling rate is known from the recording (STYLE.md, habit 7).
 */

/** Seconds represented by a weight, or undefined when the profile's rate is unknown. */
export function weightToSeconds(value: number, meta: ProfileMeta): number | undefined {
  if (meta.unit === 'seconds') return value;
  if (meta.unit === 'samples' && meta.sampleRate !== undefined && meta.sampleRate > 0) return value / meta.sampleRate;
  return undefined;
}

/** "1.21 s", "340 ms", "12 µs". */
export function formatSeconds(sec: number): string {
  const abs = Math.abs(sec);
  if (abs >= 100) return `${toFixed(sec, 0)} s`;
  if (abs >= 1) return `${toFixed(sec, 2)} s`;
  if (abs >= 0.001) return `${toFixed(sec * 1000, abs >= 0.1 ? 0 : 1)} ms`;
  if (abs === 0) return '0 s';
  return `${toFixed(sec * 1e6, 0)} µs`;
}

/** Binary units: "48.2 MiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${toFixed(v, 0)} B` : `${toFixed(v, 1)} ${units[i]}`;
}

/** "23.4 %" with one decimal; "<0.1 %" for tiny non-zero shares. */
export function formatPercent(part: number, whole: number): string {
  if (whole <= 0) return '0 %';
  const p = (100 * part) / whole;
  if (p > 0 && p < 0.05) return '<0.1 %';
  return `${toFixed(p, 1)} %`;
}

const SCALE = [1, 10, 100] as const;

/**
 * Exactly `x.toFixed(digits)` (digits 0 to 2), several times faster for ordinary values: the
 * inline hints of a 10,000-line file format 40,000 numbers per update (issue 8: ≤ 5 ms), and
 * Number.prototype.toFixed was most of that. Scaled values below 1e9 are within 2e-7 of exact,
 * so rounding is decided the same way unless the value is within 1e-6 of a tie, where (like for
 * negative, huge or non-finite values) toFixed itself decides.
 */
export function toFixed(x: number, digits: 0 | 1 | 2): string {
  const scale = SCALE[digits];
  const y = x * scale;
  if (!(y >= 0 && y < 1e9)) return x.toFixed(digits);
  const floor = Math.floor(y);
  const frac = y - floor;
  if (frac > 0.499999 && frac < 0.500001) return x.toFixed(digits);
  const n = frac > 0.5 ? floor + 1 : floor;
  if (digits === 0) return `${n}`;
  const whole = Math.floor(n / scale);
  const rest = n - whole * scale;
  return digits === 1 ? `${whole}.${rest}` : `${whole}.${rest < 10 ? '0' : ''}${rest}`;
}

/** A weight in its natural unit: seconds when known, else samples, or bytes. */
export function formatWeight(value: number, meta: ProfileMeta): string {
  if (meta.unit === 'bytes') return formatBytes(value);
  const sec = weightToSeconds(value, meta);
  if (sec !== undefined) return formatSeconds(sec);
  const n = Math.round(value);
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'sample' : 'samples'}`;
}
