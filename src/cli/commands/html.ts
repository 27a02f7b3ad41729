/**
 * `profile-first html FILE -o OUT.html`: one self-contained flame graph page (the panel's own
 * webview bundle and CSS inlined, the pruned tree embedded as JSON), for sharing a profile with
 * someone who does not use VS Code. With `--baseline BEFORE`, the page is the comparison the
 * panel shows for Compare Profiles: the differential graph and the table of changes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from '../../core/capture/recordingFiles';
import { ProfileFirstError } from '../../core/errors';
import { readProfileFile } from '../../core/formats/readProfileFile';
import { withoutAwaitTimerFrames } from '../../core/awaitTiming';
import { buildFlameGraphData } from '../../core/model/callTree';
import { buildComparisonData } from '../../core/model/diff/comparisonData';
import type { FlameGraphData } from '../../core/model/flameTree';
import type { Profile } from '../../core/model/profile';
import { buildStandaloneHtml } from '../../core/view/standaloneHtml';
import { parseArgs } from '../argParser';
import { ExitCode, UsageError, type CliCommand } from '../cliIo';

const HELP = `Usage: profile-first html FILE -o OUT.html [--baseline BEFORE] [--min-frame-percent P] [--title TEXT]

Writes one self-contained HTML page with the profile's flame graph (search, zoom, tooltips).
  -o, --output OUT.html      where to write the page (written atomically)
  --baseline BEFORE          compare FILE with the profile BEFORE: a differential flame graph
                             (widths from FILE, red grew, blue shrank) and the table of changes
  --min-frame-percent P      fold frames narrower than P % of the total (default 0.1; 0 keeps all)
  --title TEXT               the page's heading (default: the profile's file name)
`;

/** The same default as the `profileFirst.flameGraph.minFramePercent` setting. */
const DEFAULT_MIN_FRAME_PERCENT = 0.1;

/** The files the page is made of, read from the package's dist/ and media/ folders. */
export interface PageAssets {
  readonly script: string;
  readonly css: string;
}

/** `profile-first html`: writes the page and prints its path. */
export const html: CliCommand = async (args, io) => {
  const parsed = parseArgs(args, {
    flags: ['--help'],
    options: ['--output', '--min-frame-percent', '--title', '--baseline'],
    aliases: { '-o': '--output', '-h': '--help' },
  });
  if (parsed.flags.has('--help')) {
    io.stdout(HELP);
    return ExitCode.ok;
  }
  if (parsed.positionals.length !== 1) throw new UsageError('needs exactly one profile FILE.');
  const output = parsed.options.get('--output');
  if (output === undefined || output === '') throw new UsageError('needs -o OUT.html (where to write the page).');
  const minFramePercent = minFramePercentOption(parsed.options.get('--min-frame-percent'));
  const input = parsed.positionals[0];
  const outFile = path.resolve(io.cwd, output);

  if (!existsSync(path.dirname(outFile))) throw new UsageError(`the folder for ${outFile} does not exist; create it first.`);

  const baseline = parsed.options.get('--baseline');
  if (baseline === '') throw new UsageError('--baseline needs the profile to compare with.');

  const assets = await loadPageAssets(findPackageRoot(__dirname));
  const profile = await readForPage(path.resolve(io.cwd, input));
  let data: FlameGraphData;
  if (baseline === undefined) {
    data = buildFlameGraphData(profile, { title: parsed.options.get('--title') ?? path.basename(input), minFramePercent });
  } else {
    const before = await readForPage(path.resolve(io.cwd, baseline));
    data = buildComparisonData(before, profile, { baselineTitle: path.basename(baseline), candidateTitle: path.basename(input), minFramePercent });
    const title = parsed.options.get('--title');
    if (title !== undefined) data = { ...data, title };
  }
  const page = buildStandaloneHtml({ title: data.title, data, script: assets.script, css: assets.css });
  try {
    await writeFileAtomic(outFile, page);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
    throw new ProfileFirstError(`cannot write ${outFile} (${code}); check that its folder is writable.`);
  }
  io.stdout(`${outFile}\n`);
  return ExitCode.ok;
};

/** A profile as the page shows it: the await timer's frames (between the event loop and every coroutine) are not the user's code. */
async function readForPage(file: string): Promise<Profile> {
  const read = await readProfileFile(file);
  return read.meta.kind === 'cpu' ? withoutAwaitTimerFrames(read) : read;
}

function minFramePercentOption(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_MIN_FRAME_PERCENT;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) {
    throw new UsageError(`--min-frame-percent must be a number from 0 to 100, not '${raw}'.`);
  }
  return value;
}

/**
 * The folder of the profile-first package, found upward from `start`: dist/ when running the
 * bundled CLI (dist/cli.js), src/cli/commands/ when running through tsx.
 */
export function findPackageRoot(start: string): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && isProfileFirstManifest(manifest)) return dir;
    if (path.dirname(dir) === dir) break;
  }
  throw new ProfileFirstError(`cannot find the profile-first package folder above ${start}; reinstall profile-first.`);
}

function isProfileFirstManifest(file: string): boolean {
  try {
    const manifest: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof manifest === 'object' && manifest !== null && (manifest as { name?: unknown }).name === 'profile-first';
  } catch {
    return false;
  }
}

/** Reads the webview bundle and the page's stylesheet. */
export async function loadPageAssets(root: string): Promise<PageAssets> {
  const read = async (relative: string): Promise<string> => {
    try {
      return await readFile(path.join(root, relative), 'utf8');
    } catch {
      throw new ProfileFirstError(`${path.join(root, relative)} is missing: run \`npm run build\` in ${root} first.`);
    }
  };
  const [script, css] = await Promise.all([read(path.join('dist', 'webview.js')), read(path.join('media', 'flamegraph-panel.css'))]);
  return { script: stripSourceMapComment(script), css };
}

/** The bundle's `//# sourceMappingURL=` would point at a file the page does not ship. */
function stripSourceMapComment(script: string): string {
  return script.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
}
