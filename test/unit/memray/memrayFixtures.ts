/** Paths and loaders for the real memray fixtures (test/fixtures/memray/README.md says how they were made). */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMemrayExport } from '../../../src/core/formats/memrayExport';
import type { MemrayCapture } from '../../../src/core/formats/memrayModel';

/** Folder of the memray fixtures. */
export const MEMRAY_FIXTURES = join(__dirname, '..', '..', 'fixtures', 'memray');

/** Absolute path of one fixture. */
export function memrayFixture(name: string): string {
  return join(MEMRAY_FIXTURES, name);
}

/** A committed helper export, parsed into the model. */
export function loadCapture(name: string): MemrayCapture {
  const file = memrayFixture(name);
  return parseMemrayExport(JSON.parse(readFileSync(file, 'utf8')), file);
}

/** The committed export as plain JSON, for tests that corrupt it. */
export function loadJson(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(memrayFixture(name), 'utf8')) as Record<string, unknown>;
}

/** The project's .venv interpreter with memray (npm run setup), or an error saying how to get it. */
export function requireMemrayPython(): string {
  const python = join(__dirname, '..', '..', '..', '.venv', 'bin', 'python');
  const probe = spawnSync(python, ['-c', 'import memray'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new Error(`These tests run python/memray_export.py with the real memray, which was not found in ${python}. Run \`npm run setup\`: it creates .venv with memray from python/requirements-dev.txt.`);
  }
  return python;
}
