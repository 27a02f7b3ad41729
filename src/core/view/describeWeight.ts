/**
 * The wording of weights on the flame graph page (tooltip, header, search share). Numbers are
 * formatted by src/core/model/units.ts, the one place bytes and seconds become text; this file
 * only decides what is shown together. A sample count is shown as seconds only when the rate is
 * known from the recording (STYLE habit 7).
 */
import type { ProfileMeta } from '../model/profile';
import { formatBytes, formatPercent, formatSeconds, weightToSeconds } from '../model/units';

const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A count with thousands separators: `12,345`. */
export function formatCount(count: number): string {
  return integerFormat.format(count);
}

/** A weight in the profile's own unit: `1,234 samples`, `1.23 s`, `12.3 MiB`. */
export function formatInUnit(value: number, meta: ProfileMeta): string {
  switch (meta.unit) {
    case 'samples':
      return `${formatCount(value)} ${value === 1 ? 'sample' : 'samples'}`;
    case 'seconds':
      return formatSeconds(value);
    case 'bytes':
      return formatBytes(value);
  }
}

/** A frame's weight with its share of the whole: `1,234 samples · 12.3 % · 12.34 s` (seconds only when known). */
export function describeWeight(value: number, total: number, meta: ProfileMeta): string {
  const parts = [formatInUnit(value, meta), formatPercent(value, total)];
  if (meta.unit === 'samples') {
    const seconds = weightToSeconds(value, meta);
    if (seconds !== undefined) parts.push(formatSeconds(seconds));
  }
  return parts.join(' · ');
}

/** The profile's total for the header: `10,523 samples (105 s at 100 Hz)`, `1.2 GiB allocated`. */
export function describeTotal(total: number, meta: ProfileMeta): string {
  const weight = formatInUnit(total, meta);
  const seconds = meta.unit === 'samples' ? weightToSeconds(total, meta) : undefined;
  if (seconds !== undefined) return `${weight} (${formatSeconds(seconds)} at ${formatCount(meta.sampleRate ?? 0)} Hz)`;
  if (meta.unit === 'bytes') return `${weight} allocated`;
  return weight;
}

/** What a share of the profile is a share of, as in "12.3 % of samples match". */
export function shareNoun(meta: ProfileMeta): string {
  switch (meta.unit) {
    case 'samples':
      return 'samples';
    case 'seconds':
      return 'time';
    case 'bytes':
      return 'memory';
  }
}
