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
  if (abs >= 100) return `${sec.toFixed(0)} s`;
  if (abs >= 1) return `${sec.toFixed(2)} s`;
  if (abs >= 0.001) return `${(sec * 1000).toFixed(abs >= 0.1 ? 0 : 1)} ms`;
  if (abs === 0) return '0 s';
  return `${(sec * 1e6).toFixed(0)} µs`;
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
  return i === 0 ? `${v.toFixed(0)} B` : `${v.toFixed(1)} ${units[i]}`;
}

/** "23.4 %" with one decimal; "<0.1 %" for tiny non-zero shares. */
export function formatPercent(part: number, whole: number): string {
  if (whole <= 0) return '0 %';
  const p = (100 * part) / whole;
  if (p > 0 && p < 0.05) return '<0.1 %';
  return `${p.toFixed(1)} %`;
}

/** A weight in its natural unit: seconds when known, else samples, or bytes. */
export function formatWeight(value: number, meta: ProfileMeta): string {
  if (meta.unit === 'bytes') return formatBytes(value);
  const sec = weightToSeconds(value, meta);
  if (sec !== undefined) return formatSeconds(sec);
  const n = Math.round(value);
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'sample' : 'samples'}`;
}
