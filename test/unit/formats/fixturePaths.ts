import { join } from 'node:path';

/** Folder of the real py-spy fixtures (see its README for the commands that made them). */
export const PYSPY_FIXTURES = join(__dirname, '..', '..', 'fixtures', 'pyspy');

/** Where the fixture programs lived when py-spy recorded them (paths are kept as recorded). */
export const RECORDED_PY = '/work/main/test/fixtures/python/';

/** The recording machine's standard library, as recorded. */
export const RECORDED_STDLIB = '/root/.pyenv/versions/3.11.7/lib/python3.11/';

/** Absolute path of one fixture. */
export function fixture(name: string): string {
  return join(PYSPY_FIXTURES, name);
}
