/**
 * Runs the mocha suite inside a real VS Code (Electron) with @vscode/test-electron, when a VS
 * Code binary is given in VSCODE_EXECUTABLE_PATH. Nothing is downloaded: without the variable
 * the suite is not run, and the reason is one line. The code-server suite is the gate here.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { e2eDir, examplesDir, repoRoot } from '../harness/paths';

const outDir = join(e2eDir, 'electron', 'out');
const outFile = join(outDir, 'index.js');

/** Why the suite cannot run here, or undefined when it can. */
export function electronSuiteSkipReason(): string | undefined {
  const executable = process.env.VSCODE_EXECUTABLE_PATH;
  if (executable === undefined || executable === '') {
    return '@vscode/test-electron suite not run: VSCODE_EXECUTABLE_PATH is not set (no VS Code binary on this machine, and none is downloaded)';
  }
  if (!existsSync(executable)) return `@vscode/test-electron suite not run: VSCODE_EXECUTABLE_PATH=${executable} does not exist`;
  return undefined;
}

/** Bundles the suite and runs it in VS Code against the repository's built extension. */
export async function runElectronSuite(vscodeExecutablePath: string): Promise<void> {
  if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
  // test/e2e is an ES module package; VS Code require()s the test entry, so out/ is CommonJS.
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'package.json'), '{ "type": "commonjs" }\n');
  await build({
    entryPoints: [join(e2eDir, 'electron', 'suite', 'index.ts')],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Provided by VS Code, and by test/e2e/node_modules at run time.
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  const { runTests } = await import('@vscode/test-electron');
  const profile = mkdtempSync(join(tmpdir(), 'pf-electron-'));
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: outFile,
      launchArgs: [examplesDir, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(profile, 'ud'), '--extensions-dir', join(profile, 'ext')],
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
