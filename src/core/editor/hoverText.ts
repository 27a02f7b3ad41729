import type { ProfileMeta } from '../model/profile';
import { formatPercent, formatWeight, weightToSeconds } from '../model/units';
import { weightIsReadable } from './lineHints';
import type { LineNeighbours, Neighbour } from './lineNeighbours';
import { escapeMarkdown, safeLinkTarget } from './markdown';
import { baseName } from './pathSegments';

/**
 * The text of the hover on a hot line and of the CodeLens over a profiled function. Every
 * string that came from the profile goes through `escapeMarkdown`; the host still renders the
 * hover with HTML off and trusts only its own focus command (`isTrusted: { enabledCommands }`).
 */

/** Everything the hover on one line shows. */
export interface LineHoverInput {
  /** The path to show (as recorded, or the local one). */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly self: number;
  readonly total: number;
  /** The total the shares are of: the profile's, or the zoomed node's. */
  readonly profileTotal: number;
  readonly meta: ProfileMeta;
  readonly neighbours?: LineNeighbours;
  /** The link that focuses this line in the flame graph, e.g. a `command:` URI built by the host. */
  readonly focusLink?: string;
  /** When zoomed: the name of the frame the shares are restricted to. */
  readonly zoomedTo?: string;
  /** The file changed since the recording: the numbers describe the recorded version. */
  readonly stale?: boolean;
}

// C++ and Cython symbols can run to thousands of characters; a hover line should not.
const MAX_NAME = 120;

/** The Markdown of a hot line's hover: self and total (share, samples, time), callers, callees, focus link. */
export function hoverMarkdown(input: LineHoverInput): string {
  const { meta, profileTotal } = input;
  const blocks: string[] = [`**Profile First** · ${escapeMarkdown(baseName(input.file))}:${input.line}`];
  if (input.zoomedTo !== undefined) blocks.push(`_Shares are of the zoom on ${escapeMarkdown(shorten(input.zoomedTo))}._`);
  if (input.stale === true) blocks.push('⚠ **Stale:** this file changed after the recording; these numbers describe the recorded version and may belong to another line.');
  blocks.push([`- **self** ${costParts(input.self, profileTotal, meta)}`, `- **total** ${costParts(input.total, profileTotal, meta)}`].join('\n'));
  const n = input.neighbours;
  if (n !== undefined && n.callers.length > 0) blocks.push(neighbourList("**Callers** (share of this line's total)", n.callers));
  if (n !== undefined && n.callees.length > 0) blocks.push(neighbourList("**Calls** (share of this line's total)", n.callees));
  if (input.focusLink !== undefined) blocks.push(`[Focus in flame graph](${safeLinkTarget(input.focusLink)})`);
  return blocks.join('\n\n');
}

/** A function's cost; `FunctionStat` from model/aggregate satisfies it. */
export interface FunctionCost {
  readonly self: number;
  readonly total: number;
}

/** The CodeLens title over a profiled function: `Profile First: 12.3 % total · 0.8 s · 4.1 % self`. */
export function lensText(fn: FunctionCost, total: number, meta: ProfileMeta): string {
  // Plain text with no profile strings in it, so nothing to escape (a lens title would render `$(…)` icons).
  const weight = weightIsReadable(meta) ? ` · ${formatWeight(fn.total, meta)}` : '';
  return `Profile First: ${formatPercent(fn.total, total)} total${weight} · ${formatPercent(fn.self, total)} self`;
}

/** "23.4 % · 234 samples · 2.34 s": the share, the count when the unit is samples, and seconds or bytes when known. */
function costParts(value: number, total: number, meta: ProfileMeta): string {
  const parts = [formatPercent(value, total)];
  // formatWeight without a rate gives the plain count ("234 samples"), one formatter for both.
  if (meta.unit === 'samples') parts.push(formatWeight(value, { ...meta, sampleRate: undefined }));
  if (meta.unit === 'bytes' || weightToSeconds(value, meta) !== undefined) parts.push(formatWeight(value, meta));
  return parts.join(' · ');
}

function neighbourList(heading: string, list: readonly Neighbour[]): string {
  const items = list.map((n) => {
    const where = n.file === undefined ? '' : ` — ${escapeMarkdown(baseName(n.file))}${n.line === undefined ? '' : `:${n.line}`}`;
    return `- ${formatPercent(n.share, 1)} ${escapeMarkdown(shorten(n.name))}${where}`;
  });
  return [heading, ...items].join('\n');
}

function shorten(name: string): string {
  return name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name;
}
