import { randomBytes } from 'node:crypto';
import { accessSync, constants, lstatSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AsyncLinter, findingToJson, isTestFile, type AsyncFinding } from '../../core/asyncLint';
import { parseArgs } from '../argParser';
import { profileEvidence } from '../profileEvidence';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../cliIo';

const HELP = `Usage: profile-first lint PATH... [--json] [--fix] [--profile FILE]

Finds awaits that run one at a time but look independent (sequential awaits).
PATH is a .py file or a folder (searched for *.py; .venv, node_modules, .git and
site-packages are skipped, and so are test files: test_*.py, *_test.py, tests/, conftest.py).
  --json   one JSON object: { "findings": [ { file, line, column, endLine, endColumn, rule, message, fixable } ] }
  --fix    rewrite the fixable findings in place with asyncio.gather (each file written atomically)
  --profile FILE  a CPU profile from 'profile-first record' (or its FILE.awaits.json): findings whose
           awaits waited for a real share of the run say how long ("this loop waited 2.1 s, 78 % of
           the run, 20 calls one at a time") and PF103 (consecutive awaits) is reported
Exit status: 0 no findings, 1 findings (after --fix: findings left), 2 bad usage or unreadable path.
Rules: PF101 await in a for loop, PF102 await in a comprehension, PF103 consecutive independent awaits
(PF103 needs a profile: it is reported only with --profile).
`;

/** Folders never searched: environments, dependencies, VCS data. */
const SKIPPED_DIRS = new Set(['.venv', 'venv', 'node_modules', '.git', 'site-packages', '__pycache__', '.tox', '.nox', '.mypy_cache']);

/** `profile-first lint`: sequential-await findings, as text or JSON, optionally fixed in place. */
export const lint: CliCommand = async (args, io) => {
  const parsed = parseArgs(args, { flags: ['--json', '--fix', '--help'], options: ['--profile'], aliases: { '-h': '--help' } });
  if (parsed.flags.has('--help')) {
    io.stdout(HELP);
    return ExitCode.ok;
  }
  if (parsed.positionals.length === 0) throw new UsageError('needs at least one PATH (a .py file or a folder).');
  const files = collectFiles(parsed.positionals, io);
  if (files === undefined) return ExitCode.usage;
  const profile = parsed.options.get('--profile');
  const evidence = profile === undefined ? undefined : await profileEvidence(profile, files.map((f) => f.absolute), io);
  const linter = await AsyncLinter.create();
  const findings: AsyncFinding[] = [];
  let fixedFindings = 0;
  let fixedFiles = 0;
  for (const file of files) {
    const text = readFileSync(file.absolute, 'utf8');
    const options = { file: file.shown, includeTests: true, evidence };
    if (!parsed.flags.has('--fix')) {
      findings.push(...linter.lint(text, options));
      continue;
    }
    const result = linter.fixAll(text, options);
    if (result.fixed > 0) {
      writeAtomically(file.absolute, result.text);
      fixedFindings += result.fixed;
      fixedFiles++;
    }
    findings.push(...result.remaining);
  }
  if (parsed.flags.has('--json')) {
    io.stdout(`${JSON.stringify({ findings: findings.map(findingToJson) }, null, 2)}\n`);
  } else {
    for (const f of findings) io.stdout(`${f.file}:${f.line}:${f.column}: ${f.rule} ${f.message}\n`);
  }
  if (parsed.flags.has('--fix')) {
    io.stderr(`Fixed ${fixedFindings} finding${fixedFindings === 1 ? '' : 's'} in ${fixedFiles} file${fixedFiles === 1 ? '' : 's'}; ${findings.length} left.\n`);
  }
  return findings.length > 0 ? ExitCode.failed : ExitCode.ok;
};

interface LintTarget {
  readonly absolute: string;
  /** The path as the user wrote it (joined with the path inside a folder). */
  readonly shown: string;
}

/** Files to lint, in a stable order; undefined (after an error line) when a PATH cannot be read. */
function collectFiles(paths: readonly string[], io: CliIo): LintTarget[] | undefined {
  const out: LintTarget[] = [];
  for (const p of paths) {
    const absolute = resolve(io.cwd, p);
    let isDir: boolean;
    try {
      isDir = statSync(absolute).isDirectory();
      accessSync(absolute, constants.R_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
      io.stderr(`profile-first lint: cannot read '${p}' (${why}).\nCheck the path: lint takes .py files and folders.\n`);
      return undefined;
    }
    if (isDir) walk(absolute, p, '', out);
    else out.push({ absolute, shown: p });
  }
  return out;
}

/**
 * Adds the folder's *.py files, depth first, sorted by name; symlinked folders are not
 * followed. Test files are recognised by their path inside the folder given (`rel`).
 */
function walk(dirAbs: string, dirShown: string, rel: string, out: LintTarget[]): void {
  let names: string[];
  try {
    names = readdirSync(dirAbs).sort();
  } catch {
    return; // an unreadable sub-folder is not an error of the PATH the user gave
  }
  for (const name of names) {
    const abs = join(dirAbs, name);
    const shown = join(dirShown, name);
    const inner = rel === '' ? name : `${rel}/${name}`;
    let st: Stats;
    try {
      st = lstatSync(abs);
      if (st.isSymbolicLink() && name.endsWith('.py')) st = statSync(abs);
    } catch {
      continue;
    }
    if (st.isDirectory() && !st.isSymbolicLink()) {
      if (!SKIPPED_DIRS.has(name)) walk(abs, shown, inner, out);
    } else if (st.isFile() && name.endsWith('.py') && !isTestFile(inner)) {
      out.push({ absolute: abs, shown });
    }
  }
}

/** Writes beside the file and renames over it, keeping its permissions (shared/DESIGN.md: atomic writes). */
function writeAtomically(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = statSync(path).mode & 0o7777;
  try {
    writeFileSync(tmp, text, { encoding: 'utf8', mode });
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // the temp file was never created
    }
    throw err;
  }
}
